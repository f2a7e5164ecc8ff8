"""Fetch: download a news listing and the articles it links to, politely, into a cache folder.

Polite means: robots.txt is honoured (read once per host, and cached), requests say who makes
them (an honest user agent), wait ``delay`` seconds between requests to a host, and are retried
with a growing wait when the server fails or does not answer. Every response is kept on disk,
so a second run makes no request and an interrupted run resumes where it stopped. ``build``
then reads the cache folder like any folder of saved pages.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from . import __version__
from .export import atomic_write

__all__ = ["FetchOptions", "FetchResult", "FetchError", "fetch"]

USER_AGENT = f"untoc-graph/{__version__} (+https://w3id.org/untoc-graph; research crawler)"


class FetchError(Exception):
    """The listing itself could not be fetched; the message says why."""


@dataclass(frozen=True)
class FetchOptions:
    delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 3  # attempts for a page that fails with 5xx or a timeout
    backoff: float = 1.0  # first wait before a retry; doubled each time
    timeout: float = 30.0
    user_agent: str = USER_AGENT


@dataclass
class FetchResult:
    pages: list[str] = field(default_factory=list)  # URLs now in the cache
    cached: int = 0  # of which were there before this run
    requests: int = 0
    skipped: list[str] = field(default_factory=list)  # forbidden by robots.txt, or off-site
    failed: list[str] = field(default_factory=list)  # "URL: reason"


class _Cache:
    """Pages by the URL asked for, with their final URL and encoding in ``index.json``."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.index_path = folder / "index.json"
        self.index = (
            json.loads(self.index_path.read_text("utf-8")) if self.index_path.exists() else {}
        )

    @staticmethod
    def name(url: str) -> str:
        return hashlib.sha1(url.encode()).hexdigest()[:20] + ".html"

    def get(self, url: str) -> Path | None:
        path = self.folder / self.name(url)
        return path if path.exists() and self.name(url) in self.index else None

    def put(self, url: str, final_url: str, data: bytes, encoding: str | None) -> Path:
        path = self.folder / self.name(url)
        atomic_write(path, data)
        self.index[path.name] = {"url": final_url, "requested": url, "encoding": encoding}
        atomic_write(self.index_path, json.dumps(self.index, indent=1, sort_keys=True).encode())
        return path


class _Fetcher:
    def __init__(self, cache: _Cache, options: FetchOptions, result: FetchResult):
        self.cache, self.options, self.result = cache, options, result
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=options.timeout,
            follow_redirects=True,
        )
        self.robots: dict[str, RobotFileParser] = {}
        self.last: dict[str, float] = {}

    def _request(self, url: str) -> httpx.Response:
        host = urlsplit(url).netloc
        wait = self.last.get(host, 0) + self.options.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.result.requests += 1
        try:
            return self.client.get(url)
        finally:
            self.last[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            robots_url = root + "/robots.txt"
            cached = (
                self.cache.folder
                / "robots"
                / (hashlib.sha1(root.encode()).hexdigest()[:20] + ".txt")
            )
            if cached.exists():
                text = cached.read_text("utf-8")
            else:
                try:
                    response = self._request(robots_url)
                    text = response.text if response.status_code == 200 else ""
                except httpx.HTTPError:
                    text = ""
                cached.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(cached, text.encode("utf-8"))
            parser = RobotFileParser(robots_url)
            parser.parse(text.splitlines())
            self.robots[root] = parser
        return self.robots[root].can_fetch(self.options.user_agent, url)

    def get(self, url: str) -> Path | None:
        """The cached page of ``url``, fetching it first if needed; None if it cannot be had."""
        cached = self.cache.get(url)
        if cached is not None:
            self.result.cached += 1
            self.result.pages.append(url)
            return cached
        if not self._allowed(url):
            self.result.skipped.append(f"{url}: forbidden by robots.txt")
            return None
        wait = self.options.backoff
        for attempt in range(1, self.options.retries + 1):
            try:
                response = self._request(url)
            except httpx.HTTPError as error:
                reason = f"no answer ({type(error).__name__})"
            else:
                if response.status_code < 400:
                    path = self.cache.put(
                        url, str(response.url), response.content, response.encoding
                    )
                    self.result.pages.append(url)
                    return path
                reason = f"HTTP {response.status_code}"
                if response.status_code < 500 and response.status_code != 429:
                    break  # a client error does not get better by asking again
            if attempt < self.options.retries:
                time.sleep(wait)
                wait *= 2
        self.result.failed.append(f"{url}: {reason}")
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
        listing = fetcher.get(url)
        if listing is None:
            raise FetchError(f"{url}: " + (result.failed or result.skipped)[-1].split(": ", 1)[1])
        if follow_read_more:
            final = store.index[listing.name]["url"]
            site = urlsplit(final).netloc
            links = [
                e.url
                for e in read_page(listing, lambda name: False, SourceInfo(cache.name), final)
                if e.url
            ]
            for number, link in enumerate(dict.fromkeys(links), start=1):
                link = urljoin(final, link)
                if urlsplit(link).netloc != site:
                    result.skipped.append(f"{link}: on another site")
                    continue
                progress(f"article {number} of {len(links)}: {link}")
                fetcher.get(link)
    finally:
        fetcher.client.close()
    return result
