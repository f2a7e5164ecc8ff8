"""Entities as RDF: their classes, names, identifiers and links to the vocabularies."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pyoxigraph as ox

from .. import terms as T
from ..extract import Entity
from .minter import XSD_BOOL, Minter, _decimal


@functools.lru_cache(maxsize=65536)
def described(entity: Entity, mint: Minter) -> tuple[tuple, ...]:
    """:func:`describe`, remembered: an entity is described the same way each time it is named."""
    return tuple(describe(entity, mint))


def describe(entity: Entity, mint: Minter) -> Iterator[tuple]:
    """The triples that say what an entity is: its class, names and identifiers."""
    node = mint.entity(entity)
    name = ox.Literal(entity.name)
    kind = entity.kind
    if kind == "country":
        yield node, T.RDF.type, T.SCHEMA.Country
        yield node, T.SCHEMA.name, name
        yield node, T.GN.countryCode, ox.Literal(entity.country_code)
        if entity.geonames_id:
            yield (
                node,
                T.OWL.sameAs,
                ox.NamedNode(f"https://sws.geonames.org/{entity.geonames_id}/"),
            )
    elif kind == "city":
        yield node, T.RDF.type, T.SCHEMA.City
        yield node, T.SCHEMA.name, name
        yield node, T.GN.countryCode, ox.Literal(entity.country_code)
        yield node, T.GEO.lat, _decimal(entity.latitude)
        yield node, T.GEO.long, _decimal(entity.longitude)
        if entity.geonames_id:
            yield (
                node,
                T.OWL.sameAs,
                ox.NamedNode(f"https://sws.geonames.org/{entity.geonames_id}/"),
            )
        if entity.container:
            yield node, T.SCHEMA.containedInPlace, mint.entity(entity.container)
            yield from describe(entity.container, mint)
    elif kind == "region":
        yield node, T.RDF.type, T.SCHEMA.Place
        yield node, T.SCHEMA.name, name
    elif kind == "person":
        yield node, T.RDF.type, T.SCHEMA.Person
        yield node, T.SCHEMA.name, name
        if entity.job_title:
            yield node, T.SCHEMA.jobTitle, ox.Literal(entity.job_title)
        if entity.affiliation:
            yield node, T.SCHEMA.affiliation, mint.entity(entity.affiliation)
            yield from describe(entity.affiliation, mint)
    elif kind == "article":
        yield node, T.RDF.type, T.UG.ConventionArticle
        yield node, T.SCHEMA.name, name
        yield node, T.SCHEMA.legislationIdentifier, name
        yield node, T.SCHEMA.isPartOf, ox.NamedNode(entity.part_of)
    elif kind == "session":
        yield node, T.RDF.type, T.SCHEMA.Event
        yield node, T.SCHEMA.name, name
        yield node, T.UG.eventType, ox.NamedNode(T.DEFAULT_BASE + "event-type/conference-session")
    elif kind in ("topic", "event-type"):
        yield node, T.RDF.type, T.SKOS.Concept
        yield node, T.SKOS.prefLabel, ox.Literal(entity.name, language="en")
    else:
        for type_iri in entity.types or (T.SCHEMA.Organization.value,):
            yield node, T.RDF.type, ox.NamedNode(type_iri)
        yield node, T.SCHEMA.name, name
        if entity.notation:
            yield node, T.SKOS.notation, ox.Literal(entity.notation)
        if T.UG.Protocol.value in entity.types:
            yield node, T.UG.supplements, ox.NamedNode(T.DEFAULT_BASE + "instrument/UNTOC")
        if entity.edition_of:
            yield node, T.SCHEMA.exampleOfWork, mint.entity(entity.edition_of)
            yield from describe(entity.edition_of, mint)
        if entity.version:
            yield node, T.SCHEMA.version, ox.Literal(entity.version)
    if entity.scheme:
        yield node, T.SKOS.inScheme, ox.NamedNode(entity.scheme)
    if not entity.linked:
        yield node, T.UG.linked, ox.Literal("false", datatype=XSD_BOOL)
