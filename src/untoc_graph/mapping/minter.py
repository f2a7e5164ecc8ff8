"""IRIs minted for what the graph describes, stable across builds, and literals typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from .. import terms as T
from ..extract import Entity, Extraction
from ..text import slug

XSD_DATE = T.XSD.date


XSD_INT = T.XSD.integer


XSD_BOOL = T.XSD.boolean


XSD_DECIMAL = T.XSD.decimal


@dataclass(frozen=True)
class Minter:
    """Deterministic IRIs for the resources the pipeline creates, under a base IRI."""

    base: str = T.DEFAULT_BASE

    def __call__(self, *parts: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + "/".join(parts))

    def source(self, name: str) -> ox.NamedNode:
        return self("source", slug(name))

    def article(self, extraction: Extraction) -> ox.NamedNode:
        day = extraction.published.isoformat() if extraction.published else "undated"
        return self("article", f"{day}-{extraction.entry.id}")

    def entity(self, entity: Entity) -> ox.NamedNode:
        if entity.iri:
            return ox.NamedNode(entity.iri)
        if entity.kind == "article":
            return self("instrument", entity.key.replace("/", "-"))
        return self(
            entity.kind, entity.key if entity.kind in ("country", "city") else slug(entity.key)
        )


def _date(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def _decimal(value: float) -> ox.Literal:
    """A coordinate to 5 places, in the canonical form the store keeps (no trailing zeros), so
    that Turtle and store hold the same term."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return ox.Literal("0" if text == "-0" else text, datatype=XSD_DECIMAL)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INT)
