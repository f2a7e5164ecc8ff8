"""The endpoint over real HTTP on loopback, with real clients: httpx, SPARQLWrapper, Chromium."""

import json
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import SPARQLWrapper as sw
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from conftest import endpoint

FIXTURE = Path(__file__).parent / "fixtures" / "graph.trig"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNTRIES = "SELECT ?name WHERE { ?c a schema:Country ; schema:name ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def server(fixture_store):
    options = ("--timeout", "1.5", "--max-rows", "3", "--cors")
    with endpoint(fixture_store, *options) as running:
        yield running


def test_says_where_it_listens(server):
    _, process = server
    line = process.stderr.readline() + process.stderr.readline()
    assert "listening on 127.0.0.1 (this machine only)" in line


@pytest.mark.parametrize(
    ("accept", "media", "check"),
    [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            lambda body: (
                [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
                == ["Austria", "Colombia", "Iraq"]
            ),
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda body: "<literal>Colombia</literal>" in body,
        ),
        ("text/csv", "text/csv", lambda body: body == "name\r\nAustria\r\nColombia\r\nIraq\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            lambda body: body.splitlines() == ["?name", '"Austria"', '"Colombia"', '"Iraq"'],
        ),
    ],
)
def test_select_in_each_format(server, accept, media, check):
    base, _ = server
    response = httpx.get(f"{base}/sparql", params={"query": COUNTRIES}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert check(response.text)


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_construct_in_each_format(server, accept, media):
    base, _ = server
    query = 'CONSTRUCT { ?c a schema:Country } WHERE { ?c a schema:Country ; gn:countryCode "IQ" }'
    response = httpx.post(f"{base}/sparql", data={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    triples = list(
        ox.parse(
            response.content,
            format={
                "text/turtle": ox.RdfFormat.TURTLE,
                "application/n-triples": ox.RdfFormat.N_TRIPLES,
                "application/ld+json": ox.RdfFormat.JSON_LD,
            }[accept],
        )
    )
    assert [t.subject.value for t in triples] == ["https://w3id.org/untoc-graph/id/country/IQ"]


def test_sparqlwrapper_client(server):
    base, _ = server
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery("PREFIX schema: <https://schema.org/> " + COUNTRIES)
    client.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in client.query().convert()["results"]["bindings"]]
    assert names == ["Austria", "Colombia", "Iraq"]
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[0] == "name"


IRAQ = "<https://w3id.org/untoc-graph/id/country/IQ>"
FORMS = {
    "SELECT": ("SELECT ?name WHERE { ?c a schema:Country ; schema:name ?name }", "tables"),
    "ASK": ("ASK { ?c a schema:Country }", "tables"),
    "CONSTRUCT": (f"CONSTRUCT {{ {IRAQ} ?p ?o }} WHERE {{ {IRAQ} ?p ?o }}", "graph"),
    "DESCRIBE": (f"DESCRIBE {IRAQ}", "graph"),
}
#: Media types a graph may come back in, with the parser that reads it.
GRAPH_READERS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "fmt", [sw.JSON, sw.XML, sw.CSV, sw.TSV, sw.TURTLE, sw.N3, sw.RDF, sw.RDFXML, sw.JSONLD]
)
def test_sparqlwrapper_runs_every_form_in_every_format(server, form, fmt):
    """SPARQLWrapper sends ``format=`` and an Accept header: each form is answered in the
    format asked for where it fits the form, else in one the Accept header allows."""
    base, _ = server
    query, kind = FORMS[form]
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery("PREFIX schema: <https://schema.org/> " + query)
    client.setReturnFormat(fmt)
    result = client.query()
    media = result.response.headers["content-type"].split(";")[0]
    body = result.response.read()
    if kind == "graph":
        triples = list(ox.parse(body, GRAPH_READERS[media]))
        assert triples and all(t.subject.value.endswith("/country/IQ") for t in triples)
    elif media.endswith("json"):
        assert json.loads(body)
    else:
        assert body.strip()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    ("form", "accept", "media"),
    [
        ("SELECT", "application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
        ("CONSTRUCT", "text/turtle,*/*;q=0.9", "text/turtle"),
        ("CONSTRUCT", "application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_yasgui_style_requests(server, method, form, accept, media):
    base, _ = server
    data = {"query": "PREFIX schema: <https://schema.org/> " + FORMS[form][0]}
    headers = {"Accept": accept}
    if method == "GET":
        response = httpx.get(f"{base}/sparql", params=data, headers=headers)
    else:
        response = httpx.post(f"{base}/sparql", data=data, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)


def test_nothing_acceptable_is_406_with_the_types_on_offer(server):
    base, _ = server
    response = httpx.get(
        f"{base}/sparql", params={"query": FORMS["CONSTRUCT"][0]}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert "text/turtle" in response.text and "application/rdf+xml" in response.text


def test_post_sparql_query_body_and_ask(server):
    base, _ = server
    response = httpx.post(
        f"{base}/sparql",
        content='ASK { ?c gn:countryCode "IQ" }',
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("post", {"content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("post", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}),
        ("post", {"data": {"query": "CLEAR ALL"}}),
    ],
)
def test_updates_are_refused(server, method, kwargs):
    base, _ = server
    response = getattr(httpx, method)(f"{base}/sparql", **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.text
    count = httpx.get(
        f"{base}/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/csv"},
    )
    assert count.text.splitlines()[1] == "212"


def test_service_is_refused(server):
    base, _ = server
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = httpx.get(f"{base}/sparql", params={"query": query})
    assert response.status_code == 403
    assert "SERVICE is refused" in response.text


def test_malformed_query_gives_line_and_column(server):
    base, _ = server
    response = httpx.get(f"{base}/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    assert response.status_code == 400
    assert "line 2, column" in response.text and "Traceback" not in response.text


def test_row_limit(server):
    base, _ = server
    response = httpx.get(
        f"{base}/sparql",
        params={"query": "SELECT ?s WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
    )
    assert response.headers["x-row-limit"] == "3"
    assert len(response.text.splitlines()) == 4


def test_timeout_stops_a_query_while_others_are_answered(server):
    base, _ = server
    heavy: dict = {}

    def run_heavy():
        started = time.monotonic()
        heavy["response"] = httpx.get(f"{base}/sparql", params={"query": HEAVY}, timeout=30)
        heavy["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_heavy)
    thread.start()
    time.sleep(0.3)
    quick = httpx.get(f"{base}/sparql", params={"query": COUNTRIES}, headers={"Accept": "text/csv"})
    assert quick.status_code == 200 and "Colombia" in quick.text
    thread.join(30)
    assert heavy["response"].status_code == 503
    assert "stopped after 1.5 s" in heavy["response"].text
    assert heavy["seconds"] < 10
    again = httpx.get(f"{base}/sparql", params={"query": COUNTRIES}, headers={"Accept": "text/csv"})
    assert again.status_code == 200


def test_cors_on_request(server):
    base, _ = server
    response = httpx.get(
        f"{base}/sparql", params={"query": COUNTRIES}, headers={"Origin": "http://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"


def test_named_query_with_parameters(server):
    base, _ = server
    response = httpx.get(
        f"{base}/queries/country-events", params={"param.country": "CO", "format": "csv"}
    )
    assert response.status_code == 200
    assert response.text.splitlines()[1].startswith("CO,2024-04-18,constructive dialogue,Vienna")


def test_query_page_runs_a_named_query_in_a_browser(server, browser):
    base, _ = server
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/")
    page.wait_for_selector("#named option[value='cities-by-events']", state="attached")
    page.select_option("#named", "cities-by-events")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    headers = page.locator("#results th").all_inner_texts()
    cities = page.locator("#results tbody tr td:first-child").all_inner_texts()
    status = page.inner_text("#status")
    page.fill("#editor", "SELECT * WHERE { ?s ?p }")  # then a malformed one: its error alone
    page.click("#run")
    page.wait_for_selector("#status.error")
    left = page.locator("#results tr").count()
    page.close()
    assert headers == ["city", "country", "geonames", "events"]
    assert cities == ["Baghdad", "Vienna"]
    assert status.startswith("2 row(s)")
    assert left == 0
    assert errors == []
