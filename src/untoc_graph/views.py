"""Views: the graph as an interactive network in one self-contained HTML page.

The page uses vis-network (the copy that ships with pyvis), inlined with all its CSS and
script, so it opens from a file with no request to any other host. The layout is computed here
with networkx (seeded: the same graph gives the same picture) and physics is off: nothing keeps
moving. Data from the news reaches the page only as JSON inside a non-executable script element
and is shown with ``textContent``, so text such as ``<script>`` is shown, never run.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from . import terms as T
from .errors import UntocError
from .files import atomic_write
from .network import co_mention_network, entity_network, view_query

__all__ = [
    "ViewError",
    "ViewOptions",
    "entity_network",
    "co_mention_network",
    "select",
    "projection",
    "build_view",
    "write_html",
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
    "event": ("#8c564b", "square"),
}
KINDS = tuple(k for k in STYLE if k != "article")
DEFAULT_MAX_NODES = 5000
#: Past this many nodes, the page opens on an overview of the best-connected entities.
OVERVIEW_NODES = 60
EVIDENCE_PER_NODE = 25


ROLE_NAMES = {
    "https://schema.org/organizer": "organiser",
    "https://w3id.org/untoc-graph/ontology#host": "host",
    "https://schema.org/funder": "funder",
    "https://w3id.org/untoc-graph/ontology#participantState": "participant",
    "https://schema.org/attendee": "attendee",
    "https://w3id.org/untoc-graph/ontology#speaker": "speaker",
}


#: What a quote in the evidence panel says, by the property it supports.
SUPPORTED = {**ROLE_NAMES, "https://w3id.org/untoc-graph/ontology#partyTo": "party to"}


def role_network(store: ox.Store, bipartite: nx.Graph, network: nx.Graph, role: str) -> nx.Graph:
    """Keep, of ``network``, only the edges of one role between its holders and the events
    (``--projection country-event --role funder``: who funded which event), weighted by the
    number of articles that state it."""
    if role not in ROLE_NAMES.values():
        raise ViewError(f"unknown role {role!r}; roles: {', '.join(ROLE_NAMES.values())}")
    stated: dict[tuple[str, str], int] = {}
    for row in store.query(view_query("view-roles.rq"), use_default_graph_as_union=True):
        if ROLE_NAMES[row["property"].value] == role:
            key = (row["event"].value, row["holder"].value)
            stated[key] = stated.get(key, 0) + 1
    roles = nx.Graph()
    for (event, holder), weight in stated.items():
        if event in network and holder in network:
            roles.add_node(event, **network.nodes[event])
            roles.add_node(holder, **network.nodes[holder])
            roles.add_edge(event, holder, weight=weight, role=role)
    return roles


class ViewError(UntocError):
    """A view that cannot be drawn as asked; the message says what to do instead."""


@dataclass(frozen=True)
class ViewOptions:
    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    projection: str | None = None
    max_nodes: int = DEFAULT_MAX_NODES
    role: str | None = None


def select(bipartite: nx.Graph, options: ViewOptions) -> nx.Graph:
    """The graph to draw: articles in the date range, then the entity network (or the asked
    projection between two kinds), restricted to some kinds and to a focus's neighbourhood."""
    graph = bipartite.copy()
    dated = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "article"
        and (
            (options.since and d["date"] < options.since)
            or (options.until and d["date"] > options.until)
        )
    ]
    graph.remove_nodes_from(dated)
    if options.kinds:
        unknown = sorted(set(options.kinds) - set(KINDS))
        if unknown:
            raise ViewError(f"unknown kind {unknown[0]!r}; kinds: {', '.join(KINDS)}")
        graph.remove_nodes_from(
            [
                n
                for n, d in graph.nodes(data=True)
                if d.get("kind") not in ("article", *options.kinds)
            ]
        )
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if options.projection:
        network = projection(graph, options.projection)
    else:
        network = co_mention_network(graph)
    for node in network:
        articles = [a for a in graph.neighbors(node)] if node in graph else []
        network.nodes[node]["articles"] = sorted(
            articles, key=lambda a: (graph.nodes[a]["date"], a)
        )
    if options.focus:
        centre = find(network, options.focus)
        network = nx.ego_graph(network, centre, radius=options.depth)
    if network.number_of_nodes() > options.max_nodes:
        raise too_many(network.number_of_nodes(), options.max_nodes)
    return network


def too_many(nodes: int, max_nodes: int, at_least: bool = False) -> ViewError:
    return ViewError(
        f"{'at least ' if at_least else ''}{nodes} nodes is more than a browser page draws well "
        f"(--max-nodes {max_nodes}); narrow it with --focus NAME, --kind, "
        "--since/--until or --projection, or export it for Gephi: "
        "untoc-graph export --format gexf -o network.gexf"
    )


def projection(bipartite: nx.Graph, spec: str) -> nx.Graph:
    """Entities of two kinds ("country-instrument") linked when the same articles name both,
    weighted by the number of such articles."""
    first, _, second = spec.partition("-")
    if first not in KINDS or second not in KINDS:
        raise ViewError(
            f"unknown projection {spec!r}: give two kinds joined by '-', e.g. "
            f"country-instrument; kinds: {', '.join(KINDS)}"
        )
    keep = [n for n, d in bipartite.nodes(data=True) if d.get("kind") in ("article", first, second)]
    network = co_mention_network(bipartite.subgraph(keep))
    if first != second:
        network.remove_edges_from(
            [
                (a, b)
                for a, b in network.edges
                if {network.nodes[a]["kind"], network.nodes[b]["kind"]} != {first, second}
            ]
        )
    return network


def find(network: nx.Graph, name: str) -> str:
    """A node by IRI, or by its label (case-insensitive); the best connected when several."""
    if name in network:
        return name
    wanted = name.casefold()
    found = [n for n, d in network.nodes(data=True) if str(d.get("label", "")).casefold() == wanted]
    if not found:
        found = [
            n for n, d in network.nodes(data=True) if wanted in str(d.get("label", "")).casefold()
        ]
    if not found:
        raise ViewError(
            f"nothing in the view is named {name!r}; try a country, city, programme "
            "or Protocol as the graph names it"
        )
    return max(found, key=lambda n: (network.degree(n), n))


def layout(network: nx.Graph) -> dict[str, tuple[float, float]]:
    """Deterministic positions: a seeded force-directed layout, scaled for the page."""
    if not network:
        return {}
    iterations = 50 if len(network) <= 1000 else 20
    spread = 3.0 / max(1, len(network)) ** 0.5
    positions = nx.spring_layout(network, seed=7, k=spread, iterations=iterations, weight="weight")
    return _on_page(positions, 120 * max(1, len(network)) ** 0.5)


def _on_page(positions: dict, scale: float) -> dict[str, tuple[float, float]]:
    """A layout's positions in page units, rounded so that the page stays small."""
    return {
        n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
        for n, (x, y) in positions.items()
    }


def overview(network: nx.Graph, size: int = OVERVIEW_NODES) -> dict | None:
    """The page's first picture when the network is too big to read: its ``size`` entities
    named by the most entries (ties: the most links), laid out on their own. None when the
    whole network is small enough."""
    if len(network) <= size:
        return None
    top = sorted(network, key=lambda n: (-network.nodes[n].get("weight", 1), -network.degree(n), n))
    chosen = network.subgraph(top[:size])
    # Kamada-Kawai, unweighted (the heaviest links would pull the hubs into one knot): evenly
    # spread, so that labels can be read; started from a seeded spring layout, it settles sooner
    start = nx.spring_layout(chosen, seed=7, iterations=50, weight=None)
    positions = nx.kamada_kawai_layout(chosen, pos=start, weight=None)
    return {"ids": sorted(chosen), "positions": _on_page(positions, 150 * size**0.5)}


def page_data(network: nx.Graph, bipartite: nx.Graph, evidence: dict, instruments: dict) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    positions = layout(network)
    weights = [d.get("weight", 1) for _, d in network.nodes(data=True)] or [1]
    biggest = max(weights)
    nodes = []
    for node in sorted(network):
        data = network.nodes[node]
        kind = data["kind"]
        entries = []
        for article in data.get("articles", [])[:EVIDENCE_PER_NODE]:
            info = bipartite.nodes[article]
            entries.append(
                {
                    "date": info["date"],
                    "headline": info["headline"] or article.rsplit("/", 1)[-1],
                    "quotes": sorted(evidence.get((node, article), ()))[:3],
                }
            )
        years = sorted(
            {
                bipartite.nodes[a]["date"][:4]
                for a in data.get("articles", [])
                if bipartite.nodes[a]["date"]
            }
        )
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": str(data["label"]),
                "kind": kind,
                "x": x,
                "y": y,
                "size": round(8 + 22 * (data.get("weight", 1) / biggest) ** 0.5, 1),
                "ids": sorted(
                    data.get("sameAs", ())
                    if isinstance(data.get("sameAs"), (set, list, tuple))
                    else str(data.get("sameAs", "")).split()
                ),
                "entries": entries,
                "entryCount": len(data.get("articles", [])),
                "years": years,
                "instruments": sorted(instruments.get(node, ())),
            }
        )
    edges = [
        {"from": a, "to": b, "weight": d.get("weight", 1)}
        for a, b, d in sorted(network.edges(data=True))
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "overview": overview(network),
        "style": {k: {"color": c, "shape": s} for k, (c, s) in STYLE.items() if k != "article"},
    }


def build_view(store: ox.Store, options: ViewOptions = ViewOptions()) -> tuple[nx.Graph, dict]:
    """The network to draw and the data of its page."""
    bipartite = entity_network(store)
    network = select(bipartite, options)
    if options.role:
        network = role_network(store, bipartite, network, options.role)
    evidence = quotes(store)
    instruments: dict = {}
    notation = {  # looked up once, not once per node and article
        n: _instrument_name(store, n)
        for n, d in bipartite.nodes(data=True)
        if d.get("kind") == "instrument"
    }
    for node in network:
        for article in network.nodes[node].get("articles", []):
            for other in bipartite.neighbors(article):
                if other in notation:
                    instruments.setdefault(node, set()).add(notation[other])
    return network, page_data(network, bipartite, evidence, instruments)


def quotes(store: ox.Store) -> dict[tuple[str, str], set[str]]:
    """The quoted evidence of every (entity, article) pair, each prefixed with the role it
    supports when it states one ("funder: …")."""
    found: dict[tuple[str, str], set[str]] = {}
    for row in store.query(view_query("view-evidence.rq"), use_default_graph_as_union=True):
        role = SUPPORTED.get(row["supports"].value) if row["supports"] else None
        quote = f"{role}: {row['exact'].value}" if role else row["exact"].value
        found.setdefault((row["entity"].value, row["article"].value), set()).add(quote)
    return found


def _instrument_name(store: ox.Store, iri: str) -> str:
    for quad in store.quads_for_pattern(ox.NamedNode(iri), T.SKOS.notation, None):
        return quad.object.value
    return iri.rsplit("/", 1)[-1]


def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet, from the copy pyvis ships (so no CDN is used)."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (
        (folder / "vis-network.min.js").read_text("utf-8"),
        (folder / "vis-network.css").read_text("utf-8"),
    )


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element or open markup, whatever the data says."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_html(data: dict, path: str | Path, title: str = "untoc-graph") -> None:
    """Write the page: one file, all script and style inline."""
    script, style = _vis_assets()
    template = (resources.files("untoc_graph") / "web" / "view.html").read_text("utf-8")
    page = (
        template.replace("/*VIS_CSS*/", style)
        .replace("/*VIS_JS*/", script.replace("</script", "<\\/script"))
        .replace("__TITLE__", html.escape(title))
        .replace("/*DATA*/", _json_for_script(data))
    )
    atomic_write(path, page.encode("utf-8"))
