"""One bounded download: redirects followed one by one, the body decoded piece by piece under
a size cap, a watchdog on slow answers, and what a response says about its file."""

from __future__ import annotations

import contextlib
import mimetypes
import re
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

_DEFAULT_PORTS = {"http": 80, "https": 443}


_PIECE = 64 * 1024  # most decoded bytes made at once


_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*")


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
