import json

import pyoxigraph as ox
import rdflib
from rdflib.compare import isomorphic

from untoc_graph import terms as T
from untoc_graph.pipeline import build, default_sources
from untoc_graph.store import open_store


def test_every_entry_is_exactly_one_article(built, gold_path):
    result, output = built
    entries = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    store = open_store(output / "store")
    lines = [int(q.object.value) for q in store.quads_for_pattern(None, T.UG.sourceLine, None)]
    assert sorted(lines) == sorted(e["line"] for e in entries)
    assert result.entries == result.articles == len(entries)


def test_articles_follow_the_model(built):
    _, output = built
    store = open_store(output / "store")
    articles = {q.subject for q in store.quads_for_pattern(None, T.RDF.type, T.SCHEMA.NewsArticle)}
    for article in articles:
        props = {q.predicate for q in store.quads_for_pattern(article, None, None)}
        assert {T.SCHEMA.text, T.SCHEMA.inLanguage, T.PROV.wasDerivedFrom} <= props
        dates = [q.object for q in store.quads_for_pattern(article, T.SCHEMA.datePublished, None)]
        assert len(dates) == 1 and dates[0].datatype == T.XSD.date


def test_every_mention_has_evidence_quoting_the_text(built):
    _, output = built
    store = open_store(output / "store")
    query = """
    PREFIX schema: <https://schema.org/> PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX ug: <https://w3id.org/untoc-graph/ontology#>
    SELECT ?article ?entity ?text ?start ?end ?exact ?field WHERE {
      ?article schema:mentions ?entity .
      OPTIONAL {
        ?ann oa:hasBody ?entity ; oa:hasTarget ?target .
        ?target oa:hasSource ?article ; oa:hasSelector ?pos, ?quote .
        ?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact .
        OPTIONAL { ?target ug:textProperty ?field }
      }
      ?article schema:text ?text .
      OPTIONAL { ?article schema:headline ?headline }
    }"""
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert len(rows) > 200
    for row in rows:
        assert row["exact"] is not None, f"{row['entity']} in {row['article']} has no evidence"
        headline = next(store.quads_for_pattern(row["article"], T.SCHEMA.headline, None), None)
        text = headline.object.value if row["field"] else row["text"].value
        start, end = int(row["start"].value), int(row["end"].value)
        assert text[start:end] == row["exact"].value


def test_turtle_parses_back_to_the_same_graph(built):
    _, output = built
    turtle = output / "untoc.ttl"
    store = open_store(output / "store")
    union = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None)
    }
    reparsed = {q.triple for q in ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)}
    assert reparsed == union
    from_rdflib = rdflib.Graph().parse(turtle, format="turtle")
    from_nt = rdflib.Graph().parse(
        data=ox.serialize(union, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt"
    )
    assert isomorphic(from_rdflib, from_nt)


def test_two_builds_are_byte_identical(built, tmp_path, lexicon):
    _, output = built
    build(default_sources(), tmp_path, lexicon=lexicon)
    assert (tmp_path / "untoc.ttl").read_bytes() == (output / "untoc.ttl").read_bytes()


def test_outputs_and_summary(built):
    result, output = built
    assert (output / "graph.html").stat().st_size > 10_000
    assert result.events > 10 and result.places > 20 and result.organisations > 5
    assert result.triples == len(
        list(ox.parse(path=str(output / "untoc.ttl"), format=ox.RdfFormat.TURTLE))
    )


def test_duplicate_text_is_flagged_on_both_articles(built):
    _, output = built
    store = open_store(output / "store")
    pairs = {(q.subject, q.object) for q in store.quads_for_pattern(None, T.UG.duplicateOf, None)}
    assert len(pairs) == 2
    lines = sorted(
        int(next(store.quads_for_pattern(s, T.UG.sourceLine, None)).object.value) for s, _ in pairs
    )
    assert lines == [32, 40]


def test_protocols_supplement_the_convention(built):
    _, output = built
    store = open_store(output / "store")
    query = """PREFIX ug: <https://w3id.org/untoc-graph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT DISTINCT ?n WHERE { ?p a ug:Protocol ; skos:notation ?n ; ug:supplements ?c .
                              ?c a ug:Convention ; skos:notation "UNTOC" }"""
    notations = {r["n"].value for r in store.query(query, use_default_graph_as_union=True)}
    assert notations <= {"TIP", "SOM", "FIREARMS"} and "FIREARMS" in notations


def test_one_event_and_one_person_across_entries(tmp_path, lexicon):
    listing = tmp_path / "two.txt"
    listing.write_text(
        "Vienna, 30 July 2024 - On 23-25 July, UNODC hosted a Regional Event in Vienna. "
        "Ms. Ghada Fathi Waly, UNODC Executive Director, opened it.\n"
        "Vienna, 2 August 2024 - The Regional Event held on 23-25 July in Vienna closed with "
        "remarks by Ms. Ghada Fathi Waly, UNODC Executive Director.\n"
    )
    build([listing], tmp_path / "out", lexicon=lexicon)
    store = open_store(tmp_path / "out" / "store")
    events = {q.object for q in store.quads_for_pattern(None, T.SCHEMA.about, None)}
    persons = {q.subject for q in store.quads_for_pattern(None, T.RDF.type, T.SCHEMA.Person)}
    assert len(events) == 1
    assert [p.value.rsplit("/", 1)[-1] for p in persons] == ["ghada-fathi-waly"]
