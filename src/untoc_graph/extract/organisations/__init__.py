"""Organisations and programmes no vocabulary knows, found by their form, one step per module:
the words bodies are named with (:mod:`.words`), where a name starts (:mod:`.reader`) and ends
(:mod:`.complements`), names grown from head words (:mod:`.growth`), acronyms
(:mod:`.acronyms`), programmes named next to their word (:mod:`.programme_words`), what is
added to a field (:mod:`.bodies`), and one body per entry (:mod:`.unify`)."""

from .bodies import add_bodies
from .unify import unify_bodies

__all__ = ["add_bodies", "unify_bodies"]
