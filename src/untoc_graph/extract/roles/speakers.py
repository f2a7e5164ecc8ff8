"""Who spoke, and which state a speaker represents."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..cues import Cue
from ..records import Entity, Mention, Role
from .sentences import _sentence_of
from .words import _POSSESSIVE, _SPEECH, _sentences


def speakers(text: str, mentions: Iterable[Mention]) -> list[Role]:
    """Persons in a sentence that reports speech ("said", "opened", "declaró", …)."""
    found: dict[str, Role] = {}
    spans = _sentences(text)
    reports: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        if mention.field != "text" or mention.entity.kind != "person":
            continue
        start, end = span = _sentence_of(spans, mention.start)
        if span not in reports:
            reports[span] = _SPEECH.search(text, start, end) is not None
        if reports[span] and not _POSSESSIVE.match(text, mention.end):
            found.setdefault(
                mention.entity.key, Role("speaker", mention.entity, start, end, text[start:end])
            )
    return list(found.values())


#: "Ambassador of Japan to Austria", "Head of the EU Delegation to Peru": the state after "to"
#: is where the person serves, not the one they speak for.
_ACCREDITED = re.compile(
    r"\b(?:to|in|auprès\s+de|ante)\s+(?:the\s+|la\s+|le\s+|l['’]|el\s+)?$", re.I
)


def represented(person: Entity, countries: Iterable[Mention]) -> Entity | None:
    """The state a person speaks for, as this entry states it: the one state their title or
    their national body names ("Minister of Justice of Bolivia", "French Ambassador to
    Serbia", "Ministry of Labour in Colombia"). None for the staff of an international body
    ("UNODC Representative in Colombia") and when the title names several states."""
    affiliation = person.affiliation
    international = affiliation is not None and affiliation.linked and not affiliation.country_code
    if international and affiliation.kind == "organization":
        return None  # an international body: its staff speak for it, not for a state
    title = person.job_title or ""
    found: dict[str, Entity] = {}
    for mention in countries:
        at = title.find(mention.exact)
        if at < 0 or (at and title[at - 1].isalnum()):
            continue
        if not _ACCREDITED.search(title, 0, at) or _is_of_body(title, at):
            found[mention.entity.key] = mention.entity
    if affiliation is not None and affiliation.country_code:
        found.update(
            {
                m.entity.key: m.entity
                for m in countries
                if m.entity.country_code == affiliation.country_code
            }
        )
    return next(iter(found.values())) if len(found) == 1 else None


_MINISTRY = re.compile(r"\b(?:Ministry|Ministerio|Ministère|Minister|Ministro|Ministre)\b[^,;]*$")


def _is_of_body(title: str, at: int) -> bool:
    """ "Ministry of Labour in Colombia": "in" after a national body names its state."""
    return bool(_MINISTRY.search(title, 0, at))


#: An event that launches a publication: "launched the Global Report", "presented the 2024
#: edition", "a lancé", "publie ce jour", "presentó el Informe".
_LAUNCH = Cue(
    r"\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s)?|releas(?:ed|es|ing)|present(?:ed|s|ing)|"
    r"publish(?:ed|es)|lanc(?:e|é|ée|ent|ement)|a\s+lancé|ont\s+lancé|présent(?:e|é|ée|ation)|"
    r"publi(?:e|é|ée|ent|cation)|lanz(?:ó|aron|amiento)|present(?:ó|aron|ación)|publicó)\b"
)
