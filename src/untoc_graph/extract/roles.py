"""Who did what: the roles the text states for states, organisations and people in the event it
reports, the appearance of each person (title, affiliation and state as stated in this entry),
and the treaty actions it reports (a state ratifying, acceding to, signing an instrument).

Roles are read from cue phrases in English, French and Spanish ("hosted by", "funded by",
"participants from", "organisé par", "financiado por", …) and the entities the text names right
after (or, for verbs such as "X hosted", right before) them: a list of names joined by commas
and "and"/"et"/"y", nothing else between. A role the text does not state is not guessed: a
country merely named stays a mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from ..sources import DATE_RE, MONTH_NUMBER
from .records import Mention, Party, Role, TreatyAction

__all__ = ["roles", "speakers", "treaty_actions"]

ACTORS = frozenset({"country", "organization"})
INSTRUMENTS = frozenset({"instrument"})

#: Cue phrases before the role holders, by the property they state.
_AFTER = {
    "host": r"(?:co-)?hosted\s+(?:jointly\s+)?by|at\s+the\s+invitation\s+of|"
    r"(?:à|a)\s+l['’]invitation\s+(?:de|du|des)|accueilli[es]*\s+par|"
    r"con\s+el\s+apoyo\s+del\s+país\s+anfitrión,?|(?:fue\s+)?anfitri[oó]n(?:a)?\s+(?:fue|de)?",
    "organizer": r"(?:co-)?organi[sz]ed\s+(?:jointly\s+)?by|convened\s+by|held\s+by|"
    r"jointly\s+by|organis[ée]+s?\s+(?:conjointement\s+)?par|co-?organis[ée]+s?\s+par|"
    r"(?:co-?)?organizad[oa]s?\s+(?:conjuntamente\s+)?por|convocad[oa]s?\s+por",
    "funder": r"(?:funded|financed|sponsored)\s+(?:jointly\s+|generously\s+)?by|"
    r"with\s+(?:the\s+)?(?:generous\s+)?(?:financial\s+support|funding)\s+(?:of|from)|"
    r"thanks\s+to\s+(?:the\s+)?(?:generous\s+)?(?:financial\s+)?(?:contribution|funding|support)s?\s+(?:of|from)|"
    r"financ[ée]+s?\s+par|grâce\s+au\s+(?:financement|soutien\s+financier)\s+(?:de|du|des)|"
    r"avec\s+(?:le\s+)?(?:soutien|appui)\s+financier\s+(?:de|du|des)|"
    r"financiad[oa]s?\s+por|con\s+(?:el\s+)?(?:apoyo\s+financiero|financiamiento|financiación)\s+(?:de|del)|"
    r"gracias\s+al?\s+(?:apoyo\s+financiero|financiamiento|financiación)\s+(?:de|del)",
    "participantState": r"(?:participants|delegates|delegations|experts|officials|officers|"
    r"representatives|practitioners|prosecutors|judges|investigators|authorities|"
    r"(?:national\s+)?focal\s+points)\s+(?:came\s+)?(?:from|of)|delegations?\s+(?:of|from)|"
    r"(?:des\s+)?(?:représentants|délégations|délégués|experts|participants|participantes|"
    r"fonctionnaires|magistrats|responsables|agents)\s+(?:venus\s+)?(?:de|du|des|d['’])|"
    r"(?:los\s+)?(?:representantes|delegaciones|delegados|expertos|expertas|participantes|"
    r"funcionari[oa]s|fiscales|jueces|autoridades)\s+(?:provenientes\s+)?(?:de|del)",
}
_AFTER_RE = {role: re.compile(rf"\b(?:{cue})\s*", re.I) for role, cue in _AFTER.items()}
#: Verbs after the role holders, the sentence's subject: "UNODC and the Government of X
#: organized …", "UNODC, under its Global Programme, held …". Not followed by "by" (passive).
_BEFORE = {
    "host": re.compile(r"\b(?:co-)?hosted\b(?!\s+by)", re.I),
    "organizer": re.compile(
        r"\b(?:jointly\s+|also\s+|successfully\s+|recently\s+)?(?:co-)?(?:organi[sz]ed|convened|"
        r"held|ran|conducted|facilitated|delivered|carried\s+out|launched|"
        r"a\s+organisé|ont\s+organisé|a\s+tenu|ont\s+tenu|a\s+animé|a\s+lancé|"
        r"organizó|organizaron|realizó|realizaron|llevó\s+a\s+cabo|celebró|impartió|convocó|"
        r"lanzó)\b(?!\s+(?:by|par|por)\b)",
        re.I,
    ),
}
#: What may stand between a subject and its verb: an aside between commas or brackets.
_ASIDE = re.compile(r"^\s*(?:(?:,(?:[^,.;]|\.(?!\s)){0,200},|\([^()]{0,200}\))\s*)?$")
#: "EU-funded", "Japan-supported": the holder written into the adjective.
_FUNDED = re.compile(r"^-(?:funded|financed|sponsored)\b", re.I)
#: Words that may stand between the holders of one role: list punctuation and joiners, and the
#: words that introduce a state ("the Government of", "the Republic of").
_JOINER = re.compile(
    r"^(?:\s|,|;(?=\s)|[()]|\band\b|\bor\b|\bet\b|\by\b|\be\b|\bas\s+well\s+as\b|\bthe\b|\bla\b|"
    r"\ble\b|\bles\b|\bl['’]|\bel\b|\blos\b|\blas\b|\bof\b|\bde\b|\bdel\b|\bdu\b|\bdes\b|"
    r"\bd['’]|\bits\b|\bsu\b|\bsus\b|\bses\b|\btheir\b|\bGovernments?\b|\bGobiernos?\b|"
    r"\bGouvernements?\b|\bRepublic\b|\bRepública\b|\bRépublique\b|\bKingdom\b|\bState\b|"
    r"\bStates\b|\bEstado\b|\bÉtat\b|\bfrom\b|\bpartners?\b|\bdonors?\b|\bauthorities\b|\bUnited\s+Nations\b)*$",
    re.I,
)
#: A person speaks: "said X", "X said", "noted", "declaró", "a déclaré", "opened by".
_SPEECH = re.compile(
    r"\b(?:said|says|noted|stated|stressed|emphasi[sz]ed|highlighted|underlined|remarked|"
    r"explained|added|recalled|pointed\s+out|told|welcomed|opened|chaired|moderated|presented|"
    r"delivered|addressed|introduced|urged|declared|affirmed|according\s+to|remarks|"
    r"opening\s+(?:remarks|statement|speech)|keynote|"
    r"a\s+déclaré|a\s+souligné|a\s+indiqué|a\s+rappelé|a\s+affirmé|a\s+ouvert|a\s+présidé|"
    r"a\s+présenté|a\s+salué|selon|déclaré|souligné|"
    r"declaró|señaló|afirmó|destacó|subrayó|indicó|expresó|manifestó|explicó|agregó|añadió|"
    r"inauguró|presidió|presentó|según)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ«“\"(])")

#: Treaty actions: the cue, and the action it states.
_ACTIONS = [
    (
        "accession",
        r"acced(?:ed|es|ing)\s+to|accession\s+to|adh[ée]r[ée]?\s+à|a\s+adhéré|"
        r"adhésion\s+(?:à|au|aux)|se\s+adhiri[óo]|adhiri[óo]|adhesión\s+(?:a|al)",
    ),
    (
        "ratification",
        r"ratif(?:ied|ies|ying)|ratification\s+of|a\s+ratifié|ratifi[ée]+|"
        r"ratification\s+(?:de|du|des)|ratific[óo]|ratificaron|ratificación\s+(?:de|del)",
    ),
    ("signature", r"sign(?:ed|s|ing)|signature\s+of|a\s+signé|firm[óo]"),
    ("acceptance", r"accept(?:ed|ance\s+of)"),
    ("approval", r"approv(?:ed|al\s+of)"),
    ("succession", r"succe(?:eded|ssion)\s+to"),
    (
        "domestication",
        r"domesticat(?:ed|ion\s+of)|incorporated\s+into\s+(?:its\s+)?national\s+law|"
        r"transpos[ée]+|incorpor[óo]\s+a\s+su\s+legislación",
    ),
]
_ACTION_RE = [(action, re.compile(rf"\b(?:{cue})", re.I)) for action, cue in _ACTIONS]
#: "became the 190th State party to", "States parties such as X": being a party.
_PARTY = re.compile(
    r"\bbec(?:ame|omes|oming)\s+(?:the\s+\w+\s+)?(?:State\s+)?part(?:y|ies)\s+to|"
    r"\bdevenu[es]*\s+(?:le\s+\w+\s+)?(?:État\s+)?parties?\s+(?:à|au|aux)|"
    r"\bse\s+convirti[óo]\s+en\s+(?:el\s+\w+\s+)?Estado\s+[Pp]arte\s+(?:de|del|en)|"
    r"(?P<such>\bStates?\s+[Pp]art(?:y|ies)\s+(?:such\s+as|like|including)|"
    r"\bÉtats\s+parties\s+(?:tels\s+que|comme)|\bEstados\s+[Pp]arte\s+(?:como|tales\s+como))",
    re.I,
)
#: "September 4, 2020": a date in US order.
_US_DATE = re.compile(
    rf"\b(?P<month>(?i:{'|'.join(sorted(MONTH_NUMBER, key=len, reverse=True))}))\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?P<day2>)?,?\s+(?P<year>(?:19|20)\d\d)\b"
)
PARTY_ACTIONS = frozenset({"ratification", "accession", "acceptance", "approval", "succession"})


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for boundary in _SENTENCE.finditer(text):
        yield start, boundary.start()
        start = boundary.end()
    yield start, len(text)


def _following(
    mentions: list[Mention], start: int, stop: int, text: str, kinds: frozenset[str] = ACTORS
) -> list[Mention]:
    """The entities of ``kinds`` named in a list that starts at ``start``: each next one
    separated from the last only by joiners ("A, B and the Government of C")."""
    found, cursor = [], start
    for mention in mentions:
        if mention.start < cursor:
            continue
        if mention.start >= stop or not _JOINER.match(text[cursor : mention.start]):
            break
        if mention.entity.kind in kinds:
            found.append(mention)
        cursor = max(cursor, mention.end)
    return found


def _preceding(mentions: list[Mention], end: int, stop: int, text: str) -> list[Mention]:
    """The actors named in a list that ends at ``end``, read backwards."""
    found, cursor = [], end
    for mention in reversed(mentions):
        if mention.end > cursor:
            continue
        if mention.end <= stop or not _JOINER.match(text[mention.end : cursor]):
            break
        if mention.entity.kind in ACTORS:
            found.append(mention)
        cursor = min(cursor, mention.start)
    return found[::-1]


def _actor_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions in the text, outermost first where two overlap (a country inside an
    organisation's name is the organisation's, not a second actor)."""
    chosen: list[Mention] = []
    for mention in sorted(
        (m for m in mentions if m.field == "text"), key=lambda m: (m.start, -m.end)
    ):
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return chosen


def roles(text: str, mentions: Iterable[Mention]) -> list[Role]:
    """Every role the text states, with the phrase that states it."""
    named = _actor_mentions(mentions)
    found: dict[tuple[str, str], Role] = {}

    def add(prop: str, mention: Mention, start: int, end: int) -> None:
        entity = mention.entity
        if prop == "participantState" and entity.kind != "country":
            prop = "attendee"
        found.setdefault((prop, entity.key), Role(prop, entity, start, end, text[start:end]))

    for sentence_start, sentence_end in _sentences(text):
        for prop, cue in _AFTER_RE.items():
            for match in cue.finditer(text, sentence_start, sentence_end):
                holders = _following(named, match.end(), sentence_end, text)
                for mention in holders:
                    add(prop, mention, match.start(), holders[-1].end)
        for mention in named:
            if not sentence_start <= mention.start < sentence_end:
                continue
            if mention.entity.kind not in ACTORS:
                continue
            if _FUNDED.match(text, mention.end):
                add("funder", mention, mention.start, mention.end + 7)
        for prop, verb in _BEFORE.items():
            match = verb.search(text, sentence_start, sentence_end)
            if match is None:
                continue
            before = [m for m in named if sentence_start <= m.start and m.end <= match.start()]
            subject = next(
                (m for m in reversed(before) if _ASIDE.match(text[m.end : match.start()])), None
            )
            if subject is None or subject.entity.kind not in ACTORS:
                continue
            holders = _preceding(named, subject.end, sentence_start - 1, text)
            for holder in holders:
                add(prop, holder, holders[0].start, match.end())
    return list(found.values())


def speakers(text: str, mentions: Iterable[Mention]) -> list[Role]:
    """Persons in a sentence that reports speech ("said", "opened", "declaró", …)."""
    found: dict[str, Role] = {}
    persons = [m for m in mentions if m.field == "text" and m.entity.kind == "person"]
    for start, end in _sentences(text):
        if not _SPEECH.search(text, start, end):
            continue
        for mention in persons:
            if start <= mention.start < end:
                found.setdefault(
                    mention.entity.key,
                    Role("speaker", mention.entity, start, end, text[start:end]),
                )
    return list(found.values())


def treaty_actions(
    text: str, mentions: Iterable[Mention]
) -> tuple[list[TreatyAction], list[Party]]:
    """The treaty actions a text reports — a state, the instruments it acted on, the action,
    and the date when the sentence states one — and the states it says are parties."""
    named = _actor_mentions(mentions)
    actions: dict[tuple[str, str, str], TreatyAction] = {}
    parties: dict[tuple[str, str], Party] = {}
    for start, end in _sentences(text):
        sentence = [m for m in named if start <= m.start < end]
        states = [m for m in sentence if m.entity.kind == "country"]
        if not states or not any(m.entity.kind == "instrument" for m in sentence):
            continue
        stated = DATE_RE.search(text, start, end) or _US_DATE.search(text, start, end)
        when = _iso(stated) if stated else None
        for action, pattern in _ACTION_RE:
            for cue in pattern.finditer(text, start, end):
                subject = [s for s in states if s.end <= cue.start()]
                acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
                if not subject or not acted_on:
                    continue
                state = subject[-1]
                for instrument in acted_on:
                    key = (state.entity.key, instrument.entity.key, action)
                    actions.setdefault(
                        key,
                        TreatyAction(
                            state.entity,
                            instrument.entity,
                            action,
                            when,
                            start,
                            end,
                            text[start:end],
                        ),
                    )
                    if action in PARTY_ACTIONS:
                        parties.setdefault(
                            (state.entity.key, instrument.entity.key),
                            Party(state.entity, instrument.entity, start, end, text[start:end]),
                        )
        for cue in _PARTY.finditer(text, start, end):
            if cue["such"]:  # "States parties such as A and B"
                holders = _following(sentence, cue.end(), end, text, frozenset({"country"}))
                acted_on = [m for m in sentence if m.entity.kind == "instrument"][:1]
            else:  # "A became the 190th State party to the Protocol"
                holders = [s for s in states if s.end <= cue.start()][-1:]
                acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
            for state in holders:
                for instrument in acted_on:
                    parties.setdefault(
                        (state.entity.key, instrument.entity.key),
                        Party(state.entity, instrument.entity, start, end, text[start:end]),
                    )
    return list(actions.values()), list(parties.values())


def _iso(match: re.Match) -> date | None:
    groups = match.groupdict()
    try:
        return date(
            int(groups["year"]),
            MONTH_NUMBER[groups["month"].lower()][0],
            int(re.match(r"\d+", groups["day2"] or groups["day"]).group()),
        )
    except (ValueError, KeyError, TypeError):
        return None
