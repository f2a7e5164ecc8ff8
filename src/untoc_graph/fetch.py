"""Fetch: download a news listing and the articles it links to, politely, into a cache folder.

Polite means: robots.txt is honoured (RFC 9309, read once per site and cached), requests say
who makes them (an honest user agent), wait ``delay`` seconds between requests to a host, and
are retried with a growing wait when the server fails or does not answer. Every response is
kept on disk, so a second run makes no request and an interrupted run resumes where it stopped.
``build`` then reads the cache folder like any folder of saved pages.

Careful means: a response is read as a stream and dropped, not kept in part, once it passes
``max_bytes`` decoded bytes (so a gzip bomb never grows past them); a URL gets ``max_time``
seconds in all, however slowly its server sends; redirects are followed one hop at a time, each
hop on the same site, over http(s) and allowed by robots.txt, or not at all; and a response that
is not a page (a PDF, JSON) is kept under its own extension with a note in ``index.json``, so
that ``build`` does not read it as HTML.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mimetypes
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx
from protego import Protego

from . import __version__
from .errors import UntocError
from .files import atomic_write

__all__ = ["FetchOptions", "FetchResult", "FetchError", "fetch"]

USER_AGENT = f"untoc-graph/{__version__} (+https://w3id.org/untoc-graph; research crawler)"
MAX_REDIRECTS = 10
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309, 2.3.1.2
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309, 2.5: read at least 500 KiB, ignore what follows
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PIECE = 64 * 1024  # most decoded bytes made at once
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


class FetchError(UntocError):
    """The listing itself could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 3  # attempts for a page that fails with 5xx or a timeout
    backoff: float = 1.0  # first wait before a retry; doubled each time
    timeout: float = 30.0  # for connecting and for each read
    user_agent: str = USER_AGENT
    max_bytes: int = 20_000_000  # decoded bytes of one response; a larger one is not kept
    max_time: float = 60.0  # seconds for one URL in all: redirects, retries, slow servers


@dataclass
class FetchResult:
    pages: list[str] = field(default_factory=list)  # URLs now in the cache
    cached: int = 0  # of which were there before this run
    requests: int = 0
    # forbidden by robots.txt, off-site, redirected where it may not go, too large, not a page
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "URL: reason"


class _Skipped(Exception):
    """A URL not fetched, or not kept, by rule; the message says which."""


class _TooSlow(Exception):
    """A URL's time ran out."""


class _Redirect(Exception):
    """A redirect, raised from a response hook: even with ``follow_redirects=False`` httpx
    parses the Location header into its next request, and a ``data:`` or malformed one raises
    there, outside any HTTP error. The hook runs first and hands the header over unparsed."""

    def __init__(self, response: httpx.Response):
        super().__init__(response.headers["Location"])
        self.url, self.status = str(response.url), response.status_code
        self.location = response.headers["Location"]


def _stop_at_redirects(response: httpx.Response) -> None:
    if response.has_redirect_location:
        raise _Redirect(response)


@dataclass(frozen=True)
class _Answer:
    """One response, no redirect followed; the body of a redirect or an error is not read."""

    url: str
    status: int
    location: str | None = None  # of a redirect
    media_type: str = ""  # "text/html", or "" when the server names none
    encoding: str | None = None
    body: bytes | bytearray = b""


def _site(url: str) -> str | None:
    """Host and port of an http(s) URL, the unit of the same-site rule (http and https on one
    host are one site; another host name or port is another); None for any other URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname
    return host if port in (None, _DEFAULT_PORTS[parts.scheme]) else f"{host}:{port}"


def _shown(url: str) -> str:
    """A URL as it may be printed: control characters and spaces escaped, at most 200 characters
    (a redirect can name any string, an escape sequence for the terminal or a huge data: URL)."""
    url = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return url if len(url) <= 200 else url[:200] + "..."


def _extension(media_type: str, body: bytes | bytearray) -> str:
    """The extension a response is kept under: ``.html`` for what build reads as a page (HTML,
    XML, text, or a response of no stated type that is not a PDF), else the type's own."""
    if not media_type:
        return ".pdf" if body.startswith(b"%PDF-") else ".html"
    if media_type.startswith("text/") or media_type.endswith(("/xml", "+xml")):
        return ".html"
    return mimetypes.guess_extension(media_type, strict=False) or ".bin"


class _Decoder:
    """Undoes a Content-Encoding in pieces of at most ``_PIECE`` bytes: httpx's own decoders
    inflate a whole network chunk at once, which a gzip bomb turns into a thousand times its
    size before anyone can count it."""

    def __init__(self, coding: str):
        coding = coding.strip().lower()
        if coding in ("", "identity"):
            self.inflater = None
        elif coding in ("gzip", "x-gzip", "deflate"):
            # gzip or zlib framing, told apart by the header; raw deflate is tried on failure
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)
            self.raw_fallback = coding == "deflate"
        else:
            raise _Skipped(f"sent in an unsupported content encoding ({_shown(coding)})")

    def decode(self, chunk: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``chunk``, made one piece at a time as they are asked for."""
        if self.inflater is None:
            yield chunk
            return
        while True:
            piece = self._inflate(chunk)
            yield piece
            chunk = self.inflater.unconsumed_tail
            if len(piece) < _PIECE and not chunk:
                return

    def _inflate(self, chunk: bytes) -> bytes:
        assert self.inflater is not None
        try:
            return self.inflater.decompress(chunk, _PIECE)
        except zlib.error as error:
            if not self.raw_fallback:
                raise httpx.DecodingError(str(error)) from None
            self.raw_fallback = False
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate(chunk)


class _Watchdog:
    """Cuts a request's connection when its time is up, even in the middle of a read: a read
    timeout never fires on a server that sends one byte at a time, and httpx has no total one.
    It learns the connection's socket from httpcore's ``trace`` request extension (the client
    keeps no connection alive, so every request opens its own)."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.expired = False
        self.socket: socket.socket | None = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(deadline - time.monotonic(), self._expire)
        self.timer.daemon = True

    @property
    def passed(self) -> bool:
        """Whether time is up; a body that ends then may only have been cut short by _cut."""
        return self.expired or time.monotonic() > self.deadline

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            with self.lock:
                self.socket = info["return_value"].get_extra_info("socket")
                if self.expired:
                    self._cut()

    def _expire(self) -> None:
        with self.lock:
            self.expired = True
            self._cut()

    def _cut(self) -> None:
        # shutdown, not close: it wakes a read blocked in another thread, which then sees the
        # end of the stream; the base class's method also does it for a TLS socket
        if self.socket is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self.socket, socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()


def _read(response: httpx.Response, watchdog: _Watchdog, limit: int) -> tuple[bytearray, bool]:
    """At most ``limit`` bytes of a response's decoded body, and whether there were more (or
    more than ``limit`` bytes on the wire): memory never holds much more than ``limit``."""
    decoder = _Decoder(response.headers.get("Content-Encoding", ""))
    body, received = bytearray(), 0
    for chunk in response.iter_raw():
        if watchdog.passed:
            raise _TooSlow
        received += len(chunk)
        for piece in decoder.decode(chunk):
            body += piece
            if len(body) > limit or received > limit:
                del body[limit:]
                return body, True
    if watchdog.passed:  # the body may end because _Watchdog cut the connection
        raise _TooSlow
    return body, False


class _Cache:
    """Pages by the URL asked for, with their final URL and encoding in ``index.json``. A page
    is kept as ``<hash>.html``; a response of another type under that type's extension, with
    its type and a note in the index."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.index_path = folder / "index.json"
        self.index = (
            json.loads(self.index_path.read_text("utf-8")) if self.index_path.exists() else {}
        )

    @staticmethod
    def stem(url: str) -> str:
        return hashlib.sha1(url.encode()).hexdigest()[:20]

    def get(self, url: str) -> Path | None:
        stem = self.stem(url)
        names = [stem + ".html", *(n for n in self.index if n.startswith(stem + "."))]
        for name in names:
            if name in self.index and (self.folder / name).exists():
                return self.folder / name
        return None

    def put(self, url: str, answer: _Answer) -> Path:
        path = self.folder / (self.stem(url) + _extension(answer.media_type, answer.body))
        atomic_write(path, answer.body)
        entry: dict[str, str | None] = {"url": answer.url, "requested": url}
        if path.suffix == ".html":
            entry["encoding"] = answer.encoding
        else:
            kind = answer.media_type or "no stated type"
            entry["content_type"] = kind
            entry["note"] = f"not an HTML page ({kind}): kept as sent; build does not read it"
        self.index[path.name] = entry
        atomic_write(self.index_path, json.dumps(self.index, indent=1, sort_keys=True).encode())
        return path


class _Fetcher:
    def __init__(self, cache: _Cache, options: FetchOptions, result: FetchResult):
        self.cache, self.options, self.result = cache, options, result
        self.client = httpx.Client(
            # only the codings _Decoder can bound
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=options.timeout,
            follow_redirects=False,  # each hop is checked by _follow
            event_hooks={"response": [_stop_at_redirects]},
            limits=httpx.Limits(max_keepalive_connections=0),  # see _Watchdog
        )
        self.robots: dict[str, Protego | bool] = {}
        self.last: dict[str, float] = {}

    def _request(self, url: str, deadline: float, limit: int, *, truncate: bool = False) -> _Answer:
        """One GET, no redirect followed; the body is read unless it is an error, up to
        ``limit`` decoded bytes: past them it is cut (``truncate``) or dropped (_Skipped)."""
        host = urlsplit(url).netloc
        wait = self.last.get(host, 0) + self.options.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _TooSlow
        watchdog = _Watchdog(deadline)
        try:
            request = self.client.build_request(
                "GET",
                url,
                timeout=min(self.options.timeout, remaining),
                extensions={"trace": watchdog.trace},
            )
        except httpx.InvalidURL:
            raise _Skipped("not a valid URL") from None
        self.result.requests += 1
        try:
            with watchdog:
                response = self.client.send(request, stream=True)
                try:
                    return self._answer(response, watchdog, limit, truncate)
                finally:
                    response.close()
        except _Redirect as hop:
            return _Answer(hop.url, hop.status, location=hop.location)
        except httpx.HTTPError:
            if watchdog.passed:
                raise _TooSlow from None
            raise
        finally:
            self.last[host] = time.monotonic()

    @staticmethod
    def _answer(
        response: httpx.Response, watchdog: _Watchdog, limit: int, truncate: bool
    ) -> _Answer:
        url, status = str(response.url), response.status_code
        if status >= 400:
            return _Answer(url, status)
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type and not _MEDIA_TYPE.fullmatch(media_type):
            media_type = "application/octet-stream"
        too_large = _Skipped(f"larger than {limit} bytes; not kept")
        declared = response.headers.get("Content-Length", "")
        if not truncate and declared.isdigit() and int(declared) > limit:
            raise too_large
        body, cut = _read(response, watchdog, limit)
        if cut and not truncate:
            raise too_large
        return _Answer(url, status, None, media_type, response.encoding, body)

    def _refusal(self, url: str, site: str | None) -> str | None:
        """Why ``url`` may not be requested when fetching on ``site``, or None."""
        here = _site(url)
        if here is None:
            return "not an http or https URL"
        try:
            httpx.URL(url)  # stricter than urlsplit: no control characters, say
        except httpx.InvalidURL:
            return "not a valid URL"
        if here != site:
            return "on another site"
        if not self._allowed(url):
            return "forbidden by robots.txt"
        return None

    def _follow(self, url: str, site: str | None, deadline: float) -> _Answer:
        """GET ``url``, following redirects one hop at a time while each hop may be requested."""
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._request(url, deadline, self.options.max_bytes)
            if answer.location is None:
                return answer
            try:
                target = urljoin(url, answer.location)
            except ValueError:
                raise _Skipped(
                    f"redirected to {_shown(answer.location)}, not a valid URL; not followed"
                ) from None
            refusal = self._refusal(target, site)
            if refusal:
                raise _Skipped(f"redirected to {_shown(target)}, {refusal}; not followed")
            url = target
        raise _Skipped(f"more than {MAX_REDIRECTS} redirects")

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            self.robots[root] = self._robots(root)
        rules = self.robots[root]
        return rules if isinstance(rules, bool) else rules.can_fetch(url, self.options.user_agent)

    def _robots(self, root: str) -> Protego | bool:
        """The robots.txt rules of an origin, read as RFC 9309 says: a file that is not there
        (4xx) allows everything, a server that fails (5xx, 429, no answer) forbids everything.
        Redirects are followed on the same site only; one elsewhere counts as no file. Rules
        read are kept on disk; a failure is not, so that the next run asks again."""
        name = hashlib.sha1(root.encode()).hexdigest()[:20] + ".txt"
        cached = self.cache.folder / "robots" / name
        if cached.exists():
            return Protego.parse(cached.read_text("utf-8"))
        url, text = root + "/robots.txt", ""
        deadline = time.monotonic() + self.options.max_time
        try:
            for _ in range(ROBOTS_MAX_REDIRECTS + 1):
                answer = self._request(url, deadline, ROBOTS_MAX_BYTES, truncate=True)
                if answer.location is None:
                    if answer.status == 429 or answer.status >= 500:
                        return False
                    if answer.status < 300:
                        text = answer.body.decode("utf-8", "replace")
                    break
                target = urljoin(url, answer.location)
                if _site(target) != _site(root):
                    break
                url = target
        except (httpx.HTTPError, _TooSlow, _Skipped, ValueError):
            return False
        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(cached, text.encode("utf-8"))
        return Protego.parse(text)

    def _kept(self, url: str, path: Path) -> Path | None:
        """``path`` if it holds a page; a response of another type is reported as skipped."""
        if path.suffix == ".html":
            self.result.pages.append(url)
            return path
        kind = self.cache.index[path.name].get("content_type", "not HTML")
        self.result.skipped.append(
            f"{_shown(url)}: not an HTML page ({kind}); kept as {path.name}, which build does "
            "not read"
        )
        return None

    def get(self, url: str, site: str | None) -> Path | None:
        """The cached page of ``url``, fetching it first if needed; None if it cannot be had or
        is not a page. Only URLs on ``site`` are fetched, redirects included."""
        cached = self.cache.get(url)
        if cached is not None:
            self.result.cached += 1
            return self._kept(url, cached)
        refusal = self._refusal(url, site)
        if refusal:
            self.result.skipped.append(f"{_shown(url)}: {refusal}")
            return None
        deadline = time.monotonic() + self.options.max_time
        wait = self.options.backoff
        for attempt in range(1, self.options.retries + 1):
            try:
                answer = self._follow(url, site, deadline)
            except _Skipped as skipped:
                self.result.skipped.append(f"{_shown(url)}: {skipped}")
                return None
            except _TooSlow:
                reason = f"not done within {self.options.max_time:g} s"
                break
            except httpx.HTTPError as error:
                reason = f"no answer ({type(error).__name__})"
            else:
                if answer.status < 400:
                    return self._kept(url, self.cache.put(url, answer))
                reason = f"HTTP {answer.status}"
                if answer.status < 500 and answer.status != 429:
                    break  # a client error does not get better by asking again
            if attempt == self.options.retries or time.monotonic() + wait >= deadline:
                break
            time.sleep(wait)
            wait *= 2
        self.result.failed.append(f"{_shown(url)}: {reason}")
        return None


def fetch(
    url: str,
    cache: Path,
    *,
    follow_read_more: bool = False,
    options: FetchOptions = FetchOptions(),
    progress=lambda message: None,
) -> FetchResult:
    """Download a listing page (and, with ``follow_read_more``, the articles it links to on the
    same site) into ``cache``. Raises :class:`FetchError` when the listing itself fails."""
    from .pages import read_page
    from .sources import SourceInfo

    result = FetchResult()
    store = _Cache(cache)
    fetcher = _Fetcher(store, options, result)
    try:
        listing = fetcher.get(url, _site(url))
        if listing is None:
            raise FetchError(f"{url}: " + (result.failed or result.skipped)[-1].split(": ", 1)[1])
        if follow_read_more:
            final = store.index[listing.name]["url"]
            site = _site(final)
            links = [
                e.url
                for e in read_page(listing, lambda name: False, SourceInfo(cache.name), final)
                if e.url
            ]
            for number, link in enumerate(dict.fromkeys(links), start=1):
                with contextlib.suppress(ValueError):  # then _site says it is no URL
                    link = urljoin(final, link)
                if _site(link) != site:
                    reason = "on another site" if _site(link) else "not an http or https URL"
                    result.skipped.append(f"{_shown(link)}: {reason}")
                    continue
                progress(f"article {number} of {len(links)}: {_shown(link)}")
                fetcher.get(link, site)
    finally:
        fetcher.client.close()
    return result
