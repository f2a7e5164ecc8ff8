"""The documentation matches the code: every command and every ontology term is documented."""

from pathlib import Path

import pyoxigraph as ox
import pytest

from untoc_graph import terms as T
from untoc_graph.cli import main
from untoc_graph.store import open_store

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command):
    assert f"untoc-graph {command}" in (ROOT / "README.md").read_text()


def test_every_ontology_term_used_is_declared_and_documented(built):
    _, output = built
    store = open_store(output / "store")
    used = set()
    for quad in store.quads_for_pattern(None, None, None):
        used.add(quad.predicate.value)
        if quad.predicate == T.RDF.type:
            used.add(quad.object.value)
    ours = {iri for iri in used if iri.startswith(str(T.UG))}
    assert ours, "the graph uses the project's ontology"
    ontology = ox.Store()
    ontology.load(path=str(ROOT / "ontology" / "untoc.ttl"), format=ox.RdfFormat.TURTLE)
    model = (ROOT / "docs" / "data-model.md").read_text()
    for iri in sorted(ours):
        node = ox.NamedNode(iri)
        labels = list(ontology.quads_for_pattern(node, T.RDFS.label, None))
        comments = list(ontology.quads_for_pattern(node, T.RDFS.comment, None))
        assert labels and comments, f"{iri} is not labelled and commented in ontology/untoc.ttl"
        assert f"ug:{iri.split('#')[1]}" in model, f"{iri} is not in docs/data-model.md"
