"""Entries mapped in batches, in worker processes when asked, and written as sections of
untoc.ttl, with the byte offsets the store's bulk loads start at."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import multiprocessing
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .extract import extract, prepare
from .lexicon import Lexicon, default_lexicon
from .mapping import Minter, map_duplicates, map_entry, map_source
from .pages import read_any
from .progress import count
from .sources import Entry, SourceError
from .terms import prefixes
from .turtle import (
    TrigReader,
    section_mark,
    statements,
    turtle_header,
)

BATCH = 250  # entries a worker maps at a time
COUNT_EVERY = 100  # entries between two updates of the progress display
EXECUTOR_JOBS = 8  # batches in flight on an executor, at least: twice this many wait mapped


LOAD_BYTES = 16 << 20  # of Turtle per bulk load: about 350,000 quads, 350 MB in the loader


LONG_TEXT = 4_000_000  # characters: Oxigraph's parser reads no token longer than 16 MB


@dataclass(frozen=True)
class Mapped:
    """One entry, extracted and mapped, as the worker hands it back: Turtle statements of what
    only this article states, and of the nodes it describes that other articles may share."""

    line: int
    article: str
    published: str
    own: bytes
    shared: tuple[tuple[bytes, bytes], ...]  # (digest, statements) by node
    warnings: tuple[str, ...]
    body: str | None  # digest of the text after the dateline, to find stories published twice
    direct: tuple[tuple, ...] = ()  # the own triples of a text too long to parse back


_context: tuple | None = None  # (lexicon, minter, prefixes) of the workers, set before forking


def _map_one(entry: Entry, graph: ox.NamedNode) -> Mapped:
    lexicon, mint, names = _context
    extraction = extract(entry, lexicon)
    own, shared = map_entry(extraction, mint, graph)
    body = entry.text[len(entry.dateline) :].strip(" .–—-")
    return Mapped(
        line=entry.line,
        article=mint.article(extraction).value,
        published=str(extraction.published),
        own=statements(own, names),
        shared=tuple(_block(tuple(triples)) for triples in shared.values()),
        warnings=tuple(extraction.warnings),
        body=hashlib.sha1(body.encode()).hexdigest() if len(body) > 80 else None,
        direct=tuple(own) if len(entry.text) > LONG_TEXT else (),
    )


@functools.lru_cache(maxsize=4096)  # entities recur, events mostly do not
def _block(triples: tuple) -> tuple[bytes, bytes]:
    data = statements(triples, _context[2])
    return hashlib.blake2b(data, digest_size=16).digest(), data


def _map_batch(graph: str, entries: list[Entry], base: str | None = None) -> list[Mapped]:
    """Map a batch where it runs: in this process, a forked worker (which has the context
    already), or a process of another executor, which makes its own once, from the shipped
    vocabularies and the base IRI."""
    global _context
    if _context is None:
        mint = Minter(base) if base else Minter()
        prepare(default_lexicon())
        _context = (default_lexicon(), mint, prefixes(mint.base))
    node = ox.NamedNode(graph)
    return [_map_one(entry, node) for entry in entries]


@contextlib.contextmanager
def _mapper(lexicon: Lexicon, mint: Minter, names: dict, jobs: int, executor: Executor | None):
    """A function mapping a source's entries, in their order: here, in ``jobs`` forked
    processes, or on an ``executor`` (a Dask cluster's, for one). Forked workers start with
    the lexicon already loaded; at most two batches per worker wait in memory."""
    global _context
    if executor is not None and lexicon is not default_lexicon():
        raise ValueError("an executor's workers read with the shipped vocabularies: no lexicon")
    _context = (lexicon, mint, names)
    prepare(lexicon)
    if jobs <= 1 and executor is None:
        yield lambda graph, entries: (_map_one(e, graph) for e in entries)
        return
    if executor is None:
        gc.freeze()  # the lexicon's pages stay shared with the workers
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    else:
        pool, jobs = executor, max(jobs, EXECUTOR_JOBS)

    def run(graph: ox.NamedNode, entries: Iterable[Entry]) -> Iterator[Mapped]:
        pending: deque = deque()
        entries = iter(entries)
        while batch := list(itertools.islice(entries, BATCH)):
            pending.append(pool.submit(_map_batch, graph.value, batch, mint.base))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    try:
        yield run
    finally:
        if executor is None:
            pool.shutdown(cancel_futures=True)
            gc.unfreeze()


@dataclass
class _Written:
    """What the mapping stage wrote: Turtle sections by graph, entries and warnings."""

    header: bytes = b""
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    entries: int = 0
    warnings: list[str] = field(default_factory=list)
    # statements the store takes as quads rather than parsed back: where they are, and them
    holes: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    direct: list[ox.Quad] = field(default_factory=list)
    # entry boundaries about LOAD_BYTES apart, where one bulk load ends and the next begins
    cuts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def load(self, store: ox.Store, path: Path, graphs: Iterable[str], progress=None) -> None:
        """Bulk-load these graphs' sections of ``path``, the file they were written to, a slice
        at a time: Oxigraph's bulk loader holds what it is given in memory, so a slice bounds
        its memory whatever the size of the corpus."""
        graphs = set(graphs)
        slices: list[list[tuple]] = [[]]
        for graph, (start, stop) in self.sections.items():
            if graph not in graphs:
                continue
            marks = [(a, b, "hole") for a, b in self.holes.get(graph, [])]
            marks += [(a, a, "cut") for a in self.cuts.get(graph, [])]
            for mark_start, mark_stop, kind in sorted(marks):
                slices[-1].append((graph, path, start, mark_start))
                if kind == "cut":
                    slices.append([])
                start = mark_stop
            slices[-1].append((graph, path, start, stop))
        count(progress, "loading the store", 0, len(slices), "slices")
        for done, parts in enumerate(slices, 1):
            store.bulk_load(TrigReader(self.header, parts), ox.RdfFormat.TRIG)
            count(progress, "loading the store", done, len(slices), "slices")
        store.bulk_extend(q for q in self.direct if q.graph_name.value in graphs)


@dataclass(frozen=True)
class _Seen:
    """Where an entry is, to name it among the stories published twice."""

    line: int
    article: str
    published: str


def _write_sections(
    paths: list[Path],
    out: BinaryIO,
    mint: Minter,
    lexicon: Lexicon,
    jobs: int,
    progress,
    executor: Executor | None = None,
) -> _Written:
    """Read, extract and map every source into ``out`` as Turtle, one section per source: its
    articles in order, each followed by the descriptions of the nodes first named there."""
    names = prefixes(mint.base)
    written = _Written(header=turtle_header(names))
    out.write(written.header)
    with _mapper(lexicon, mint, names, jobs, executor) as map_entries:
        for path in paths:
            info, entries = read_any(path, lexicon.gazetteer.is_place)
            graph = mint.source(info.name)
            if graph.value in written.sections:
                raise SourceError(str(path), "is given twice (or shares its name with another)")
            out.write(section_mark(graph))
            begin = out.tell()
            out.write(statements(map_source(info, mint), names))
            seen: set[bytes] = set()
            texts: dict[str, list[_Seen]] = defaultdict(list)
            last_cut = begin
            stage = f"extracting {info.name}"
            count(progress, stage, 0, len(entries), "entries")
            for done, mapped in enumerate(map_entries(graph, entries), 1):
                if mapped.direct:
                    written.holes[graph.value].append((out.tell(), out.tell() + len(mapped.own)))
                    written.direct += [ox.Quad(*t, graph) for t in mapped.direct]
                out.write(mapped.own)
                for digest, data in mapped.shared:
                    if digest not in seen:
                        seen.add(digest)
                        out.write(data)
                written.warnings += [f"{info.name}:{mapped.line}: {w}" for w in mapped.warnings]
                if mapped.body:
                    texts[mapped.body].append(_Seen(mapped.line, mapped.article, mapped.published))
                written.entries += 1
                if out.tell() - last_cut >= LOAD_BYTES:
                    last_cut = out.tell()
                    written.cuts[graph.value].append(last_cut)
                if done % COUNT_EVERY == 0 or done == len(entries):
                    count(progress, stage, done, len(entries), "entries")
            groups = [g for g in texts.values() if len(g) > 1]
            out.write(
                statements(
                    map_duplicates(
                        [[(ox.NamedNode(x.article), x.published) for x in g] for g in groups],
                        graph,
                    ),
                    names,
                )
            )
            for group in groups:
                for x in group:
                    others = ", ".join(f"line {o.line}" for o in group if o is not x)
                    written.warnings.append(f"{info.name}:{x.line}: same text as {others}")
            written.sections[graph.value] = (begin, out.tell())
    return written


def _prepare(paths, base, lexicon, progress) -> tuple[list[Path], Minter, Lexicon]:
    paths = [Path(p) for p in paths]
    progress("loading vocabularies and gazetteer")
    lexicon = lexicon or default_lexicon()
    progress(f"reading {len(paths)} source(s)")
    return paths, (Minter(base) if base else Minter()), lexicon
