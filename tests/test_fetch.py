"""fetch against a local site on loopback, then build from its cache; and the other formats."""

import http.server
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from local_server import LocalServer
from untoc_graph import terms as T
from untoc_graph.cli import main
from untoc_graph.fetch import FetchOptions, fetch
from untoc_graph.pipeline import build
from untoc_graph.store import open_store

SITE = Path(__file__).parent / "fixtures" / "site"
ROUTES = {
    "/listing.html": "listing.html",
    "/en/baghdad.html": "article-en.html",
    "/fr/vienne.html": "article-fr.html",
    "/es/bogota.html": "article-es.html",
    "/flaky.html": "article-flaky.html",
    "/en/moved.html": "article-moved.html",
    "/cp1252.html": "article-cp1252.html",
}
FAST = FetchOptions(delay=0, backoff=0.05, timeout=5)


class Site(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []
    flaky_failures = 0

    def do_GET(self):
        Site.requests.append(self.path)
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if self.path == "/old.html":
            self.send_response(301)
            self.send_header("Location", "/en/moved.html")
            self.end_headers()
            return None
        if self.path == "/flaky.html" and Site.flaky_failures < 2:
            Site.flaky_failures += 1
            return self._send(503, b"busy", "text/plain")
        if self.path in ROUTES:
            charset = "windows-1252" if "cp1252" in self.path else "utf-8"
            return self._send(
                200, (SITE / ROUTES[self.path]).read_bytes(), f"text/html; charset={charset}"
            )
        return self._send(404, b"not found", "text/plain")

    def _send(self, status, body, kind):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = LocalServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def fetched(site, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    first = fetch(f"{site}/listing.html", cache, follow_read_more=True, options=FAST)
    return cache, first


def test_fetch_is_polite(fetched):
    _, result = fetched
    assert "/private/secret.html" not in Site.requests
    assert any("secret.html: forbidden by robots.txt" in s for s in result.skipped)
    assert Site.requests.count("/flaky.html") == 3
    assert Site.requests.count("/robots.txt") == 1
    assert result.failed == []
    assert len(result.pages) == 7


def test_second_run_makes_no_request(site, fetched):
    cache, _ = fetched
    before = len(Site.requests)
    again = fetch(f"{site}/listing.html", cache, follow_read_more=True, options=FAST)
    assert len(Site.requests) == before and again.requests == 0 and again.cached == 7


def test_the_cache_builds_into_enriched_articles(site, fetched, tmp_path, lexicon):
    cache, _ = fetched
    result = build([cache], tmp_path / "out", lexicon=lexicon, validate=False)
    assert result.articles == 7  # one per listing entry, the article pages merged into them
    store = open_store(tmp_path / "out" / "store")

    def article(url):
        (subject,) = [
            q.subject for q in store.quads_for_pattern(None, T.SCHEMA.url, ox.NamedNode(url))
        ]
        return next(store.quads_for_pattern(subject, T.SCHEMA.text, None)).object.value

    assert "fifteen officials" in article(f"{site}/en/baghdad.html")
    assert "Colombie" in article(f"{site}/fr/vienne.html")
    assert "tráfico ilícito de migrantes" in article(f"{site}/es/bogota.html")
    assert "caf\u00e9 of the Ministry" in article(f"{site}/cp1252.html")
    assert "new address" in article(f"{site}/en/moved.html")
    languages = {q.object.value for q in store.quads_for_pattern(None, T.SCHEMA.inLanguage, None)}
    assert {"en", "fr", "es"} <= languages


def test_fetch_command_and_failures(site, tmp_path):
    ok = CliRunner().invoke(
        main,
        ["fetch", f"{site}/listing.html", "--cache", str(tmp_path / "c"), "--delay", "0", "-q"],
    )
    assert ok.exit_code == 0 and "next: untoc-graph build" in ok.stderr
    missing = CliRunner().invoke(
        main, ["fetch", f"{site}/nothing.html", "--cache", str(tmp_path / "d"), "--delay", "0"]
    )
    assert (
        missing.exit_code == 2 and missing.stderr.strip() == f"Error: {site}/nothing.html: HTTP 404"
    )


def test_json_lines_csv_and_feeds(tmp_path, lexicon):
    (tmp_path / "news.jsonl").write_text(
        '{"title": "Training", "date": "2024-07-02", "place": "Baghdad", '
        '"text": "A training on the Firearms Protocol in Baghdad.", "url": "https://example.org/1"}\n'
    )
    (tmp_path / "news.csv").write_text(
        "title,date,place,text\nMeeting,8 January 2025,Vienna,UNODC met officials of Iraq.\n"
    )
    (tmp_path / "news.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        "<item><title>Launch in Athens</title><link>https://example.org/2</link>"
        "<pubDate>Fri, 19 Apr 2024 10:00:00 GMT</pubDate>"
        "<description>Athens (Greece), 19 April 2024 - A guide was launched.</description></item>"
        "</channel></rss>"
    )
    result = build(
        [tmp_path / "news.jsonl", tmp_path / "news.csv", tmp_path / "news.rss"],
        tmp_path / "out",
        lexicon=lexicon,
        validate=False,
    )
    assert result.articles == 3
    store = open_store(tmp_path / "out" / "store")
    dates = sorted(
        q.object.value for q in store.quads_for_pattern(None, T.SCHEMA.datePublished, None)
    )
    assert dates == ["2024-04-19", "2024-07-02", "2025-01-08"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\nnot json\n')
    result = CliRunner().invoke(main, ["build", str(bad), "-o", str(tmp_path / "o2")])
    assert result.exit_code == 2 and f"{bad}:2: not a JSON object" in result.stderr


def test_a_terminal_sees_a_bar_while_articles_are_fetched(site, tmp_path):
    from test_cli import _on_a_terminal

    cache = tmp_path / "c"
    args = ("fetch", f"{site}/listing.html", "--cache", str(cache), "--delay", "0")
    shown = _on_a_terminal(*args, "--follow-read-more")
    assert "fetching articles: 100%" in shown and "pages" in shown
    assert "next: untoc-graph build" in shown
    quiet = _on_a_terminal(*args, "--follow-read-more", "-q")
    assert "%|" not in quiet
