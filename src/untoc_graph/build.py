"""The build: listings → entries → extractions → quads → store → Turtle and a first view.

This module only wires the stages together; each stage lives in its own module.
"""

from __future__ import annotations

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
from .sources import read_listing, source_info
from .store import open_store, replace_store
from .validate import Violation, graph_of_store
from .validate import validate as check_shapes
from .views import ViewError, build_view, write_html

__all__ = ["BuildResult", "build", "default_sources", "read_all"]


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
        info = source_info(Path(path))
        entries = list(read_listing(path, lexicon.gazetteer.is_place, info))
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
    paths = [Path(p) for p in paths]
    output = Path(output)
    mint = Minter(base) if base else Minter()
    progress("loading vocabularies and gazetteer")
    lexicon = lexicon or default_lexicon()
    progress(f"reading {len(paths)} listing(s)")
    sources = read_all(paths, lexicon)
    quads: list[ox.Quad] = []
    warnings: list[str] = []
    for info, extractions in sources:
        graph = mint.source(info.name)
        quads += map_source(info, mint)
        for x in extractions:
            quads += map_extraction(x, mint, graph)
            warnings += [f"{info.name}:{x.entry.line}: {w}" for w in x.warnings]
        for group in _duplicate_groups(extractions):
            quads += map_duplicates([group], mint, graph)
            for x in group:
                warnings.append(
                    f"{info.name}:{x.entry.line}: same text as "
                    + ", ".join(f"line {o.entry.line}" for o in group if o is not x)
                )
    output.mkdir(parents=True, exist_ok=True)
    progress("writing the store")
    replace_store(output / "store", quads)
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
    everything = [x for _, xs in sources for x in xs]
    return BuildResult(
        entries=len(everything),
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
