"""The build: listings → entries → extractions → quads → store → Turtle and a first view.

This module only wires the stages together; each stage lives in its own module.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from . import terms as T
from .export import write_turtle
from .extract import Extraction, extract
from .lexicon import Lexicon, default_lexicon
from .mapping import Minter, map_duplicates, map_extraction, map_source
from .pages import read_any
from .sources import SourceError
from .store import open_store, replace_store, update_store
from .validate import Violation, graph_of_store
from .validate import validate as check_shapes
from .views import ViewError, build_view, write_html

__all__ = ["BuildResult", "build", "ingest", "remove", "default_sources", "read_all"]


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


def read_all(paths: Iterable[Path], lexicon: Lexicon) -> list[tuple[object, list[Extraction]]]:
    """Read and extract every listing; a file that cannot be read raises :class:`SourceError`."""
    results = []
    for path in paths:
        info, entries = read_any(Path(path), lexicon.gazetteer.is_place)
        results.append((info, [extract(entry, lexicon) for entry in entries]))
    return results


def _duplicate_groups(extractions: list[Extraction]) -> list[list[Extraction]]:
    """Entries whose text after the dateline is the same (a story published twice)."""
    groups: dict[str, list[Extraction]] = defaultdict(list)
    for x in extractions:
        body = x.entry.text[len(x.entry.dateline) :].strip(" .–—-")
        if len(body) > 80:
            groups[hashlib.sha1(body.encode()).hexdigest()].append(x)
    return [g for g in groups.values() if len(g) > 1]


def source_quads(
    info, extractions: list[Extraction], mint: Minter
) -> tuple[list[ox.Quad], list[str]]:
    """The quads of one source document's named graph, and the warnings of its entries."""
    graph = mint.source(info.name)
    quads = map_source(info, mint)
    warnings: list[str] = []
    for x in extractions:
        quads += map_extraction(x, mint, graph)
        warnings += [f"{info.name}:{x.entry.line}: {w}" for w in x.warnings]
    for group in _duplicate_groups(extractions):
        quads += map_duplicates([group], mint, graph)
        for x in group:
            others = ", ".join(f"line {o.entry.line}" for o in group if o is not x)
            warnings.append(f"{info.name}:{x.entry.line}: same text as {others}")
    return quads, warnings


def _read_sources(paths, base, lexicon, progress) -> tuple[Minter, list]:
    """The minter of the base IRI, and every source read and extracted."""
    paths = [Path(p) for p in paths]
    progress("loading vocabularies and gazetteer")
    lexicon = lexicon or default_lexicon()
    progress(f"reading {len(paths)} listing(s)")
    return (Minter(base) if base else Minter()), read_all(paths, lexicon)


def build(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    *,
    base: str | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[str], None] = lambda message: None,
    validate: bool = True,
) -> BuildResult:
    """Build the graph of the given listings into ``output``: store, Turtle and network view,
    then check what was written against the SHACL shapes (unless ``validate`` is false)."""
    output = Path(output)
    mint, sources = _read_sources(paths, base, lexicon, progress)
    quads: list[ox.Quad] = []
    warnings: list[str] = []
    for info, extractions in sources:
        found, said = source_quads(info, extractions, mint)
        quads += found
        warnings += said
    output.mkdir(parents=True, exist_ok=True)
    progress("writing the store")
    replace_store(output / "store", quads)
    entries = sum(len(xs) for _, xs in sources)
    return _finish(output, base, entries, warnings, validate, progress)


def ingest(
    paths: Iterable[str | Path],
    output: str | Path = "output",
    *,
    base: str | None = None,
    lexicon: Lexicon | None = None,
    progress: Callable[[str], None] = lambda message: None,
    validate: bool = True,
) -> BuildResult:
    """Add listings to the store of an earlier build, touching only their own named graphs: a
    new source is added, an updated one replaces its graph, an unchanged one changes nothing.
    Turtle and the view are then rewritten from the store."""
    output = Path(output)
    mint, sources = _read_sources(paths, base, lexicon, progress)
    changes: list[str] = []
    warnings: list[str] = []

    def change(store: ox.Store) -> None:
        for info, extractions in sources:
            quads, said = source_quads(info, extractions, mint)
            warnings.extend(said)
            graph = mint.source(info.name)
            current = set(store.quads_for_pattern(None, None, None, graph))
            new = set(quads)
            if current == new:
                changes.append(f"unchanged <{graph.value}>")
                continue
            verb = "replaced" if current else "added"
            changes.append(f"{verb} <{graph.value}>: {len(new)} quads")
            if current:
                store.remove_graph(graph)
            store.bulk_extend(new)

    progress("updating the store")
    update_store(output / "store", change)
    entries = sum(len(xs) for _, xs in sources)
    result = _finish(output, base, entries, warnings, validate, progress)
    return dataclasses.replace(result, notes=(*changes, *result.notes))


def remove(
    source: str, output: str | Path = "output", *, base: str | None = None, validate: bool = True
) -> tuple[str, int, BuildResult]:
    """Withdraw a source completely — its articles, their evidence, and the entities nothing
    else mentions — by removing its named graph. ``source`` is its file name or graph IRI."""
    output = Path(output)
    mint = Minter(base) if base else Minter()
    graph = (
        ox.NamedNode(source)
        if source.startswith(("http://", "https://"))
        else mint.source(Path(source).name)
    )

    def change(store: ox.Store) -> int:
        if not store.contains_named_graph(graph):
            known = ", ".join(sorted(g.value for g in store.named_graphs())) or "none"
            raise SourceError(source, f"is not a source of this store (its sources: {known})")
        count = sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        store.remove_graph(graph)
        return count

    removed = update_store(output / "store", change)
    return graph.value, removed, _finish(output, base, 0, [], validate, lambda m: None)


def _finish(
    output: Path, base, entries: int, warnings: list[str], validate: bool, progress
) -> BuildResult:
    """Write Turtle and the view from the store, validate, and count what the graph holds."""
    store = open_store(output / "store")
    progress("writing Turtle")
    count = write_turtle(store, output / "untoc.ttl", base)
    progress("writing the network view")
    notes = []
    try:
        _, page = build_view(store)
        write_html(page, output / "graph.html")
    except ViewError as error:
        notes.append(f"no network view: {error}")
    violations = None
    if validate:
        progress("validating against the SHACL shapes")
        violations = tuple(check_shapes(graph_of_store(store)))
    return BuildResult(
        entries=entries,
        articles=_count(store, T.SCHEMA.NewsArticle),
        events=_count(store, T.SCHEMA.Event),
        places=_count(store, T.SCHEMA.Country, T.SCHEMA.City, T.SCHEMA.Place),
        organisations=_count(store, T.SCHEMA.Organization),
        persons=_count(store, T.SCHEMA.Person),
        triples=count,
        warnings=tuple(warnings),
        outputs={
            "turtle": output / "untoc.ttl",
            "store": output / "store",
            **({} if notes else {"view": output / "graph.html"}),
        },
        violations=violations,
        notes=tuple(notes),
    )


def _count(store: ox.Store, *classes: ox.NamedNode) -> int:
    return len(
        {q.subject for cls in classes for q in store.quads_for_pattern(None, T.RDF.type, cls)}
    )
