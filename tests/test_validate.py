from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from untoc_graph.cli import main
from untoc_graph.store import open_store
from untoc_graph.validate import graph_of_store, validate

ID = "https://w3id.org/untoc-graph/id/"
PREFIXES = """
PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ug: <https://w3id.org/untoc-graph/ontology#> PREFIX gn: <http://www.geonames.org/ontology#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX id: <https://w3id.org/untoc-graph/id/>
"""


@pytest.fixture(scope="module")
def corpus_graph(built) -> rdflib.Graph:
    _, output = built
    return graph_of_store(open_store(output / "store"))


def broken(graph: rdflib.Graph, update: str) -> rdflib.Graph:
    copy = rdflib.Graph()
    for triple in graph:
        copy.add(triple)
    copy.update(PREFIXES + update)
    return copy


def test_bundled_corpus_conforms(corpus_graph):
    assert validate(corpus_graph) == []


#: Each shape broken on purpose: (SPARQL update that breaks it, focus node, message).
BROKEN = {
    "article without text": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/article/2024-07-02-9ae5de01bc> schema:text ?t }",
        "article/2024-07-02-9ae5de01bc",
        "an article has exactly one schema:text",
    ),
    "article without date nor warning": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/article/2024-07-02-9ae5de01bc> schema:datePublished ?d }",
        "article/2024-07-02-9ae5de01bc",
        "an article without a date must say why (ug:warning)",
    ),
    "date that is not an xsd:date": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/article/2024-07-02-9ae5de01bc> schema:datePublished ?d } ;"
        'INSERT DATA { <https://w3id.org/untoc-graph/id/article/2024-07-02-9ae5de01bc> schema:datePublished "2 July 2024" }',
        "article/2024-07-02-9ae5de01bc",
        "schema:datePublished is one xsd:date",
    ),
    "city without a country": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/city/98182> schema:containedInPlace ?c }",
        "city/98182",
        "a city is schema:containedInPlace its country",
    ),
    "city without coordinates": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/city/98182> geo:lat ?lat }",
        "city/98182",
        "a city has one geo:lat",
    ),
    "mention without evidence": (
        "INSERT DATA { <https://w3id.org/untoc-graph/id/article/2024-07-02-9ae5de01bc> schema:mentions <https://w3id.org/untoc-graph/id/country/AT> }",
        "article/2024-07-02-9ae5de01bc",
        "every schema:mentions has an annotation quoting the article",
    ),
    "Protocol with a wrong notation": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/instrument/FIREARMS> skos:notation ?n } ;"
        'INSERT DATA { <https://w3id.org/untoc-graph/id/instrument/FIREARMS> skos:notation "FIREARM" }',
        "instrument/FIREARMS",
        'a Protocol\'s skos:notation is "TIP", "SOM" or "FIREARMS"',
    ),
    "Protocol that supplements nothing": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/instrument/FIREARMS> ug:supplements ?c }",
        "instrument/FIREARMS",
        "a Protocol ug:supplements the Convention",
    ),
    "country with a bad code": (
        'DELETE WHERE { <https://w3id.org/untoc-graph/id/country/CO> gn:countryCode ?c } ; INSERT DATA { <https://w3id.org/untoc-graph/id/country/CO> gn:countryCode "COL" }',
        "country/CO",
        "gn:countryCode is one ISO 3166-1 alpha-2 code",
    ),
    "event that ends before it starts": (
        'DELETE WHERE { <https://w3id.org/untoc-graph/id/event/2024-07-02-9ae5de01bc> ug:eventType ?t } ; INSERT DATA { <https://w3id.org/untoc-graph/id/event/2024-07-02-9ae5de01bc> schema:startDate "2024-06-24"^^xsd:date ; schema:endDate "2024-06-01"^^xsd:date }',
        "event/2024-07-02-9ae5de01bc",
        "an event does not end before it starts",
    ),
    "annotation without its quote": (
        "DELETE WHERE { <https://w3id.org/untoc-graph/id/annotation/2024-07-02-9ae5de01bc-1-quote> oa:exact ?q }",
        "annotation/2024-07-02-9ae5de01bc-1",
        "an annotation quotes its evidence (oa:exact)",
    ),
    "event dates that are not dates": (
        'DELETE WHERE { <https://w3id.org/untoc-graph/id/event/2024-07-02-9ae5de01bc> ug:eventType ?t } ; INSERT DATA { <https://w3id.org/untoc-graph/id/event/2024-07-02-9ae5de01bc> schema:startDate "2024-06-24T10:00:00"^^xsd:dateTime ; schema:endDate "2024-06-01"^^xsd:date }',
        "event/2024-07-02-9ae5de01bc",
        "schema:startDate is one xsd:date",
    ),
    "event with two types and a literal place": (
        "INSERT DATA { <https://w3id.org/untoc-graph/id/event/2024-07-02-9ae5de01bc> ug:eventType <https://w3id.org/untoc-graph/id/event-type/training> , <https://w3id.org/untoc-graph/id/country/AT> }",
        "event/2024-07-02-9ae5de01bc",
        "ug:eventType is one concept",
    ),
    "figure that is not a number": (
        'DELETE WHERE { <https://w3id.org/untoc-graph/id/figure/2024-07-02-9ae5de01bc-1> rdf:value ?v } ; INSERT DATA { <https://w3id.org/untoc-graph/id/figure/2024-07-02-9ae5de01bc-1> rdf:value "fifteen" }',
        "figure/2024-07-02-9ae5de01bc-1",
        "a participant figure has one xsd:integer rdf:value",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_shape_reports_a_broken_graph(corpus_graph, case):
    update, focus, message = BROKEN[case]
    found = {(v.focus, v.message) for v in validate(broken(corpus_graph, update))}
    assert (ID + focus, message) in found, found


@pytest.mark.parametrize("case", ["conforming", *sorted(BROKEN)])
def test_the_engine_reports_what_pyshacl_reports(corpus_graph, case):
    """pyshacl-turbo, which validates, and pySHACL, the reference, side by side: the same
    violations, with the same focus, path, message and value."""
    import pyshacl

    graph = corpus_graph if case == "conforming" else broken(corpus_graph, BROKEN[case][0])
    assert validate(graph) == validate(graph, engine=pyshacl)


def test_validate_command(tmp_path, built, corpus_graph):
    _, output = built
    ok = CliRunner().invoke(main, ["validate", "--store", str(output / "store")])
    assert ok.exit_code == 0 and "conforms to the shapes" in ok.stderr
    path = tmp_path / "broken.nt"
    broken(corpus_graph, BROKEN["city without a country"][0]).serialize(path, format="nt")
    bad = CliRunner().invoke(main, ["validate", str(path)])
    assert bad.exit_code == 1
    assert (
        f"{ID}city/98182  schema:containedInPlace: a city is schema:containedInPlace its country"
        in bad.stdout
    )
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle\n")
    unusable = CliRunner().invoke(main, ["validate", str(garbage)])
    assert unusable.exit_code == 2 and unusable.stderr.startswith(
        f"Error: {garbage}: not valid turtle"
    )


def test_ontology_reference_is_current():
    from untoc_graph.ontodoc import ontology_markdown

    current = (Path(__file__).parent.parent / "docs" / "ontology.md").read_text()
    assert current == ontology_markdown(), "run: untoc-graph ontology-docs -o docs/ontology.md"


def test_jsonld_input_never_fetches_a_remote_context(tmp_path):
    document = tmp_path / "remote.jsonld"
    document.write_text(
        '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "urn:x", "name": "x"}'
    )
    result = CliRunner().invoke(main, ["validate", str(document)])
    assert result.exit_code == 2
    assert "remote documents are not loaded (http://127.0.0.1:9/context.jsonld)" in result.stderr


def test_exported_jsonld_validates_offline(built, tmp_path):
    _, output = built
    target = tmp_path / "g.jsonld"
    CliRunner().invoke(
        main, ["export", "--format", "jsonld", "-o", str(target), "--store", str(output / "store")]
    )
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output
