"""RDF namespaces and the terms of the data model, as pyoxigraph terms."""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["Namespace", "PREFIXES", "DEFAULT_BASE", "prefixes"]

DEFAULT_BASE = "https://w3id.org/untoc-graph/id/"


class Namespace:
    """``NS.term`` and ``NS["term"]`` give a :class:`pyoxigraph.NamedNode` under this IRI;
    ``str(NS)`` is the IRI. (Not a ``str`` subclass, whose methods would shadow terms such as
    ``dcterms:title``.)"""

    def __init__(self, iri: str):
        self._iri = iri

    def __str__(self) -> str:
        return self._iri

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(self._iri + name)
        setattr(self, name, node)  # made once: the next lookup is a plain attribute
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self._iri + name)


RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
UG = Namespace("https://w3id.org/untoc-graph/ontology#")
GN = Namespace("http://www.geonames.org/ontology#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

#: Prefixes written into Turtle exports and offered to queries.
PREFIXES = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "ug": str(UG),
    "gn": str(GN),
    "geo": str(GEO),
    "oa": str(OA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}

#: The kinds of resources the pipeline mints, each under ``{base}{kind}/``, in the order that
#: exports list them: what a reader looks for first comes first, evidence last.
RESOURCE_KINDS = (
    "source", "article", "event", "figure", "instrument", "programme", "organization", "person",
    "publication", "session", "country", "city", "region", "place", "topic", "event-type",
    "appearance", "treaty-action", "action-type", "annotation",
)  # fmt: skip


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Vocabulary prefixes plus one prefix per kind of minted resource ("article:", "city:", …)."""
    found = dict(PREFIXES)
    found.update({kind: f"{base}{kind}/" for kind in RESOURCE_KINDS})
    return found
