"""The event an entry reports: its type, dates, place, organisers, what it concerns, and the
participant figures stated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import Lexicon
from .dates import _TODAY, _text_dates
from .records import Entity, Event, Figure, Mention

ENTITY_KINDS = frozenset(
    {"instrument", "programme", "organization", "publication", "country", "city", "region"}
)
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
# Participant figures are found from their unit ("participants", "States Parties") back to the
# number and its qualifier: "over 270 participants", "fifteen officials", "43 States Parties".
_FIGURE_UNIT = re.compile(
    r"\b(?:participants|countries|States(?:\s+[Pp]arties)?|officials|students|stakeholders|"
    r"experts|delegates|representatives|focal points|organizations|organisations|entities|"
    r"practitioners|policymakers|judges|prosecutors|investigators|attendees|participantes|"
    r"países|pays)\b"
)
_FIGURE_NUMBER = re.compile(
    r"(?:(?P<qualifier>over|more than|More than|Over|around|about|some|nearly|almost|"
    r"approximately|a total of around|a total of|up to)\s+)?"
    r"\b(?P<number>\d{1,3}(?:,\d{3})+|\d+|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?:[^\W\d][\w\-]*\s+){0,3}?$"
)


def _figures(text: str) -> Iterator[Figure]:
    for unit in _FIGURE_UNIT.finditer(text):
        window = max(0, unit.start() - 80)
        number = _FIGURE_NUMBER.search(text, window, unit.start())
        if number is None:
            continue
        start = number.start()
        unit_text = text[number.end("number") : unit.end()].strip()
        yield Figure(
            _number(number["number"]),
            unit_text,
            number["qualifier"],
            start,
            unit.end(),
            text[start : unit.end()],
        )


_LOCATION_CUE = re.compile(r"\b(?:in|at|held in|took place in|was in|en|à|a)\s+$")
_ORGANIZER_BY = re.compile(
    r"\b(?:organi[sz]ed|hosted|convened|co-organi[sz]ed)\s+(?:jointly\s+)?by\b"
)
_ORGANIZER_VERB = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:hosted|held|organi[sz]ed|convened|launched)\b"
)


def _number(text: str) -> int:
    return _NUMBER_WORDS.get(text.lower()) or int(text.replace(",", ""))


def _event_type(mentions: tuple[Mention, ...], lexicon: Lexicon) -> Mention | None:
    """The most specific event type named, the headline's first: a type that is broader than
    another one named (meeting ⊃ side event) gives way to it."""
    names = [(m.field, m.start, m.end) for m in mentions if m.entity.kind in ENTITY_KINDS]
    cues = [
        m
        for m in mentions
        if m.entity.kind == "event-type"
        and not any(f == m.field and a <= m.start and m.end <= b for f, a, b in names)
    ]
    ancestors: set[str] = set()
    for cue in cues:
        pending = list(lexicon.vocabulary[cue.entity.iri].broader)
        while pending:
            iri = pending.pop()
            if iri not in ancestors:
                ancestors.add(iri)
                pending += (
                    lexicon.vocabulary[iri].broader if iri in lexicon.vocabulary.items else []
                )
    return next((m for m in cues if m.entity.iri not in ancestors), None)


def _event(
    entry, fields, mentions, published, first_day, dateline_entities, lexicon
) -> Event | None:
    text = entry.text
    skip = len(entry.dateline)
    dates = _text_dates(text, fields[-1].tokens, skip, published)
    start = end = None
    evidence = None
    if dates:
        start, end, evidence = dates
    elif first_day and published and first_day != published:
        start, end = first_day, published
        evidence = (0, len(entry.dateline), entry.dateline)
    elif published and (today := _TODAY.search(text, skip)):
        start = end = published
        evidence = (today.start(), today.end(), today.group())
    type_mention = _event_type(mentions, lexicon)
    if type_mention is None and start is None:
        return None
    location = None
    for m in mentions:
        cue = _LOCATION_CUE.search(text[max(0, m.start - 16) : m.start])
        if m.field == "text" and m.entity.kind == "city" and m.start >= skip and cue:
            location = m.entity
            break
    if location is None and dateline_entities:
        location = dateline_entities[0]
    organizers: dict[str, Entity] = {}
    for by in _ORGANIZER_BY.finditer(text):
        stop = text.find(".", by.end())
        stop = len(text) if stop < 0 else stop
        for m in mentions:
            if (
                m.field == "text"
                and m.entity.kind == "organization"
                and by.end() <= m.start < min(stop, by.end() + 160)
            ):
                organizers.setdefault(m.entity.key, m.entity)
    for m in mentions:
        if (
            m.field == "text"
            and m.entity.kind == "organization"
            and _ORGANIZER_VERB.match(text, m.end)
        ):
            organizers.setdefault(m.entity.key, m.entity)
    concerns: dict[str, Entity] = {}
    for m in mentions:
        if m.entity.kind in ("instrument", "programme", "topic"):
            concerns.setdefault(m.entity.key, m.entity)
    figures = tuple(_figures(text))
    return Event(
        type_mention.entity if type_mention else None,
        start,
        end,
        location,
        tuple(organizers.values()),
        tuple(concerns.values()),
        figures,
        evidence,
        type_mention,
        next((m.entity for m in mentions if m.entity.kind == "session"), None),
    )
