"""Sources as published: saved HTML listing and article pages, feeds (RSS, Atom), JSON Lines and CSV.

Every reader yields the same :class:`Entry` records as the text listing reader, so the rest of
the pipeline does not know where an entry came from.

- A **listing page** is a page with "Read more" links (English, French or Spanish); each link's
  enclosing block is an entry, and the link is the entry's ``url``.
- An **article page** is any other page; its main text comes from trafilatura, its URL from
  the canonical link. An article page and the listing entry that links to it become one entry:
  the listing's, with the article's full text.
- **Feeds** (RSS, Atom, read by feedparser): one entry per item — title, link, date, summary.
- **JSON Lines and CSV**: one entry per record, with the fields ``title``, ``date`` (ISO
  8601 or "8 January 2025"), ``place``, ``text``, ``url`` and ``language``; only ``text`` or
  ``title`` is required.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from .sources import (
    DATE_RE,
    Entry,
    SourceError,
    SourceInfo,
    clean_text,
    entry_id,
    http_iri,
    json_kind,
    normalize_space,
    parse_line,
    read_bytes,
    read_json_object,
    url_note,
    with_source_notes,
)

__all__ = ["read_any", "read_page", "read_pages", "read_feed", "read_records", "merge_articles"]

READ_MORE = re.compile(
    r"^\s*(read\s+more|lire\s+la\s+suite|leer\s+m[aá]s|en\s+savoir\s+plus)\b", re.I
)
BLOCKS = ("li", "article", "p", "div", "section", "tr", "td")


def _entry(
    info: SourceInfo,
    line: int,
    title: str | None,
    text: str,
    url: str | None,
    is_place: Callable[[str], bool],
    seen: dict,
    *,
    place: str = "",
    date: str = "",
    notes: Iterable[str] = (),
) -> Entry:
    """An entry from a title and a text whose dateline, if any, starts the text. Control
    characters are removed and a URL the graph cannot hold is dropped, each with a note."""
    found = list(notes)
    title = normalize_space(clean_text(title, found)) if title else None
    text = normalize_space(clean_text(text or "", found))
    place = clean_text(place, found)
    iri = http_iri(url)
    if url is not None and iri is None:
        found.append(url_note(url))
    if not date:
        parsed = parse_line(text, is_place, has_title=bool(title))
        if parsed is not None:
            _, place, date, text = parsed
    text = normalize_space(text)
    return Entry(
        entry_id(info.name, title, text, seen),
        info.name,
        line,
        title,
        normalize_space(place),
        normalize_space(date),
        text,
        iri,
        tuple(dict.fromkeys(found)),
    )


def _soup(data: bytes, encoding: str | None = None):
    from bs4 import BeautifulSoup

    return BeautifulSoup(data, "lxml", from_encoding=encoding)


def _canonical(soup, base: str | None) -> str | None:
    """The page's own URL: its canonical link (or ``og:url``) when that is a URL the graph can
    hold, else ``base``."""
    for selector in ('link[rel="canonical"]', 'meta[property="og:url"]'):
        tag = soup.select_one(selector)
        value = tag and (tag.get("href") or tag.get("content"))
        if value:
            url, _ = _link(base, value)
            if url:
                return url
    return base


def _link(base: str | None, href: str) -> tuple[str | None, str | None]:
    """A link's absolute URL without its fragment, or None and a note saying why it has none."""
    href = href.strip()
    try:
        url = http_iri(urldefrag(urljoin(base or "", href))[0])
    except ValueError:  # a host urllib cannot split ("http://[::1")
        url = None
    if url:
        return url, None
    if base is None and not re.match(r"[a-z][a-z0-9+.-]*:", href, re.I):
        return None, url_note(href, "a relative link, and the page's own URL is not known")
    return None, url_note(href)


def read_page(
    path: Path,
    is_place: Callable[[str], bool],
    info: SourceInfo,
    url: str | None = None,
    encoding: str | None = None,
) -> Iterator[Entry]:
    """The entries of a saved HTML page: a listing's entries, or the page's one article.
    ``encoding`` is the one the server declared, when known."""
    data = read_bytes(path)
    soup = _soup(data, encoding)
    base = _canonical(soup, url or info.url)
    seen: dict[str, int] = {}
    links = [a for a in soup.find_all("a", href=True) if READ_MORE.match(a.get_text(" "))]
    if links:
        yield from _listing(soup, links, base, is_place, info, seen)
        return
    import trafilatura

    html = data.decode(soup.original_encoding or "utf-8", errors="replace")
    text = trafilatura.extract(html, favor_recall=True, include_comments=False) or ""
    heading = soup.find("h1")
    title = (
        heading.get_text(" ", strip=True)
        if heading
        else (soup.title.get_text(strip=True) if soup.title else None)
    )
    if title and text.startswith(title):
        text = text[len(title) :]
    if not text.strip() and not title:
        raise SourceError(path, "holds no news entry (no listing links, no article text)")
    line = heading.sourceline if heading is not None and heading.sourceline else 1
    entry = _entry(info, line, title, text, base, is_place, seen)
    fetched = http_iri(url)
    if fetched and entry.url and fetched != entry.url:
        entry = dataclasses.replace(entry, aliases=(fetched,))
    yield entry


def _listing(soup, links, base, is_place, info, seen) -> Iterator[Entry]:
    used = set()
    for link in links:
        block = link
        while block.parent is not None and (
            block.name not in BLOCKS
            or len(block.get_text(" ", strip=True)) <= len(link.get_text(" ", strip=True)) + 20
        ):
            block = block.parent
        if id(block) in used:
            continue
        used.add(id(block))
        heading = block.find(["h1", "h2", "h3", "h4", "strong"])
        title = heading.get_text(" ", strip=True) if heading else None
        parts = []
        for piece in block.find_all(string=True):
            if piece.parent is link or (heading is not None and heading in piece.parents):
                continue
            parts.append(str(piece))
        text = READ_MORE.sub("", normalize_space(" ".join(parts)))
        url, note = _link(base, link["href"])
        notes = (note,) if note else ()
        yield _entry(info, block.sourceline or 1, title, text, url, is_place, seen, notes=notes)


def read_feed(path: Path, is_place: Callable[[str], bool], info: SourceInfo) -> Iterator[Entry]:
    """The items of an RSS or Atom feed."""
    import feedparser

    feed = feedparser.parse(read_bytes(path))
    if feed.bozo and not feed.entries:
        raise SourceError(path, f"is not a readable RSS or Atom feed ({feed.bozo_exception})")
    seen: dict[str, int] = {}
    for number, item in enumerate(feed.entries, start=1):
        summary = item.get("summary", "")
        if "<" in summary:
            summary = _soup(summary.encode()).get_text(" ")
        date = ""
        if item.get("published_parsed"):
            date = "{:04d}-{:02d}-{:02d}".format(*item.published_parsed[:3])
        yield _entry(
            info, number, item.get("title"), summary, item.get("link"), is_place, seen, date=date
        )


FIELDS = ("title", "date", "place", "text", "url")


def read_records(path: Path, is_place: Callable[[str], bool], info: SourceInfo) -> Iterator[Entry]:
    """The records of a JSON Lines or CSV file (fields: title, date, place, text, url).

    A field that is not text is dropped with a note (null counts as absent), and so is a URL
    the graph cannot hold; a record left with neither text nor title, or with a date in no
    known form, is refused with its line."""
    raw = read_bytes(path).decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".csv":
        rows: Iterable[tuple[int, dict]] = _csv_rows(path, raw)
    else:
        rows = _json_lines(path, raw)
    seen: dict[str, int] = {}
    count = 0
    for number, row in rows:
        notes: list[str] = []
        fields = {}
        for name in FIELDS:
            value = row.get(name)
            if value is not None and not isinstance(value, str):
                notes.append(f"field {name!r} dropped: {json_kind(value)}, not text")
            elif value:
                fields[name] = value
        if not (fields.get("text") or fields.get("title")):
            why = f" ({'; '.join(notes)})" if notes else ""
            raise SourceError(path, f"a record needs a 'text' or a 'title' field{why}", number)
        date = clean_text(fields.get("date", ""), notes).strip()
        if date and not (re.fullmatch(r"\d{4}-\d\d-\d\d", date) or DATE_RE.search(date)):
            raise SourceError(
                path, f"date {date!r} is neither YYYY-MM-DD nor '8 January 2025'", number
            )
        count += 1
        yield _entry(
            info,
            number,
            fields.get("title"),
            fields.get("text", ""),
            fields.get("url"),
            is_place,
            seen,
            place=fields.get("place", ""),
            date=date,
            notes=notes,
        )
    if count == 0:
        raise SourceError(path, "holds no record")


def _csv_rows(path: Path, raw: str) -> list[tuple[int, dict]]:
    """The rows of a CSV file, each with the line it starts on. A field may be as long as the
    file: the csv module's limit (131,072 characters) is raised while the file is read."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(raw) + 1))
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    rows = []
    try:
        if reader.fieldnames is None:  # read the header first: line_num then counts from it
            return rows
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
        return rows
    except csv.Error as error:
        raise SourceError(path, f"not readable as CSV ({error})", reader.line_num) from None
    finally:
        csv.field_size_limit(limit)


def _json_lines(path: Path, raw: str) -> Iterator[tuple[int, dict]]:
    # only LF, CR LF and CR end a record: a JSON string may hold U+2028 or U+0085 as they are
    for number, line in enumerate(re.split(r"\r\n?|\n", raw), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(path, f"not a JSON object ({error.msg})", number) from None
        except ValueError as error:  # a number too long to convert, say
            raise SourceError(path, f"not a JSON object ({error})", number) from None
        except RecursionError:
            raise SourceError(path, "not a JSON object (nested too deeply)", number) from None
        if not isinstance(row, dict):
            raise SourceError(path, "not a JSON object", number)
        yield number, row


def same_page(url: str) -> str:
    """What two URLs of one page share, whatever their scheme, a leading ``www.`` of the host's
    name, its case, or a trailing slash: "http://WWW.unodc.org/a/" and "https://unodc.org/a"
    give "unodc.org/a"."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def merge_articles(entries: list[Entry]) -> list[Entry]:
    """One entry per article: entries for the same page (a listing entry and the article page it
    links to, by the page's canonical URL or the URL it was fetched from, see :func:`same_page`)
    become the first of them, with the fullest text and any title or dateline it lacked."""
    group_of: dict[str, int] = {}  # a page's URL key → its group
    groups: dict[int, list[int]] = {}  # a group → the positions of its entries
    for number, entry in enumerate(entries):
        keys = [same_page(url) for url in (entry.url, *entry.aliases) if url]
        found = sorted({group_of[key] for key in keys if key in group_of})
        group = found[0] if found else number
        groups.setdefault(group, []).append(number)
        for other in found[1:]:  # this entry joins two groups: they are one article
            groups[group] += groups.pop(other)
            group_of.update({k: group for k, v in group_of.items() if v == other})
        group_of.update(dict.fromkeys(keys, group))
    merged = []
    for positions in sorted(groups.values(), key=min):
        group = [entries[n] for n in sorted(positions)]
        first = group[0]
        if len(group) > 1:
            fullest = max(group, key=lambda e: len(e.text))
            first = dataclasses.replace(
                first,
                title=first.title or fullest.title,
                dateline_place=first.dateline_place or fullest.dateline_place,
                dateline_date=first.dateline_date or fullest.dateline_date,
                text=fullest.text if len(fullest.text) > len(first.text) else first.text,
                notes=tuple(dict.fromkeys(n for e in group for n in e.notes)),
            )
        merged.append(first)
    return merged


def read_pages(folder: Path, is_place: Callable[[str], bool]) -> tuple[SourceInfo, list[Entry]]:
    """Every page of a folder of saved pages (a fetch cache, say), merged into articles. The
    pages' URLs come from the folder's ``index.json`` (file name → URL, or → {"url",
    "requested", "encoding"}) when it has one; a URL there the graph cannot hold is not used."""
    index = folder / "index.json"
    pages = (
        read_json_object(index, "page index", '{"page.html": {"url": "https://…"}}')
        if index.is_file()
        else {}
    )
    records = {
        name: page if isinstance(page, dict) else {"url": page} for name, page in pages.items()
    }
    info = SourceInfo(folder.name)
    entries: list[Entry] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".html", ".htm"):
            page = records.get(path.name, {})
            encoding = page.get("encoding")
            try:
                entries += read_page(
                    path,
                    is_place,
                    info,
                    http_iri(page.get("url")),
                    encoding if isinstance(encoding, str) else None,
                )
            except SourceError:
                continue  # a page with nothing to read (an error page, say) adds no entry
    if not entries:
        raise SourceError(folder, "holds no page with news entries")
    # a link that was redirected names the page by the URL it was asked for
    final = {}
    for page in records.values():
        requested, url = http_iri(page.get("requested")), http_iri(page.get("url"))
        if requested and url:
            final[requested] = url
    entries = [dataclasses.replace(e, url=final.get(e.url, e.url)) for e in entries]
    return info, merge_articles(entries)


def read_any(path: Path, is_place: Callable[[str], bool]) -> tuple[SourceInfo, list[Entry]]:
    """The entries of any supported source: a text listing, an HTML page, a folder of pages, a
    feed, or a JSON Lines or CSV file, by its name."""
    from .sources import read_listing, source_info

    if path.is_dir():
        return read_pages(path, is_place)
    info = source_info(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        entries = merge_articles(list(read_page(path, is_place, info, info.url)))
    elif suffix in (".jsonl", ".csv"):
        entries = list(read_records(path, is_place, info))
    elif suffix in (".rss", ".atom", ".xml"):
        entries = list(read_feed(path, is_place, info))
    else:
        entries = list(read_listing(path, is_place, info))
    return info, list(with_source_notes(info, entries))
