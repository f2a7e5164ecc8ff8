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
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from . import __version__
from .download import (
    _MEDIA_TYPE,
    _Answer,
    _extension,
    _read,
    _Redirect,
    _shown,
    _site,
    _Skipped,
    _stop_at_redirects,
    _TooSlow,
    _Watchdog,
)
from .errors import UntocError
from .files import atomic_write
from .progress import count

__all__ = ["FetchOptions", "FetchResult", "FetchError", "fetch"]


USER_AGENT = f"untoc-graph/{__version__} (+https://w3id.org/untoc-graph; research crawler)"


MAX_REDIRECTS = 10


ROBOTS_MAX_REDIRECTS = 5  # RFC 9309, 2.3.1.2


ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309, 2.5: read at least 500 KiB, ignore what follows


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
                if not count(progress, "fetching articles", number - 1, len(links), "pages"):
                    progress(f"article {number} of {len(links)}: {_shown(link)}")
                fetcher.get(link, site)
            count(progress, "fetching articles", len(links), len(links), "pages")
    finally:
        fetcher.client.close()
    return result
