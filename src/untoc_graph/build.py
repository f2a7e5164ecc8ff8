"""The build: listings → entries → extractions → quads → store → Turtle and a first view.

This module only wires the stages together; each stage lives in its own module.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import gc
import hashlib
import itertools
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from filelock import FileLock, Timeout

from . import terms as T
from .errors import UntocError
from .export import (
    TrigReader,
    section_mark,
    statements,
    turtle_header,
    turtle_sections,
    write_sections,
)
from .extract import extract
from .files import atomic_output, file_range
from .lexicon import Lexicon, default_lexicon
from .mapping import Minter, map_duplicates, map_entry, map_source
from .pages import read_any
from .sources import Entry, SourceError
from .store import (
    STAMP,
    StoreError,
    open_store,
    read_stamp,
    recover,
    replace_store,
    update_store,
    write_stamp,
)
from .terms import DEFAULT_BASE, prefixes
from .validate import Violation, graph_of_store
from .validate import validate as check_shapes
from .views import ViewError, ViewOptions, build_view, too_many, write_html

__all__ = [
    "BuildResult",
    "OutputError",
    "build",
    "ingest",
    "remove",
    "reconcile",
    "default_sources",
]


def default_sources() -> list[Path]:
    """The bundled corpus."""
    return [Path(str(resources.files("untoc_graph") / "data" / "unodc-organized-crime-news.txt"))]


@dataclass(frozen=True)
class BuildResult:
    """What a build read and wrote, for the summary."""

    entries: int
    articles: int
    events: int
    places: int
    organisations: int
    persons: int
    triples: int
    warnings: tuple[str, ...]
    outputs: dict[str, Path] = field(default_factory=dict)
    violations: tuple[Violation, ...] | None = None  # None: not validated
    notes: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)  # seconds by stage


BATCH = 250  # entries a worker maps at a time
VALIDATE_UP_TO = 250_000  # quads: past this, pySHACL's in-memory check would take minutes
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


def _map_batch(graph: str, entries: list[Entry]) -> list[Mapped]:
    node = ox.NamedNode(graph)
    return [_map_one(entry, node) for entry in entries]


@contextlib.contextmanager
def _mapper(lexicon: Lexicon, mint: Minter, names: dict, jobs: int):
    """A function mapping a source's entries, in their order, in ``jobs`` processes. Workers
    are forked with the lexicon already loaded; at most two batches per worker wait in memory."""
    global _context
    _context = (lexicon, mint, names)
    if jobs <= 1:
        yield lambda graph, entries: (_map_one(e, graph) for e in entries)
        return
    gc.freeze()  # the lexicon's pages stay shared with the workers
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))

    def run(graph: ox.NamedNode, entries: Iterable[Entry]) -> Iterator[Mapped]:
        pending: deque = deque()
        entries = iter(entries)
        while batch := list(itertools.islice(entries, BATCH)):
            pending.append(pool.submit(_map_batch, graph.value, batch))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    try:
        yield run
    finally:
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

    def load(self, store: ox.Store, path: Path, graphs: Iterable[str]) -> None:
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
        for parts in slices:
            store.bulk_load(TrigReader(self.header, parts), ox.RdfFormat.TRIG)
        store.bulk_extend(q for q in self.direct if q.graph_name.value in graphs)


@dataclass(frozen=True)
class _Seen:
    """Where an entry is, to name it among the stories published twice."""

    line: int
    article: str
    published: str


def _write_sections(
    paths: list[Path], out: BinaryIO, mint: Minter, lexicon: Lexicon, jobs: int, progress
) -> _Written:
    """Read, extract and map every source into ``out`` as Turtle, one section per source: its
    articles in order, each followed by the descriptions of the nodes first named there."""
    names = prefixes(mint.base)
    written = _Written(header=turtle_header(names))
    out.write(written.header)
    started = time.perf_counter()
    with _mapper(lexicon, mint, names, jobs) as map_entries:
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
            for mapped in map_entries(graph, entries):
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
                if written.entries % 20_000 == 0:
                    rate = written.entries / (time.perf_counter() - started)
                    progress(f"  {written.entries:,} entries ({rate:,.0f}/s)")
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


class OutputError(UntocError):
    """An output folder that cannot be written: a full disk, a read-only folder."""


LOCK = ".lock"  # in the output folder: held by the one build, ingest or remove writing there
# what writers stopped on their way leave in the output folder
LEFTOVERS = (".untoc.ttl.*", ".ingest-*.ttl", ".store.new-*", "store.new")


@contextlib.contextmanager
def _output_errors(output: Path) -> Iterator[None]:
    """Turn an OS error writing into ``output`` (or with no file named) into an OutputError."""
    try:
        yield
    except OSError as error:
        if error.filename is not None and not Path(error.filename).resolve().is_relative_to(
            output.resolve()
        ):
            raise
        reason = error.strerror or str(error)
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        if error.errno is None and os.strerror(errno.ENOSPC) in reason:  # from the store
            reason, full = os.strerror(errno.ENOSPC), True
        hint = "free some disk space" if full else "make it writable or give another folder"
        raise OutputError(f"{output}: cannot write there ({reason}); {hint}") from None


@contextlib.contextmanager
def _writing(output: Path, base: str, progress, *, create: bool = False) -> Iterator[list[str]]:
    """Hold ``output`` for one writer, waiting while another build, ingest or remove writes
    there. First bring ``untoc.ttl`` and the store back into agreement and remove what writers
    stopped on their way left (under the lock, nothing there belongs to a live one); yield the
    notes on what was repaired."""
    with _output_errors(output):
        if create:
            output.mkdir(parents=True, exist_ok=True)
        elif not output.is_dir():
            raise StoreError(f"{output / 'store'}: no store here; run `untoc-graph build` first")
        lock = FileLock(output / LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            progress(f"waiting for another build, ingest or remove writing to {output}")
            lock.acquire()
        try:
            notes = _reconcile(output, base, progress)
            _clean(output)
            yield notes
        finally:
            lock.release()


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _reconcile(output: Path, base: str, progress) -> list[str]:
    """Make ``untoc.ttl`` describe the store's graph again if a run stopped between the swap of
    the store and the rename of the Turtle file (or if the file was deleted or edited): by the
    Turtle file that run left, when its digest is the store's stamp, or else by writing it
    again from the store. A store without a stamp (from an earlier version) is trusted."""
    path, turtle = output / "store", output / "untoc.ttl"
    recover(path)
    if not path.is_dir():
        return []
    stamp = read_stamp(path)
    if turtle.exists() and (stamp is None or _sha256(turtle) == stamp):
        return []
    if stamp is not None:
        for staged in output.glob(".untoc.ttl.*"):
            if staged.is_file() and _sha256(staged) == stamp:
                os.replace(staged, turtle)
                return ["untoc.ttl: the file a stopped run wrote for the store was put in place"]
    try:
        store = open_store(path)
    except StoreError:
        return []  # nothing to agree with; a build replaces it, other writers stop there
    progress("writing untoc.ttl again from the store")
    with atomic_output(turtle) as out:
        write_sections(store, out, "ttl", prefixes(base))
        write_stamp(path, out.sha256.hexdigest())
    return ["untoc.ttl did not describe the store's graph: written again from the store"]


def _clean(output: Path) -> None:
    for pattern in LEFTOVERS:
        for path in output.glob(pattern):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    for path in (output / "store").glob(f".{STAMP}.*"):
        path.unlink()


def reconcile(
    output: str | Path = "output",
    *,
    base: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[str, ...]:
    """Do what every build, ingest and remove does first, under the output folder's lock:
    bring ``untoc.ttl`` and the store back into agreement if a run was stopped between writing
    the one and the other, and remove what stopped runs left. Return notes on what was done."""
    output = Path(output)
    with _writing(output, base or DEFAULT_BASE, progress) as notes:
        return tuple(notes)


def build(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    *,
    base: str | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[str], None] = lambda message: None,
    validate: bool = True,
    view: bool = True,
    jobs: int = 1,
) -> BuildResult:
    """Build the graph of the given listings into ``output``: Turtle, store and network view,
    then check what was written against the SHACL shapes (unless ``validate`` is false).

    Entries stream through: ``jobs`` processes extract and map them a batch at a time into
    ``untoc.ttl``, which the store then bulk-loads; the output does not depend on ``jobs``.
    Another build, ingest or remove writing to ``output`` is waited for."""
    output = Path(output)
    paths, mint, lexicon = _prepare(paths, base, lexicon, progress)
    turtle = output / "untoc.ttl"
    timings = {}
    with _writing(output, mint.base, progress, create=True) as notes:
        started = time.perf_counter()
        with atomic_output(turtle) as out:
            written = _write_sections(paths, out, mint, lexicon, jobs, progress)
            out.flush()
            timings["read, extract, map, Turtle"] = time.perf_counter() - started
            progress(f"loading {written.entries:,} entries into the store")
            started = time.perf_counter()
            # the store, stamped with the Turtle's digest, is swapped in before the Turtle is
            # renamed into place: a run stopped in between leaves what the next one repairs from
            replace_store(
                output / "store",
                lambda store: written.load(store, out.path, written.sections),
                stamp=out.sha256.hexdigest(),
            )
        timings["store"] = time.perf_counter() - started
        result = _finish(output, written.entries, written.warnings, validate, view, progress)
    return dataclasses.replace(
        result, notes=(*notes, *result.notes), timings={**timings, **result.timings}
    )


def ingest(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    *,
    base: str | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[str], None] = lambda message: None,
    validate: bool = True,
    view: bool = True,
    jobs: int = 1,
) -> BuildResult:
    """Add listings to the store of an earlier build, touching only their own named graphs: a
    new source is added, an updated one replaces its graph, an unchanged one changes nothing.
    The sections of ``untoc.ttl`` are updated the same way; the view is drawn again. Another
    build, ingest or remove writing to ``output`` is waited for."""
    output = Path(output)
    paths, mint, lexicon = _prepare(paths, base, lexicon, progress)
    turtle = output / "untoc.ttl"
    with _writing(output, mint.base, progress) as notes:
        open_store(output / "store")  # fails early when there is no store
        handle, name = tempfile.mkstemp(dir=output, prefix=".ingest-", suffix=".ttl")
        fresh = Path(name)
        try:
            with open(handle, "wb") as out:
                written = _write_sections(paths, out, mint, lexicon, jobs, progress)
            header, current = turtle_sections(turtle)
            changes, changed = [], {}
            for graph, span in written.sections.items():
                if graph in current and _same(turtle, current[graph], fresh, span):
                    changes.append(f"unchanged <{graph}>")
                    continue
                changed[graph] = (fresh, *span)
            progress("updating the store")

            def change(store: ox.Store) -> None:
                for graph in changed:
                    node = ox.NamedNode(graph)
                    verb = "replaced" if store.contains_named_graph(node) else "added"
                    store.remove_graph(node)
                    changes.append(f"{verb} <{graph}>")
                written.load(store, fresh, changed)

            if changed:
                sections = {g: (turtle, *span) for g, span in current.items()} | changed
                with atomic_output(turtle) as out:
                    _compose(out, header, sections)
                    out.flush()  # whole on disk before the store stamped with it is swapped in
                    update_store(output / "store", change, stamp=out.sha256.hexdigest())
        finally:
            fresh.unlink(missing_ok=True)
        result = _finish(output, written.entries, written.warnings, validate, view, progress)
    return dataclasses.replace(result, notes=(*changes, *notes, *result.notes))


def _same(path: Path, span: tuple[int, int], other: Path, other_span: tuple[int, int]) -> bool:
    if span[1] - span[0] != other_span[1] - other_span[0]:
        return False
    chunks = zip(file_range(path, *span), file_range(other, *other_span), strict=False)
    return all(mine == theirs for mine, theirs in chunks)  # same length, so same chunking


def _compose(out: BinaryIO, header: bytes, sections: dict[str, tuple[Path, int, int]]) -> None:
    """Write a Turtle file laid out by source from sections of files (``untoc.ttl`` among
    them)."""
    out.write(header)
    for graph, (path, start, stop) in sections.items():
        out.write(section_mark(ox.NamedNode(graph)))
        out.writelines(file_range(path, start, stop))


def remove(
    source: str,
    output: str | Path = "output",
    *,
    base: str | None = None,
    validate: bool = True,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[str, int, BuildResult]:
    """Withdraw a source completely — its articles, their evidence, and the entities nothing
    else mentions — by removing its named graph and its section of ``untoc.ttl``. ``source``
    is its file name or graph IRI. Another build, ingest or remove writing to ``output`` is
    waited for."""
    output = Path(output)
    mint = Minter(base) if base else Minter()
    graph = (
        ox.NamedNode(source)
        if source.startswith(("http://", "https://"))
        else mint.source(Path(source).name)
    )
    turtle = output / "untoc.ttl"
    with _writing(output, mint.base, progress) as notes:
        store = open_store(output / "store")
        if not store.contains_named_graph(graph):
            known = ", ".join(sorted(g.value for g in store.named_graphs())) or "none"
            raise SourceError(source, f"is not a source of this store (its sources: {known})")
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        del store
        header, current = turtle_sections(turtle)
        current.pop(graph.value, None)
        with atomic_output(turtle) as out:
            _compose(out, header, {g: (turtle, *span) for g, span in current.items()})
            out.flush()
            update_store(
                output / "store",
                lambda store: store.remove_graph(graph),
                stamp=out.sha256.hexdigest(),
            )
        result = _finish(output, 0, [], validate, True, progress)
    return graph.value, count, dataclasses.replace(result, notes=(*notes, *result.notes))


def _finish(
    output: Path, entries: int, warnings: list[str], validate: bool, view_wanted: bool, progress
) -> BuildResult:
    """Draw the view from the store, validate, and count what the graph holds."""
    store = open_store(output / "store")
    count = len(store)
    counts = {
        "articles": _count(store, T.SCHEMA.NewsArticle),
        "events": _count(store, T.SCHEMA.Event),
        "places": _count(store, T.SCHEMA.Country, T.SCHEMA.City, T.SCHEMA.Place),
        "organisations": _count(store, T.SCHEMA.Organization),
        "persons": _count(store, T.SCHEMA.Person),
    }
    timings, notes = {}, []
    view = output / "graph.html"
    started = time.perf_counter()
    try:
        if not view_wanted:
            raise ViewError("not asked for (--no-view)")
        # every event, place, organisation and person is a node of the view: when they alone
        # are too many, the view is not drawn (which would take minutes on a large graph)
        at_least = sum(counts.values()) - counts["articles"]
        if at_least > ViewOptions().max_nodes:
            raise too_many(at_least, ViewOptions().max_nodes, at_least=True)
        progress("writing the network view")
        _, page = build_view(store)
        write_html(page, view)
    except ViewError as error:
        notes.append(f"no network view: {error}")
        view.unlink(missing_ok=True)  # rather than a view of an earlier graph
    timings["view"] = time.perf_counter() - started
    violations = None
    if validate and count > VALIDATE_UP_TO:
        notes.append(
            f"SHACL check skipped: {count:,} quads are past what the in-memory validator checks "
            f"in reasonable time ({VALIDATE_UP_TO:,}); check a part with `untoc-graph validate`"
        )
    elif validate:
        progress("validating against the SHACL shapes")
        started = time.perf_counter()
        violations = tuple(check_shapes(graph_of_store(store)))
        timings["validate"] = time.perf_counter() - started
    return BuildResult(
        entries=entries,
        **counts,
        triples=count,
        warnings=tuple(warnings),
        outputs={
            "turtle": output / "untoc.ttl",
            "store": output / "store",
            **({"view": view} if view.exists() else {}),
        },
        violations=violations,
        notes=tuple(notes),
        timings=timings,
    )


def _count(store: ox.Store, *classes: ox.NamedNode) -> int:
    return len(
        {q.subject for cls in classes for q in store.quads_for_pattern(None, T.RDF.type, cls)}
    )
