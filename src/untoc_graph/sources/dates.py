"""Dates as news entries write them, in English, French and Spanish: day first, month first,
ranges, weekdays, a month alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


MONTH_NUMBER = {
    name.lower(): (number, lang)
    for lang, names in MONTHS.items()
    for number, name in enumerate(names.split(), start=1)
}


_MONTH = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))


_DAY = r"\d{1,2}(?:er)?"


#: A dateline date: "8 January 2025", "9-12 October 2023", "8 novembre 2024", "14 de marzo de 2024".
DATE_RE = re.compile(
    rf"\b(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?\s+(?:de\s+)?"
    rf"(?P<month>(?i:{_MONTH}))\s*,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b"
)


MAX_TITLE = 300  # a longer line is text, not a title; a run-in dateline starts before this


_D = r"\d{1,2}(?:er|st|nd|rd|th|º|°)?(?!\d)"


_Y = r"(?:19|20)\d\d(?!\d)"


_TO = r"(?:\s*[-–—]\s*|\s+(?:to|and|&|au|et|à|al|a|y|until|till|hasta)\s+)"


_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi "
    "vendredi samedi dimanche lunes martes miércoles miercoles jueves viernes sábado sabado "
    "domingo"
).split()


_WEEKDAY = rf"(?:(?:{'|'.join(_WEEKDAYS)})\s*,?\s+)?"


#: "8 January 2025", "24 to 25 September 2024", "Du 14 au 16 novembre 2022", "del 4 al 5 de
#: febrero de 2014", "30 August to 1 September 2017", "25th February 2014", "12 March".
_DAY_FIRST = re.compile(
    rf"(?:(?:le|el|du|del|from)\s+)?{_WEEKDAY}(?P<d1>{_D})"
    rf"(?:\s+(?:de\s+)?(?P<m1>{_MONTH})(?=(?:\s+(?:de\s+)?{_Y})?{_TO}{_D})(?:\s+(?:de\s+)?{_Y})?)?"
    rf"(?:{_TO}(?P<d2>{_D}))?\s*(?:de\s+)?(?P<m>{_MONTH})(?!\w)"
    rf"(?:\s*,?\s*(?:de\s+|del\s+)?(?P<y>{_Y}))?",
    re.I,
)


#: "June 10, 2021", "December 4th, 2012", "Junio 3, 2020", "October 19".
_MONTH_FIRST = re.compile(
    rf"{_WEEKDAY}(?P<m>{_MONTH})\.?\s+(?P<d1>{_D})(?:{_TO}(?P<d2>{_D}))?"
    rf"(?:(?:\s*,\s*|\s+)(?P<y>{_Y}))?",
    re.I,
)


#: "March 2021", "Mai 2015", "junio de 2021": no day, so no publication date.
_MONTH_ONLY = re.compile(rf"(?P<m>{_MONTH})\s+(?:de\s+)?(?P<y>{_Y})", re.I)


_ISO = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")


_DATE_START = re.compile(
    rf"(?<!\w)(?:\d|(?:le|el|du|del|from)\s+\d|(?:{_MONTH}|{'|'.join(_WEEKDAYS)})(?!\w))", re.I
)


_DATE_WORDS = {*MONTH_NUMBER, *_WEEKDAYS, "le", "el", "du", "del", "from"}


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    value: str  # a date the extractor reads ("8 January 2025", "24-25 September 2024"), or ""
    missing: str  # what it lacks when ``value`` is "": "year" or "day"


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _date_at(text: str, pos: int) -> _Date | None:
    """The date that starts at ``pos``, if one does."""
    if (iso := _ISO.match(text, pos)) is not None:
        return _Date(pos, iso.end(), iso.group(), "")
    match = _DAY_FIRST.match(text, pos) or _MONTH_FIRST.match(text, pos)
    if match is not None:
        if not match["y"]:
            return _Date(pos, match.end(), "", "year")
        written = text[match.start("d1") : match.end()] if match.re is _DAY_FIRST else ""
        last = match["d2"] or match["d1"]
        if written and not match["m1"] and DATE_RE.fullmatch(written):
            value = written  # as written when the extractor reads it so
        elif match["d2"] and not match["m1"]:
            value = f"{_day(match['d1'])}-{_day(last)} {match['m']} {match['y']}"
        else:  # one day, or a range across months: its last day
            value = f"{_day(last)} {match['m']} {match['y']}"
        return _Date(pos, match.end(), value, "")
    if (month := _MONTH_ONLY.match(text, pos)) is not None:
        return _Date(pos, month.end(), "", "day")
    return None


# --- places ----------------------------------------------------------------------------------
