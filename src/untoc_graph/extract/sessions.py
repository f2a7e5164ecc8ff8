"""Sessions of the governing bodies: one node per session, however the text names it.

"COP13", "COP 13", "13th session of the COP", "the thirteenth session of the Conference of the
Parties" and "la treizième session de la Conférence des Parties" are one session, keyed by the
body's short name and the number (``cop-13``) and named "COP13". Ordinal words are read with
``text2num``. Sessions of bodies this module does not know keep the name as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from text_to_num import alpha2digit

from ..text import slug
from .cues import Cue
from .records import Entity

__all__ = ["sessions", "canonical_sessions"]

#: The bodies whose sessions are numbered, by short name, with the names the news gives them.
BODIES = {
    "COP": r"COP|CoP|CTOC/COP|Conference\s+of\s+the\s+Parties(?:\s+to\s+the\s+(?:United\s+Nations\s+)?"
    r"(?:Convention\s+against\s+Transnational\s+Organized\s+Crime|Organized\s+Crime\s+Convention|"
    r"UNTOC))?|Conf[ée]rence\s+des\s+Parties|Conferencia\s+de\s+(?:los\s+Estados\s+)?(?:las\s+)?Partes",
    "CCPCJ": r"CCPCJ|Commission\s+on\s+Crime\s+Prevention\s+and\s+Criminal\s+Justice|"
    r"Crime\s+Commission|Commission\s+pour\s+la\s+pr[ée]vention\s+du\s+crime\s+et\s+la\s+justice\s+p[ée]nale|"
    r"Comisi[óo]n\s+de\s+Prevenci[óo]n\s+del\s+Delito\s+y\s+Justicia\s+Penal",
    "CND": r"CND|Commission\s+on\s+Narcotic\s+Drugs",
    "CSW": r"CSW|Commission\s+on\s+the\s+Status\s+of\s+Women",
    "UNGA": r"UNGA|(?:UN\s+|United\s+Nations\s+)?General\s+Assembly",
    "OOC": r"OOC|Our\s+Ocean\s+Conference",
    "Congress": r"(?:United\s+Nations\s+)?(?:Crime\s+)?Congress(?:\s+on\s+Crime\s+Prevention\s+and\s+Criminal\s+Justice)?",
}
_BODY = "|".join(f"(?P<{name}>{pattern})" for name, pattern in BODIES.items())
_ORDINAL = (
    r"(?P<n>\d{1,3})(?:st|nd|rd|th|e|er|ème|eme|º|ª|\.)?|"
    r"(?P<word>(?:[A-Za-zéèê]+-)?[A-Za-zéèê]+(?:th|st|nd|rd|ième|ieme))"
)
#: "COP13", "CCPCJ 33", "OOC-9".
_CODED = re.compile(rf"\b(?:{_BODY})[- ]?(?P<code>\d{{1,3}})\b", re.I)
#: "13th session of the COP", "the thirteenth session of the Conference of the Parties",
#: "68th annual Commission on the Status of Women", "la treizième session de la Conférence".
_ORDERED = re.compile(
    rf"\b(?:{_ORDINAL})\s+(?:(?:annual|regular|ordinary|special|annuelle|ordinaire)\s+)?"
    rf"(?:(?:session|sesión|período\s+de\s+sesiones|meeting|réunion)\s+(?:of|de|del)\s+"
    rf"(?:the\s+|la\s+|l['’])?)?(?:{_BODY})",
    re.I,
)


def _number(match: re.Match, language: str) -> int | None:
    if match.re is _CODED:
        return int(match["code"])
    if match["n"]:
        return int(match["n"])
    digits = re.match(
        r"\d+", alpha2digit(match["word"], language if language in "enfres" else "en")
    )
    return int(digits.group()) if digits else None


def canonical_sessions(fields, language: str) -> None:
    """Replace, in each field, the sessions found by their form with the numbered sessions of
    known bodies where both name the same words."""
    for f in fields:
        found = list(sessions(f.text, language))
        if not found:
            continue
        f.mentions = [
            m
            for m in f.mentions
            if not (
                m.entity.kind == "session" and any(a < m.end and m.start < b for a, b, _ in found)
            )
        ]
        for start, end, entity in found:
            f.add(entity, start, end)


#: Every session names its body: texts naming none of their words are not searched further.
_HINT = Cue(r"congress|assembly|conf[eé]ren|commission|comisi|\b(?:cop|ccpcj|cnd|csw|unga|ooc)")


def sessions(text: str, language: str = "en") -> Iterator[tuple[int, int, Entity]]:
    """Each numbered session the text names, as (start, end, entity)."""
    if _HINT.search(text) is None:
        return
    found = sorted([*_CODED.finditer(text), *_ORDERED.finditer(text)], key=lambda m: m.start())
    for match in found:
        body = next((name for name in BODIES if match[name]), None)
        number = _number(match, language)
        if body is None or number is None or not 0 < number < 300:
            continue
        name = f"{body}{number}" if body != "Congress" else f"Crime Congress {number}"
        yield (
            match.start(),
            match.end(),
            Entity("session", slug(f"{body}-{number}"), name, linked=False),
        )
