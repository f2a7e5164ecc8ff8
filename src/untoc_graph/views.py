"""Views: the graph as an interactive HTML network (pyvis / vis-network).

The layout is computed here with networkx (seeded, so the same graph gives the same picture) and
physics is off in the page: nothing keeps moving. Every string from the data is HTML-escaped
before it reaches the page.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .export import atomic_write

__all__ = ["entity_network", "co_mention_network", "write_html"]

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
STYLE = {
    "article": ("#9e9e9e", "dot"),
    "country": ("#1f77b4", "diamond"),
    "city": ("#17becf", "dot"),
    "region": ("#aec7e8", "triangle"),
    "organisation": ("#ff7f0e", "square"),
    "person": ("#e377c2", "star"),
    "programme": ("#2ca02c", "hexagon"),
    "instrument": ("#d62728", "diamond"),
    "topic": ("#bcbd22", "triangleDown"),
}


def _query(name: str) -> str:
    return (resources.files("untoc_graph") / "sparql" / name).read_text("utf-8")


def entity_network(store: ox.Store) -> nx.Graph:
    """The bipartite article–entity graph, with kinds, labels and tooltips on the nodes."""
    graph = nx.Graph()
    kinds: dict[str, set[str]] = {}
    for row in store.query(_query("view-edges.rq"), use_default_graph_as_union=True):
        article, entity = row["article"].value, row["entity"].value
        date = row["date"].value if row["date"] else "undated"
        headline = row["headline"].value if row["headline"] else ""
        graph.add_node(article, kind="article", label=date, title=f"{date} {headline}".strip())
        kinds.setdefault(entity, set()).add(KIND_OF_TYPE[row["type"].value])
        name = row["name"].value if row["name"] else entity
        data = graph.nodes[entity] if entity in graph else {}
        same = data.get("sameAs", set())
        if row["sameAs"]:
            same.add(row["sameAs"].value)
        graph.add_node(entity, label=name, sameAs=same)
        graph.add_edge(article, entity)
    for entity, found in kinds.items():
        graph.nodes[entity]["kind"] = next(k for k in PRECEDENCE if k in found)
    return graph


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


def write_html(graph: nx.Graph, path: str | Path, heading: str = "untoc-graph") -> None:
    """Write the network as one HTML page with a precomputed, deterministic layout."""
    from pyvis.network import Network

    positions = (
        nx.spring_layout(graph, seed=7, k=1.5 / max(1, len(graph)) ** 0.5, iterations=60)
        if graph
        else {}
    )
    net = Network(height="900px", width="100%", cdn_resources="in_line", heading="")
    net.toggle_physics(False)
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        kind = data.get("kind", "article")
        color, shape = STYLE[kind]
        lines = [data.get("title") or data.get("label", node), f"kind: {kind}"]
        lines += sorted(data.get("sameAs", ()))
        x, y = positions.get(node, (0.0, 0.0))
        net.add_node(
            node,
            label=str(data.get("label", node))[:60],
            title=html.escape("\n".join(lines)),
            color=color,
            shape=shape,
            size=8 + 2 * min(graph.degree(node), 20),
            x=float(x) * 1500,
            y=float(y) * 1500,
            physics=False,
        )
    for a, b in sorted(graph.edges):
        net.add_edge(a, b, color="#cccccc")
    page = net.generate_html(notebook=False)
    page = page.replace("<title>", f"<title>{html.escape(heading)} ", 1)
    atomic_write(path, page.encode("utf-8"))
