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
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def source_info(path: Path) -> SourceInfo:
    """The source's record in a ``sources.json`` beside it, if any."""
    sidecar = path.parent / "sources.json"
    record = {}
    if sidecar.is_file():
        try:
            record = json.loads(sidecar.read_text("utf-8")).get(path.name, {})
        except (ValueError, OSError) as error:
            raise SourceError(sidecar, f"unreadable source records ({error})") from None
    return SourceInfo(path.name, record.get("url"), record.get("title"), record.get("language"))


NOT_UTF8 = "not UTF-8: read as Windows-1252 (convert the file to UTF-8 to be sure of it)"
CONTROL = "control characters removed"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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
            data.count(b"\n", 0, data.index(b"\x00")) + 1,
        )
    else:
        lines = []
        for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
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
    return [line.rstrip("\r") for line in lines], notes


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
    info = info or source_info(path)
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
