"""Source files and duplicates as RDF: the provenance of each file, and articles that
repeat one another."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from .. import terms as T
from ..sources import SourceInfo
from .minter import Minter


def map_source(info: SourceInfo, mint: Minter) -> list[ox.Quad]:
    graph = mint.source(info.name)
    triples = [
        (graph, T.RDF.type, T.UG.SourceDocument),
        (graph, T.SCHEMA.name, ox.Literal(info.title or info.name)),
    ]
    if info.url:
        triples.append((graph, T.SCHEMA.url, ox.NamedNode(info.url)))
    if info.language:
        triples.append((graph, T.SCHEMA.inLanguage, ox.Literal(info.language)))
    return [ox.Quad(s, p, o, graph) for s, p, o in triples]


def map_duplicates(
    groups: Iterable[list[tuple[ox.NamedNode, str]]], graph: ox.NamedNode
) -> list[ox.Quad]:
    """Articles whose text is published more than once, given as (article, date published) in
    groups: each points to the others, with a warning."""
    quads = []
    for group in groups:
        for node, _ in group:
            for other, _ in group:
                if other != node:
                    quads.append(ox.Quad(node, T.UG.duplicateOf, other, graph))
            dates = ", ".join(sorted(day for other, day in group if other != node))
            quads.append(
                ox.Quad(
                    node,
                    T.UG.warning,
                    ox.Literal(f"same text published again under {dates}"),
                    graph,
                )
            )
    return quads
