"""Mapping: an :class:`Extraction` becomes RDF quads in the public data model.

Pure functions from plain records to pyoxigraph terms; every IRI is minted here, from the
entry's id and the entities' keys, so the same input always gives the same IRIs. Each
source's quads go into the named graph of that source, which also holds the descriptions of
the entities its articles mention, so that a source can be replaced or withdrawn as a unit.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from . import terms as T
from .extract import Entity, Extraction
from .extract.roles import represented
from .sources import SourceInfo
from .text import slug

__all__ = ["Minter", "map_triples", "map_entry", "map_source", "map_duplicates"]

XSD_DATE = T.XSD.date
XSD_INT = T.XSD.integer
XSD_BOOL = T.XSD.boolean
XSD_DECIMAL = T.XSD.decimal
#: The property each role states, from an event to the role's holder.
ROLE_PROPERTIES = {
    "organizer": T.SCHEMA.organizer,
    "host": T.UG.host,
    "funder": T.SCHEMA.funder,
    "participantState": T.UG.participantState,
    "attendee": T.SCHEMA.attendee,
    "speaker": T.UG.speaker,
    "launches": T.UG.launches,
}
MOTIVATION = {
    "identifying": T.OA.identifying,
    "classifying": T.OA.classifying,
    "describing": T.OA.describing,
}


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


def _annotate(
    ann: ox.NamedNode,
    article: ox.NamedNode,
    body: ox.NamedNode,
    start: int,
    end: int,
    exact: str,
    motivation: str,
    field: str = "text",
    supports: ox.NamedNode | None = None,
) -> Iterator[tuple]:
    target = ox.NamedNode(ann.value + "-target")
    position = ox.NamedNode(ann.value + "-position")
    quote = ox.NamedNode(ann.value + "-quote")
    yield ann, T.RDF.type, T.OA.Annotation
    yield ann, T.OA.motivatedBy, MOTIVATION[motivation]
    yield ann, T.OA.hasBody, body
    yield ann, T.OA.hasTarget, target
    if supports is not None:
        yield ann, T.UG.supports, supports
    yield target, T.RDF.type, T.OA.SpecificResource
    yield target, T.OA.hasSource, article
    if field == "headline":
        yield target, T.UG.textProperty, T.SCHEMA.headline
    yield target, T.OA.hasSelector, position
    yield target, T.OA.hasSelector, quote
    yield position, T.RDF.type, T.OA.TextPositionSelector
    yield position, T.OA.start, _int(start)
    yield position, T.OA.end, _int(end)
    yield quote, T.RDF.type, T.OA.TextQuoteSelector
    yield quote, T.OA.exact, ox.Literal(exact)


def map_entry(
    extraction: Extraction, mint: Minter, graph: ox.NamedNode
) -> tuple[list[tuple], dict[ox.NamedNode, list[tuple]]]:
    """The triples of one article split in two: its own — the article, its evidence and its
    figures, which no other entry can state — grouped by subject, and the descriptions of the
    nodes other entries may share (entities, the event), by node."""
    article = mint.article(extraction)
    key = article.value.rsplit("/", 1)[-1] + "-"
    owned = tuple(
        mint(kind, key).value for kind in ("annotation", "figure", "appearance", "treaty-action")
    )
    own: dict[ox.NamedNode, list[tuple]] = {}
    shared: dict[ox.NamedNode, list[tuple]] = {}
    for triple in dict.fromkeys(map_triples(extraction, mint, graph)):
        subject = triple[0]
        mine = subject == article or subject.value.startswith(owned)
        (own if mine else shared).setdefault(subject, []).append(triple)
    return [t for triples in own.values() for t in triples], shared


def map_triples(extraction: Extraction, mint: Minter, graph: ox.NamedNode) -> list[tuple]:
    """All triples for one article — the article, its event, its entities and their
    evidence — in the order they are stated."""
    entry = extraction.entry
    article = mint.article(extraction)
    article_key = article.value.rsplit("/", 1)[-1]
    triples: list[tuple] = [
        (article, T.RDF.type, T.SCHEMA.NewsArticle),
        (article, T.SCHEMA.text, ox.Literal(entry.text)),
        (article, T.SCHEMA.inLanguage, ox.Literal(extraction.language)),
        (article, T.PROV.wasDerivedFrom, graph),
        (article, T.UG.sourceLine, _int(entry.line)),
    ]
    if entry.title:
        triples.append((article, T.SCHEMA.headline, ox.Literal(entry.title)))
    if extraction.published:
        triples.append((article, T.SCHEMA.datePublished, _date(extraction.published)))
    if entry.url:
        triples.append((article, T.SCHEMA.url, ox.NamedNode(entry.url)))
    for index, place in enumerate(extraction.dateline_places):
        node = mint.entity(place)
        if index == 0:
            triples.append((article, T.SCHEMA.locationCreated, node))
        if len(extraction.dateline_places) > 1:
            triples.append((article, T.UG.datelinePlace, node))
        triples.extend(described(place, mint))
    for warning in extraction.warnings:
        triples.append((article, T.UG.warning, ox.Literal(warning)))
    counter = 0

    def annotation() -> ox.NamedNode:
        nonlocal counter
        counter += 1
        return mint("annotation", f"{article_key}-{counter}")

    for mention in extraction.mentions:
        entity = mention.entity
        node = mint.entity(entity)
        triples.extend(described(entity, mint))
        if entity.kind == "event-type":
            continue  # evidence of the event's type, below
        triples.append((article, T.SCHEMA.mentions, node))
        if entity.kind == "topic":
            triples.append((article, T.UG.topic, node))
        triples.extend(
            _annotate(
                annotation(),
                article,
                node,
                mention.start,
                mention.end,
                mention.exact,
                "identifying",
                mention.field,
            )
        )
    event = extraction.event
    if event is not None:
        node = _event_node(extraction, mint)
        triples.append((article, T.SCHEMA.about, node))
        triples.append((node, T.RDF.type, T.SCHEMA.Event))
        if entry.title:
            triples.append((node, T.SCHEMA.name, ox.Literal(entry.title)))
        if event.start:
            triples.append((node, T.SCHEMA.startDate, _date(event.start)))
            triples.append((node, T.SCHEMA.endDate, _date(event.end or event.start)))
        if event.date_evidence:
            start, end, exact = event.date_evidence
            triples.extend(
                _annotate(
                    annotation(),
                    article,
                    node,
                    start,
                    end,
                    exact,
                    "describing",
                    supports=T.SCHEMA.startDate,
                )
            )
        if event.location:
            triples.append((node, T.SCHEMA.location, mint.entity(event.location)))
            triples.extend(described(event.location, mint))
        if event.type:
            type_node = mint.entity(event.type)
            triples.append((node, T.UG.eventType, type_node))
            evidence = event.type_evidence
            triples.extend(
                _annotate(
                    annotation(),
                    article,
                    type_node,
                    evidence.start,
                    evidence.end,
                    evidence.exact,
                    "classifying",
                    evidence.field,
                    supports=T.UG.eventType,
                )
            )
        if event.super_event:
            triples.append((node, T.SCHEMA.superEvent, mint.entity(event.super_event)))
        stated = {r.entity.key for r in extraction.roles if r.property in ("organizer", "host")}
        for organizer in event.organizers:
            if organizer.key not in stated:  # stated with its evidence below
                triples.append((node, T.SCHEMA.organizer, mint.entity(organizer)))
        for concern in event.concerns:
            triples.append((node, T.UG.concerns, mint.entity(concern)))
        people = None
        for index, figure in enumerate(event.figures, start=1):
            fig = mint("figure", f"{article_key}-{index}")
            triples += [
                (node, T.UG.participants, fig),
                (fig, T.RDF.type, T.UG.ParticipantFigure),
                (fig, T.RDF.value, _int(figure.count)),
                (fig, T.UG.unit, ox.Literal(figure.unit)),
            ]
            if figure.qualifier:
                triples.append((fig, T.UG.qualifier, ox.Literal(figure.qualifier.lower())))
            if people is None and figure.unit.split()[-1] in (
                "participants",
                "officials",
                "students",
                "experts",
            ):
                people = figure.count
            triples.extend(
                _annotate(
                    annotation(),
                    article,
                    fig,
                    figure.start,
                    figure.end,
                    figure.exact,
                    "describing",
                    supports=T.UG.participants,
                )
            )
        if people is not None:
            triples.append((node, T.UG.participantCount, _int(people)))
        for role in extraction.roles:
            holder = mint.entity(role.entity)
            prop = ROLE_PROPERTIES[role.property]
            triples.append((node, prop, holder))
            triples.extend(described(role.entity, mint))
            triples.extend(
                _annotate(
                    annotation(),
                    article,
                    holder,
                    role.start,
                    role.end,
                    role.exact,
                    "describing",
                    role.field,
                    supports=prop,
                )
            )
    triples.extend(_appearances(extraction, mint, article, article_key, annotation))
    for index, action in enumerate(extraction.treaty_actions, start=1):
        node = mint("treaty-action", f"{article_key}-{index}")
        concept = ox.NamedNode(f"{T.DEFAULT_BASE}action-type/{action.action}")
        triples += [
            (node, T.RDF.type, T.UG.TreatyAction),
            (node, T.UG.state, mint.entity(action.state)),
            (node, T.UG.instrument, mint.entity(action.instrument)),
            (node, T.UG.actionType, concept),
            (node, T.UG.reportedIn, article),
            (concept, T.RDF.type, T.SKOS.Concept),
            (concept, T.SKOS.prefLabel, ox.Literal(action.action, language="en")),
            (concept, T.SKOS.inScheme, T.UG.treatyActions),
        ]
        if action.date:
            triples.append((node, T.SCHEMA.startDate, _date(action.date)))
        triples.extend(described(action.state, mint))
        triples.extend(described(action.instrument, mint))
        triples.extend(
            _annotate(
                annotation(),
                article,
                node,
                action.start,
                action.end,
                action.exact,
                "describing",
                supports=T.UG.actionType,
            )
        )
    for party in extraction.parties:
        state = mint.entity(party.state)
        triples.append((state, T.UG.partyTo, mint.entity(party.instrument)))
        triples.extend(
            _annotate(
                annotation(),
                article,
                state,
                party.start,
                party.end,
                party.exact,
                "describing",
                supports=T.UG.partyTo,
            )
        )
    for covered in extraction.coverage:
        publication = mint.entity(covered.publication)
        triples.append((publication, T.UG.coverage, _int(covered.countries)))
        triples.extend(described(covered.publication, mint))
        triples.extend(
            _annotate(
                annotation(),
                article,
                publication,
                covered.start,
                covered.end,
                covered.exact,
                "describing",
                covered.field,
                supports=T.UG.coverage,
            )
        )
    return triples


def _appearances(extraction: Extraction, mint: Minter, article, article_key, annotation):
    """Each person's appearance in this article: the title, affiliation and state as this
    entry states them, so that a person's titles in different years stay apart."""
    first: dict[str, object] = {}
    for mention in extraction.mentions:
        if mention.entity.kind == "person":
            first.setdefault(mention.entity.key, mention)
    countries = [m for m in extraction.mentions if m.entity.kind == "country"]
    for key, mention in first.items():
        person = mention.entity
        node = mint("appearance", f"{article_key}-{slug(key)}")
        yield node, T.RDF.type, T.UG.Appearance
        yield node, T.UG.person, mint.entity(person)
        yield node, T.UG.inArticle, article
        if person.job_title:
            yield node, T.SCHEMA.jobTitle, ox.Literal(person.job_title)
        if person.affiliation:
            yield node, T.SCHEMA.affiliation, mint.entity(person.affiliation)
        state = represented(person, countries)
        if state is not None:
            yield node, T.UG.represents, mint.entity(state)
            yield from describe(state, mint)
        yield from _annotate(
            annotation(),
            article,
            node,
            mention.start,
            mention.end,
            mention.exact,
            "identifying",
            mention.field,
            supports=T.UG.person,
        )


def _event_node(extraction: Extraction, mint: Minter) -> ox.NamedNode:
    """One node per real event: entries reporting the same type, dates and place share it."""
    event = extraction.event
    if event.start is None or event.type is None:
        return mint("event", mint.article(extraction).value.rsplit("/", 1)[-1])
    key = "|".join(
        [
            event.type.key,
            event.start.isoformat(),
            (event.end or event.start).isoformat(),
            event.location.key if event.location else "",
        ]
    )
    return mint("event", f"{event.start.isoformat()}-{hashlib.sha1(key.encode()).hexdigest()[:8]}")


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
