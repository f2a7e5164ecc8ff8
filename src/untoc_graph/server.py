"""The SPARQL endpoint: the SPARQL 1.1 Protocol over the store, and a query page.

An ASGI application (Starlette, served by uvicorn). Queries go through the same checks and
bounds as the `query` command — read-only, workers that cannot reach the network, a time limit
that kills the worker, a memory bound, a cap on result rows — and share a scheduler that keeps
cheap queries answering while slow ones run (:class:`untoc_graph.workers.Scheduler`); the
workers are started ahead and kept between queries (:class:`untoc_graph.workers.Pool`). Requests
that another site's page could make through a browser (a foreign ``Host`` or ``Origin``) are
refused.
"""

from __future__ import annotations

import contextlib
import functools
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from .query import (
    MAX_QUERY_BYTES,
    Formats,
    Limits,
    Outcome,
    QueryBusy,
    QueryError,
    QueryNotAcceptable,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
    bind,
    named_queries,
    run,
    worker_pool,
)
from .results import MEDIA_TYPES
from .workers import Scheduler

__all__ = ["create_app"]

#: Result formats by the media types a client may ask for, best first per query form.
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "text/n3": "ttl",  # Turtle is N3's RDF subset
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
ASK_TYPES = dict(SELECT_TYPES)  # CSV and TSV as one column, "_askResult", as Jena writes them
TABLES = {"SELECT": SELECT_TYPES, "ASK": ASK_TYPES, "CONSTRUCT": GRAPH_TYPES}

#: What ``format=`` values name, as clients send them (SPARQLWrapper, YASGUI, Virtuoso-style
#: endpoints): a format for the result tables and one for graphs. A value that does not fit the
#: query's form is left to the Accept header.
FORMAT_NAMES = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "rdf": (None, "rdfxml"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "ttl"),
    "ttl": (None, "ttl"),
    "n3": (None, "ttl"),
    "nt": (None, "nt"),
    "ntriples": (None, "nt"),
    "n-triples": (None, "nt"),
    "json-ld": (None, "jsonld"),
    "jsonld": (None, "jsonld"),
}


def _negotiate(request: Request) -> Formats:
    """The format to answer in for each query form: from ``?format=`` where its value fits the
    form (a name, or a media type), else from the Accept header (SPARQL 1.1 Protocol).

    A form for which nothing asked for fits is left out: its result is answered with 406."""
    asked = (request.query_params.get("format") or "").strip().lower()
    accepted = [
        part.split(";")[0].strip().lower() for part in request.headers.get("accept", "").split(",")
    ]
    formats = {}
    for form, table in TABLES.items():
        named = _named_format(asked, form, table)
        chosen = named or next((table[media] for media in accepted if media in table), None)
        if chosen is None and _accepts_anything(accepted, table):
            chosen = next(iter(table.values()))
        if chosen is not None:
            formats[form] = chosen
    return formats


def _named_format(asked: str, form: str, table: dict[str, str]) -> str | None:
    if not asked:
        return None
    if asked in table:  # a media type
        return table[asked]
    tables, graphs = FORMAT_NAMES.get(asked, (None, None))
    chosen = graphs if form == "CONSTRUCT" else tables
    return chosen if chosen in table.values() else None


def _accepts_anything(accepted: list[str], table: dict[str, str]) -> bool:
    if accepted == [""] or "*/*" in accepted:
        return True
    kinds = {media.split("/")[0] + "/*" for media in table}
    return any(media in kinds for media in accepted)


def _supported(form: str) -> str:
    """The media types a form's result can be had in, for a 406."""
    return ", ".join(dict.fromkeys(TABLES.get(form, SELECT_TYPES)))


class Endpoint:
    def __init__(self, store_path: Path, limits: Limits, max_workers: int):
        from .store import open_store

        self.store_path, self.limits = store_path, limits
        open_store(store_path)  # fail early when there is no store
        self.named = named_queries()
        self.scheduler = Scheduler(max_workers, max_memory=limits.max_memory)
        #: Started workers waiting for queries; more are started when more queries run at once.
        self.pool = worker_pool(store_path, keep=min(max_workers, KEEP_WORKERS))

    async def sparql(self, request: Request) -> Response:
        params = request.query_params
        query = params.get("query")
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return _refused("updates are refused: the store is opened read-only")
            try:
                body = await _body(request)
            except ValueError as error:
                return PlainTextResponse(f"{error}\n", 413)
            if kind == "application/sparql-query":
                query = body.decode("utf-8", "replace")
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                if "update" in form:
                    return _refused("updates are refused: the store is opened read-only")
                query = form.get("query", [query])[0]
        if "update" in params:
            return _refused("updates are refused: the store is opened read-only")
        if not query:
            return PlainTextResponse("give a SPARQL query in the 'query' parameter\n", 400)
        store_graphs = None
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in params.getlist(name):
                store_graphs = store_graphs or await run_in_threadpool(self._graphs)
                if iri not in store_graphs:
                    return _refused(f"{name} <{iri}> is refused: it is not a graph of this store")
        return await self._respond(request, query, {})

    def _resolved(self, named, values: dict[str, str]) -> dict[str, str]:
        """Parameter values as typed ("Iraq", "iq", "programme:revmod"), read through the
        graph's labels."""
        from .params import resolve_values
        from .store import open_store

        return resolve_values(open_store(self.store_path), named, values, lambda: self._labels)

    @functools.cached_property
    def _labels(self) -> dict[str, str]:
        from .vocabulary import Vocabulary

        return Vocabulary().aliases()

    def _graphs(self) -> set[str]:
        from .store import open_store

        return {graph.value for graph in open_store(self.store_path).named_graphs()}

    async def named_query(self, request: Request) -> Response:
        named = self.named.get(request.path_params["name"])
        if named is None:
            return PlainTextResponse("no such named query\n", 404)
        values = {
            key[len("param.") :]: value
            for key, value in request.query_params.items()
            if key.startswith("param.")
        }
        try:
            if values:
                values = await run_in_threadpool(self._resolved, named, values)
            substitutions = bind(named, values)
        except QueryError as error:
            return PlainTextResponse(f"{error}\n", 400)
        return await self._respond(request, named.text, substitutions)

    async def _respond(self, request: Request, query: str, substitutions: dict) -> Response:
        outcome = Outcome()
        try:
            chunks = run(
                self.store_path,
                query,
                _negotiate(request),
                substitutions=substitutions,
                limits=self.limits,
                outcome=outcome,
                scheduler=self.scheduler,
                pool=self.pool,
            )
            first = await run_in_threadpool(next, chunks, b"")
        except QueryRefused as error:
            return _refused(str(error))
        except (QueryTimeout, QueryTooLarge, QueryBusy) as error:
            return PlainTextResponse(f"{error}\n", 503)
        except QueryNotAcceptable as error:
            return PlainTextResponse(
                f"{error}; this endpoint offers {_supported(error.form)}\n", 406
            )
        except QueryError as error:
            return PlainTextResponse(f"{error}\n", 400)
        headers = {"X-Row-Limit": str(self.limits.max_rows)} if self.limits.max_rows else {}

        async def body():
            yield first
            async for chunk in iterate_in_threadpool(chunks):
                yield chunk

        return StreamingResponse(body(), media_type=MEDIA_TYPES[outcome.format], headers=headers)

    async def list_queries(self, request: Request) -> Response:
        return JSONResponse(
            [
                {
                    "name": q.name,
                    "title": q.title,
                    "description": q.description,
                    "text": q.text,
                    "params": [
                        {
                            "name": p.name,
                            "kind": p.kind,
                            "default": p.default,
                            "description": p.description,
                        }
                        for p in q.params
                    ],
                }
                for q in self.named.values()
            ]
        )

    async def page(self, request: Request) -> Response:
        html = (resources.files("untoc_graph") / "web" / "query.html").read_text("utf-8")
        return HTMLResponse(
            html,
            headers={
                "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            },
        )


def _refused(message: str) -> Response:
    return PlainTextResponse(f"{message}\n", 403)


async def _body(request: Request) -> bytes:
    """The request body, refused (ValueError) past the longest query accepted."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ValueError(f"request body refused: longer than {MAX_BODY:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise ValueError(f"request body refused: longer than {MAX_BODY:,} bytes")
    return bytes(body)


#: A query of the longest size, URL-encoded in a form, fits.
MAX_BODY = 3 * MAX_QUERY_BYTES
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class Guard:
    """Refuses requests that a page of another site could make through the user's browser.

    ``Host`` must name this server (a DNS-rebinding page reaches 127.0.0.1 under its own host
    name); a POST that carries an ``Origin`` must come from this server's own pages, unless
    CORS is on. Every response says not to sniff types nor be framed."""

    def __init__(self, app, hosts: set[str] | None, cors: bool):
        self.app, self.hosts, self.cors = app, hosts, cors

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        name = urlsplit(f"//{host}").hostname or ""
        if self.hosts is not None and name not in self.hosts:
            response = PlainTextResponse(
                f"host {host!r} refused: this server answers only to {sorted(self.hosts)[0]}\n", 421
            )
            return await response(scope, receive, send)
        origin = headers.get("origin")
        if (
            scope["method"] == "POST"
            and origin is not None
            and not self.cors
            and urlsplit(origin).netloc != host
        ):
            response = _refused(
                f"origin {origin!r} refused: POST only from this server's pages (or use --cors)"
            )
            return await response(scope, receive, send)

        async def secured(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        return await self.app(scope, receive, secured)


DEFAULT_LIMITS = Limits(timeout=10.0, max_rows=10_000)
#: Workers kept started between queries: enough for as many clients at once.
KEEP_WORKERS = 8


def create_app(
    store_path: str | Path,
    limits: Limits = DEFAULT_LIMITS,
    cors: bool = False,
    *,
    host: str = "127.0.0.1",
    max_workers: int = 32,
) -> Starlette:
    """The endpoint over the store at ``store_path``; ``cors`` allows requests from any origin.

    ``host`` is the address it listens on: requests must name it (or a loopback name) in their
    ``Host`` header, unless it listens on every address."""
    endpoint = Endpoint(Path(store_path), limits, max_workers)
    middleware = [
        Middleware(
            Guard, hosts=None if host in ("0.0.0.0", "::", "") else LOOPBACK | {host}, cors=cors
        )
    ]
    if cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["*"],
            )
        )

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # Each running query holds a thread while it waits on its worker: room for all of them.
        anyio.to_thread.current_default_thread_limiter().total_tokens = max_workers + 8
        try:
            yield
        finally:
            endpoint.pool.close()

    return Starlette(
        routes=[
            Route("/", endpoint.page),
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            Route("/queries", endpoint.list_queries),
            Route("/queries/{name}", endpoint.named_query),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
