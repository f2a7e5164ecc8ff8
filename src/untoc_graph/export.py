"""Export: the graph as Turtle and the other RDF formats."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .terms import DEFAULT_BASE, RESOURCE_KINDS, prefixes

__all__ = ["triples", "write_turtle", "atomic_write"]


ORDER = {kind: rank for rank, kind in enumerate(RESOURCE_KINDS)}


def _order(triple: ox.Triple) -> tuple:
    subject = triple.subject.value
    kind = subject.rsplit("/", 2)[-2] if subject.count("/") > 2 else ""
    return ORDER.get(kind, len(ORDER)), subject, str(triple.predicate), str(triple.object)


def triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of every named graph, once each, in a stable order (subjects grouped)."""
    unique = {q.triple for q in store.quads_for_pattern(None, None, None)}
    return sorted(unique, key=_order)


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write a file through a temporary file renamed into place: readers never see half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes files private; outputs are meant to be shared
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_turtle(store: ox.Store, path: str | Path, base: str | None = None) -> int:
    """Write the union of the store's graphs as Turtle with readable prefixes; return the count."""
    found = triples(store)
    data = ox.serialize(found, format=ox.RdfFormat.TURTLE, prefixes=prefixes(base or DEFAULT_BASE))
    atomic_write(path, data)
    return len(found)
