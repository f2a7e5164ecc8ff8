"""push and query --endpoint against a real SPARQL server: the Oxigraph server from PyPI."""

import http.server
import shutil
import subprocess
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import free_port
from local_server import LocalServer
from untoc_graph.cli import main
from untoc_graph.store import open_store

OTHER = "urn:example:other-graph"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = shutil.which("oxigraph")
    assert binary, "the Oxigraph server is missing: pip install oxigraph"
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("oxigraph")),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start: {process.stderr.read()}") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(10)


def remote_count(base: str, graph: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g = <%s>) }"
    response = httpx.post(
        f"{base}/query",
        data={"query": query % graph},
        headers={"Accept": "application/sparql-results+json"},
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def cli(*args):
    return CliRunner().invoke(main, list(args))


def test_push_replaces_its_graphs_and_leaves_others(oxigraph_server, built):
    _, output = built
    store = open_store(output / "store")
    (graph,) = [g.value for g in store.named_graphs()]
    local = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    httpx.put(
        f"{oxigraph_server}/store",
        params={"graph": OTHER},
        content=b"<urn:a> <urn:b> <urn:c> .\n",
        headers={"Content-Type": "application/n-triples"},
    )
    for _ in range(2):  # the second push replaces, it does not add
        result = cli(
            "push", "--endpoint", f"{oxigraph_server}/store", "--store", str(output / "store")
        )
        assert result.exit_code == 0, result.stderr
        assert f"replaced <{graph}>: {local} triples" in result.stderr
        assert remote_count(oxigraph_server, graph) == local
    assert remote_count(oxigraph_server, OTHER) == 1


def test_named_queries_run_on_the_server(oxigraph_server, built):
    _, output = built
    cli("push", "--endpoint", f"{oxigraph_server}/store", "--store", str(output / "store"))
    for args in (
        ["cities-by-events"],
        ["states-in-instrument-events", "--param", "instrument=TIP"],
        ["spokespeople"],
    ):
        here = cli("query", *args, "--store", str(output / "store"))
        there = cli("query", *args, "--endpoint", f"{oxigraph_server}/query")
        assert there.exit_code == 0, there.stderr
        assert there.stdout == here.stdout and len(here.stdout.splitlines()) > 2
    ask = cli("query", 'ASK { ?c gn:countryCode "ZZ" }', "--endpoint", f"{oxigraph_server}/query")
    assert ask.exit_code == 1


class Failing(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        if self.path.startswith("/slow"):
            time.sleep(3)
        self.send_response(500)
        self.end_headers()
        self.wfile.write(b"disk full\n")

    do_POST = do_PUT

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def failing_server():
    server = LocalServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("target", "extra", "message"),
    [
        ("down", [], "cannot reach the server"),
        ("oxigraph-404", [], "the server answered 404"),
        ("failing-500", [], "the server answered 500 Internal Server Error: disk full"),
        ("failing-slow", ["--timeout", "0.5"], "no answer within 0.5 s"),
    ],
)
def test_network_failures_are_clear_and_lose_nothing(
    oxigraph_server, failing_server, built, target, extra, message
):
    _, output = built
    endpoint = {
        "down": f"http://127.0.0.1:{free_port()}/store",
        "oxigraph-404": f"{oxigraph_server}/no-such-service",
        "failing-500": f"{failing_server}/store",
        "failing-slow": f"{failing_server}/slow",
    }[target]
    before = len(open_store(output / "store"))
    result = cli("push", "--endpoint", endpoint, "--store", str(output / "store"), *extra)
    assert result.exit_code == 2
    assert message in result.stderr and "graphs sent before: none" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(open_store(output / "store")) == before
