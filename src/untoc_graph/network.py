"""The graph as a network: the bipartite article–entity graph and its projection onto
entities, shared by the views and the network exports."""

from __future__ import annotations

from importlib import resources

import networkx as nx
import pyoxigraph as ox

__all__ = ["entity_network", "co_mention_network", "view_query", "KIND_OF_TYPE", "PRECEDENCE"]

KIND_OF_TYPE = {
    "https://schema.org/Country": "country",
    "https://schema.org/City": "city",
    "https://schema.org/Place": "region",
    "https://schema.org/Organization": "organisation",
    "https://schema.org/Person": "person",
    "https://w3id.org/untoc-graph/ontology#Programme": "programme",
    "https://w3id.org/untoc-graph/ontology#Convention": "instrument",
    "https://w3id.org/untoc-graph/ontology#Protocol": "instrument",
    "https://w3id.org/untoc-graph/ontology#ConventionArticle": "instrument",
    "http://www.w3.org/2004/02/skos/core#Concept": "topic",
}
#: Which kind wins when a node has several classes (a Protocol is also a skos:Concept).
PRECEDENCE = [
    "instrument",
    "programme",
    "person",
    "organisation",
    "city",
    "country",
    "region",
    "topic",
]


def view_query(name: str) -> str:
    """A SPARQL query the views and the network read, from the package's sparql folder."""
    return (resources.files("untoc_graph") / "sparql" / name).read_text("utf-8")


def entity_network(store: ox.Store) -> nx.Graph:
    """The bipartite article–entity graph: articles (with date and headline) linked to the
    entities they name and the events they report, with kinds, labels and identifiers."""
    graph = nx.Graph()
    kinds: dict[str, set[str]] = {}
    for row in store.query(view_query("view-edges.rq"), use_default_graph_as_union=True):
        article, entity = row["article"].value, row["entity"].value
        _add_article(graph, article, row["date"], row["headline"])
        kinds.setdefault(entity, set()).add(KIND_OF_TYPE[row["type"].value])
        name = row["name"].value if row["name"] else entity
        same = graph.nodes[entity].get("sameAs", set()) if entity in graph else set()
        if row["sameAs"]:
            same.add(row["sameAs"].value)
        graph.add_node(entity, label=name, sameAs=same)
        graph.add_edge(article, entity)
    for entity, found in kinds.items():
        graph.nodes[entity]["kind"] = next(k for k in PRECEDENCE if k in found)
    for row in store.query(view_query("view-events.rq"), use_default_graph_as_union=True):
        article, event = row["article"].value, row["event"].value
        if article not in graph:
            _add_article(graph, article, None, None)
        kind = row["type"].value if row["type"] else "event"
        start = row["start"].value if row["start"] else ""
        graph.add_node(event, kind="event", label=f"{kind} {start}".strip(), sameAs=set())
        graph.add_edge(article, event)
    return graph


def _add_article(graph: nx.Graph, article: str, date, headline) -> None:
    if article in graph:
        return
    day = date.value if date else ""
    graph.add_node(article, kind="article", date=day, headline=headline.value if headline else "")


def co_mention_network(bipartite: nx.Graph) -> nx.Graph:
    """Project the article–entity graph onto entities: an edge for each pair of entities named
    by the same articles, weighted by how many; a node's weight is its number of articles."""
    network = nx.Graph()
    articles = [n for n, d in bipartite.nodes(data=True) if d.get("kind") == "article"]
    for node, data in bipartite.nodes(data=True):
        if data.get("kind") != "article":
            network.add_node(
                node,
                label=str(data.get("label", node)),
                kind=data["kind"],
                weight=bipartite.degree(node),
                sameAs=" ".join(sorted(data.get("sameAs", ()))),
            )
    for article in sorted(articles):
        named = sorted(bipartite.neighbors(article))
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                if network.has_edge(a, b):
                    network[a][b]["weight"] += 1
                else:
                    network.add_edge(a, b, weight=1)
    return network


#: Role properties by IRI, as the page and ``--role`` name them.
