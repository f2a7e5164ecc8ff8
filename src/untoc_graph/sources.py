"""Read news listings into :class:`Entry` records.

A listing is the text of a UNODC news page: a header line, entries, noise lines and a footer.
An entry is a title line followed by a dateline line, a title that runs straight into its
dateline on one line, or a dateline line without a title. Datelines come in both orders
("Vienna, 8 January 2025." and "14 March 2024, Bogota (Colombia) -") and in English, French and
Spanish. Reading never drops an entry silently: a line that looks like content but has no
dateline still becomes an entry, and the extractor records a warning for it.
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
_SEPARATOR = re.compile(r"\s*(?:[-–—:]+|\.(?!\d))\s*|\s*")
_TRAILER = re.compile(r"\s*(?:Read\s+more|Lire\s+la\s+suite|Leer\s+m[aá]s)\s*\|?\s*$", re.I)
_NOISE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+\|?\s*$|^[\s|]*$")
_PLACE_TOKEN = re.compile(r"[A-ZÀ-Þ][\w’'./\-]*|\([^()]{1,60}\)|of|de|and|et|y|d[’']\w+")
_SPACES = re.compile(r"\s+")
DATELINE_WITHIN = 500  # a dateline starts in a line's first 400 characters
MAX_TITLE = 300  # a longer line without a dateline is text, not a title


class SourceError(Exception):
    """A listing that cannot be read. ``str()`` is a one-line message naming the file."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Entry:
    """One news entry as read from a listing, before any interpretation of its text."""

    id: str
    source: str
    line: int
    title: str | None
    dateline_place: str
    dateline_date: str
    text: str
    url: str | None = None
    notes: tuple[str, ...] = ()  # what reading the entry took (decoding, removed characters)

    @property
    def dateline(self) -> str:
        """The dateline as written ("Vienna, 8 January 2025"), or "" when there is none."""
        if not self.dateline_date:
            return ""
        end = self.text.find(self.dateline_date) + len(self.dateline_date)
        return self.text[: max(end, 0)]


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


def _split_place(prefix: str, is_place: Callable[[str], bool]) -> tuple[str, str]:
    """Split the text before ", <date>" into (title, place).

    The place is the longest run of capitalised tokens at the end of ``prefix`` that the
    gazetteer knows (so "… of 64 reviews Vienna" gives "Vienna" and "… Crime Ocho Rios" gives
    "Ocho Rios"); unknown places fall back to the last token, parenthesised country included.
    """
    spans = [(m.group(), m.start()) for m in re.finditer(r"\([^()]*\)|[^\s()]+", prefix)]
    run = 0
    while run < len(spans) and _PLACE_TOKEN.fullmatch(spans[-run - 1][0]):
        run += 1
    best = 0
    for size in range(1, run + 1):
        words = [t for t, _ in spans[len(spans) - size :] if not t.startswith("(")]
        names = " ".join(words).split("/")
        if words and words[0][0].isupper() and all(is_place(name.strip()) for name in names):
            best = size
    if best == 0:
        best = min(run, 2 if run and spans[-1][0].startswith("(") else 1)
    if best == 0 or best == len(spans):
        return "", prefix.strip()
    cut = spans[-best][1]
    return prefix[:cut].strip(), prefix[cut:].strip()


def parse_line(text: str, is_place: Callable[[str], bool], has_title: bool):
    """Find the dateline in a line: (title, place, date, text-from-dateline) or None."""
    match = DATE_RE.search(text[:DATELINE_WITHIN])
    if not match or match.start() > 400:
        return None
    date = match.group(0)
    after = text[match.end() :]
    before = text[: match.start()]
    trailing_place = re.match(r"\s*,\s*([^.–—\-]{2,80}?)\s*(?:[.–—\-]\s|[–—\-]|\.$|$)", after)
    if before.strip() and before.rstrip().endswith(","):
        prefix = before.rstrip()[:-1]
        if has_title:
            title, place = "", prefix.strip()
        else:
            title, place = _split_place(prefix, is_place)
        start = len(before) - len(before.lstrip()) if not title else text.find(place, len(title))
        return title or None, place, date, text[start:]
    place = ""
    if trailing_place and trailing_place.group(1)[:1].isupper():
        place = trailing_place.group(1).strip()
    title = before.strip()
    return title or None, place, date, text[match.start() :]


def entry_id(source: str, title: str | None, text: str, seen: dict[str, int]) -> str:
    digest = hashlib.sha1(f"{title or ''}\n{text}".encode()).hexdigest()[:10]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def read_listing(
    path: str | Path,
    is_place: Callable[[str], bool] = lambda name: False,
    info: SourceInfo | None = None,
) -> Iterator[Entry]:
    """Yield the entries of a listing file, in order.

    ``is_place`` tells whether a name is a known place; it decides where a title that runs
    into its dateline ends. Raises :class:`SourceError` for a file that cannot be read or holds
    no entry.
    """
    path = Path(path)
    if info is None:  # a caller that gives ``info`` warns what its record lost itself
        info = source_info(path)
        yield from with_source_notes(info, read_listing(path, is_place, info))
        return
    lines, notes = _decode(path)
    seen: dict[str, int] = {}
    count = 0
    pending: tuple[int, str] | None = None

    def make(line: int, title: str | None, place: str, date: str, text: str, last: int) -> Entry:
        body = normalize_space(_TRAILER.sub("", text))
        title = normalize_space(title) if title else None
        found = tuple(dict.fromkeys(n for at in range(line, last + 1) for n in notes.get(at, ())))
        return Entry(
            entry_id(info.name, title, body, seen),
            info.name,
            line,
            title,
            normalize_space(place),
            normalize_space(date),
            body,
            notes=found,
        )

    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if _NOISE.match(line):
            continue
        parsed = parse_line(line, is_place, has_title=pending is not None)
        if parsed is None:
            if pending is not None:
                count += 1
                yield make(pending[0], pending[1], "", "", "", pending[0])
                pending = None
            if line.endswith(":") and len(line) < MAX_TITLE:
                continue  # a page header or footer ("… here:", "… on the following pages:")
            if len(line) >= MAX_TITLE:  # too long for a title: text without a dateline
                count += 1
                yield make(number, None, "", "", line, number)
                continue
            pending = (number, _TRAILER.sub("", line))
            continue
        title, place, date, text = parsed
        first = number
        if pending is not None:
            first, title = pending[0], f"{pending[1]} {title}" if title else pending[1]
            pending = None
        count += 1
        yield make(first, title, place, date, text, number)
    if pending is not None:
        count += 1
        yield make(pending[0], pending[1], "", "", "", pending[0])
    if count == 0:
        raise SourceError(path, "holds no news entry (an empty listing?)")
