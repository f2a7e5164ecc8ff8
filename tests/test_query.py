from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from untoc_graph.cli import main
from untoc_graph.query import (
    Limits,
    Outcome,
    QueryError,
    QueryRefused,
    QueryTimeout,
    bind,
    check,
    execute,
    named_queries,
    run,
)

FIXTURE = Path(__file__).parent / "fixtures" / "graph.trig"
ID = "https://w3id.org/untoc-graph/id/"
A2_HEADLINE = (
    "Vienna, 18 April 2024. States discussed the Firearms Protocol with Colombia and Iraq.…"
)

#: For each named query: (parameters, the rows it must return on the fixture graph).
EXPECTED = {
    "events-per-year-and-type": (
        {},
        [
            ("2024", "constructive dialogue", "1"),
            ("2024", "training", "1"),
        ],
    ),
    "donors": (
        {"instrument": "FIREARMS"},
        [
            (
                "2024",
                "European Union",
                "organisation",
                f"{ID}event/e2",
                None,
                "FIREARMS",
                "2024-04-05",
            )
        ],
    ),
    "participating-states": (
        {},
        [
            ("FIREARMS", "2024", "AT", "Austria", "host", "1"),
            ("FIREARMS", "2024", "CO", "Colombia", "participant", "1"),
            ("FIREARMS", "2024", "IQ", "Iraq", "participant", "1"),
            ("UNTOC", "2024", "NO", "Norway", "funder", "1"),
            ("UNTOC", "2024", "IQ", "Iraq", "participant", "1"),
        ],
    ),
    "partners-of-country": (
        {"country": "IQ"},
        [
            (
                "IQ",
                "participant",
                "2024-06-24",
                "training",
                None,
                "UNTOC",
                "UNTOC Review Mechanism",
                f"{ID}event/e1",
            ),
            (
                "IQ",
                "participant",
                "2024-04-05",
                "constructive dialogue",
                None,
                "FIREARMS",
                None,
                f"{ID}event/e2",
            ),
        ],
    ),
    "treaty-actions": (
        {},
        [
            (
                "CO",
                "Colombia",
                "FIREARMS",
                "ratification",
                "2024-04-01",
                f"{ID}article/a2",
                "Colombia ratified the Firearms Protocol",
            )
        ],
    ),
    "parties": ({}, [("FIREARMS", "CO", "Colombia", "1", "2024-04-18")]),
    "speakers": (
        {},
        [("Jane Doe", "Director of UNODC", "UNODC", "IQ", f"{ID}event/e1", "2024-06-24")],
    ),
    "states-in-instrument-events": (
        {},
        [
            ("FIREARMS", "AT", "Austria", "host", "1", "2024-04-18", "2024-04-18"),
            ("FIREARMS", "AT", "Austria", "venue", "1", "2024-04-18", "2024-04-18"),
            ("FIREARMS", "CO", "Colombia", "participant", "1", "2024-04-18", "2024-04-18"),
            ("FIREARMS", "IQ", "Iraq", "participant", "1", "2024-04-18", "2024-04-18"),
        ],
    ),
    "programme-timeline": (
        {},
        [
            (
                f"{ID}programme/untoc-review-mechanism",
                "2024-04-18",
                "constructive dialogue",
                "Vienna",
                A2_HEADLINE,
                f"{ID}article/a2",
            ),
            (
                f"{ID}programme/untoc-review-mechanism",
                "2024-07-02",
                "training",
                "Baghdad",
                "Training in Baghdad",
                f"{ID}article/a1",
            ),
        ],
    ),
    "country-events": (
        {"country": "CO"},
        [
            ("CO", "2024-04-18", "constructive dialogue", "Vienna", A2_HEADLINE, f"{ID}article/a2"),
        ],
    ),
    "programmes-by-region": ({}, [("West and Central Africa", "UNTOC Review Mechanism", "1")]),
    "spokespeople": ({}, [("Jane Doe", "Director of UNODC", "UNODC", "2024-07-02", "Baghdad")]),
    "topic-cooccurrence": (
        {},
        [
            ("firearms trafficking", "trafficking in persons", "1"),
            ("migrant smuggling", "trafficking in persons", "1"),
        ],
    ),
    "cities-by-events": (
        {},
        [
            ("Baghdad", "IQ", "https://sws.geonames.org/98182/", "1"),
            ("Vienna", "AT", "https://sws.geonames.org/2761369/", "1"),
        ],
    ),
    "entries-without-place": (
        {},
        [
            (
                "6",
                "2023-10-16",
                "16 October 2023 - Gender stereotypes pervade all aspects of ",
                "same text published again under 2023-12-20",
                f"{ID}article/a3",
            ),
        ],
    ),
    "evidence": (
        {"entity": f"{ID}country/IQ"},
        [
            (f"{ID}country/IQ", "2024-07-02", None, "Iraqi", "71", "76", f"{ID}article/a1"),
        ],
    ),
    "instruments-per-year": ({}, [("2024", "FIREARMS", "1"), ("2024", "UNTOC", "1")]),
    "countries-most-named": (
        {},
        [
            ("IQ", "Iraq", "https://sws.geonames.org/99237/", "2"),
            ("CO", "Colombia", "https://sws.geonames.org/3686110/", "1"),
        ],
    ),
    "organisers": ({}, [("UNODC", "1", "training")]),
    "events-calendar": (
        {"year": "2024"},
        [
            (
                "2024-04-05",
                "2024-04-05",
                "constructive dialogue",
                "Vienna",
                None,
                f"{ID}event/e2",
                "2024",
            ),
            ("2024-06-24", "2024-06-26", "training", "Baghdad", None, f"{ID}event/e1", "2024"),
        ],
    ),
    "warnings": (
        {},
        [
            ("fixture", "6", "same text published again under 2023-12-20", f"{ID}article/a3"),
            ("fixture", "7", "same text published again under 2023-10-16", f"{ID}article/a4"),
        ],
    ),
    "participants": ({}, [("2024-07-02", "training", "15", "officials", "over", f"{ID}event/e1")]),
    "unlinked-entities": (
        {},
        [
            ("Organization", "Iraqi Ministry of Interior", "1"),
            ("Person", "Jane Doe", "1"),
        ],
    ),
    "sessions": ({}, [("CCPCJ33", "2024-04-18", "constructive dialogue", f"{ID}article/a2")]),
    "duplicate-articles": ({}, [("2023-10-16", "6", "2023-12-20", "7")]),
}


def rows(store_path: Path, name: str, params: dict) -> list[tuple]:
    named = named_queries()[name]
    store = ox.Store.read_only(str(store_path))
    result = execute(store, named.text, bind(named, params))
    variables = [v.value for v in result.variables]
    return [tuple(s[v].value if s[v] is not None else None for v in variables) for s in result]


def test_at_least_fifteen_named_queries_each_tested():
    found = named_queries()
    assert len(found) >= 15
    assert set(found) == set(EXPECTED)
    for query in found.values():
        assert query.title and query.description and query.example.startswith("untoc-graph query")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows(fixture_store, name):
    params, expected = EXPECTED[name]
    assert rows(fixture_store, name, params) == expected


def test_parameters_change_the_answer(fixture_store):
    assert [
        r[1:4] for r in rows(fixture_store, "states-in-instrument-events", {"instrument": "UNTOC"})
    ] == [("IQ", "Iraq", "participant"), ("IQ", "Iraq", "venue"), ("NO", "Norway", "funder")]
    assert len(rows(fixture_store, "donors", {})) == 2
    assert len(rows(fixture_store, "events-calendar", {})) == 2
    assert rows(fixture_store, "events-calendar", {"year": "2023"}) == []


def test_parameter_values_are_terms_not_query_text(fixture_store):
    injected = '" } } SELECT * WHERE { ?s ?p ?o } #'
    assert rows(fixture_store, "country-events", {"country": injected}) == []


def test_unknown_and_missing_parameters():
    named = named_queries()
    with pytest.raises(QueryError, match="has no parameter 'nope'"):
        bind(named["cities-by-events"], {"nope": "1"})
    with pytest.raises(QueryError, match="needs --param entity"):
        bind(named["evidence"], {})
    with pytest.raises(QueryError, match="is not an integer"):
        bind(named["events-calendar"], {"year": "last year"})


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DROP ALL",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR DEFAULT",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9999/sparql> { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> WITH ex:g DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_refused_queries(query):
    with pytest.raises(QueryRefused):
        check(query)


def test_malformed_query_names_line_and_column(fixture_store):
    with pytest.raises(QueryError, match=r"malformed query at line 2, column \d+: expected"):
        b"".join(run(fixture_store, "SELECT * WHERE {\n?s ?p }", "csv"))


def test_timeout_really_stops_the_query(fixture_store):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeout):
        b"".join(run(fixture_store, heavy, "csv", limits=Limits(timeout=0.5)))


def test_bounded_run_streams_and_counts(fixture_store):
    outcome = Outcome()
    data = b"".join(
        run(
            fixture_store,
            "SELECT ?s WHERE { ?s a schema:NewsArticle } ORDER BY ?s",
            "csv",
            limits=Limits(max_rows=3),
            outcome=outcome,
        )
    )
    assert data.decode().splitlines() == [
        "s",
        f"{ID}article/a1",
        f"{ID}article/a2",
        f"{ID}article/a3",
    ]
    assert (outcome.rows, outcome.truncated) == (3, True)


def cli(*args):
    return CliRunner().invoke(main, list(args))


def test_query_command_formats(fixture_store):
    store = str(fixture_store)
    table = cli("query", "organisers", "--store", store)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == ["organisation", "events", "types"]
    assert table.stdout.splitlines()[2].split() == ["UNODC", "1", "training"]
    out = Path(store).parent / "organisers.csv"
    assert (
        cli("query", "organisers", "--store", store, "--format", "csv", "-o", str(out)).exit_code
        == 0
    )
    assert out.read_bytes() == b"organisation,events,types\r\nUNODC,1,training\r\n"
    graph = cli(
        "query",
        'CONSTRUCT { ?c a schema:Country } WHERE { ?c a schema:Country ; gn:countryCode "IQ" }',
        "--store",
        store,
        "--format",
        "nt",
    )
    assert (
        graph.stdout
        == f"<{ID}country/IQ> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Country> .\n"
    )


def test_query_command_ask_exit_codes(fixture_store):
    assert (
        cli("query", 'ASK { ?c gn:countryCode "IQ" }', "--store", str(fixture_store)).exit_code == 0
    )
    assert (
        cli("query", 'ASK { ?c gn:countryCode "ZZ" }', "--store", str(fixture_store)).exit_code == 1
    )


def test_query_command_from_file_and_output(fixture_store, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?n WHERE { ?c a schema:Country ; schema:name ?n } ORDER BY ?n")
    out = tmp_path / "new" / "folder" / "out.tsv"  # -o creates the folders it needs
    result = cli(
        "query", "-f", str(query), "--store", str(fixture_store), "--format", "tsv", "-o", str(out)
    )
    assert result.exit_code == 0
    assert out.read_text().splitlines() == ["?n", '"Austria"', '"Colombia"', '"Iraq"', '"Norway"']


def test_query_command_errors_are_one_line(fixture_store, tmp_path):
    for args, message in [
        (("query", "DROP ALL"), "Error: updates are refused: the store is opened read-only"),
        (
            ("query", "no-such-query"),
            "Error: no named query 'no-such-query'; `untoc-graph queries` lists them",
        ),
        (
            ("query", "cities-by-events", "--store", str(tmp_path / "none")),
            f"Error: {tmp_path / 'none'}: no store here; run `untoc-graph build` first or give --store",
        ),
    ]:
        result = cli(*args, *(() if "--store" in args else ("--store", str(fixture_store))))
        assert result.exit_code == 2
        assert result.stderr.strip() == message


def test_parse_errors_are_short_and_name_an_undefined_prefix(fixture_store):
    result = cli("query", "SELECT * WHERE { ?s foo:bar ?o }", "--store", str(fixture_store))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: malformed query at line 1, column 28: undefined prefix foo: (declare it with "
        "PREFIX foo: <…>;"
    )
    result = cli("query", "SELECT * WHERE { ?s ?p }", "--store", str(fixture_store))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and len(result.stderr) < 240


@pytest.mark.parametrize(
    "value",
    ["IQ", "iq", "Iraq", "Irak", "country:IQ", "https://w3id.org/untoc-graph/id/country/IQ"],
)
def test_a_country_parameter_as_users_type_it(fixture_store, value):
    result = cli(
        "query", "country-events", "--param", f"country={value}",
        "--store", str(fixture_store), "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("IQ,")


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("country-events", "country=Irk", "no country 'Irk' in the graph; did you mean Iraq (IQ)?"),
        ("country-events", "country=Atlantis", "no country 'Atlantis' in the graph"),
    ],
)
def test_a_value_that_names_nothing_is_one_line_with_the_closest(
    fixture_store, query, param, message
):
    result = cli("query", query, "--param", param, "--store", str(fixture_store))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {message}"


def test_an_empty_answer_says_so(fixture_store):
    text = "SELECT ?c WHERE { ?c a schema:Country ; schema:name 'Atlantis' }"
    result = cli("query", text, "--store", str(fixture_store))
    assert result.exit_code == 0
    assert "no results" in result.stderr


def test_queries_command_lists_every_query():
    result = cli("queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == sorted(named_queries())


#: Parameters for the named queries on the real corpora, where the default finds nothing there.
REAL_PARAMS = {"evidence": {"entity": f"{ID}country/IQ"}, "partners-of-country": {"country": "JP"}}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_answers_on_a_real_corpus(built, dev_built, name):
    """Each named query has rows on the bundled corpus or on the development corpus."""
    _, output = built
    params = REAL_PARAMS.get(name, {})
    found = rows(output / "store", name, params) or rows(dev_built / "store", name, params)
    assert found, f"{name} returns no row on the bundled or the development corpus"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_gives_no_row_twice_across_sources(dev_built, name):
    """The development corpus is ten source files, each graph repeating the descriptions of
    the entities it names; the union default graph must not make a named query list a row
    once per source."""
    found = rows(dev_built / "store", name, REAL_PARAMS.get(name, {}))
    assert len(found) == len(set(found)), f"{name}: {len(found)} rows, {len(set(found))} distinct"


def _accepted_examples():
    from untoc_graph.params import ACCEPTED
    from untoc_graph.query import named_queries

    for name, text in ACCEPTED.items():
        for query, named in sorted(named_queries().items()):
            param = next((p for p in named.params if name in (p.name, p.kind)), None)
            if param is not None:
                for example in text.rsplit(": ", 1)[1].split(", "):
                    yield query, param.name, example
                break


@pytest.mark.parametrize(("query", "param", "example"), list(_accepted_examples()))
def test_every_example_queries_v_gives_is_accepted(built, query, param, example):
    """What `queries -v` says a parameter accepts, it accepts (on the bundled build)."""
    _, output = built
    result = cli("query", query, "--param", f"{param}={example}", "--store", str(output / "store"))
    assert result.exit_code in (0, 1), result.stderr  # 1: an ASK that is false
    assert "Error" not in result.stderr
