"""Query: SPARQL over the store — named questions, safety checks and bounded execution.

A query is screened before it runs (updates and ``SERVICE`` are refused, and so are oversized
and absurdly nested queries), then runs in a worker process that the kernel keeps off the
network (see :mod:`untoc_graph.workers`), with a bound on its memory, killed when it passes its
time limit, so a runaway query really stops; results stream back from the worker as they are
written. The endpoint keeps a pool of started workers; a command starts one for its query. ``FROM`` and ``FROM NAMED`` only select graphs of the store: Oxigraph never fetches them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from .errors import UntocError
from .results import GRAPH_FORMATS, SELECT_FORMATS, write_boolean, write_solutions, write_triples
from .terms import prefixes
from .workers import Pool, Scheduler, Worker, WorkerBusy, bound, confine

__all__ = [
    "Param",
    "NamedQuery",
    "Limits",
    "Outcome",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "QueryTooLarge",
    "QueryBusy",
    "QueryNotAcceptable",
    "named_queries",
    "check",
    "bind",
    "execute",
    "run",
    "worker_pool",
]

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY = 1 << 30


class QueryError(UntocError):
    """A query that cannot be run as given: malformed, refused, or missing a parameter."""


class QueryRefused(QueryError):
    """A query the read-only, no-outbound-requests policy does not allow."""


class QueryTimeout(QueryError):
    """A query stopped at its time limit."""


class QueryTooLarge(QueryError):
    """A query stopped at its memory bound."""


class QueryBusy(QueryError):
    """A query that found no free worker before its deadline."""


class QueryNotAcceptable(QueryError):
    """A query whose result fits none of the formats asked for."""

    def __init__(self, form: str):
        super().__init__(f"no format asked for fits a {form} query")
        self.form = form


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
    return Path(__file__).parent / "queries"


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


#: The longest query accepted, in bytes of UTF-8.
MAX_QUERY_BYTES = 1 << 20
#: The deepest nesting of braces and brackets accepted: deeper, the engine's parser runs out of
#: stack.
MAX_DEPTH = 256
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PROLOGUE = r"(?:\s|#[^\n\r]*(?:[\n\r]|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*"
_UPDATE = re.compile(
    rf"^{_PROLOGUE}(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I
)
#: ``SERVICE`` followed by what can follow it in the grammar: ``SILENT``, an IRI, a variable or
#: a prefixed name, with spaces or comments between.
_SERVICE = re.compile(r"\bSERVICE(?:\s|#[^\n\r]*(?:[\n\r]|$))*(?:SILENT\b|[<?$]|[\w.\-]*:)", re.I)
_LOCATED = re.compile(r"^error at (\d+):(\d+): ", re.I)


def _unescaped(query: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match[1] or match[2], 16)
        return chr(code) if code <= 0x10FFFF else "\ufffd"

    return _ESCAPE.sub(char, query)


def check(query: str) -> None:
    """Screen a query before it reaches the engine: cheap, and never a parse.

    Refuses (:class:`QueryRefused`) updates and anything that reads as a ``SERVICE`` clause,
    with or without its codepoint escapes decoded — a screen wider than any reading of the
    text. It is a courtesy, not the guard: the guard is the worker, which the kernel keeps off
    the network whatever the query says (:mod:`untoc_graph.workers`). Raises
    :class:`QueryError` for an empty, oversized or too deeply nested query.
    """
    if not query.strip():
        raise QueryError("empty query: give a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise QueryError(f"query refused: longer than {MAX_QUERY_BYTES:,} bytes")
    depth = deepest = 0
    for char in query:
        if char in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise QueryError(f"query refused: nested more than {MAX_DEPTH} levels deep")
    for text in (query, _unescaped(query)):
        if _UPDATE.match(text):
            raise QueryRefused("updates are refused: the store is opened read-only")
        if _SERVICE.search(text):
            raise QueryRefused("SERVICE is refused: queries may not make requests to other servers")


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int | None = None
    max_memory: int | None = DEFAULT_MEMORY  # bytes a worker may grow by


@dataclass
class Outcome:
    """What a run produced, known once its chunks are consumed."""

    form: str = ""
    format: str = ""
    rows: int = 0
    truncated: bool = False
    boolean: bool | None = None


def execute(store: ox.Store, query: str, substitutions: dict | None = None):
    """Run a query on an open store (in this process, without a time limit or confinement)."""
    try:
        return store.query(
            query,
            substitutions=substitutions or None,
            use_default_graph_as_union=True,
            prefixes=prefixes(),
        )
    except SyntaxError as error:
        raise QueryError(_malformed(str(error), query)) from None


#: The longest parser message shown: past it, the list of what was expected is cut.
MAX_MESSAGE = 160


def _malformed(message: str, query: str) -> str:
    """The engine's parse error as one short line: where, and what went wrong."""
    located = _LOCATED.match(message)
    if not located:
        return f"malformed query: {_short(message)}"
    line, column = int(located[1]), int(located[2])
    detail = message[located.end() :]
    if "Prefix not found" in detail:
        text = query.splitlines()[line - 1] if line <= len(query.splitlines()) else ""
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", text[: column - 1])
        prefix = name[1] or "" if name else "?"
        known = prefixes()
        common = [
            name for name in ("schema", "ug", "skos", "gn", "dcterms", "prov") if name in known
        ]
        return (
            f"malformed query at line {line}, column {column}: undefined prefix {prefix}: "
            f"(declare it with PREFIX {prefix}: <…>; {len(known)} are known without "
            f"declaring, among them {', '.join(common)})"
        )
    return f"malformed query at line {line}, column {column}: {_short(detail)}"


def _short(detail: str) -> str:
    detail = " ".join(detail.split())
    return detail if len(detail) <= MAX_MESSAGE else detail[: MAX_MESSAGE - 1].rstrip() + "…"


def form_of(result) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QuerySolutions):
        return "SELECT"
    return "CONSTRUCT"


def write_result(result, fmt: str, out: BinaryIO, max_rows: int | None) -> dict:
    if isinstance(result, ox.QueryBoolean):
        write_boolean(bool(result), fmt, out)
        return {"boolean": bool(result)}
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = ([solution[v] for v in variables] for solution in result)
        count, truncated = write_solutions(variables, rows, fmt, out, max_rows, prefixes())
        return {"rows": count, "truncated": truncated}
    count, truncated = write_triples(result, fmt, out, prefixes(), max_rows)
    return {"rows": count, "truncated": truncated}


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


#: The formats to answer in, by query form; a form missing from it has no acceptable format.
Formats = dict[str, str]


def _serve(connection, store_path: str) -> None:
    """A worker's life: confined, then the store opened, then one job after another until
    the pipe closes or whoever started the worker is gone."""
    parent = os.getppid()
    try:
        confine()
        store, opened = ox.Store.read_only(store_path), _identity(store_path)
    except Exception as error:  # reported to the caller, which tries another worker
        connection.send_bytes(b"X" + f"the store cannot be opened: {error}".encode())
        return
    connection.send_bytes(b"R")
    while True:
        while not connection.poll(1.0):
            if os.getppid() != parent:
                return
        try:
            query, substitutions, formats, limits = connection.recv()
        except (EOFError, OSError):
            return
        if _identity(store_path) != opened:  # rebuilt or ingested into since: read it anew
            store, opened = ox.Store.read_only(store_path), _identity(store_path)
        bound(limits.max_memory, limits.timeout)
        _answer(store, query, substitutions, formats, limits, connection)


def _identity(path: str) -> tuple[int, int]:
    """Which store is at ``path``: a build or an ingest swaps a new folder in."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino


def _answer(store, query, substitutions, formats: Formats, limits: Limits, connection) -> None:
    """Run one job and send its answer: a header, the result in chunks, an end."""
    try:
        result = execute(store, query, substitutions)
        form = form_of(result)
        fmt = formats.get(form)
        if fmt is None:
            connection.send_bytes(b"N" + form.encode())
            return
        connection.send_bytes(b"H" + json.dumps({"form": form, "format": fmt}).encode())
        out = _PipeWriter(connection)
        meta = write_result(result, fmt, out, limits.max_rows)
        out.flush()
        connection.send_bytes(b"E" + json.dumps(meta).encode())
    except QueryError as error:
        connection.send_bytes(b"X" + str(error).encode())
    except MemoryError:
        connection.send_bytes(b"M")
    except Exception as error:  # reported to the caller as a failed query, not a crash
        connection.send_bytes(b"X" + f"query failed: {error}".encode())


def formats_for(fmt: str) -> Formats:
    """The formats to answer in when one was named: it where it fits, the default elsewhere."""
    return {
        "SELECT": fmt if fmt in SELECT_FORMATS else "table",
        "ASK": fmt if fmt in ("json", "xml", "csv", "tsv") else "table",
        "CONSTRUCT": fmt if fmt in GRAPH_FORMATS else "ttl",
    }


def _death(exitcode: int, limits: Limits, killed_for: str | None) -> QueryError:
    """What a worker that ended without an answer did, from how it ended."""
    signalled = signal.Signals(-exitcode) if exitcode and exitcode < 0 else None
    if killed_for == "memory" or signalled == signal.SIGABRT:
        megabytes = (limits.max_memory or 0) >> 20
        return QueryTooLarge(
            f"query stopped: it needed more memory than a query may use ({megabytes:,} MB); "
            "narrow it or add a LIMIT"
        )
    if signalled == signal.SIGXCPU:
        return QueryTimeout(
            f"query stopped after {limits.timeout:g} s of processor time (the time limit); "
            "narrow it or raise the limit with --timeout"
        )
    if signalled == signal.SIGSYS:
        return QueryRefused(
            "SERVICE is refused: the query tried to open a network connection, "
            "and queries may not make requests to other servers"
        )
    if signalled:
        return QueryError(f"the query engine stopped on this query ({signalled.name})")
    return QueryError("the query worker ended without an answer")


def run(
    store_path: str | Path,
    query: str,
    fmt: str | Formats = "table",
    *,
    substitutions: dict | None = None,
    limits: Limits = Limits(),
    outcome: Outcome | None = None,
    scheduler: Scheduler | None = None,
    pool: Pool | None = None,
) -> Iterator[bytes]:
    """Run a query in a confined worker process, yielding the serialised result in chunks.

    ``fmt`` is a format name or the formats to answer in by query form. The worker is killed
    when ``limits.timeout`` seconds pass (:class:`QueryTimeout`), and cannot reach the network
    (:class:`QueryRefused` when it tries). With a ``pool`` (of :func:`worker_pool` over the
    same store), a started worker answers; without one, a worker is started for this query.
    With a ``scheduler``, the job takes one of its slots and lanes. ``outcome`` is filled in
    as the chunks are consumed.
    """
    check(query)
    formats = formats_for(fmt) if isinstance(fmt, str) else fmt
    outcome = outcome if outcome is not None else Outcome()
    deadline = time.monotonic() + limits.timeout
    pool = pool or worker_pool(store_path, keep=0)
    job = (query, substitutions or {}, formats, limits)
    try:
        with scheduler.slot(deadline) if scheduler else contextlib.nullcontext():
            worker = pool.take(deadline)
            yield from _run_job(worker, job, outcome, scheduler, pool, deadline)
    except WorkerBusy:
        raise QueryBusy(
            "the server is busy: every query worker is taken; try again shortly"
        ) from None


def worker_pool(store_path: str | Path, keep: int = 2) -> Pool:
    """Workers for queries on the store at ``store_path``, ``keep`` of them started ahead."""
    return Pool(_serve, (str(store_path),), keep=keep).start()


def _run_job(worker: Worker, job, outcome: Outcome, scheduler, pool: Pool, deadline: float):
    limits = job[3]
    worker.connection.send(job)
    if scheduler:
        scheduler.started(worker.pid)
    clean = False  # the worker said all it had to say: it may answer the next query
    ended = None  # what the scheduler saw of the job, once it is over
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not worker.connection.poll(remaining):
                raise QueryTimeout(
                    f"query stopped after {limits.timeout:g} s (the time limit); "
                    "narrow it or raise the limit with --timeout"
                )
            try:
                message = worker.connection.recv_bytes()
            except EOFError:
                worker.process.join()
                ended = scheduler.finished(worker.pid) if scheduler else None
                raise _death(worker.process.exitcode, limits, ended and ended.killed_for) from None
            kind, body = message[:1], message[1:]
            if kind == b"D":
                yield body
            elif kind == b"H":
                meta = json.loads(body)
                outcome.form, outcome.format = meta["form"], meta["format"]
            elif kind == b"E":
                meta = json.loads(body)
                outcome.rows = meta.get("rows", 0)
                outcome.truncated = meta.get("truncated", False)
                outcome.boolean = meta.get("boolean")
                clean = True
                return
            elif kind == b"N":
                clean = True
                raise QueryNotAcceptable(body.decode())  # the query's form
            elif kind == b"M":
                raise _death(0, limits, "memory")
            else:
                clean = True
                raise QueryError(body.decode())
    finally:
        if scheduler and ended is None:
            ended = scheduler.finished(worker.pid)
        calm = ended is None or not (ended.slow or ended.paused or ended.killed_for)
        pool.give_back(worker, reusable=clean and calm)
