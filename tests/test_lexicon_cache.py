"""The compiled lexicon kept between processes: the same phrases, a new name when anything it
is compiled from changes, and a damaged file compiled anew without a word."""

import pickle

from untoc_graph import lexicon as lexicon_module
from untoc_graph.lexicon import Lexicon, cache_path, tokenize

TEXT = "The Firearms Protocol was discussed in Vienna and Bogotá with UNODC and Côte d'Ivoire."


def hits(lexicon: Lexicon) -> list:
    return [
        (h.first, h.last, [i.iri for i in h.items], [p.key for p in h.places])
        for h in lexicon.scan(tokenize(TEXT))
    ]


def test_a_cached_lexicon_finds_what_a_compiled_one_does(tmp_path, monkeypatch, lexicon):
    monkeypatch.setenv("UNTOC_GRAPH_CACHE", str(tmp_path))
    compile_once = lexicon_module.default_lexicon.__wrapped__
    first = compile_once()  # compiled, then written
    path = cache_path()
    assert path.parent == tmp_path and path.stat().st_size > 1_000_000
    loaded = compile_once()  # read back
    assert loaded is not first and hits(loaded) == hits(first) == hits(lexicon)
    assert hits(first) and loaded.items.keys() == lexicon.items.keys()
    path.write_bytes(path.read_bytes()[:1000])  # a damaged file: compiled anew, silently
    assert hits(compile_once()) == hits(lexicon)
    assert pickle.loads(path.read_bytes()).places.keys() == lexicon.places.keys()


def test_the_name_follows_what_the_lexicon_is_compiled_from(tmp_path, monkeypatch):
    monkeypatch.setenv("UNTOC_GRAPH_CACHE", str(tmp_path))
    before = cache_path()
    ontology = tmp_path / "ontology"
    ontology.mkdir()
    from untoc_graph import vocabulary

    for source in vocabulary.ontology_dir().glob("*.ttl"):
        (ontology / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(vocabulary, "ontology_dir", lambda: ontology)
    assert cache_path() == before  # the same files: the same name
    with open(ontology / "topics.ttl", "a") as topics:
        topics.write("\n# a new topic would go here\n")
    assert cache_path() != before
