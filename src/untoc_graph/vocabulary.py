"""The controlled vocabularies under ``ontology/``, compiled from SKOS Turtle into plain records.

Adding a programme, organisation, event type or topic is adding a few lines of Turtle to the
matching file; nothing in the code lists them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from . import terms as T

__all__ = ["VocabItem", "Vocabulary", "ontology_dir"]


def ontology_dir() -> Path:
    """The folder of the ontology and vocabulary files shipped with the package."""
    return Path(str(resources.files("untoc_graph") / "ontology"))


#: Which vocabulary kind an item is, from its RDF class (first match wins).
KINDS = [
    (T.UG.Convention, "instrument"),
    (T.UG.Protocol, "instrument"),
    (T.UG.Programme, "programme"),
    (T.SCHEMA.Organization, "organization"),
    (T.SCHEMA.City, "city"),
    (T.SCHEMA.Place, "region"),
    (T.SCHEMA.CreativeWork, "publication"),
]
SCHEME_KINDS = {"eventTypes": "event-type", "topics": "topic", "demonyms": "demonym"}


@dataclass(frozen=True)
class VocabItem:
    """One concept of a vocabulary: its IRI, kind, English name and every label it is known by."""

    iri: str
    kind: str
    name: str
    labels: tuple[str, ...]
    types: tuple[str, ...] = ()
    notation: str | None = None
    country_code: str | None = None
    broader: tuple[str, ...] = ()
    scheme: str | None = None
    record: dict = field(default_factory=dict, compare=False, hash=False)


class Vocabulary:
    """Every item of the SKOS files in the ontology folder, grouped by kind."""

    def __init__(self, folder: Path | None = None):
        folder = folder or ontology_dir()
        graph = ox.Store()
        for path in sorted(folder.glob("*.ttl")):
            graph.load(path=str(path), format=ox.RdfFormat.TURTLE)
        self.items: dict[str, VocabItem] = {}
        values: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for quad in graph.quads_for_pattern(None, None, None):
            if isinstance(quad.subject, ox.NamedNode):
                values[quad.subject.value][quad.predicate.value].append(quad.object)
        for iri, props in values.items():
            item = _item(iri, props)
            if item is not None:
                self.items[iri] = item
        self.by_kind: dict[str, list[VocabItem]] = defaultdict(list)
        for item in sorted(self.items.values(), key=lambda i: i.iri):
            self.by_kind[item.kind].append(item)

    def __getitem__(self, iri: str) -> VocabItem:
        return self.items[iri]

    @property
    def demonyms(self) -> list[VocabItem]:
        return self.by_kind["demonym"]

    @property
    def regions(self) -> list[VocabItem]:
        return self.by_kind["region"]

    @property
    def places(self) -> list[VocabItem]:
        return self.by_kind["city"]

    def aliases(self) -> dict[str, str]:
        """Every label, folded and lower-cased, to the IRI of the item it names."""
        from .text import fold

        return {
            fold(label).lower(): item.iri for item in self.items.values() for label in item.labels
        }

    def matchable(self) -> list[VocabItem]:
        """Items the extractor finds by their labels (places are the gazetteer's)."""
        kinds = ("instrument", "programme", "organization", "publication", "event-type", "topic")
        return [item for kind in kinds for item in self.by_kind[kind]]


def _item(iri: str, props: dict[str, list]) -> VocabItem | None:
    types = tuple(sorted(t.value for t in props.get(T.RDF.type.value, ())))
    schemes = [s.value.rsplit("#", 1)[-1] for s in props.get(T.SKOS.inScheme.value, ())]
    kind = next((k for cls, k in KINDS if cls.value in types), None)
    if kind is None:
        kind = next((SCHEME_KINDS[s] for s in schemes if s in SCHEME_KINDS), None)
    if kind is None:
        return None
    pref = props.get(T.SKOS.prefLabel.value, []) + props.get(T.SCHEMA.name.value, [])
    alt = props.get(T.SKOS.altLabel.value, [])
    english = [lit.value for lit in pref if getattr(lit, "language", None) in ("en", None)]
    labels = tuple(dict.fromkeys(lit.value for lit in pref + alt))
    if not labels:
        return None
    notation = next((n.value for n in props.get(T.SKOS.notation.value, ())), None)
    code = next((c.value for c in props.get(T.GN.countryCode.value, ())), None)
    record = {}
    if kind == "city":
        record = {
            "geonameid": None,
            "name": (english or labels)[0],
            "countrycode": code,
            "latitude": float(props[T.GEO.lat.value][0].value),
            "longitude": float(props[T.GEO.long.value][0].value),
            "population": int(props.get(T.SCHEMA.population.value, [ox.Literal("0")])[0].value),
            "alternatenames": list(labels),
            "iri": iri,
        }
    return VocabItem(
        iri,
        kind,
        (english or labels)[0],
        labels,
        types,
        notation,
        code,
        tuple(sorted(b.value for b in props.get(T.SKOS.broader.value, ()))),
        next((s.value for s in props.get(T.SKOS.inScheme.value, ())), None),
        record,
    )
