"""Export: the graph as Turtle and the other RDF formats."""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .terms import DEFAULT_BASE, RESOURCE_KINDS, prefixes

__all__ = [
    "triples",
    "write_turtle",
    "atomic_write",
    "atomic_output",
    "export_rdf",
    "export_network",
    "to_jsonld",
    "RDF_FORMATS",
    "NETWORK_FORMATS",
]


ORDER = {kind: rank for rank, kind in enumerate(RESOURCE_KINDS)}


def _order(triple: ox.Triple) -> tuple:
    subject = triple.subject.value
    kind = subject.rsplit("/", 2)[-2] if subject.count("/") > 2 else ""
    return ORDER.get(kind, len(ORDER)), subject, str(triple.predicate), str(triple.object)


def triples(store: ox.Store) -> list[ox.Triple]:
    """Every triple of every named graph, once each, in a stable order (subjects grouped)."""
    unique = {q.triple for q in store.quads_for_pattern(None, None, None)}
    return sorted(unique, key=_order)


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write a file through a temporary file renamed into place: readers never see half of it."""
    with atomic_output(Path(path)) as handle:
        handle.write(data)


def write_turtle(store: ox.Store, path: str | Path, base: str | None = None) -> int:
    """Write the union of the store's graphs as Turtle with readable prefixes; return the count."""
    found = triples(store)
    data = ox.serialize(found, format=ox.RdfFormat.TURTLE, prefixes=prefixes(base or DEFAULT_BASE))
    atomic_write(path, data)
    return len(found)


RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
NETWORK_FORMATS = ("graphml", "gexf", "csv")


def context() -> dict:
    """The JSON-LD context shipped in ``ontology/context.jsonld``."""
    from .vocabulary import ontology_dir

    return json.loads((ontology_dir() / "context.jsonld").read_text("utf-8"))


def export_rdf(store: ox.Store, fmt: str, out: BinaryIO, base: str | None = None) -> None:
    """Write the store as RDF. N-Quads and TriG keep one named graph per source document and
    stream from the store; the triple formats write the union of the graphs, each triple once."""
    names = prefixes(base or DEFAULT_BASE)
    if fmt in ("nq", "trig"):
        options = {"prefixes": names} if fmt == "trig" else {}
        store.dump(out, RDF_FORMATS[fmt], **options)
    elif fmt == "jsonld":
        out.write(to_jsonld(store))
    else:
        options = {"prefixes": names} if fmt in ("ttl", "rdfxml") else {}
        ox.serialize(triples(store), out, RDF_FORMATS[fmt], **options)


def to_jsonld(store: ox.Store) -> bytes:
    """The union graph as compact JSON-LD under the project's context, inlined so that reading
    it needs no network access."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples(store), format=ox.RdfFormat.N_TRIPLES), format="nt")
    data = graph.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
    return data.encode("utf-8") if isinstance(data, str) else data


def export_network(store: ox.Store, fmt: str, path: Path) -> list[Path]:
    """Write the entity network — entities linked by the articles that name both, weighted by
    their number — as GraphML, GEXF, or a nodes and an edges CSV file."""
    import csv

    import networkx as nx

    from .views import co_mention_network, entity_network

    network = co_mention_network(entity_network(store))
    if fmt == "csv":
        nodes_path = path.with_name(path.name + "-nodes.csv")
        edges_path = path.with_name(path.name + "-edges.csv")
        with atomic_output(nodes_path) as out:
            writer = csv.writer(io.TextIOWrapper(out, "utf-8", newline="", write_through=True))
            writer.writerow(["id", "label", "kind", "weight", "sameAs"])
            for node, data in sorted(network.nodes(data=True)):
                writer.writerow([node, data["label"], data["kind"], data["weight"], data["sameAs"]])
        with atomic_output(edges_path) as out:
            writer = csv.writer(io.TextIOWrapper(out, "utf-8", newline="", write_through=True))
            writer.writerow(["source", "target", "weight"])
            for a, b, data in sorted(network.edges(data=True)):
                writer.writerow([a, b, data["weight"]])
        return [nodes_path, edges_path]
    with atomic_output(path) as out:
        if fmt == "graphml":
            nx.write_graphml(network, out)
        else:
            nx.write_gexf(network, out)
    return [path]


@contextlib.contextmanager
def atomic_output(path: Path):
    """A binary file written beside ``path`` and renamed onto it once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
