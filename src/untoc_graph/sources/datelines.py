"""Datelines: the places and separators around the date that opens an entry ("Vienna, 8
January 2025 -", "Du 14 au 16 novembre 2022, Lomé (Togo) :"), and a title that runs into one."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .dates import _DATE_START, _DATE_WORDS, _WEEKDAYS, MAX_TITLE, _Date, _date_at

_PLACE_TOKEN = re.compile(
    r"\s*(\([^()]{1,60}\)|[,/]|(?:--?|[–—])(?=\s)|(?:[^\W\d_]\.){2,}"
    r"|[^\s,/():;.–—]+(?:\.[^\s,/():;.–—]+)*)"
)


#: Words inside a place name: "Ciudad de Panamá", "Bosnia and Herzegovina", "Dar es Salaam".
_CONJUNCTIONS = {"and", "et", "y", "e", "&"}


_LINKS = {*"de del da do dos das di of the la las los le les el al es du des sur".split()}


_LINKS |= _CONJUNCTIONS


_NAME_SEPARATORS = {",", "/", "-", "--", "–", "—"}


#: Capitalised words that open a sentence, never a place name: "On 28 November 2023, …".
_NOT_PLACES = set(
    "on in at of from to by for since until with the a an and or between during after before "
    "following as when while over ahead this that these those last every each some all "
    "le la les l du de des en à au aux par pour depuis dans sur avec pendant après avant cette "
    "ce ces un une el los las del al y entre desde hasta para por con durante tras antes "
    "después este esta estos estas uno una unos unas".split()
)


MAX_PLACE_WORDS = 6


def _is_name_word(token: str) -> bool:
    if token[:1].isupper():
        return True
    return token[:2].lower() in ("d'", "d’", "l'", "l’") and token[2:3].isupper()


@dataclass(frozen=True)
class _Places:
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]  # each name with its brackets
    separators: tuple[str, ...]  # between the names


def _starts_date(text: str, token: str, at: int, inside: bool = False) -> bool:
    """Whether a date starts at ``token``; inside a name, not with a weekday ("Santo Domingo")."""
    word = token.lower()
    if inside and word in _WEEKDAYS:
        return False
    return word in _DATE_WORDS and _date_at(text, at) is not None


def _places_at(text: str, pos: int) -> _Places | None:
    """The place names that start at ``pos``: capitalised words joined by "de", "of", "and"…,
    each with an optional bracket ("Bogota (Colombia)"), separated by ",", "/" or a spaced
    dash. They end before a date."""
    spans: list[tuple[int, int]] = []
    separators: list[str] = []
    start = end = words = -1
    closed = False  # a bracket ends a name
    at = pos
    while (match := _PLACE_TOKEN.match(text, at)) is not None:
        token, (token_start, token_end) = match.group(1), match.span(1)
        if _is_name_word(token) and not closed:
            if start < 0:
                if token.lower() in _NOT_PLACES or _starts_date(text, token, token_start):
                    break
                start, words = token_start, 0
            elif words >= MAX_PLACE_WORDS or _starts_date(text, token, token_start, inside=True):
                break
            end, words, at = token_end, words + 1, token_end
            continue
        if start < 0:
            break
        following = _PLACE_TOKEN.match(text, token_end)
        follows = following is not None and _is_name_word(following.group(1))
        if token.lower() in _LINKS and not closed and follows:
            at = token_end
            continue
        if token.startswith("("):
            end, at, closed = token_end, token_end, True
            continue
        if token in _NAME_SEPARATORS and follows:
            if _starts_date(text, following.group(1), following.start(1)):
                break
            spans.append((start, end))
            separators.append(token)
            start, closed, at = -1, False, token_end
            continue
        break
    if start >= 0:
        spans.append((start, end))
    if not spans:
        return None
    return _Places(spans[0][0], spans[-1][1], tuple(spans), tuple(separators[: len(spans) - 1]))


def _known_form(name: str, is_place: Callable[[str], bool]) -> str:
    """``name`` as the gazetteer knows it: "VIENNA" is "Vienna", "Bogotá D.C." is "Bogotá"."""
    if is_place(name):
        return name
    if name.isupper() and is_place(name.title()):
        return name.title()
    shorter = re.sub(r"(?:\s+(?:[^\W\d_]\.){1,3})+$", "", name)
    return shorter if shorter != name and is_place(shorter) else name


def _known(names: Iterable[str], is_place: Callable[[str], bool]) -> bool:
    return all(is_place(_known_form(name, is_place)) for name in names)


def _place_names(
    text: str, places: _Places, is_place: Callable[[str], bool]
) -> tuple[str, tuple[str, ...]]:
    """The place as the extractor reads it — each name in the form the gazetteer knows, cities
    joined by "/", then ", " and the place they are in ("Sétif/Mostaganem/El Oued, Algérie",
    "Vienna (Austria)") — and each name as written ("VIENNA", "Bogotá D.C.")."""
    names: list[list[str]] = []  # per written name: its parts ("A et B" gives two)
    written: list[str] = []  # per written name: as the extractor reads it, brackets kept
    brackets: list[str] = []
    closed_at = -1  # the name that ends a list "A, B et C"
    for index, (start, end) in enumerate(places.spans):
        name = text[start:end]
        base = re.sub(r"\s*\([^()]*\)", "", name).strip()
        inside = [b.strip() for b in re.findall(r"\(([^()]*)\)", name)]
        brackets += [b for b in inside if is_place(_known_form(b, is_place))]
        words = base.split()
        cut = [i for i, w in enumerate(words) if w.lower() in _CONJUNCTIONS and 0 < i < len(words)]
        parts = [base]
        if cut and not is_place(_known_form(base, is_place)):
            bounds = [-1, *cut, len(words)]
            split = [" ".join(words[a + 1 : b]) for a, b in zip(bounds, bounds[1:], strict=False)]
            if all(_is_name_word(p) for p in split) and any(is_place(p) for p in split):
                parts, closed_at = split, index
        names.append(parts)
        read = [_known_form(part, is_place) for part in parts]
        written.append(name.replace(base, read[0], 1) if len(parts) == 1 else "/".join(read))
    flat = tuple(dict.fromkeys([*(p for parts in names for p in parts), *brackets]))
    separators = places.separators
    within = None
    if 0 <= closed_at < len(names) - 1:
        within = ", ".join(
            _known_form(p, is_place) for parts in names[closed_at + 1 :] for p in parts
        )
        written = written[: closed_at + 1]
    elif (
        separators
        and separators[-1] != "/"
        and all(s == "/" for s in separators[:-1])
        and len(names[-1]) == 1
    ):
        within = written.pop()
    place = "/".join(written)
    return (f"{place}, {within}" if within else place), flat


# --- datelines -------------------------------------------------------------------------------


#: What may follow a dateline: an issuer in brackets ("(UN Information Service)"), then a dash,
#: a colon or a full stop, or nothing.
_AFTER = re.compile(r"(?:\s*\([^()]{1,80}\))?(?P<sep>\s*(?:--?|[–—]|:|\.(?!\d)))?\s*")


_BETWEEN = re.compile(r"\s*(?:,|/|--?|[–—])?\s*")  # between a place and its date


_DATE_THEN_PLACE = re.compile(r"\s*(?P<sep>,|--?|[–—])\s*")


_DASH = re.compile(r"\s+(?:--?|[–—])\s+")


_COMMA = re.compile(r"\s*,\s+")


@dataclass(frozen=True)
class _Dateline:
    end: int  # after its date, or after its place when it has no date
    body: int  # where the text after it starts
    place: str
    places: tuple[str, ...]
    date: str
    note: str | None  # why it gives no publication date


def _ends_dateline(text: str, at: int, date: _Date | None, known: bool) -> int | None:
    """Where the text after a dateline ending at ``at`` starts, or None when what follows is
    not the end of a dateline. A dateline without a full date must end in a dash, colon or
    full stop; a full date may also be followed by a new sentence, after a comma too when its
    places are known ("VIENNA, 6 July 2005, UNODC …")."""
    match = _AFTER.match(text, at)
    if match.group("sep") or match.end() == len(text):
        return match.end()
    if date is None or not date.value:
        return None
    if text[match.end() : match.end() + 1].isupper() and match.end() > at:
        return match.end()
    comma = _COMMA.match(text, at)
    if known and comma and text[comma.end() : comma.end() + 1].isupper():
        return comma.end()
    return None


def _no_date(written: str, date: _Date | None) -> str | None:
    if date is not None and date.value:
        return None
    if date is None:
        return f"dateline {written!r} has no date: no publication date"
    return f"dateline {written!r} has no {date.missing}: no publication date"


def _shorter(text: str, places: _Places | None, is_place: Callable[[str], bool]) -> list[_Places]:
    """``places`` and its shorter forms, longest first: in "Islamabad – UNODC held …" the
    dash may separate two names or end the dateline, so a name after a dash must be known."""
    if places is None:
        return []
    found = []
    for k in range(len(places.spans), 0, -1):
        dashed = [
            text[a:b]
            for (a, b), sep in zip(places.spans[1:k], places.separators, strict=False)
            if sep not in (",", "/")
        ]
        if _known(dashed, is_place):
            spans = places.spans[:k]
            found.append(_Places(places.start, spans[-1][1], spans, places.separators[: k - 1]))
    return found


def _dateline_at(text: str, pos: int, is_place: Callable[[str], bool]) -> _Dateline | None:
    """The dateline that starts at ``pos``: a place then a date ("Vienna, 8 January 2025",
    "Bangkok, Thailand – 24 February 2023 –", "VIENNA 4 November (UN Information Service)
    --"), a date then a place ("14 March 2024, Bogota (Colombia) -"), a date alone ("22 March
    2022 -", "March 2021 -"), or a place the gazetteer knows alone ("Pretoria -")."""
    date = _date_at(text, pos)
    if date is not None:
        joined = _DATE_THEN_PLACE.match(text, date.end)
        for places in _shorter(text, _places_at(text, joined.end()) if joined else None, is_place):
            place, names = _place_names(text, places, is_place)
            known = _known(names, is_place)
            body = _ends_dateline(text, places.end, None, known)
            if body is not None and (joined["sep"] == "," or known):
                note = _no_date(text[pos : places.end], date)
                return _Dateline(date.end, body, place, names, date.value, note)
        body = _ends_dateline(text, date.end, date, False)
        if body is None:
            return None
        note = _no_date(text[pos : date.end], date)
        return _Dateline(date.end, body, "", (), date.value, note)
    for places in _shorter(text, _places_at(text, pos), is_place):
        place, names = _place_names(text, places, is_place)
        known = _known(names, is_place)
        between = _BETWEEN.match(text, places.end)
        date = _date_at(text, between.end())
        if date is not None:
            body = _ends_dateline(text, date.end, date, known)
            if body is None:
                return None
            note = _no_date(text[pos : date.end], date)
            return _Dateline(date.end, body, place, names, date.value, note)
        dash = _DASH.match(text, places.end)
        short = all(len(text[a:b].split()) <= 4 for a, b in places.spans)
        if dash and short and known:
            note = _no_date(text[pos : places.end], None)
            return _Dateline(places.end, dash.end(), place, names, "", note)
    return None


_FUNCTION_WORDS = set(
    "on in at of from to by for since until with the a an and or between during "
    "le la les l du de des d en à au aux par pour depuis et ou dans sur avec "
    "el los las del al y o entre desde hasta para por con".split()
)


#: A full stop that ends a sentence: after a word, before a capital ("… trained. The …").
_FULL_STOP = re.compile(r"([^\W\d_]+)\.\s+[«“\"'(]?[^\W\d_]")


#: Abbreviations a capitalised word follows: "Dr. Islas", "H.E. Ms. Lopez", "St. Lucia".
_ABBREVIATIONS = set(
    "mr mrs ms dr prof st sr sra srta mme mlle me gen col lt capt amb hon rev no nos vol art "
    "inc ltd co jr dept univ min pres vs ca approx fig ed eds".split()
)


def _sentence_break(text: str) -> bool:
    for match in _FULL_STOP.finditer(text):
        word = match.group(1)
        abbreviation = word.lower() in _ABBREVIATIONS or len(word) == 1 or word.isupper()
        if not abbreviation and match.group()[-1].isupper():
            return True
    return False


def _title_like(text: str) -> bool:
    """A title: not too long, no full sentence inside."""
    return bool(text) and len(text) <= MAX_TITLE and not _sentence_break(text)


def _run_in_title(text: str) -> bool:
    """A title before a dateline: one that does not stop in the middle of a phrase ("… met in"
    before "Vienna, 5 May 2022" is a sentence, not a title)."""
    words = text.split()
    return (
        _title_like(text)
        and words[-1].lower().strip("’'") not in _FUNCTION_WORDS
        and not text.endswith((",", ";"))
    )


@dataclass(frozen=True)
class _RunIn:
    title: str
    start: int  # where the text starts: at the dateline's place, or its date
    dateline: _Dateline  # its offsets counted from ``start``


def _run_in(text: str, is_place: Callable[[str], bool]) -> _RunIn | None:
    """A title that runs into its dateline on one line ("Why gender matters Vienna (Austria),
    16 October 2023 - …"), with text after the dateline. The place before the date is the
    longest run of names that the gazetteer knows, or else the last name; it must be joined to
    the date by a comma, slash or dash unless it has several names ("Bangkok, Thailand 19
    December 2024")."""
    for candidate in _DATE_START.finditer(text, 1, MAX_TITLE):
        date = _date_at(text, candidate.start())
        if date is None or not text[date.start - 1].isspace():
            continue
        dateline = _dateline_at(text, date.start, is_place)
        if dateline is None or dateline.body >= len(text):
            continue
        prefix = text[: date.start].rstrip()
        core = prefix.rstrip(",/–—- ")
        joined = len(core) < len(prefix)  # "Vienna, 8 …", "Nepal/31 …", "Mali – 31 …"
        start = date.start
        if not dateline.place:
            found = [
                places
                for token in re.finditer(r"\S+", core)
                if _is_name_word(token.group())
                and (places := _places_at(core, token.start())) is not None
                and places.end == len(core)
                and (joined or len(places.spans) > 1)
            ]
            known = [p for p in found if _known(_place_names(core, p, is_place)[1], is_place)]
            best = known[0] if known else (found[-1] if found else None)
            if best is not None and best.start > 0:
                place, names = _place_names(core, best, is_place)
                start = best.start
                dateline = dataclasses.replace(dateline, place=place, places=names)
        title = text[:start].strip()
        if _run_in_title(title):
            shifted = dataclasses.replace(
                dateline, end=dateline.end - start, body=dateline.body - start
            )
            return _RunIn(title, start, shifted)
    return None


def _title_date(title: str, is_place: Callable[[str], bool]) -> _Dateline | None:
    """A date standing as a part of its own in a title line ("Regional webinar | 3-5 May 2022 |
    ONLINE", "… – 12 March 2024"), with a part that names known places ("| Lima")."""
    parts = [p.strip() for p in re.split(r"\s*\|\s*|\s+[-–—]\s+|[()]", title) if p.strip()]
    if len(parts) < 2:
        return None
    date = next((d for p in parts if (d := _date_at(p, 0)) is not None and d.end == len(p)), None)
    if date is None:
        return None
    place, names = "", ()
    for part in parts:
        places = _places_at(part, 0)
        if places is not None and places.end == len(part):
            found = _place_names(part, places, is_place)
            if _known(found[1], is_place):
                place, names = found
                break
    note = _no_date(title, date)
    return _Dateline(0, 0, place, names, date.value, note)


def parse_line(text: str, is_place: Callable[[str], bool], has_title: bool):
    """Find the dateline of a line: (title, place, date, text-from-dateline) or None. With a
    title, the dateline must start the line; without one, a title may run into it."""
    dateline = _dateline_at(text, 0, is_place)
    if dateline is not None:
        return None, dateline.place, dateline.date, text
    run_in = None if has_title else _run_in(text, is_place)
    if run_in is None:
        return None
    return run_in.title, run_in.dateline.place, run_in.dateline.date, text[run_in.start :]


# --- header, footer and noise lines ----------------------------------------------------------
