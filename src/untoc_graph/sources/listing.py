"""A listing read line by line into whole entries: titles, datelines, bodies, notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .datelines import _Dateline, _dateline_at, _run_in, _RunIn, _title_date, _title_like
from .dates import MAX_TITLE
from .entries import (
    _NOISE,
    _TRAILER,
    Entry,
    SourceError,
    SourceInfo,
    _decode,
    entry_id,
    normalize_space,
    source_info,
    with_source_notes,
)
from .furniture import _edge_furniture, _furniture

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
