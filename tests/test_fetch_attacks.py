"""fetch against hostile servers on loopback: bombs, huge and slow answers, redirects where they
may not go, robots.txt as RFC 9309 reads it, and responses that are not pages."""

import gzip
import http.server
import json
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from local_server import LocalServer
from untoc_graph.cli import main
from untoc_graph.fetch import FetchError, FetchOptions, fetch

FAST = FetchOptions(delay=0, backoff=0.05, timeout=5)
ARTICLE = (
    b"<html><head><title>A workshop</title></head><body><h1>A workshop</h1>"
    b"<p>Vienna, 2 May 2024 - A workshop on the Firearms Protocol was held.</p></body></html>"
)
HEAD = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
STOP = threading.Event()  # set when a test ends: slow handlers give up


def listing(*links: str) -> bytes:
    items = "".join(
        f'<div class="item"><h3>Item {n}</h3><p>Vienna, {n} May 2024. Text {n}. '
        f'<a href="{link}">Read more</a></p></div>'
        for n, link in enumerate(links, start=1)
    )
    return f"<html><head><title>News</title></head><body>{items}</body></html>".encode()


def page(body: bytes, kind: str | None = "text/html; charset=utf-8", status=200, **headers):
    """A response; without ``Content-Length`` when ``headers`` sets it to None."""
    headers.setdefault("Content-Length", str(len(body)))

    def respond(handler):
        handler.send_response(status)
        if kind:
            handler.send_header("Content-Type", kind)
        for name, value in headers.items():
            if value is not None:
                handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def redirect(location: str):
    return page(b"", None, 302, Location=location)


def slowly(pieces: list[bytes], pause: float, seconds: float):
    """Raw bytes, ``pause`` seconds between pieces, for at most ``seconds``."""

    def respond(handler):
        end = time.monotonic() + seconds
        try:
            for piece in pieces:
                if STOP.is_set() or time.monotonic() > end:
                    return
                handler.wfile.write(piece)
                handler.wfile.flush()
                STOP.wait(pause)
        except OSError:
            return  # the client hung up, as a deadline should make it

    return respond


class Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []

    def do_GET(self):
        self.seen.append((self.headers.get("Host"), self.path))
        self.routes.get(self.path, page(b"not found", "text/plain", 404))(self)

    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    """Starts servers on loopback ports: ``serve(routes)`` gives a URL and the requests seen."""
    servers = []
    STOP.clear()

    def start(routes: dict) -> tuple[str, list]:
        seen: list = []
        handler = type("Routes", (Handler,), {"routes": routes, "seen": seen})
        server = LocalServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", seen

    yield start
    STOP.set()
    for server in servers:
        server.shutdown()
        server.server_close()


def paths(seen: list) -> list[str]:
    return [path for _, path in seen]


def files(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file()]


# size and time


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    "coding, pack",
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", _raw_deflate)],
    ids=["gzip", "deflate", "raw-deflate"],
)
def test_a_compression_bomb_never_grows_past_the_cap(serve, tmp_path, coding, pack):
    bomb = pack(b"<p>" + b"\0" * 100_000_000)
    assert len(bomb) < 200_000
    site, _ = serve({"/bomb.html": page(bomb, **{"Content-Encoding": coding})})
    cap = FetchOptions().max_bytes
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=rf"bomb\.html: larger than {cap} bytes; not kept"):
            fetch(f"{site}/bomb.html", tmp_path, options=FetchOptions(delay=0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < cap * 1.25  # the kept bytes and one piece, never a whole inflated chunk
    assert all(p.stat().st_size <= cap for p in files(tmp_path))


@pytest.mark.parametrize("length", [True, False], ids=["declared", "undeclared"])
def test_a_page_over_the_cap_is_reported_and_not_kept_in_part(serve, tmp_path, length):
    huge = b"<html><body>" + b"<p>more</p>" * 2_000_000 + b"</body></html>"
    site, seen = serve(
        {
            "/news.html": page(listing("/huge.html", "/ok.html")),
            "/huge.html": page(huge, **({} if length else {"Content-Length": None})),
            "/ok.html": page(ARTICLE),
        }
    )
    options = FetchOptions(delay=0)  # the default cap, 20 MB
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=options)
    assert result.pages == [f"{site}/news.html", f"{site}/ok.html"]
    assert result.skipped == [f"{site}/huge.html: larger than 20000000 bytes; not kept"]
    assert "/huge.html" in paths(seen)
    assert max(p.stat().st_size for p in files(tmp_path)) < 10_000
    index = json.loads((tmp_path / "index.json").read_text())
    assert sorted(e["requested"] for e in index.values()) == [
        f"{site}/news.html",
        f"{site}/ok.html",
    ]


@pytest.mark.parametrize(
    "respond",
    [
        slowly([HEAD, *[b"x"] * 100], 0.1, 4),  # one byte at a time: no read timeout fires
        slowly([b"HTTP/1.0 200 OK\r\nX-Slow: ", *[b"a"] * 100], 0.1, 4),  # the same, in a header
        slowly([HEAD + b"<html>", b"</html>"], 4, 4.5),  # silent for longer than --max-time
    ],
    ids=["drip-body", "drip-headers", "stall"],
)
def test_a_slow_server_holds_a_url_no_longer_than_the_deadline(serve, tmp_path, respond):
    site, _ = serve({"/slow.html": respond})
    options = FetchOptions(delay=0, retries=1, timeout=5, max_time=1)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"slow\.html: not done within 1 s"):
        fetch(f"{site}/slow.html", tmp_path, options=options)
    assert time.monotonic() - start < 2.5
    assert not (tmp_path / "index.json").exists()


def test_the_fetch_command_takes_size_and_time_limits(serve, tmp_path):
    site, _ = serve({"/big.html": page(b"<p>" + b"x" * 5000 + b"</p>")})
    command = ["fetch", f"{site}/big.html", "--cache", str(tmp_path), "--delay", "0"]
    cut = CliRunner().invoke(main, [*command, "--max-bytes", "1000", "--max-time", "5"])
    assert cut.exit_code == 2
    assert cut.stderr.strip() == f"Error: {site}/big.html: larger than 1000 bytes; not kept"
    whole = CliRunner().invoke(main, [*command, "--max-bytes", "10000", "-q"])
    assert whole.exit_code == 0 and "1 pages" in whole.stderr


# redirects and robots.txt


def test_a_redirect_to_another_site_never_reaches_it(serve, tmp_path):
    canary, touched = serve({})
    routes: dict = {}
    site, seen = serve(routes)  # routes filled in once the port is known
    port = site.rsplit(":", 1)[1]
    routes.update(
        {
            "/news.html": page(listing("/away", "/hop", "/renamed", "/ok.html")),
            "/away": redirect(f"{canary}/page.html"),
            "/hop": redirect("/away"),  # the second hop leaves the site
            "/renamed": redirect(f"http://localhost:{port}/ok.html"),  # another host name
            "/ok.html": page(ARTICLE),
            "/listing-away": redirect(f"{canary}/news.html"),
        }
    )
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert result.pages == [f"{site}/news.html", f"{site}/ok.html"]
    assert result.skipped == [
        f"{site}/away: redirected to {canary}/page.html, on another site; not followed",
        f"{site}/hop: redirected to {canary}/page.html, on another site; not followed",
        f"{site}/renamed: redirected to http://localhost:{port}/ok.html, on another site; "
        "not followed",
    ]
    with pytest.raises(FetchError, match="on another site; not followed"):
        fetch(f"{site}/listing-away", tmp_path, options=FAST)
    assert touched == []  # the canary: not even its robots.txt
    assert {host for host, _ in seen} == {site.removeprefix("http://")}


def test_a_redirect_out_of_http_is_refused_and_the_crawl_goes_on(serve, tmp_path):
    site, _ = serve(
        {
            "/news.html": page(listing("/to-data", "/to-file", "/ok.html")),
            "/to-data": redirect("data:text/html,<p>Vienna, 1 May 2024. Planted.</p>"),
            "/to-file": redirect("file:///etc/passwd"),
            "/ok.html": page(ARTICLE),
        }
    )
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert result.pages == [f"{site}/news.html", f"{site}/ok.html"]
    assert result.skipped == [
        f"{site}/to-data: redirected to data:text/html,%3Cp%3EVienna,%201%20May%202024.%20"
        "Planted.%3C/p%3E, not an http or https URL; not followed",
        f"{site}/to-file: redirected to file:///etc/passwd, not an http or https URL; not followed",
    ]
    assert result.failed == []


def test_robots_txt_wildcards_are_honoured(serve, tmp_path):
    site, seen = serve(
        {
            "/robots.txt": page(b"User-agent: *\nDisallow: /*.php$\n", "text/plain"),
            "/news.html": page(listing("/a.php", "/b.php?page=2", "/ok.html")),
            "/b.php?page=2": page(ARTICLE),
            "/ok.html": page(ARTICLE),
        }
    )
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert result.skipped == [f"{site}/a.php: forbidden by robots.txt"]
    assert "/a.php" not in paths(seen) and "/b.php?page=2" in paths(seen)


def test_a_redirect_into_a_path_robots_txt_forbids_is_not_followed(serve, tmp_path):
    site, seen = serve(
        {
            "/robots.txt": page(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/news.html": page(listing("/old.html", "/ok.html")),
            "/old.html": redirect("/private/secret.html"),
            "/private/secret.html": page(ARTICLE),
            "/ok.html": page(ARTICLE),
        }
    )
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert result.skipped == [
        f"{site}/old.html: redirected to {site}/private/secret.html, forbidden by robots.txt; "
        "not followed"
    ]
    assert "/private/secret.html" not in paths(seen)


@pytest.mark.parametrize(
    "status, allowed", [(500, False), (503, False), (429, False), (404, True), (403, True)]
)
def test_a_robots_txt_that_fails_forbids_the_site_and_one_missing_allows_it(
    serve, tmp_path, status, allowed
):
    site, seen = serve(
        {"/robots.txt": page(b"no", "text/plain", status), "/ok.html": page(ARTICLE)}
    )
    if allowed:
        assert fetch(f"{site}/ok.html", tmp_path, options=FAST).pages == [f"{site}/ok.html"]
    else:
        with pytest.raises(FetchError, match=r"ok\.html: forbidden by robots\.txt"):
            fetch(f"{site}/ok.html", tmp_path, options=FAST)
        assert paths(seen) == ["/robots.txt"]
        assert not (tmp_path / "robots").exists()  # a failure is asked again next run


# responses that are not pages


def test_pdf_and_json_are_not_cached_as_html(serve, tmp_path):
    pdf, data = b"%PDF-1.7\n%\xe2\xe3 a report", b'{"news": []}'
    site, seen = serve(
        {
            "/news.html": page(listing("/report", "/data", "/untyped", "/ok.html")),
            "/report": page(pdf, "application/pdf"),
            "/data": page(data, "application/json; charset=utf-8"),
            "/untyped": page(pdf, None),
            "/ok.html": page(ARTICLE),
        }
    )
    result = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert result.pages == [f"{site}/news.html", f"{site}/ok.html"]
    assert [line.split(";")[0] for line in result.skipped] == [
        f"{site}/report: not an HTML page (application/pdf)",
        f"{site}/data: not an HTML page (application/json)",
        f"{site}/untyped: not an HTML page (no stated type)",
    ]
    index = json.loads((tmp_path / "index.json").read_text())
    kept = {e["requested"].rsplit("/", 1)[1]: (name, e) for name, e in index.items()}
    assert {k: Path(name).suffix for k, (name, _) in kept.items()} == {
        "news.html": ".html",
        "ok.html": ".html",
        "report": ".pdf",
        "data": ".json",
        "untyped": ".pdf",
    }
    assert kept["report"][1]["content_type"] == "application/pdf"
    assert "build does not read it" in kept["data"][1]["note"]
    assert (tmp_path / kept["data"][0]).read_bytes() == data
    for path in tmp_path.glob("*.html"):
        assert path.read_bytes().startswith(b"<html>")
    before = len(seen)
    again = fetch(f"{site}/news.html", tmp_path, follow_read_more=True, options=FAST)
    assert len(seen) == before and again.skipped == result.skipped
