"""Attacks on the query path: SERVICE in disguise, parser crashes, floods, memory, other sites.

Every server here is started by the test on a loopback port and stopped by it; the canary is a
loopback listener that must never receive a request from a query.
"""

import concurrent.futures
import contextlib
import http.server
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from conftest import endpoint
from local_server import LocalServer
from untoc_graph import query as query_module
from untoc_graph.cli import main
from untoc_graph.query import QueryError, QueryRefused, QueryTooLarge, check, run
from untoc_graph.workers import confinement

FIXTURE = Path(__file__).parent / "fixtures" / "graph.trig"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


class Canary:
    """A loopback HTTP listener that records every request it receives."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = LocalServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


def disguises(url: str) -> list[str]:
    """SERVICE written as plainly and as deviously as the grammar allows."""
    return [
        f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) SERVICE <{url}/x> {{ ?s ?p ?o }} '
        'BIND("\\u0022" AS ?b) }',
        f'SELECT * WHERE {{ BIND("\\U00000022" AS ?a) SERVICE <{url}/y> {{ ?s ?p ?o }} }}',
        f"SELECT * WHERE {{ SERVICE <{url}/plain> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ service silent <{url}/lower> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}/> SELECT * WHERE {{ SERVICE x:prefixed {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{url}/comment> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}/var> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <\\u0068ttp://127.0.0.1:{url.rsplit(':', 1)[1]}/esc> "
        "{ ?s ?p ?o } }",
        f"SELECT * FROM <{url}/from> FROM NAMED <{url}/named> WHERE {{ ?s ?p ?o }}",
        f"DESCRIBE <{url}/describe>",
        f'SELECT * WHERE {{ ?s ?p ?o FILTER(?o = IRI("{url}/iri")) }}',
    ]


def test_service_in_disguise_never_reaches_the_canary(fixture_store, canary):
    for text in disguises(canary.url):
        with contextlib.suppress(QueryError):  # refused or malformed: nothing may have left
            b"".join(run(fixture_store, text, "csv"))
    assert canary.hits == []


def test_the_worker_itself_cannot_reach_the_network(fixture_store, canary, monkeypatch):
    """With the text screen switched off, the kernel still stops the engine's request."""
    assert confinement() is None, "workers must be confined on Linux: install libseccomp2"
    monkeypatch.setattr(query_module, "check", lambda text: None)
    for text in disguises(canary.url)[:3]:
        with pytest.raises(QueryRefused, match="tried to open a network connection"):
            b"".join(run(fixture_store, text, "csv"))
    assert canary.hits == []


def test_the_query_command_refuses_the_escape_bypass(fixture_store, canary):
    result = CliRunner().invoke(
        main, ["query", disguises(canary.url)[0], "--store", str(fixture_store)]
    )
    assert result.exit_code == 2
    assert "SERVICE is refused" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert canary.hits == []


@pytest.mark.parametrize(
    "text",
    ['SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }', "SELECT * WHERE " + "{" * 3000 + "}" * 3000],
)
def test_queries_that_crash_parsers_are_one_line(fixture_store, text):
    result = CliRunner().invoke(main, ["query", text, "--store", str(fixture_store)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_the_screen_is_linear_on_hostile_text():
    started = time.perf_counter()
    for text in (" " * 900_000 + "x", "# " * 400_000, "SERVICE" + " # a\n" * 150_000):
        check(text)
    assert time.perf_counter() - started < 5


def test_a_query_past_its_memory_bound_stops(fixture_store):
    limits = query_module.Limits(timeout=60, max_memory=64 << 20)
    with pytest.raises(QueryTooLarge, match="more memory"):
        b"".join(run(fixture_store, HUNGRY, "csv", limits=limits))


@pytest.fixture(scope="module")
def server(fixture_store):
    options = ("--timeout", "20", "--max-memory", "96", "--max-workers", "24")
    with endpoint(fixture_store, *options) as (base, _):
        yield base


def ask(base: str, **kwargs) -> httpx.Response:
    return httpx.get(f"{base}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30, **kwargs)


def test_the_endpoint_refuses_service_in_disguise(server, canary):
    for text in disguises(canary.url):
        response = httpx.post(f"{server}/sparql", data={"query": text}, timeout=30)
        assert response.status_code < 500, response.text
    assert canary.hits == []


def test_a_huge_query_neither_freezes_nor_starves_other_clients(server):
    alternatives = " || ".join(f'?o = "v{i}"' for i in range(5000))
    huge = f"SELECT * WHERE {{ ?s ?p ?o FILTER({alternatives}) }}"
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        slow = pool.submit(httpx.post, f"{server}/sparql", data={"query": huge}, timeout=60)
        time.sleep(0.5)
        started = time.monotonic()
        assert ask(server).status_code == 200
        assert time.monotonic() - started < 5
        slow.result()


def test_an_oversized_request_is_refused(server):
    response = httpx.post(
        f"{server}/sparql",
        content=b"#" * (4 << 20),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert response.status_code == 413


def test_a_query_past_its_memory_bound_is_503_and_the_server_lives(server):
    response = httpx.post(f"{server}/sparql", data={"query": HUNGRY}, timeout=60)
    assert response.status_code == 503
    assert "more memory" in response.text
    assert ask(server).status_code == 200


def test_cheap_queries_answer_while_slow_ones_run(server):
    with concurrent.futures.ThreadPoolExecutor(13) as pool:
        slow = [
            pool.submit(httpx.post, f"{server}/sparql", data={"query": HEAVY}, timeout=60)
            for _ in range(12)
        ]
        time.sleep(1.5)  # every slow query is past its fast budget
        times = []
        for _ in range(5):
            started = time.monotonic()
            assert ask(server).status_code == 200
            times.append(time.monotonic() - started)
        for future in slow:
            future.result()
    assert sorted(times)[2] < 2.0, times


def test_a_foreign_host_is_refused(server):
    response = ask(server, headers={"Host": "attacker.example"})
    assert response.status_code == 421


def test_a_post_from_another_site_is_refused(server):
    response = httpx.post(
        f"{server}/sparql",
        data={"query": "ASK { ?s ?p ?o }"},
        headers={"Origin": "http://attacker.example"},
        timeout=30,
    )
    assert response.status_code == 403
    own = httpx.post(
        f"{server}/sparql",
        data={"query": "ASK { ?s ?p ?o }"},
        headers={"Origin": server},
        timeout=30,
    )
    assert own.status_code == 200


def test_pages_cannot_be_framed_or_sniffed(server):
    page = httpx.get(f"{server}/", timeout=30)
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert ask(server).headers["x-content-type-options"] == "nosniff"


def test_malformed_queries_are_400_not_500(server):
    for text in ('SELECT * WHERE { BIND("\\U0011FFFF" AS ?x) }', "SELECT * WHERE " + "{" * 3000):
        response = httpx.post(f"{server}/sparql", data={"query": text}, timeout=30)
        assert response.status_code == 400, response.text


def test_a_worker_left_alone_still_stops_at_its_time_limit(fixture_store):
    """Even when nobody kills it (its parent gone), a worker cannot outrun its processor time."""
    worker = query_module.worker_pool(fixture_store, keep=0).spawn()
    assert worker.connection.recv_bytes() == b"R"
    limits = query_module.Limits(timeout=0.5)
    worker.connection.send((HEAVY, {}, query_module.formats_for("csv"), limits))
    worker.process.join(15)
    assert worker.process.exitcode == -signal.SIGXCPU
