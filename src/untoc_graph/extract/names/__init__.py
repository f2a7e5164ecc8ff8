"""Persons: the words around names (:mod:`.words`), the evidence that a capitalised run is a
person (:mod:`.evidence`), and the persons of a field and of an entry (:mod:`.persons`)."""

from .persons import add_persons, find_persons

__all__ = ["find_persons", "add_persons"]
