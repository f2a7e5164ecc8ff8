"""Who organised, hosted, funded or took part in the reported event, from the sentence that
says so."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ..records import Entity, Mention, Role
from .sentences import _actor_mentions, _following, _preceding, _sentence_of
from .words import (
    _AFTER_RE,
    _ASIDE,
    _BEFORE_RE,
    _FROM,
    _FROM_GROUP,
    _FUNDED,
    _NOT_PART,
    _OF_A_PROGRAMME,
    _PEOPLE_AFTER,
    _PEOPLE_BEFORE,
    _PEOPLE_RE,
    _SPEECH,
    _WITH,
    ACTORS,
    PEOPLE_WINDOW,
    _sentences,
)


def roles(text: str, mentions: Iterable[Mention], field: str = "text") -> list[Role]:
    """Every role a field (the text, or the headline) states, with the phrase that states it."""
    mentions = tuple(mentions)
    if not any(m.field == field and m.entity.kind in ACTORS for m in mentions):
        return []  # no state or body to hold a role (a programme's is its body's)
    named = _by_owner(_actor_mentions(mentions, field), mentions, text, field)
    found: dict[tuple[str, str], Role] = {}
    countries = [m for m in mentions if m.field == field and m.entity.kind == "country"]
    states = {m.entity.country_code: m.entity for m in mentions if m.entity.kind == "country"}

    def add(prop: str, mention: Mention, start: int, end: int) -> None:
        entity = mention.entity
        exact = text[start:end]
        if prop == "participantState" and entity.kind != "country":
            prop = "attendee"
            # a body of a state that took part ("the Ministry of Interior of Iraq", "the
            # Bolivian police") makes that state a participant too
            inner = [c.entity for c in countries if mention.start <= c.start < mention.end]
            if entity.country_code in states:
                inner.append(states[entity.country_code])
            for state in inner:
                found.setdefault(
                    ("participantState", state.key),
                    Role("participantState", state, start, end, exact, field),
                )
        found.setdefault((prop, entity.key), Role(prop, entity, start, end, exact, field))

    # "Kenyan officers", "Uzbek and Turkmen delegations", "policiers maliens",
    # "funcionarios peruanos": a demonym next to the people who took part
    for mention in countries:
        if not _demonym(mention):
            continue  # the country's name
        after = _PEOPLE_AFTER.match(text, mention.end)
        before = _PEOPLE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        if after or before:
            start = before.start() if before else mention.start
            end = after.end() if after else mention.end
            add("participantState", mention, start, end)

    spans = _sentences(text)
    actors = [m for m in named if m.entity.kind in ACTORS]
    # a cue states a role only in a sentence that names an actor: read from the first to the last
    low = _sentence_of(spans, actors[0].start)[0] if actors else 0
    high = _sentence_of(spans, actors[-1].start)[1] if actors else 0
    for match in _AFTER_RE.finditer(text, low, high):
        prop = match.lastgroup
        if prop == "funder" and _OF_A_PROGRAMME.search(
            text, max(0, match.start() - 60), match.start()
        ):
            continue  # "ASEAN-ACT, a programme funded by …": the programme's funder
        holders = _following(named, match.end(), _sentence_of(spans, match.start())[1], text)
        if (
            holders
            and prop == "host"
            and "invit" in match.group().lower()
            and _SPEECH.search(text, holders[-1].end, holders[-1].end + 24)
        ):
            continue  # "por invitación de UNODC, expusieron …": invited to speak, not hosted
        for mention in holders:
            add(prop, mention, match.start(), holders[-1].end)
    taken = 0
    for mention in named:
        if mention.start < taken or mention.entity.kind not in ACTORS:
            continue
        sentence_start, sentence_end = _sentence_of(spans, mention.start)
        # people named before a list already read are that list's, not this one's
        window = max(sentence_start, mention.start - PEOPLE_WINDOW, taken)
        before = _FROM.search(text, max(window, mention.start - 24), mention.start)
        if before is None and text[max(0, mention.start - 2) : mention.start].strip() == "(":
            # "officials from seven ASEAN countries (Cambodia, Indonesia …)"
            before = _FROM_GROUP.search(text, max(window, mention.start - 60), mention.start)
        if before is None:
            continue
        people = list(_PEOPLE_RE.finditer(text, window, before.start()))
        if not people or _NOT_PART.search(text, people[-1].end(), before.start()):
            continue
        holders = _following(named, before.end(), sentence_end, text)
        for holder in holders:
            add("participantState", holder, people[-1].start(), holders[-1].end)
        taken = holders[-1].end if holders else taken
    for mention in named:
        if mention.entity.kind in ACTORS and _FUNDED.match(text, mention.end):
            add("funder", mention, mention.start, mention.end + 7)
    seen: set[tuple[str, tuple[int, int]]] = set()
    for match in _BEFORE_RE.finditer(text, low, high):
        prop = match.lastgroup
        sentence_start, sentence_end = span = _sentence_of(spans, match.start())
        if (prop, span) in seen:
            continue  # the first such verb of a sentence is its verb
        seen.add((prop, span))
        before = [m for m in named if sentence_start <= m.start and m.end <= match.start()]
        subject = next(
            (m for m in reversed(before) if _ASIDE.match(text[m.end : match.start()])), None
        )
        subject = _body_of(subject, before, text) if subject else None
        if subject is None or subject.entity.kind not in ACTORS:
            continue
        if subject.entity.kind == "country" and _NOUN_BEFORE.search(
            text, max(0, subject.start - 30), subject.start
        ):
            continue  # a demonym qualifies the subject: "la capital panameña acogió"
        holders = _subjects(_preceding(named, subject.end, sentence_start - 1, text), text)
        for holder in holders:
            add(prop, holder, holders[0].start, match.end())
        if prop == "organizer":  # and those it organised with, in the same sentence
            for cue in _WITH.finditer(text, sentence_start, sentence_end):
                partners = _following(named, cue.end(), sentence_end, text)
                for partner in partners:
                    if partner.entity.kind == "country" and _demonym(partner):
                        continue  # "with Ivorian police": a demonym qualifies a body
                    add(prop, partner, cue.start(), partners[-1].end)
    return list(found.values())


#: A list introduced by a preposition is a complement, not a subject: "Pour les policiers du
#: Burkina Faso, du Mali et du Niger, l'ONUDC a organisé", "En México, UNODC y … organizaron".
_PREPOSITION = re.compile(
    r"\b(?:in|at|from|of|for|with|among|to|en|à|au|aux|de|du|des|d['’]|pour|avec|dans|del|para|"
    r"con|entre|desde)\s+(?:the\s+|la\s+|le\s+|les\s+|l['’]|el\s+|los\s+|las\s+)?$",
    re.I,
)


#: A common noun right before a country's mention makes it an adjective: "la capital panameña".
_NOUN_BEFORE = re.compile(
    r"\b(?!(?:the|la|le|les|el|los|las|of|de|del|du|des|and|et|y|in|en|à|a|au)\s)"
    r"[a-zà-ÿ][a-zà-ÿ]{2,}\s+$"
)


#: A state named through its government or authorities acts itself: "the Government of
#: Colombia and UNODC launched", "national authorities of Mali and Niger organized".
_STATE_OF = re.compile(
    r"\b(?:government|gouvernement|gobierno|governo|authorities|autorités|autoridades|"
    r"republic|république|república|kingdom|royaume|reino)\s+(?:of|de|du|del|d['’])\s+"
    r"(?:the\s+|la\s+|l['’]|el\s+)?$",
    re.I,
)


def _demonym(mention: Mention) -> bool:
    """Whether a country is named by an adjective ("Ivorian", "peruanos") rather than by a
    name of its own ("Côte d'Ivoire", "US", "Estado Plurinacional de Bolivia")."""
    exact = mention.exact
    if exact == mention.entity.name or exact.isupper():
        return False
    return exact[:1].islower() or " " not in exact


def _subjects(holders: list[Mention], text: str) -> list[Mention]:
    """The holders that are the verb's subject: after the last comma of a list that a
    preposition introduces (unless it names a state through its government)."""
    if not holders:
        return holders
    before = max(0, holders[0].start - 30)
    if _STATE_OF.search(text, before, holders[0].start) or not _PREPOSITION.search(
        text, max(0, holders[0].start - 16), holders[0].start
    ):
        return holders
    for index in range(len(holders) - 1, 0, -1):
        if "," in text[holders[index - 1].end : holders[index].start]:
            return holders[index:]
    return []


#: "Global Firearms Programme (GFP) of UNODC", "Programme mondial … de l'ONUDC".
_OF_OWNER = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:of|de|del|du)\s+(?:the\s+|l['’]|la\s+)?$")


def _by_owner(
    named: list[Mention], mentions: tuple[Mention, ...], text: str, field: str
) -> list[Mention]:
    """Programmes read as the body that runs them, where the entry says which body that is:
    the body inside the name ("UNODC Global Maritime Crime Programme", "INTERPOL Firearms
    Programme"), before it ("UNODC's Global Firearms Programme") or after it ("… Programme
    (GFP) of UNODC"). Every mention of such a programme in the entry ("the GFP carried out")
    then names its body."""
    programmes = [m for m in mentions if m.field == field and m.entity.kind == "programme"]
    if not programmes:
        return named
    bodies = sorted(
        (m for m in mentions if m.field == field and m.entity.kind == "organization"),
        key=lambda m: m.start,
    )
    owners: dict[str, Entity] = {}
    for m in sorted(programmes, key=lambda m: m.start):
        if m.entity.key in owners:
            continue
        inside = [o for o in bodies if m.start <= o.start and o.end <= m.end]
        before = [o for o in bodies if o.end <= m.start][-1:]
        after = [o for o in bodies if o.start >= m.end][:1]
        if inside:
            owners[m.entity.key] = inside[0].entity
        elif before and _OWNER.fullmatch(text[before[0].end : m.start]):
            owners[m.entity.key] = before[0].entity
        elif after and _OF_OWNER.match(text[m.end : after[0].start]):
            owners[m.entity.key] = after[0].entity
    if not owners:
        return named
    return [
        dataclasses.replace(m, entity=owners[m.entity.key]) if m.entity.key in owners else m
        for m in named
    ]


def _body_of(subject: Mention, before: list[Mention], text: str) -> Mention:
    """The body behind a subject that names a part of it: "UNODC's Global Firearms
    Programme ran …" and "UNODC in Guatemala held …" are UNODC's doing."""
    index = before.index(subject)
    previous = before[index - 1] if index else None
    if previous is None or previous.entity.kind != "organization":
        return subject
    gap = text[previous.end : subject.start]
    if subject.entity.kind == "programme" and _OWNER.fullmatch(gap):
        return previous
    if subject.entity.kind == "country" and _LOCATED_IN.fullmatch(gap):
        return previous
    return subject


_OWNER = re.compile(r"[’']s\s+(?:\w+\s+){0,2}")


_LOCATED_IN = re.compile(r"\s+(?:in|en)\s+(?:the\s+)?")
