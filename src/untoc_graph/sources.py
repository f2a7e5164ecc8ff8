"""Read news listings into :class:`Entry` records.

A listing is the text of a UNODC news page, one paragraph a line: header lines, entries, noise
lines and footer lines. An entry is a title line followed by a body line, a title that runs
straight into its dateline on one line, or a body line that starts with a dateline and has no
title. Datelines come in many layouts ("Vienna, 8 January 2025.", "14 March 2024, Bogota
(Colombia) -", "Dushanbe, Tajikistan – 24 September 2024 –", "June 3, 2020 -", "Du 14 au 16
novembre 2022, Lomé (Togo) :", "GENEVA, 12 March (UN Information Service) -", "Pretoria -") in
English, French and Spanish; a date may also stand in the title line ("… | 3-5 May 2022 |
ONLINE"). See :func:`read_listing` for the rules.

Reading never loses text: every character of an entry's lines, except the "Read more" trailer,
ends up in its title or its text, in order. Header, footer and noise lines are recognised by
their form and are not entries.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from .errors import UntocError

__all__ = ["Entry", "SourceError", "SourceInfo", "read_listing", "source_info", "DATE_RE"]

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
MONTH_NUMBER.update({"fevrier": (2, "fr"), "aout": (8, "fr"), "decembre": (12, "fr")})

_MONTH = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
_DAY = r"\d{1,2}(?:er)?"
#: A dateline date: "8 January 2025", "9-12 October 2023", "8 novembre 2024", "14 de marzo de 2024".
DATE_RE = re.compile(
    rf"\b(?P<day>{_DAY})(?:\s*[-–]\s*(?P<day2>{_DAY}))?\s+(?:de\s+)?"
    rf"(?P<month>(?i:{_MONTH}))\s*,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d)\b"
)
#: The link at the end of a listing entry; it is not part of the entry's text.
_TRAILER = re.compile(
    r"\s*[\[(]?(?:Read\s+more|Read\s+(?:the\s+)?full\s+(?:story|article)|Continue\s+reading"
    r"|Lire\s+la\s+suite|Lire\s+plus|En\s+savoir\s+plus|Leer\s+m[aá]s|Ver\s+m[aá]s"
    r"|Seguir\s+leyendo)\s*(?:\.{3}|…|[»›→>])?[\])]?\s*\|?\s*$",
    re.I,
)
#: Image links, table rules and lines without a letter or digit ("* *** *").
_NOISE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+\|?\s*$|^[^\w]*$")
_SPACES = re.compile(r"\s+")
MAX_TITLE = 300  # a longer line is text, not a title; a run-in dateline starts before this


class SourceError(UntocError):
    """A listing that cannot be read. ``str()`` is a one-line message naming the file."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Entry:
    """One news entry as read from a listing, before any interpretation of its text.

    ``dateline_place`` is the dateline's place as the extractor reads it: names in the form
    the gazetteer knows, several cities joined by "/", then ", " or brackets and the place
    they are in ("Vienna (Austria)", "Sétif/Mostaganem/El Oued, Algérie"); "" when there is
    none. ``dateline_date`` is its date as ``DATE_RE`` reads it ("8 January 2025", "24-25
    September 2024"; "3 Junio 2020" for "Junio 3, 2020") or ISO; "" when the dateline gives no
    full date (no year, a month alone) or there is no dateline.
    """

    id: str
    source: str
    line: int
    title: str | None
    dateline_place: str
    dateline_date: str
    text: str
    url: str | None = None
    notes: tuple[str, ...] = ()  # what reading the entry took (decoding, removed characters)
    #: Where the dateline ends in ``text`` (after its date, or its place when it has no date);
    #: 0 when the text has none; -1 when not recorded (then found from ``dateline_date``).
    dateline_end: int = -1
    #: Each place name of the dateline as written: ("Sétif", "Mostaganem", "El Oued", "Algérie").
    dateline_places: tuple[str, ...] = ()

    @property
    def dateline(self) -> str:
        """The dateline as written at the start of the text, up to its date ("Vienna, 8 January
        2025"; "14 March 2024" in "14 March 2024, Bogota (Colombia) -"), or "" when the text
        starts with none."""
        if self.dateline_end >= 0:
            return self.text[: self.dateline_end]
        if not self.dateline_date:
            return ""
        found = self.text.find(self.dateline_date)
        if found >= 0:
            return self.text[: found + len(self.dateline_date)]
        line = _dateline_at(self.text, 0, lambda name: True)
        return self.text[: line.end] if line else ""


@dataclass(frozen=True)
class SourceInfo:
    """What is known about a source document: its name, and its URL and title when recorded."""

    name: str
    url: str | None = None
    title: str | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()  # what was dropped from its record; warned on its first entry


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def source_info(path: Path) -> SourceInfo:
    """The source's record in a ``sources.json`` beside it, if any.

    A field of the wrong type, or a URL the graph cannot hold, is dropped with a note (warned
    on the source's first entry); a file that is not a JSON object of records is refused.
    """
    sidecar = path.parent / "sources.json"
    if not sidecar.is_file():
        return SourceInfo(path.name)
    records = read_json_object(
        sidecar, "source records", '{"listing.txt": {"url": …, "title": …, "language": …}}'
    )
    record = records.get(path.name)
    if record is None:
        return SourceInfo(path.name)
    if not isinstance(record, dict):
        why = f"{json_kind(record)}, not an object"
        return SourceInfo(path.name, notes=(f"sources.json: record {path.name!r} dropped: {why}",))
    notes: list[str] = []
    fields: dict[str, str | None] = {}
    for name in ("url", "title", "language"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            notes.append(f"{name!r} dropped: {json_kind(value)}, not text")
            value = None
        fields[name] = clean_text(value, notes) if value else None
    url = http_iri(fields["url"])
    if fields["url"] and url is None:
        notes.append(url_note(fields["url"]))
    notes = [f"sources.json: {note}" for note in dict.fromkeys(notes)]
    return SourceInfo(path.name, url, fields["title"], fields["language"], tuple(notes))


def read_json_object(path: Path, what: str, example: str) -> dict:
    """A JSON file that holds an object; anything else is refused in one line with the line
    where it goes wrong."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, ValueError) as error:
        raise SourceError(path, f"unreadable {what} ({error})") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(path, f"unreadable {what} ({error.msg})", error.lineno) from None
    except ValueError as error:  # a number too long to convert, say
        raise SourceError(path, f"unreadable {what} ({error})") from None
    except RecursionError:
        raise SourceError(path, f"unreadable {what} (nested too deeply)", _deepest(text)) from None
    if not isinstance(value, dict):
        start = text.count("\n", 0, len(text) - len(text.lstrip())) + 1
        raise SourceError(
            path, f"holds {json_kind(value)}; {what} must be a JSON object, like {example}", start
        )
    return value


def _deepest(text: str) -> int:
    """The line where a JSON text's nesting is deepest (a JSON string holds no line end)."""
    depth = deepest = 0
    line = where = 1
    for mark in re.finditer(r'"(?:[^"\\\n]|\\.)*"?|[\[{\]}\n]', text):
        token = mark.group()
        if token == "\n":
            line += 1
        elif token in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif token in ("]", "}"):
            depth -= 1
    return where


def json_kind(value: object) -> str:
    """What a JSON value is, in words: "a number", "an array"…"""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else "text"


def http_iri(value: object) -> str | None:
    """``value`` as a URL the graph can hold, or None: an absolute http(s) IRI with a host and
    only characters an IRI may contain (no spaces, ``<``, ``"``, control characters). White
    space around it is ignored, as browsers ignore it around a link."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
        ox.NamedNode(url)  # the graph's own IRI check: what passes here can be written
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(char.isspace() for char in url):  # IRIs admit Unicode spaces; a URL does not
        return None
    return url


def url_note(value: object, why: str = "not an absolute http(s) IRI") -> str:
    """The warning for a URL that was dropped, quoting it (cut short when long)."""
    shown = repr(value)
    shown = shown if len(shown) <= 100 else shown[:99] + "…"
    return f"URL {shown} dropped: {why}"


NOT_UTF8 = "not UTF-8: read as Windows-1252 (convert the file to UTF-8 to be sure of it)"
CONTROL = "control characters removed"
SURROGATE = "unpaired surrogate escapes replaced by U+FFFD"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise SourceError(path, "is a directory; give listing files") from None
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except OSError as error:
        raise SourceError(path, f"cannot be read ({error.strerror})") from None


def clean_text(text: str, notes: list[str]) -> str:
    """``text`` without control characters (each becomes a space) or unpaired surrogates
    (which JSON escapes can make and no RDF literal can hold), noting either in ``notes``."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
        notes.append(CONTROL)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        notes.append(SURROGATE)
    return text


def with_source_notes(info: SourceInfo, entries: Iterable[Entry]) -> Iterator[Entry]:
    """``entries``, the first also warning what was dropped from the source's record."""
    notes = info.notes
    for entry in entries:
        if notes:
            entry = dataclasses.replace(entry, notes=tuple(dict.fromkeys((*notes, *entry.notes))))
            notes = ()
        yield entry


def split_lines(data: bytes) -> list[bytes]:
    """Lines ended by LF, CR LF or a lone CR (old Mac files), the ends removed."""
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data.split(b"\n")


def _decode(path: Path) -> tuple[list[str], dict[int, list[str]]]:
    """The file's lines, and notes by line number on what reading them took.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as
    such. A line that is not UTF-8 is read as Windows-1252 (a superset of Latin-1's printable
    characters) and noted, so one bad entry does not sink the others. Binary files and HTML
    pages are refused with a message that says what to give instead.
    """
    data = read_bytes(path)
    notes: dict[int, list[str]] = {}
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            lines = data.decode("utf-16").splitlines()
        except UnicodeDecodeError:
            raise SourceError(path, "is not valid UTF-16 text; convert it to UTF-8") from None
    elif b"\x00" in data:
        raise SourceError(
            path,
            "is a binary file, not a text listing",
            len(split_lines(data[: data.index(b"\x00")])),
        )
    else:
        lines = []
        for number, raw in enumerate(split_lines(data.removeprefix(codecs.BOM_UTF8)), start=1):
            try:
                lines.append(raw.decode("utf-8"))
            except UnicodeDecodeError:
                lines.append(raw.decode("cp1252", errors="replace"))
                notes.setdefault(number, []).append(NOT_UTF8)
    head = "\n".join(lines[:20])
    if _HTML.match(head):
        raise SourceError(
            path,
            "is an HTML page, not a text listing; save the page as text and build from that file",
        )
    sample = "".join(lines)[:100_000]
    if sample and len(_CONTROL.findall(sample)) > len(sample) / 10:
        raise SourceError(path, "looks binary (mostly control characters), not a text listing")
    for number, line in enumerate(lines, start=1):
        if _CONTROL.search(line):
            lines[number - 1] = _CONTROL.sub(" ", line)
            notes.setdefault(number, []).append(CONTROL)
    return lines, notes


def entry_id(source: str, title: str | None, text: str, seen: dict[str, int]) -> str:
    digest = hashlib.sha1(f"{title or ''}\n{text}".encode()).hexdigest()[:10]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


# --- dates -----------------------------------------------------------------------------------

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

#: Words of a page's section headings: "Latest news", "Communiqués de presse", "Noticias".
_SECTION_HEADS = set(
    "news stories story features feature events event publications publication press releases "
    "release media advisories advisory statements speeches updates highlights archive archives "
    "articles blog posts newsroom headlines announcements focus spotlight actualités actualites "
    "actualité nouvelles communiqués communiques communiqué communique presse événements "
    "evenements une noticias noticia comunicados comunicado prensa artículos articulos eventos "
    "publicaciones novedades notas boletines portada".split()
)
#: Words that open a heading ("Latest", "Toutes les", "Últimas") or join its heads ("and").
_SECTION_OPENERS = set(
    "latest recent top featured more all our the in dernières dernieres toutes tous les à la "
    "últimas ultimas todas todos las los el sala en".split()
)
_SECTION_JOINERS = {"and", "&", "et", "y", "de", "of"}
_SECTION_WORDS = _SECTION_HEADS | _SECTION_OPENERS | _SECTION_JOINERS
_NAVIGATION = re.compile(
    r"^(?:(?:see|view|browse|show|read|explore|discover)\s+(?:all|more|the\s+(?:full\s+)?archive"
    r"|our|older|previous)\b|(?:more|older|newer|previous|next)\s+(?:news|stories|articles|press"
    r"|releases|events|posts|items|updates|entries)\b|back\s+to\s+(?:top|the\s+top|news|list)"
    r"|(?:go\s+|scroll\s+)?to\s+(?:the\s+)?top\b|top\s+of\s+(?:the\s+)?page"
    r"|retour\s+(?:en\s+haut|au\s+d[ée]but|à\s+la\s+liste|aux\s+actualit)|haut\s+de\s+(?:la\s+)?page"
    r"|voir\s+(?:toutes|tous|plus|les\s+autres)|(?:toutes|tous)\s+les\s+(?:actualit|nouvelles"
    r"|communiqu|articles)|plus\s+d['’]actualit|volver\s+(?:arriba|al\s+inicio|a\s+la\s+lista)"
    r"|ir\s+arriba|subir\b|ver\s+(?:todas|todos|m[aá]s)|(?:todas|todos)\s+las?\s+(?:noticias"
    r"|comunicados|art[ií]culos)|m[aá]s\s+noticias|(?:share|partager|compartir)\b"
    r"|(?:follow|suivez|s[ií]guenos|subscribe)\b|(?:page|p[aá]gina)\s+\d+(?:\s+(?:of|de|sur)\s+\d+)?$"
    r"|(?:previous|next|pr[ée]c[ée]dent|suivant|anterior|siguiente)\s*[»›>]*$)",
    re.I,
)
#: Page numbers and arrows: "1 2 3 … Next ›", "« Précédent | Suivant »".
_PAGINATION = re.compile(
    r"^(?:[\d\s|«»‹›<>←→.…]|first|last|previous|next|pr[ée]c[ée]dent|suivant|premi[eè]re|derni[eè]re"
    r"|anterior|siguiente|primera|[uú]ltima)+$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|all\s+rights\s+reserved|tous\s+droits\s+r[ée]serv"
    r"|todos\s+los\s+derechos\s+reservados",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:photos?|fotos?|cr[ée]dits?(?:\s+photo)?|photo\s+credits?|credits?|image|picture)"
    r"\s*(?:credit\s*)?[:：©]",
    re.I,
)
_DISCLAIMER = re.compile(
    r"for\s+information\s+only|not\s+an\s+official\s+(?:document|record)|document\s+non\s+officiel"
    r"|pour\s+information\s+seulement|s[oó]lo\s+para\s+(?:fines\s+de\s+)?informaci[oó]n"
    r"|documento\s+no\s+oficial|for\s+use\s+of\s+(?:the\s+)?(?:information\s+)?media\s+only",
    re.I,
)
#: Wording of a page's own lines at its top or bottom, pointing to other pages: "… are
#: available on the following pages:", "Find the latest news here", "Consultez les archives".
_PAGE_WORDING = re.compile(
    r"\b(?:can\s+be\s+found|(?:is|are)\s+available\s+(?:on|at|in|here|from)|find\s+(?:the|all"
    r"|more|our)\s+(?:latest\s+)?(?:news|stories|articles|press|releases|events|updates|archive)"
    r"|(?:visit|see|browse|consult|explore)\s+(?:our|the|this|these|all)\s+(?:full\s+)?(?:pages?"
    r"|archives?|website|site|news|stories|section)|(?:the\s+)?following\s+pages?|pages?\s+below"
    r"|(?:click|read\s+more)\s+here|(?:se\s+trouvent|sont\s+disponibles?)\s+(?:sur|dans|ici)"
    r"|pages?\s+suivantes?|consultez\s+(?:les|nos|la)|retrouvez\s+(?:toutes|tous|les|nos)"
    r"|(?:se\s+encuentran|est[aá]n\s+disponibles?)\s+(?:en|aqu[ií])|siguientes\s+p[aá]ginas"
    r"|consulte\s+(?:las|los|nuestras|nuestros)|(?:found|available|listed|gathered)\s+here"
    r"|(?:disponibles?|r[ée]unies?)\s+ici|(?:disponibles?|reunid[oa]s)\s+aqu[ií])\b",
    re.I,
)
_CONNECTORS = set("from on about of in by at for de du des sur en sobre desde del".split())
MAX_FURNITURE_WORDS = 16
MAX_FURNITURE = 250  # characters; a longer line is never the page's own


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())


def _section_heading(text: str) -> bool:
    """Only section words, with at least one head: "Press releases", "COMMUNIQUÉ DE PRESSE"."""
    words = _words(text)
    return bool(words) and set(words) <= _SECTION_WORDS and bool(set(words) & _SECTION_HEADS)


def _furniture(text: str) -> bool:
    """A line of the page rather than of an entry, wherever it stands: navigation ("See all
    news", "Volver arriba"), sharing, credits ("Photo: UNODC"), copyright, disclaimers, a
    section heading, or a short line ending in a colon ("… on the following pages:")."""
    if len(text) > MAX_FURNITURE:
        return False
    words = len(text.split())
    if _COPYRIGHT.search(text) or _DISCLAIMER.search(text) and words <= MAX_FURNITURE_WORDS:
        return True
    if words > MAX_FURNITURE_WORDS:
        return text.endswith(":")
    return bool(
        _NAVIGATION.match(text)
        or _PAGINATION.match(text)
        or (_CREDIT.match(text) and words <= 8)
        or _section_heading(text)
        or text.endswith(":")
    )


def _opens_with_heading(words: list[str]) -> bool:
    """Whether words start with a section heading that ends there or before a connector:
    "latest news", "news and events", "stories from …", "communiqués de presse"."""
    at = 0
    while at < len(words) and words[at] in _SECTION_OPENERS:
        at += 1
    heads = False
    while at < len(words):
        if words[at] in _SECTION_HEADS:
            heads, at = True, at + 1
        elif (
            heads
            and words[at] in _SECTION_JOINERS
            and words[at + 1 : at + 2]
            and (words[at + 1] in _SECTION_HEADS)
        ):
            at += 1
        else:
            break
    return heads and (at == len(words) or words[at] in _CONNECTORS)


def _edge_furniture(text: str) -> bool:
    """A line at the top or bottom of the page that is the page's own: a heading that opens
    with a section heading, or whose last part does ("Latest news from …", "GLO.ACT – Stories
    from the field", "UNODC – Press releases"), or that points to other pages ("Browse the
    full archive …")."""
    if len(text) > MAX_FURNITURE:
        return False
    if _PAGE_WORDING.search(text):
        return True
    last = re.split(r"\s*[:|–—]\s*|\s+-\s+", text)[-1]  # "GLO.ACT – Stories from the field"
    return _opens_with_heading(_words(text)) or _opens_with_heading(_words(last))


# --- the reader ------------------------------------------------------------------------------

MAX_SHORT = 150  # a one-sentence line ending in a full stop up to this length may be a title


@dataclass(frozen=True)
class _Line:
    number: int
    text: str  # spaces normalised, trailer removed
    dateline: _Dateline | None  # one that starts the line
    run_in: _RunIn | None
    kind: str  # "dated", "run-in", "title", "sentence" (a short one) or "prose"

    @property
    def body_like(self) -> bool:
        """Text that a title line before it heads: anything but a title or a run-in entry."""
        return self.kind in ("dated", "sentence", "prose")


def _kind(text: str, trailer: bool) -> str:
    if trailer or len(text) > MAX_TITLE or not _title_like(text.rstrip(".…")):
        return "prose"
    if text.rstrip("\"'»”’)").endswith((".", "…")):
        return "sentence" if len(text) <= MAX_SHORT else "prose"
    return "title"


def _classify(number: int, raw: str, is_place: Callable[[str], bool]) -> _Line | None:
    line = normalize_space(raw)
    if _NOISE.match(line):
        return None
    tail = len(line) - 80  # a trailer is short: look for it at the end only
    trailer = _TRAILER.search(line, max(tail, 0))
    text = line[: trailer.start()] if trailer else line
    if not text or _NOISE.match(text):
        return None
    dateline = _dateline_at(text, 0, is_place)
    run_in = None if dateline else _run_in(text, is_place)
    if dateline is not None:
        kind = "dated"
    elif run_in is not None:
        kind = "run-in"
    else:
        kind = _kind(text, len(text) < len(line))
    return _Line(number, text, dateline, run_in, kind)


def _strip_furniture(lines: list[_Line]) -> list[_Line]:
    """The lines without the page's own: furniture anywhere; at the top, edge furniture and a
    heading followed by a title and its body; at the bottom, edge furniture."""

    def plain(line: _Line) -> bool:
        return line.kind not in ("dated", "run-in")

    kept = [line for line in lines if not (plain(line) and _furniture(line.text))]
    while (
        kept
        and plain(kept[0])
        and (
            _edge_furniture(kept[0].text)
            or (len(kept) > 2 and kept[0].kind == kept[1].kind == "title" and kept[2].body_like)
        )
    ):
        kept.pop(0)
    while kept and plain(kept[-1]) and _edge_furniture(kept[-1].text):
        kept.pop()
    return kept


NO_DATELINE = "no dateline at the start of the text: no publication date"
NO_TITLE_NO_DATELINE = "no title and no dateline: the line is read as text"


def read_listing(
    path: str | Path,
    is_place: Callable[[str], bool] = lambda name: False,
    info: SourceInfo | None = None,
) -> Iterator[Entry]:
    """Yield the entries of a listing file, in order.

    Noise (images, rules), the page's own lines and the "Read more" trailers are dropped
    first. The page's own lines are known by their form: navigation, sharing, credits,
    copyright, disclaimers, section headings, short lines ending in a colon; at the top and
    bottom of the page also headings that open with a section heading ("Latest news from …")
    or point to other pages, and a first line followed by a title and its body. Then:

    - a line that starts with a dateline is an entry without a title;
    - a line where a title runs into a dateline is an entry with that title;
    - a title line (short, no full sentence) heads the line after it, whatever that line
      holds, unless that line is itself a title followed by a body: then the first is a title
      with no text. A short sentence ending in a full stop heads a body line the same way;
    - when the body has no dateline at its start, a date standing as a part of its own in the
      title line ("… | 3-5 May 2022 | ONLINE") is the dateline; otherwise the entry has no
      publication date and a note says so. A date inside a sentence is never a dateline;
    - a line that is a dateline alone gives its dateline to the paragraph after it;
    - a paragraph with neither title nor dateline is an entry of its own, with a note.

    Every character of an entry's lines except the trailer is in its title or its text, in
    order. ``is_place`` tells whether a name is a known place; it decides where a title that
    runs into its dateline ends. Raises :class:`SourceError` for a file that cannot be read or
    holds no entry.
    """
    path = Path(path)
    if info is None:  # a caller that gives ``info`` warns what its record lost itself
        info = source_info(path)
        yield from with_source_notes(info, read_listing(path, is_place, info))
        return
    raw_lines, notes = _decode(path)
    lines = [
        line
        for number, raw in enumerate(raw_lines, start=1)
        if (line := _classify(number, raw, is_place)) is not None
    ]
    lines = _strip_furniture(lines)
    seen: dict[str, int] = {}
    count = 0

    def make(
        lines_used: list[_Line],
        title: str | None,
        text: str,
        dateline: _Dateline | None,
        note: str | None = None,
    ) -> Entry:
        first, last = lines_used[0].number, lines_used[-1].number
        found = [n for at in range(first, last + 1) for n in notes.get(at, ())]
        found += [n for n in (note, dateline.note if dateline else None) if n]
        return Entry(
            entry_id(info.name, title, text, seen),
            info.name,
            first,
            title,
            dateline.place if dateline else "",
            dateline.date if dateline else "",
            text,
            notes=tuple(dict.fromkeys(found)),
            dateline_end=dateline.end if dateline else 0,
            dateline_places=dateline.places if dateline else (),
        )

    def body(index: int) -> list[_Line]:
        """A body line, with the paragraph after it when it is a dateline alone."""
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        alone = line.dateline is not None and line.dateline.body >= len(line.text)
        if alone and following is not None and following.kind in ("sentence", "prose"):
            return [line, following]
        return [line]

    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        after = lines[index + 2] if index + 2 < len(lines) else None
        heads = following is not None and (
            following.body_like
            if line.kind == "sentence"
            else line.kind == "title"
            and not (following.kind == "title" and after is not None and after.body_like)
        )
        if line.kind == "dated":
            used = body(index)
            text = " ".join(part.text for part in used)
            entry = make(used, None, text, line.dateline)
        elif line.kind == "run-in":
            used = [line]
            run_in = line.run_in
            entry = make(used, run_in.title, line.text[run_in.start :], run_in.dateline)
        elif heads:
            used = [line, *body(index + 1)]
            text = " ".join(part.text for part in used[1:])
            dateline = following.dateline or _title_date(line.text, is_place)
            entry = make(used, line.text, text, dateline, None if dateline else NO_DATELINE)
        elif line.kind == "title":
            used = [line]
            entry = make(used, line.text, "", None)
        else:
            used = [line]
            entry = make(used, None, line.text, None, NO_TITLE_NO_DATELINE)
        count += 1
        yield entry
        index += len(used)
    if count == 0:
        raise SourceError(path, "holds no news entry (an empty listing?)")
