import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from pyld import jsonld
from rdflib.compare import isomorphic

from untoc_graph.cli import main
from untoc_graph.export import export_network, export_rdf
from untoc_graph.store import open_store


def union_graph(store) -> rdflib.Graph:
    data = ox.serialize(
        {q.triple for q in store.quads_for_pattern(None, None, None)}, format=ox.RdfFormat.N_TRIPLES
    )
    return rdflib.Graph().parse(data=data, format="nt")


@pytest.fixture(scope="module")
def store(built):
    _, output = built
    return open_store(output / "store")


@pytest.mark.parametrize(
    ("fmt", "ox_format", "rdflib_format"),
    [
        ("ttl", ox.RdfFormat.TURTLE, "turtle"),
        ("nt", ox.RdfFormat.N_TRIPLES, "nt"),
        ("rdfxml", ox.RdfFormat.RDF_XML, "xml"),
    ],
)
def test_triple_exports_round_trip(store, fmt, ox_format, rdflib_format):
    out = io.BytesIO()
    export_rdf(store, fmt, out)
    data = out.getvalue()
    expected = {q.triple for q in store.quads_for_pattern(None, None, None)}
    assert {q.triple for q in ox.parse(data, format=ox_format)} == expected
    assert isomorphic(rdflib.Graph().parse(data=data, format=rdflib_format), union_graph(store))


@pytest.mark.parametrize(
    ("fmt", "ox_format", "rdflib_format"),
    [
        ("nq", ox.RdfFormat.N_QUADS, "nquads"),
        ("trig", ox.RdfFormat.TRIG, "trig"),
    ],
)
def test_quad_exports_keep_one_graph_per_source(store, fmt, ox_format, rdflib_format):
    out = io.BytesIO()
    export_rdf(store, fmt, out)
    data = out.getvalue()
    assert set(ox.parse(data, format=ox_format)) == set(store.quads_for_pattern(None, None, None))
    dataset = rdflib.Dataset().parse(data=data, format=rdflib_format)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {g.value for g in store.named_graphs()}
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)


def test_jsonld_expands_offline_to_the_same_graph(store):
    out = io.BytesIO()
    export_rdf(store, "jsonld", out)
    document = json.loads(out.getvalue())
    assert isinstance(document["@context"], dict)  # inline: no URL to fetch

    def refuse(url, options=None):
        raise AssertionError(f"tried to load {url}")

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": refuse})
    assert isomorphic(rdflib.Graph().parse(data=nquads, format="nt"), union_graph(store))
    article = next(
        n for n in document["@graph"] if n.get("type") == "NewsArticle" and "headline" in n
    )
    assert article["id"].startswith("article:") and article["datePublished"][:2] == "20"


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back(store, tmp_path, fmt, read):
    from untoc_graph.views import co_mention_network, entity_network

    expected = co_mention_network(entity_network(store))
    (path,) = export_network(store, fmt, tmp_path / f"network.{fmt}")
    graph = read(path)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"country", "city", "programme", "instrument", "organisation"} <= kinds


def test_network_csv(store, tmp_path):
    nodes, edges = export_network(store, "csv", tmp_path / "network")
    node_rows = nodes.read_text().splitlines()
    edge_rows = edges.read_text().splitlines()
    assert node_rows[0] == "id,label,kind,weight,sameAs"
    assert edge_rows[0] == "source,target,weight"
    assert len(node_rows) > 50 and len(edge_rows) > 100


def test_export_command(built, tmp_path):
    _, output = built
    target = tmp_path / "g.trig"
    result = CliRunner().invoke(
        main, ["export", "--format", "trig", "-o", str(target), "--store", str(output / "store")]
    )
    assert result.exit_code == 0 and target.stat().st_size > 10_000
    stdout = CliRunner().invoke(
        main, ["export", "--format", "nt", "--store", str(output / "store")]
    )
    assert stdout.stdout.count("\n") == len(union_graph(open_store(output / "store")))
    refused = CliRunner().invoke(
        main, ["export", "--format", "gexf", "--store", str(output / "store")]
    )
    assert refused.exit_code == 2 and "give -o FILE" in refused.stderr
