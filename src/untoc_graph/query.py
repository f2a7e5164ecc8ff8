"""Query: SPARQL over the store — named questions, safety checks and bounded execution.

A query is checked before it runs: updates (INSERT, DELETE, LOAD, CLEAR, DROP, …) are refused,
and so are ``SERVICE`` clauses and ``FROM`` a graph the store does not hold, because the engine
would otherwise fetch URLs on the query's behalf. It then runs in a worker process that is
killed when it passes its time limit, so a runaway query really stops; results stream back
from the worker as they are written.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .results import GRAPH_FORMATS, SELECT_FORMATS, write_boolean, write_solutions, write_triples
from .terms import prefixes

__all__ = [
    "Param",
    "NamedQuery",
    "Limits",
    "Outcome",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "named_queries",
    "check",
    "bind",
    "execute",
    "run",
]

DEFAULT_TIMEOUT = 10.0


class QueryError(Exception):
    """A query that cannot be run as given: malformed, refused, or missing a parameter."""


class QueryRefused(QueryError):
    """A query the read-only, no-outbound-requests policy does not allow."""


class QueryTimeout(QueryError):
    """A query stopped at its time limit."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # "literal" | "iri" | "date" | "integer"
    default: str | None
    description: str

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        if self.kind == "iri":
            if not re.match(r"^[a-z][a-z0-9+.\-]*:\S+$", value, re.I):
                raise QueryError(f"parameter {self.name}: {value!r} is not an IRI")
            return ox.NamedNode(value)
        if self.kind == "date":
            if not re.match(r"^\d{4}-\d\d-\d\d$", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not a date (YYYY-MM-DD)")
            return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        if self.kind == "integer":
            if not re.match(r"^-?\d+$", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not an integer")
            return ox.Literal(
                value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
            )
        return ox.Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    """A ready question: a ``.rq`` file under ``queries/`` with a header comment."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    example: str
    text: str


_HEADER = re.compile(r"^#\s*(title|description|param|example):\s*(.*)$")
_PARAM = re.compile(
    r"^(?P<name>\w+)\s+(?P<kind>literal|iri|date|integer)(?:\s+(?P<default>[^—]*?))?\s*—\s*(?P<description>.*)$"
)


def _parse_named(path: Path) -> NamedQuery:
    text = path.read_text("utf-8")
    header: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            header[match[1]].append(match[2].strip())
    params = []
    for spec in header["param"]:
        match = _PARAM.match(spec)
        if not match:
            raise ValueError(f"{path}: cannot read parameter {spec!r}")
        params.append(
            Param(match["name"], match["kind"], match["default"] or None, match["description"])
        )
    return NamedQuery(
        path.stem,
        " ".join(header["title"]),
        " ".join(header["description"]),
        tuple(params),
        " ".join(header["example"]),
        text,
    )


def queries_dir() -> Path:
    return Path(str(resources.files("untoc_graph") / "queries"))


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries shipped with the package, by name."""
    folder = folder or queries_dir()
    return {q.name: q for q in (_parse_named(p) for p in sorted(folder.glob("*.rq")))}


def bind(query: NamedQuery, values: dict[str, str]) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Parameter values as query substitutions: the values become RDF terms, never query text."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise QueryError(f"{query.name} has no parameter {unknown[0]!r} (its parameters: {names})")
    found = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None and param.kind == "iri":
            raise QueryError(f"{query.name} needs --param {param.name}=… ({param.description})")
        if value is not None:
            found[ox.Variable(param.name)] = param.term(value)
    return found


def _names(node) -> Iterator[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, list | tuple) or hasattr(node, "asList"):
        for value in node:
            yield from _names(value)


def _dataset_iris(node) -> Iterator[str]:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "DatasetClause":
            for value in node.values():
                yield str(value)
        for value in node.values():
            yield from _dataset_iris(value)
    elif isinstance(node, list | tuple) or hasattr(node, "asList"):
        for value in node:
            yield from _dataset_iris(value)


def check(query: str, graphs: set[str] | None = None) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) of an allowed query.

    Raises :class:`QueryRefused` for an update, a ``SERVICE`` clause or a ``FROM`` graph not in
    ``graphs``, and :class:`QueryError` with the parser's line and column for a malformed query.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(query)
    except ParseException as error:
        try:
            parseUpdate(query)
        except ParseException:
            raise QueryError(
                f"malformed query: {error.msg} at line {error.lineno}, column {error.col}"
            ) from None
        raise QueryRefused("updates are refused: the store is opened read-only") from None
    names = set(_names(parsed))
    if "ServiceGraphPattern" in names:
        raise QueryRefused("SERVICE is refused: queries may not make requests to other servers")
    for iri in _dataset_iris(parsed):
        if graphs is None or iri not in graphs:
            raise QueryRefused(
                f"FROM <{iri}> is refused: it is not a graph of this store, and "
                "queries may not fetch documents"
            )
    return parsed[1].name.removesuffix("Query").upper()


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int | None = None


@dataclass
class Outcome:
    """What a run produced, known once its chunks are consumed."""

    form: str = ""
    rows: int = 0
    truncated: bool = False
    boolean: bool | None = None
    media_type: str = ""
    extra: dict = field(default_factory=dict)


def execute(store: ox.Store, query: str, substitutions: dict | None = None):
    """Run a checked query on an open store (in this process, without a time limit)."""
    try:
        return store.query(
            query,
            substitutions=substitutions or None,
            use_default_graph_as_union=True,
            prefixes=prefixes(),
        )
    except SyntaxError as error:
        raise QueryError(f"malformed query: {error}") from None


def write_result(result, fmt: str, out: BinaryIO, max_rows: int | None) -> dict:
    if isinstance(result, ox.QueryBoolean):
        write_boolean(bool(result), fmt, out)
        return {"form": "ASK", "boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = ([solution[v] for v in variables] for solution in result)
        count, truncated = write_solutions(variables, rows, fmt, out, max_rows, prefixes())
        return {"form": "SELECT", "rows": count, "truncated": truncated}
    count, truncated = write_triples(result, fmt, out, prefixes(), max_rows)
    return {"form": "CONSTRUCT", "rows": count, "truncated": truncated}


class _PipeWriter:
    """A binary stream that sends what is written through a pipe, in chunks."""

    CHUNK = 1 << 16

    def __init__(self, connection):
        self.connection, self.buffer = connection, bytearray()

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) >= self.CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.connection.send_bytes(b"D" + bytes(self.buffer))
            self.buffer.clear()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False


def _worker(store_path: str, query: str, substitutions: dict, fmt: str, max_rows, connection):
    try:
        store = ox.Store.read_only(store_path)
        terms = {ox.Variable(name): term for name, term in substitutions.items()}
        result = execute(store, query, terms)
        out = _PipeWriter(connection)
        meta = write_result(result, format_for(result, fmt), out, max_rows)
        out.flush()
        connection.send_bytes(b"E" + json.dumps(meta).encode())
    except QueryError as error:
        connection.send_bytes(b"X" + str(error).encode())
    except Exception as error:  # reported to the caller as a failed query, not a crash
        connection.send_bytes(b"X" + f"query failed: {error}".encode())
    finally:
        connection.close()


def format_for(result, fmt: str) -> str:
    if isinstance(result, ox.QueryTriples):
        return fmt if fmt in GRAPH_FORMATS else "ttl"
    if isinstance(result, ox.QueryBoolean):
        return fmt if fmt in ("json", "xml") else "table"
    return fmt if fmt in SELECT_FORMATS else "table"


def run(
    store_path: str | Path,
    query: str,
    fmt: str = "table",
    *,
    substitutions: dict | None = None,
    limits: Limits = Limits(),
    outcome: Outcome | None = None,
) -> Iterator[bytes]:
    """Run a query in a worker process, yielding the serialised result in chunks.

    The worker is killed when ``limits.timeout`` seconds pass, and :class:`QueryTimeout` is
    raised. ``outcome`` is filled in when the last chunk has been yielded.
    """
    import time

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_worker,
        args=(
            str(store_path),
            query,
            {v.value: t for v, t in (substitutions or {}).items()},
            fmt,
            limits.max_rows,
            sender,
        ),
        daemon=True,
    )
    worker.start()
    sender.close()
    deadline = time.monotonic() + limits.timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not receiver.poll(remaining):
                raise QueryTimeout(
                    f"query stopped after {limits.timeout:g} s (the time limit); "
                    "narrow it or raise the limit with --timeout"
                )
            try:
                message = receiver.recv_bytes()
            except EOFError:
                raise QueryError("the query worker ended without an answer") from None
            kind, body = message[:1], message[1:]
            if kind == b"D":
                yield body
            elif kind == b"E":
                if outcome is not None:
                    meta = json.loads(body)
                    outcome.form = meta["form"]
                    outcome.rows = meta.get("rows", 0)
                    outcome.truncated = meta.get("truncated", False)
                    outcome.boolean = meta.get("boolean")
                return
            else:
                raise QueryError(body.decode())
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
