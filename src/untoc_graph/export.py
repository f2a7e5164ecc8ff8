"""Export: the graph as Turtle and the other RDF formats, and its entity network."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .files import atomic_output
from .progress import count
from .terms import DEFAULT_BASE, prefixes
from .turtle import RDF_FORMATS, triples, write_sections

__all__ = ["export_rdf", "export_network", "to_jsonld", "context", "RDF_FORMATS", "NETWORK_FORMATS"]


NETWORK_FORMATS = ("graphml", "gexf", "csv")


def context() -> dict:
    """The JSON-LD context shipped in ``ontology/context.jsonld``."""
    from .vocabulary import ontology_dir

    return json.loads((ontology_dir() / "context.jsonld").read_text("utf-8"))


def export_rdf(
    store: ox.Store, fmt: str, out: BinaryIO, base: str | None = None, progress=None
) -> None:
    """Write the store as RDF, streamed from the store but for JSON-LD and RDF/XML. N-Quads and
    TriG keep one named graph per source document; Turtle and N-Triples give each its section,
    so a statement two sources share is written in both; JSON-LD and RDF/XML write the union of
    the graphs, each triple once, built in memory. ``progress`` counts the graphs written
    (Turtle, N-Triples) or the megabytes (N-Quads, TriG: one dump of the store, whose size is
    not known ahead)."""
    names = prefixes(base or DEFAULT_BASE)
    if fmt in ("ttl", "nt"):
        write_sections(store, out, fmt, names, progress)
    elif fmt in ("nq", "trig"):
        options = {"prefixes": names} if fmt == "trig" else {}
        counted = _Counted(out, progress)
        store.dump(counted, RDF_FORMATS[fmt], **options)
        count(progress, "writing", counted.written >> 20, counted.written >> 20, "MB")
    elif fmt == "jsonld":
        out.write(to_jsonld(store))
    else:
        ox.serialize(triples(store), out, RDF_FORMATS[fmt], prefixes=names)


class _Counted(io.RawIOBase):
    """A binary output that tells ``progress`` how many megabytes went through it."""

    def __init__(self, out: BinaryIO, progress):
        self.out, self.progress, self.written = out, progress, 0

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        if not self.out.closed:
            self.out.flush()

    def write(self, data) -> int:
        before = self.written >> 20
        self.written += len(data)
        if self.written >> 20 != before:
            count(self.progress, "writing", self.written >> 20, None, "MB")
        self.out.write(data)
        return len(data)


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

    from .network import co_mention_network, entity_network

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
