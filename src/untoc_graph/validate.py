"""Validate: check a graph against the SHACL shapes of the data model (``ontology/shapes.ttl``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import UntocError
from .turtle import triples
from .vocabulary import ontology_dir

__all__ = ["Violation", "ValidationInputError", "validate", "graph_of_store", "graph_of_file"]

SH = "http://www.w3.org/ns/shacl#"
FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


class ValidationInputError(UntocError):
    """A file that cannot be read as RDF; the message names it and, where known, the line."""


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str | None


def graph_of_store(store: ox.Store):
    """The union of the store's graphs as an rdflib graph, for the SHACL engine."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples(store), format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def graph_of_file(path: Path):
    """An RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD with a local context, RDF/XML)."""
    import rdflib

    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValidationInputError(
            f"{path}: unknown RDF format; use .ttl, .nt, .nq, .trig, .jsonld or .rdf"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationInputError(f"{path}: cannot be read ({error.strerror})") from None
    dataset = rdflib.Dataset()
    try:
        if fmt == "json-ld":  # through pyld, whose document loader we control: no remote contexts
            data, fmt = _jsonld_to_nquads(data), "nquads"
        dataset.parse(data=data, format=fmt)
    except Exception as error:  # the parsers raise many types; all mean "not valid RDF"
        while error.__cause__ is not None:  # pyld wraps the reason in its own errors
            error = error.__cause__
        message = str(error.args[0] if error.args else error).strip()
        reason = message.splitlines()[0] if message else type(error).__name__
        raise ValidationInputError(f"{path}: not valid {fmt}: {reason}") from None
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _jsonld_to_nquads(data: bytes) -> str:
    import json

    from pyld import jsonld

    def _no_documents(url: str, options=None):
        raise jsonld.JsonLdError(
            f"remote documents are not loaded ({url})",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        )

    return jsonld.to_rdf(
        json.loads(data), {"format": "application/n-quads", "documentLoader": _no_documents}
    )


def validate(graph, engine=None) -> list[Violation]:
    """Every violation of the shapes by ``graph`` (an rdflib graph), sorted.

    The shapes are checked by pyshacl-turbo, a Rust engine with pySHACL's interface: on our
    shapes it reports what pySHACL reports (``tests/test_validate.py`` holds the two side by
    side), about four times faster. ``engine`` is another module with that ``validate``."""
    import rdflib

    if engine is None:
        import pyshacl_turbo as engine

    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    _, report, _ = engine.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=True)
    found = []
    sh = rdflib.Namespace(SH)
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus, message, value = (
            report.value(result, p) for p in (sh.focusNode, sh.resultMessage, sh.value)
        )
        path = _path(report, report.value(result, sh.resultPath))
        found.append(
            Violation(str(focus), path, str(message or ""), None if value is None else str(value))
        )
    return sorted(found, key=lambda v: (v.focus, v.path, v.message, v.value or ""))


def _path(report, path) -> str:
    import rdflib

    if path is None:
        return ""
    if isinstance(path, rdflib.BNode):
        return "/".join(
            report.namespace_manager.normalizeUri(p)
            for p in rdflib.collection.Collection(report, path)
        )
    return report.namespace_manager.normalizeUri(path)
