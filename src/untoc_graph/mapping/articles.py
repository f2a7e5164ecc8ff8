"""An extraction as RDF: the article, its mentions and their evidence as Web Annotations,
the event and its roles, people's appearances, treaty actions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyoxigraph as ox

from .. import terms as T
from ..extract import Extraction
from ..extract.roles import represented
from ..text import slug
from .entities import describe, described
from .minter import Minter, _date, _int

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
