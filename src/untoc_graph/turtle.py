"""The untoc.ttl section format, which build, ingest, remove and export share: Turtle laid
out by source, each source's triples after a ``# graph <IRI>`` line, in a stable order; read
back as sections (byte ranges) and streamed to the store as one TriG document."""

from __future__ import annotations

import functools
import io
import mmap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .files import atomic_output, file_range
from .progress import count
from .terms import DEFAULT_BASE, RESOURCE_KINDS, prefixes

__all__ = [
    "triples",
    "turtle_header",
    "statements",
    "section_mark",
    "turtle_sections",
    "TrigReader",
    "write_sections",
    "write_turtle",
    "RDF_FORMATS",
]


ORDER = {kind: rank for rank, kind in enumerate(RESOURCE_KINDS)}


def _order(triple: ox.Triple) -> tuple:
    subject = triple.subject.value
    kind = subject.rsplit("/", 2)[-2] if subject.count("/") > 2 else ""
    return ORDER.get(kind, len(ORDER)), subject, str(triple.predicate), str(triple.object)


def triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of every named graph, once each, in a stable order (subjects grouped)."""
    unique = {q.triple for q in store.quads_for_pattern(None, None, None)}
    return sorted(unique, key=_order)


def turtle_header(names: dict[str, str]) -> bytes:
    """The ``@prefix`` lines that open a Turtle file written with these prefixes."""
    return _header(tuple(names.items()))


@functools.lru_cache(maxsize=8)
def _header(names: tuple[tuple[str, str], ...]) -> bytes:
    probe = ox.NamedNode("urn:x-probe:s")
    data = ox.serialize(
        [ox.Triple(probe, probe, probe)], format=ox.RdfFormat.TURTLE, prefixes=dict(names)
    )
    return data[: data.index(b"<urn:x-probe:s>")]


def statements(triples: Iterable[tuple | ox.Triple | ox.Quad], names: dict[str, str]) -> bytes:
    """Turtle statements of ``triples`` (subjects that follow each other grouped), without the
    ``@prefix`` lines, for a file or TriG graph whose header declares ``names``."""
    found = [
        t if isinstance(t, ox.Triple) else t.triple if isinstance(t, ox.Quad) else ox.Triple(*t)
        for t in triples
    ]
    if not found:
        return b""
    return ox.serialize(found, format=ox.RdfFormat.TURTLE, prefixes=names)[
        len(turtle_header(names)) :
    ]


MARK = b"\n# graph <"


def section_mark(graph: ox.NamedNode) -> bytes:
    """The comment that opens the section of a source's named graph in ``untoc.ttl``."""
    return MARK + graph.value.encode() + b">\n"


def turtle_sections(path: str | Path) -> tuple[bytes, dict[str, tuple[int, int]]]:
    """The header of a Turtle file laid out by source (as the build writes it) and, by graph
    IRI, the byte range of each section's statements. Literals never hold a raw line break, so
    the marks cannot occur inside one."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        marks = []
        at = m.find(MARK)
        while at >= 0:
            end = m.find(b">\n", at)
            marks.append((at, m[at + len(MARK) : end].decode(), end + 2))
            at = m.find(MARK, end)
        header = m[: marks[0][0] if marks else len(m)]
        size = len(m)
    ranges = {}
    for index, (_, graph, start) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else size
        ranges[graph] = (start, stop)
    return header, ranges


class TrigReader(io.RawIOBase):
    """Sections of Turtle files read as one TriG document, each section in its named graph:
    what the store's bulk loader reads, without a copy of the data in memory or on disk."""

    def __init__(self, header: bytes, parts: Iterable[tuple[str, str | Path, int, int]]):
        self._chunks = self._read(header, parts)
        self._buffer = memoryview(b"")

    @staticmethod
    def _read(header: bytes, parts) -> Iterator[bytes]:
        yield header
        for graph, path, start, stop in parts:
            yield b"\n<" + graph.encode() + b"> {\n"
            yield from file_range(path, start, stop)
            yield b"\n}\n"

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        size = min(len(buffer), len(self._buffer))
        buffer[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


class _After(io.RawIOBase):
    """A writer that drops the first ``skip`` bytes written to it (a repeated header)."""

    def __init__(self, out: BinaryIO, skip: int):
        self._out, self._skip = out, skip

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = memoryview(data)
        dropped = min(self._skip, len(data))
        self._skip -= dropped
        self._out.write(data[dropped:])
        return len(data)


def write_sections(
    store: ox.Store, out: BinaryIO, fmt: str, names: dict[str, str], progress=None
) -> None:
    """The store as Turtle laid out by source, as the build writes ``untoc.ttl`` — the
    prefixes, then each named graph's statements under its mark — or as N-Triples, one graph
    after the other; streamed from the store. ``progress`` counts the graphs written."""
    header = turtle_header(names) if fmt == "ttl" else b""
    out.write(header)
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    for done, graph in enumerate(graphs):
        count(progress, "writing", done, len(graphs), "graphs")
        if fmt == "ttl":
            out.write(section_mark(graph))
        options = {"prefixes": names} if fmt == "ttl" else {}
        store.dump(_After(out, len(header)), RDF_FORMATS[fmt], from_graph=graph, **options)
    count(progress, "writing", len(graphs), len(graphs), "graphs")


def write_turtle(store: ox.Store, path: str | Path, base: str | None = None) -> int:
    """Write ``untoc.ttl`` again from the store (see :func:`write_sections`); return the number
    of quads."""
    with atomic_output(Path(path)) as out:
        write_sections(store, out, "ttl", prefixes(base or DEFAULT_BASE))
    return len(store)


RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
