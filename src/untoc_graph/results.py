"""Writers of SPARQL results: the W3C result formats, an aligned terminal table, and RDF graphs.

Rows are written as they come, so a large result never sits in memory (the table keeps only the
first rows, to size its columns). Every writer stops after ``max_rows`` rows when given one.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator
from html import escape as _html_escape
from typing import BinaryIO

import pyoxigraph as ox


def escape(text: str) -> str:
    """Text as XML character data (``html`` imports in a millisecond; ``xml.sax`` pulls in
    ``urllib`` and ``http``)."""
    return _html_escape(text, quote=False)


def _attribute(value: str) -> str:
    """A value as a quoted XML attribute."""
    return f'"{_html_escape(value)}"'


__all__ = [
    "SELECT_FORMATS",
    "GRAPH_FORMATS",
    "MEDIA_TYPES",
    "write_solutions",
    "write_boolean",
    "write_triples",
]

SELECT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "rdfxml")
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
TABLE_SAMPLE = 200  # rows read before the table's column widths are fixed
TABLE_CELL = 60  # widest cell of the table; longer values are cut with "…"


class _Counter:
    """Rows passed through, and whether more were left after ``limit``."""

    def __init__(self, rows: Iterable, limit: int | None):
        self.rows, self.limit, self.count, self.truncated = iter(rows), limit, 0, False

    def __iter__(self) -> Iterator:
        for row in self.rows:
            if self.limit is not None and self.count >= self.limit:
                self.truncated = True
                return
            self.count += 1
            yield row


def _plain(term) -> str:
    return "" if term is None else term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            found["datatype"] = term.datatype.value
        return found
    return {"type": "triple", "value": str(term)}


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={_attribute(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={_attribute(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def write_solutions(
    variables: list[str],
    rows: Iterable,
    fmt: str,
    out: BinaryIO,
    max_rows: int | None = None,
    prefixes: dict[str, str] | None = None,
) -> tuple[int, bool]:
    """Write SELECT solutions (sequences of terms or None, in ``variables`` order); the table
    shows IRIs with ``prefixes``.

    Returns the number of rows written and whether rows were left out by ``max_rows``.
    """
    counted = _Counter(rows, max_rows)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        if fmt == "csv" or fmt == "tsv":
            writer = csv.writer(text, lineterminator="\r\n") if fmt == "csv" else None
            if writer:
                writer.writerow(variables)
                for row in counted:
                    writer.writerow([_plain(t) for t in row])
            else:
                text.write("\t".join(f"?{v}" for v in variables) + "\n")
                for row in counted:
                    text.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        elif fmt == "json":
            text.write(
                json.dumps({"head": {"vars": variables}})[:-1] + ', "results": {"bindings": ['
            )
            for index, row in enumerate(counted):
                binding = {
                    v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None
                }
                text.write(("," if index else "") + "\n" + json.dumps(binding, ensure_ascii=False))
            text.write("\n]}}\n")
        elif fmt == "xml":
            text.write(
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
            )
            text.write("".join(f"<variable name={_attribute(v)}/>" for v in variables))
            text.write("</head>\n<results>\n")
            for row in counted:
                cells = "".join(
                    f"<binding name={_attribute(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(variables, row, strict=True)
                    if t is not None
                )
                text.write(f"<result>{cells}</result>\n")
            text.write("</results>\n</sparql>\n")
        elif fmt == "table":
            _write_table(variables, counted, text, prefixes or {})
        else:
            raise ValueError(f"unknown format {fmt!r}")
    finally:
        text.detach()
    return counted.count, counted.truncated


def _cell(term, prefixes: dict[str, str]) -> str:
    """A table cell: IRIs as prefixed names where a prefix fits ("country:IQ"), cut when long."""
    value = _plain(term).replace("\n", " ")
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            if value.startswith(namespace) and "/" not in value[len(namespace) :]:
                value = f"{prefix}:{value[len(namespace) :]}"
                break
    return value if len(value) <= TABLE_CELL else value[: TABLE_CELL - 1] + "…"


def _write_table(
    variables: list[str], rows: Iterable, text: io.TextIOBase, prefixes: dict[str, str]
) -> None:
    rows = iter(rows)
    prefixes = dict(sorted(prefixes.items(), key=lambda p: -len(p[1])))
    sample = [[_cell(t, prefixes) for t in row] for row in itertools.islice(rows, TABLE_SAMPLE)]
    widths = [max([len(v)] + [len(r[i]) for r in sample]) for i, v in enumerate(variables)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    text.write(line(variables))
    text.write(line(["-" * w for w in widths]))
    for cells in sample:
        text.write(line(cells))
    for row in rows:
        text.write(line([_cell(t, prefixes) for t in row]))


def write_boolean(value: bool, fmt: str, out: BinaryIO) -> None:
    if fmt == "json":
        data = json.dumps({"head": {}, "boolean": value}) + "\n"
    elif fmt == "xml":
        data = (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        )
    elif fmt in ("csv", "tsv"):  # as Jena writes it: one column, one row
        word = "true" if value else "false"
        data = f"_askResult\r\n{word}\r\n" if fmt == "csv" else f"?_askResult\n{word}\n"
    else:
        data = ("true" if value else "false") + "\n"
    out.write(data.encode())


def write_triples(
    triples: Iterable,
    fmt: str,
    out: BinaryIO,
    prefixes: dict[str, str],
    max_rows: int | None = None,
) -> tuple[int, bool]:
    """Write CONSTRUCT/DESCRIBE triples as Turtle, N-Triples, JSON-LD or RDF/XML, streaming."""
    counted = _Counter(triples, max_rows)
    options = {"prefixes": prefixes} if fmt in ("ttl", "rdfxml") else {}
    ox.serialize(counted, out, RDF_FORMATS[fmt], **options)
    return counted.count, counted.truncated
