"""Entries and their sources: the Entry record, reading a file's bytes safely, cleaning text,
and the provenance of a source file."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox

from ..errors import UntocError
from .datelines import _dateline_at
from .dates import MONTH_NUMBER

MONTH_NUMBER.update({"fevrier": (2, "fr"), "aout": (8, "fr"), "decembre": (12, "fr")})


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
    #: Other URLs of the same article: the one a page was fetched from when its canonical link
    #: names another. A listing entry that links to either is the same article.
    aliases: tuple[str, ...] = ()

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
