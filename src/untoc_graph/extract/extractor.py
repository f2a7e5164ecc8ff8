"""The extractor: one entry in, one :class:`Extraction` out.

:func:`extract` is pure: it reads only the entry and a compiled :class:`Lexicon`. It scans each
field (headline, text) once with the lexicon, lets person names and organisations found by
their form claim their words, decides cities in the light of the countries named, reads the
dateline, and asks :mod:`.events` for the event.
"""

from __future__ import annotations

import dataclasses

from ..lexicon import Lexicon, tokenize
from ..sources import Entry
from ..text import slug
from .dates import _dateline_date
from .events import _BODIES, ENTITY_KINDS, _event
from .fields import _Field
from .names import add_persons, find_persons
from .organisations import add_bodies, unify_bodies
from .places import (
    _city_in_text,
    _dateline_places,
    _is_language,
    _place_entity,
    _settle_places,
)
from .programmes import (
    _ARTICLE,
    _PUBLICATION,
    _SESSION,
    _SESSION_CODE,
    INNER_KINDS,
    ORGANIZATIONS,
    SCHEMA_CREATIVE_WORK,
    _editions,
    _inner,
    _item_entity,
)
from .protocols import _protocols_by_subject
from .records import Entity, Event, Extraction, Mention, Role
from .roles import coverage, launches, represented, roles, speakers, treaty_actions
from .sessions import canonical_sessions

MAX_TEXT = 100_000  # characters of an entry read for entities; longer ones are kept whole

ITEM_PRIORITY = ("instrument", "programme", "organization", "publication", "topic", "event-type")
#: Entities claim the words that name them; longest match wins among them.
#: Topics and event types are cues, found in a scan of their own: they may overlap entities
#: ("Trafficking in Persons Protocol" is about trafficking in persons).
CUE_KINDS = frozenset({"topic", "event-type"})
#: Every set of kinds the rules scan a field for (see :func:`untoc_graph.extract.prepare`).
SCANNED_KINDS = (CUE_KINDS, ENTITY_KINDS, INNER_KINDS, ORGANIZATIONS)


def _scan_field(f: _Field, lexicon: Lexicon) -> None:
    persons = find_persons(f, lexicon)
    for person in persons:
        f.blocked.append((person.start, person.end))
    tokens = f.tokens
    for hit in lexicon.scan(tokens, CUE_KINDS):
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        f.add(_item_entity(hit.items[0]), start, end)
    for hit in lexicon.scan(tokens, ENTITY_KINDS):
        start, end = tokens[hit.first].start, tokens[hit.last - 1].end
        if not f.free(start, end):
            continue
        items = sorted(hit.items, key=lambda i: ITEM_PRIORITY.index(i.kind))
        if items:
            f.add(_item_entity(items[0]), start, end)
            if items[0].kind in ("programme", "organization", "publication"):
                _inner(f, lexicon, hit.first, hit.last)
            continue
        place = hit.places[0]
        if place.kind == "country":
            if _is_language(tokens, hit.first, hit.last):
                continue
            f.add(_place_entity(place), start, end)
        elif place.kind == "region":
            f.add(_place_entity(place), start, end)
        else:
            cities = tuple(p for p in hit.places if p.kind == "city")
            f.cities.append((start, end, cities))
    add_bodies(f, lexicon)
    f.persons = persons
    for article in _ARTICLE.finditer(f.text):
        number = article["number"]
        entity = Entity(
            "article",
            f"UNTOC/article/{number}",
            f"Article {number}",
            part_of="https://w3id.org/untoc-graph/id/instrument/UNTOC",
            types=("https://w3id.org/untoc-graph/ontology#ConventionArticle",),
        )
        f.add(entity, article.start(), article.end())
    for match in _PUBLICATION.finditer(f.text):
        name = match["name"]
        if f.free(match.start("name"), match.end("name")):
            entity = Entity(
                "publication", slug(name), name, linked=False, types=(SCHEMA_CREATIVE_WORK,)
            )
            f.add(entity, match.start("name"), match.end("name"))
    for pattern in (_SESSION, _SESSION_CODE):
        for match in pattern.finditer(f.text):
            name = match.group()
            f.add(Entity("session", slug(name), name, linked=False), match.start(), match.end())


def extract(entry: Entry, lexicon: Lexicon) -> Extraction:
    """Read one entry: its dateline, the entities it names, and the event it reports."""
    warnings: list[str] = list(entry.notes)
    whole = entry
    if len(entry.text) > MAX_TEXT:
        warnings.append(
            f"the entry is {len(entry.text):,} characters long; entities were looked "
            f"for in its first {MAX_TEXT:,} only"
        )
        entry = dataclasses.replace(entry, text=entry.text[:MAX_TEXT])
    published, first_day, language = _dateline_date(entry, warnings)
    if not entry.text:
        warnings.append("title only: the entry has no text")
    fields = [_Field("text", entry.text, tokenize(entry.text))]
    if entry.title:
        fields.insert(0, _Field("headline", entry.title, tokenize(entry.title)))
    for f in fields:
        _scan_field(f, lexicon)
    canonical_sessions(fields, language)
    unify_bodies(fields)
    for f in fields:
        _editions(f)
    add_persons(fields)
    for f in fields:
        _settle_places(f, lexicon)
        _protocols_by_subject(f, lexicon)
    context = {
        m.entity.country_code for f in fields for m in f.mentions if m.entity.kind == "country"
    }
    text_field = fields[-1]
    dateline = _dateline_places(entry, entry.text, lexicon, context, warnings)
    dateline_entities = tuple(
        e for e, _, _ in dateline if e.kind != "country" or len(dateline) == 1
    )
    dateline_spans = [(s, e) for _, s, e in dateline if s >= 0]
    for entity, start, end in dateline:
        if start >= 0:
            text_field.add(entity, start, end)
            if entity.country_code:
                context.add(entity.country_code)
    for f in fields:
        for start, end, cities in f.cities:
            if f is text_field and any(a <= start < b for a, b in dateline_spans):
                continue
            place = _city_in_text(f, start, end, cities, context, lexicon)
            if place is not None:
                f.add(_place_entity(place, lexicon), start, end)
    mentions = tuple(
        sorted(
            (m for f in fields for m in f.mentions),
            key=lambda m: (m.field != "headline", m.start, m.end),
        )
    )
    event = _event(entry, fields, mentions, published, first_day, dateline_entities, lexicon)
    stated = roles(entry.text, mentions) + speakers(entry.text, mentions)
    stated += launches(entry.text, mentions)
    if entry.title:
        stated += roles(entry.title, mentions, "headline") + launches(
            entry.title, mentions, "headline"
        )
    stated += _speaking_for(stated, mentions)
    stated += _national_participants(event, mentions, stated)
    stated = _first_per_holder(stated)
    if event is None and any(r.property != "speaker" for r in stated):
        # a role stated is an activity reported, even when no type or date names it
        location = dateline_entities[0] if dateline_entities else None
        event = Event(type=None, start=None, end=None, location=location)
    if event is None:
        stated = []
    else:
        organizers = {r.entity.key: r.entity for r in stated if r.property in ("organizer", "host")}
        event = dataclasses.replace(
            event, organizers=tuple({**{e.key: e for e in event.organizers}, **organizers}.values())
        )
    actions, parties = treaty_actions(entry.text, mentions, len(entry.dateline))
    covered = coverage(entry.text, mentions)
    return Extraction(
        entry=whole,
        published=published,
        language=language,
        dateline_places=dateline_entities,
        mentions=mentions,
        event=event,
        warnings=tuple(warnings),
        roles=tuple(stated),
        treaty_actions=tuple(actions),
        parties=tuple(parties),
        coverage=tuple(covered),
    )


def _speaking_for(stated: list[Role], mentions: tuple[Mention, ...]) -> list[Role]:
    """A state whose official spoke at the event took part in it ("Vice-Minister of Labour in
    Guatemala, said …"): the speaker's sentence is the evidence."""
    countries = [m for m in mentions if m.entity.kind == "country"]
    found = []
    for role in stated:
        if role.property == "speaker" and (state := represented(role.entity, countries)):
            found.append(
                Role("participantState", state, role.start, role.end, role.exact, role.field)
            )
    return found


def _national_participants(
    event: Event | None, mentions: tuple[Mention, ...], stated: list[Role]
) -> list[Role]:
    """A national activity: when the entry names a single state and counts the people who
    took part ("more than 200 officials", "46 funcionarios locales") without saying where
    they came from, they are that state's; the figure is the evidence."""
    if event is None or not event.figures or any(r.property == "participantState" for r in stated):
        return []
    states = {m.entity.key: m.entity for m in mentions if m.entity.kind == "country"}
    if len(states) != 1:
        return []
    people = [f for f in event.figures if f.unit.split()[-1].lower() not in _BODIES]
    if not people:
        return []  # "16 Arab States", "nueve países": bodies, not the state's own people
    figure = people[0]
    (state,) = states.values()
    return [Role("participantState", state, figure.start, figure.end, figure.exact)]


def _first_per_holder(stated: list[Role]) -> list[Role]:
    """One role per property and holder: the first statement of it is its evidence."""
    first: dict[tuple[str, str], Role] = {}
    for role in stated:
        first.setdefault((role.property, role.entity.key), role)
    return list(first.values())
