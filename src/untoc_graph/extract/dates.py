"""Dates: the dateline's date (publication date, first day of a range, language) and the
event's dates stated in running text."""

from __future__ import annotations

import re
from datetime import date

from ..lexicon import Token
from ..sources import DATE_RE, MONTH_NUMBER, Entry

# Event dates in running text: "On 23-25 July", "from 7 until 9 February 2023",
# "on 10 and 15 July", "February 14-15, 2024", "this October 14-18", "15 to 17 April".
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_M = rf"(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December)|(?i:{_MONTHS}))"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?(?!\d)"
_Y = r"(?:19|20)\d\d"
_LINK = r"\s*(?:-|–|—|and|to|until|till|through|au|al|y|et)\s*"
_RANGE_DAY_FIRST = re.compile(
    rf"\b(?P<d1>{_D})(?:\s+(?:de\s+)?(?P<m1>{_M}))?(?:,?\s+(?P<y1>{_Y}))?{_LINK}"
    rf"(?P<d2>{_D})\s+(?:de\s+)?(?P<m2>{_M})(?:,?\s+(?:de\s+)?(?P<y2>{_Y}))?"
)
_DAY_FIRST = re.compile(rf"\b(?P<d1>{_D})\s+(?:de\s+)?(?P<m1>{_M})(?:,?\s+(?:de\s+)?(?P<y1>{_Y}))?")
_MONTH_FIRST = re.compile(
    rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})(?:{_LINK}(?P<d2>{_D}))?(?:,?\s+(?P<y1>{_Y}))?"
)
_TODAY = re.compile(r"\b(?:today|aujourd'hui|hoy)\b")

_TODAY = re.compile(r"\b(?:today|aujourd'hui|hoy)\b")


def _month(name: str) -> int:
    return MONTH_NUMBER[name.lower()][0]


def _resolve_year(month: int, day: int, published: date | None, year: str | None) -> date:
    if year:
        return date(int(year), month, day)
    if published is None:
        raise ValueError("no year")
    candidate = date(published.year, month, day)
    if (candidate - published).days > 200:
        candidate = date(published.year - 1, month, day)
    elif (published - candidate).days > 200:
        candidate = date(published.year + 1, month, day)
    return candidate


def _date_matches(text: str, tokens: list[Token], skip: int) -> list[tuple]:
    """Date expressions after ``skip``, in text order (the longest first where two start
    together). Every one holds a month name, so each is tried only where it can start: at a
    month, or at most four tokens before it ("23 - 25 July", "7 until 9 February")."""
    found = {}
    for index, token in enumerate(tokens):
        if token.start < skip or token.key.lower() not in MONTH_NUMBER:
            continue
        for first in range(max(0, index - 4), index + 1):
            position = tokens[first].start
            if position < skip:
                continue
            for pattern in (_RANGE_DAY_FIRST, _DAY_FIRST, _MONTH_FIRST):
                match = pattern.match(text, position)
                if match:
                    found[match.span()] = (
                        match.start(),
                        match.start() - match.end(),
                        pattern,
                        match,
                    )
    return sorted(found.values(), key=lambda f: f[:2])


def _text_dates(text: str, tokens: list[Token], skip: int, published: date | None):
    """The first date or date range stated in ``text`` after offset ``skip``."""
    for _, _, pattern, match in _date_matches(text, tokens, skip):
        g = match.groupdict()
        try:
            if pattern is _RANGE_DAY_FIRST:
                m2 = _month(g["m2"])
                m1 = _month(g["m1"]) if g["m1"] else m2
                year = g["y1"] or g["y2"]
                end = _resolve_year(
                    m2, int(re.match(r"\d+", g["d2"]).group()), published, g["y2"] or year
                )
                start = date(end.year - (m1 > m2), m1, int(re.match(r"\d+", g["d1"]).group()))
                if g["y1"]:
                    start = start.replace(year=int(g["y1"]))
            else:
                m1 = _month(g["m1"])
                start = _resolve_year(
                    m1, int(re.match(r"\d+", g["d1"]).group()), published, g["y1"]
                )
                end = start
                if g.get("d2"):
                    end = start.replace(day=int(re.match(r"\d+", g["d2"]).group()))
        except ValueError:
            continue
        if end < start:
            continue
        return start, end, (match.start(), match.end(), match.group())
    return None


def _dateline_date(entry: Entry, warnings: list[str]) -> tuple[date | None, date | None, str]:
    """Publication date (the last day of a range), the range's first day, and the language."""
    iso = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", entry.dateline_date)
    if iso:  # a date field of a feed or data file
        try:
            day = date(*(int(part) for part in iso.groups()))
        except ValueError:
            warnings.append(f"impossible date {entry.dateline_date!r}")
            return None, None, "en"
        return day, day, "en"
    match = DATE_RE.search(entry.dateline_date) if entry.dateline_date else None
    if match is None:
        warnings.append("no dateline date")
        return None, None, "en"
    month, language = MONTH_NUMBER[match["month"].lower()]
    try:
        last = date(
            int(match["year"]), month, int(re.match(r"\d+", match["day2"] or match["day"]).group())
        )
        first = date(int(match["year"]), month, int(re.match(r"\d+", match["day"]).group()))
    except ValueError:
        warnings.append(f"impossible dateline date {entry.dateline_date!r}")
        return None, None, language
    return last, first, language
