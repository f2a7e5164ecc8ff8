"""Explain: each fact the graph holds about an article or entity, with the text that supports it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import pyoxigraph as ox

from . import terms as T
from .errors import UntocError
from .text import fold

__all__ = ["Evidence", "Explanation", "ExplainError", "explain", "resolve"]


class ExplainError(UntocError):
    """Nothing, or more than one thing, answers to the name given."""


@dataclass(frozen=True)
class Evidence:
    """One fact and its quote: ``subject`` is the article (for an entity) or the entity."""

    about: str
    label: str
    supports: str | None
    start: int
    end: int
    exact: str
    field: str


@dataclass(frozen=True)
class Explanation:
    node: str
    kind: str  # "article" | "entity"
    description: list[tuple[str, str]]
    evidence: list[Evidence]


def _query(name: str) -> str:
    return (resources.files("untoc_graph") / "sparql" / name).read_text("utf-8")


def _short(iri: str) -> str:
    for prefix, namespace in sorted(T.prefixes().items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def resolve(store: ox.Store, reference: str, aliases: dict[str, str] | None = None) -> ox.NamedNode:
    """An IRI, a prefixed name ("country:IQ", "article:2024-07-02-9ae5de01bc") or a name: one
    the graph holds, or any label of the vocabularies ("Firearms Protocol", "E4J") by ``aliases``."""
    if reference.startswith(("http://", "https://")):
        return ox.NamedNode(reference)
    prefix, _, local = reference.partition(":")
    namespaces = T.prefixes()
    if local and prefix in namespaces:
        return ox.NamedNode(namespaces[prefix] + local)
    rows = store.query(
        _query("find-entity.rq"),
        substitutions={ox.Variable("name"): ox.Literal(reference)},
        use_default_graph_as_union=True,
    )
    found = [row["node"].value for row in rows]
    if not found and aliases and fold(reference).lower() in aliases:
        found = [aliases[fold(reference).lower()]]
    if not found:
        raise ExplainError(
            f"nothing in the graph is named {reference!r}; try an IRI or a prefixed name"
        )
    if len(found) > 1:
        listed = ", ".join(_short(n) for n in found[:5])
        raise ExplainError(
            f"{reference!r} names {len(found)} resources ({listed}); give one of them"
        )
    return ox.NamedNode(found[0])


def _describe(store: ox.Store, node: ox.NamedNode) -> list[tuple[str, str]]:
    lines = []
    for quad in sorted(
        set(q.triple for q in store.quads_for_pattern(node, None, None)),
        key=lambda t: (t.predicate.value, str(t.object)),
    ):
        if quad.predicate == T.SCHEMA.text:
            continue
        value = (
            quad.object.value if isinstance(quad.object, ox.Literal) else _short(quad.object.value)
        )
        lines.append((_short(quad.predicate.value), value))
    return lines


def explain(store: ox.Store, reference: str, aliases: dict[str, str] | None = None) -> Explanation:
    """The description of an article or entity and the evidence for each fact about it."""
    node = resolve(store, reference, aliases)
    description = _describe(store, node)
    if not description:
        raise ExplainError(f"{_short(node.value)} is not in the graph")
    is_article = any(True for _ in store.quads_for_pattern(node, T.RDF.type, T.SCHEMA.NewsArticle))
    name = "explain-article.rq" if is_article else "explain-entity.rq"
    variable = ox.Variable("article" if is_article else "entity")
    rows = store.query(
        _query(name), substitutions={variable: node}, use_default_graph_as_union=True
    )
    return Explanation(
        _short(node.value),
        "article" if is_article else "entity",
        description,
        list(_evidence(rows, is_article)),
    )


def _evidence(rows, is_article: bool) -> Iterator[Evidence]:
    for row in rows:
        if is_article:
            about = _short(row["body"].value)
            label = row["bodyName"].value if row["bodyName"] else about
        else:
            about = _short(row["article"].value)
            parts = [row[k].value for k in ("date", "headline") if row[k]]
            label = " ".join(parts) or about
        yield Evidence(
            about,
            label,
            _short(row["supports"].value) if row["supports"] else None,
            int(row["start"].value),
            int(row["end"].value),
            row["exact"].value,
            "headline" if row["field"] else "text",
        )
