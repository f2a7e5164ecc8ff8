"""Dates: the dateline's date (publication date, first day of a range, language) and the dates
stated in running text, of which :func:`_event_dates` picks the main event's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..lexicon import Token, tokenize
from ..sources import DATE_RE, MONTH_NUMBER, Entry

# A date written in English, French or Spanish, one day or a range, with or without its year:
# "12 June 2023", "from 12 to 14 June", "du 14 au 16 novembre", "del 12 al 14 de junio de 2023",
# "on 3 and 4 May", "les 25 et 26 mars", "30 August to 1 September 2017", "le lundi 21
# septembre", "June 10-12, 2021", "June 30 to July 2", "Junio 3, 2020", "December 4th, 2012".
_MONTHS = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
# English month names are matched with their capital ("may" is a verb); the others in any case.
_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_M = rf"(?:(?-i:{_EN})|(?i:{_MONTHS}))"
_D = r"[0-3]?\d(?:st|nd|rd|th|er|º|°)?(?!\d)"
_Y = r"(?:19|20)\d\d(?!\d)"
_WEEKDAY = (
    r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|"
    r"jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|"
    r"sabado|domingo),?\s+)?"
)
_OF = r"(?:(?:de|del)\s+)?"  # "14 de junio de 2024", "junio del 2024"
# Between the two ends of a range: a dash, or a word ("to", "au", "al", "y", "et", "and") and
# what may stand before the second day ("entre el 4 y el 6", "du 3 au lundi 6").
_LINK = (
    r"(?:\s*[-–—/]\s*|\s+(?i:to|and|until|till|through|thru|au|et|à|al|y|a|hasta)\s+"
    r"(?:(?i:the|le|el)\s+)?)"
)
_DAY_FIRST = re.compile(
    rf"(?<![\w/.,-])(?:{_WEEKDAY}(?P<d1>{_D})(?:\s+{_OF}(?P<m1>{_M})(?:,?\s+{_OF}(?P<y1>{_Y}))?)?"
    rf"{_LINK}{_WEEKDAY})?(?P<d2>{_D})\s+{_OF}(?P<m2>{_M})(?!\w)(?:,?\s+{_OF}(?P<y2>{_Y}))?"
)
_MONTH_FIRST = re.compile(
    rf"(?<![\w-])(?P<m1>{_M})\.?\s+(?P<d1>{_D})"
    rf"(?:{_LINK}(?:(?P<m2>{_M})\.?\s+)?(?P<d2>{_D}))?(?:(?:\s*,\s*|\s+)(?P<y2>{_Y}))?"
)
# A dateline that may hold a range across months: "30 August to 1 September 2017".
_RANGE_HINT = re.compile(r"\s(?:to|au|al|a|y|et|and|until|hasta)\s|[-–—]")
_MONTH_KEYS = frozenset(
    form for name in MONTH_NUMBER for form in (name, name.capitalize(), name.upper())
)
# The dateline's day named in the text; not "to date" ("à ce jour"), "nowadays" ("hoy en día"),
# "today's world".
_TODAY = re.compile(
    r"\b(?:[Tt]oday(?![’']s)|[Tt]his morning|(?:[Tt]hat|[Tt]he same) day|[Aa]ujourd[’']hui|"
    r"(?<![àÀ] )(?:en )?ce jour(?:-là)?|ce matin|le (?:même )?jour même|[Hh]oy(?! en día)|"
    r"esta mañana|ese (?:mismo )?día|el mismo día)\b"
)


@dataclass(frozen=True)
class Stated:
    """A date or date range written in a text: its days, where it is, and whether the text
    gave its year (else it was taken from the dateline)."""

    first: date
    last: date
    start: int
    end: int
    exact: str
    has_year: bool


def _month(name: str) -> int:
    return MONTH_NUMBER[name.lower()][0]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


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


def _days(match: re.Match, published: date | None) -> tuple[date, date]:
    """The first and last day of a match of either pattern; ValueError when impossible."""
    g = match.groupdict()
    year = g["y2"] or g.get("y1")
    m2 = _month(g["m2"] or g["m1"])
    if match.re is _DAY_FIRST:
        last = _resolve_year(m2, _day(g["d2"]), published, year)
        if g["d1"] is None:
            return last, last
        m1 = _month(g["m1"]) if g["m1"] else m2
        first = date(int(g["y1"]) if g["y1"] else last.year - (m1 > m2), m1, _day(g["d1"]))
        return first, last
    m1 = _month(g["m1"])
    first = _resolve_year(m1, _day(g["d1"]), published, year)
    if g["d2"] is None:
        return first, first
    last = date(first.year + (m2 < m1), m2, _day(g["d2"]))
    return first, last


_PATTERNS = (_DAY_FIRST, _MONTH_FIRST)


def stated_dates(
    text: str, tokens: list[Token], skip: int = 0, published: date | None = None
) -> list[Stated]:
    """Every date or range written in ``text`` after offset ``skip``, in text order; a date
    without its year takes the year of a later date in the same sentence ("on 24-28 October
    and from 31 October to 4 November 2022"), else the dateline's, else it is left out."""
    found: list[re.Match] = []
    covered = skip
    # Every date holds a month name: try the patterns only where one can start, at most eight
    # words before a month ("du lundi 14 au mercredi 16 novembre").
    months = [i for i, t in enumerate(tokens) if t.key in _MONTH_KEYS and t.start >= skip]
    for index in months:
        token = tokens[index]
        if token.start < covered:
            continue
        best = None
        for first in range(max(0, index - 8), index + 1):
            position = tokens[first].start
            if position < covered:
                continue
            for pattern in _PATTERNS:
                match = pattern.match(text, position)
                if (
                    match
                    and match.end() > token.start
                    and (best is None or match.end() > best.end())
                ):
                    best = match
            if best is not None:
                break
        if best is not None:
            found.append(best)
            covered = best.end()
    stated = []
    for index, match in enumerate(found):
        year = match["y2"] or match.groupdict().get("y1")
        reference = published
        if not year:
            later = next(
                (
                    m
                    for m in found[index + 1 :]
                    if m["y2"] and "." not in text[match.end() : m.start()].replace(".,", ",")
                ),
                None,
            )
            if later is not None:
                reference = date(int(later["y2"]), _month(later["m2"] or later["m1"]), 1)
            elif reference is None and stated and stated[-1].has_year:
                reference = stated[-1].last  # "du 20 au 22 septembre 2021, suivie les 23 et 24"
        try:
            first, last = _days(match, reference)
        except ValueError:
            continue
        if last < first or (last - first).days > 62:
            continue
        stated.append(Stated(first, last, match.start(), match.end(), match.group(), bool(year)))
    return stated


# What a date may belong to when it is not the entry's event.
_NOT_THE_EVENT = re.compile(
    # a deadline, or a treaty's entry into force still to come
    r"(?:\b(?:by|before|until|till|no later than|deadline|d[’']ici (?:au|le)|avant le|"
    r"jusqu[’']au|jusqu[’']à|hasta el|antes del?|a más tardar el)|"
    r"(?:will|shall|is expected to|is due to)\s+(?:enter|come)\s+into\s+force\s+(?:on|in)|"
    r"entrará en vigor el|entrera en vigueur le)\s+(?:\w+,?\s+)?$",
    re.I,
)
# The dates of a larger event the entry's event is part of: "… in the margins of the CCPCJ,
# which runs from 17 to 21 May", "en el marco del Congreso, que se celebra del 12 al 19 de abril".
_FRAME = re.compile(
    r"\b(?:in the margins? of|on the (?:sidelines|margins) of|at the margins? of|en marge d|"
    r"en el marco del?|al margen del?|dans le cadre d)\b[^.;]*?,\s*(?:which|que|qui)\s+"
    r"(?:is |are |was |were )?(?:being |currently )?"
    r"(?:held|taking place|runs|running|takes place|se celebra|se realiza|tiene lugar|"
    r"se tient|se déroule|a lieu)\b[^.;]*$",
    re.I,
)
# Two dates of one event in one sentence: "from 14 to 18 September in Bamako, then from 28
# September to 2 October in Niamey", "le 6 octobre et se poursuivra jusqu'au 10 octobre".
_JOINED = re.compile(
    r"\b(?:and|et|y|puis|then|followed|suivie?s?|seguid[oa]s?|luego|until|jusqu[’']au|hasta)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[^A-Z\s.][.!?]\s+[A-ZÀ-Ý«\"“]|;")
# A stated length: "a two-day workshop", "une conférence de deux jours", "un taller de tres días".
_NUMBER_WORDS = {
    **dict.fromkeys(("one", "un", "une", "uno", "una"), 1),
    **dict.fromkeys(("two", "deux", "dos"), 2),
    **dict.fromkeys(("three", "trois", "tres"), 3),
    **dict.fromkeys(("four", "quatre", "cuatro"), 4),
    **dict.fromkeys(("five", "cinq", "cinco"), 5),
    **dict.fromkeys(("six", "seis"), 6),
    **dict.fromkeys(("seven", "sept", "siete"), 7),
    **dict.fromkeys(("eight", "huit", "ocho"), 8),
    **dict.fromkeys(("nine", "neuf", "nueve"), 9),
    **dict.fromkeys(("ten", "dix", "diez"), 10),
}
_N = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_LENGTH = re.compile(
    rf"(?<![\w.]){_N}[- ]days?\b|\b(?:de|durant|pendant|durante|over|for)\s+{_N}\s+"
    r"(?:jours|días|days)\b",
    re.I,
)
# An event said to end on its anchor day: "a three-day course ended today".
_ENDED = re.compile(
    r"\b(?:ended|closed|concluded|wrapped up|came to an end|s[’']est (?:achevée?|terminée?|"
    r"clôturée?)|a pris fin|prend fin|se clôture|concluyó|finalizó|clausuró|terminó|culminó)\b",
    re.I,
)
_YESTERDAY = re.compile(r"\b(?:[Yy]esterday|[Hh]ier|[Aa]yer)\b")


def _length(text: str) -> int | None:
    """The length in days the text gives its event ("a three-day course"), if it gives one."""
    match = _LENGTH.search(text)
    if match is None:
        return None
    number = match.group(1) or match.group(2)
    days = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
    return days if 1 <= days <= 31 else None


def _same_sentence(text: str, start: int, end: int) -> bool:
    return _SENTENCE_END.search(text, start, end) is None


def _is_event_date(text: str, found: Stated, published: date | None) -> bool:
    before = text[max(0, found.start - 60) : found.start]
    if _NOT_THE_EVENT.search(before):
        return False
    if _FRAME.search(text, max(0, found.start - 300), found.start):
        return False
    # background: "Adopted on 15 November 2000", in an entry of 2023
    return not (published and found.has_year and (published - found.last).days > 400)


def _event_dates(
    text: str,
    tokens: list[Token],
    skip: int,
    published: date | None,
    first_day: date | None,
    title: str | None = None,
    title_tokens: list[Token] | None = None,
):
    """The main event's first and last day, and the words they were read from (None when
    they are not in the text).

    In order: a dateline range ("Niamey, Niger, 16 to 18 April 2018"); a date in the title
    line; the first date in the text that is not something else's (a deadline, a treaty's
    entry into force to come, the larger event it is part of, a date years before the
    dateline), joined to a second date of the same sentence ("… then from 28 September to 2
    October"); "today" or "yesterday" (the dateline's day, or the day before). A single day
    with a stated length ("a two-day workshop on 27 November") spans that many days."""
    if first_day and published and first_day < published:
        evidence = (0, skip, text[:skip]) if skip else None
        return first_day, published, evidence
    if title and title_tokens:
        for found in stated_dates(title, title_tokens, 0, published):
            return found.first, found.last, None
    stated = stated_dates(text, tokens, skip, published)
    chosen = next((f for f in stated if _is_event_date(text, f, published)), None)
    if chosen is not None:
        first, last = chosen.first, chosen.last
        start, end = chosen.start, chosen.end
        following = next((f for f in stated if f.start >= end), None)
        if (
            following is not None
            and _same_sentence(text, end, following.start)
            and _JOINED.search(text, end, following.start)
            and 0 <= (following.first - last).days <= 10
        ):
            last, end = following.last, following.end
        if first == last and (days := _length(text)):
            last = first + timedelta(days=days - 1)
        return first, last, (start, end, text[start:end])
    if published is None:
        return None
    today = _TODAY.search(text, skip)
    yesterday = _YESTERDAY.search(text, skip)
    if today is None and yesterday is None:
        return None
    if yesterday is not None and (today is None or yesterday.start() < today.start()):
        anchor, day = yesterday, published - timedelta(days=1)
    else:
        anchor, day = today, published
    days = _length(text) or 1
    before = text[max(0, anchor.start() - 50) : anchor.start()].rsplit(". ", 1)[-1]
    after = text[anchor.end() : anchor.end() + 40].split(". ", 1)[0]
    if _ENDED.search(before) or _ENDED.search(after):
        first, last = day - timedelta(days=days - 1), day
    else:
        first, last = day, day + timedelta(days=days - 1)
    return first, last, (anchor.start(), anchor.end(), anchor.group())


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
    # The range as written, which may span two months ("30 August to 1 September 2017").
    written = entry.dateline
    if first == last and _RANGE_HINT.search(written):
        for found in stated_dates(written, tokenize(written), 0, last):
            if found.last == last and found.first < first:
                first = found.first
    return last, first, language
