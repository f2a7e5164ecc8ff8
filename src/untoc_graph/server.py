"""The SPARQL endpoint: the SPARQL 1.1 Protocol over the store, and a query page.

An ASGI application (Starlette, served by uvicorn). Queries go through the same checks and
bounds as the `query` command: read-only, no outbound requests, a time limit that kills the
worker, and a cap on result rows.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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

from .query import Limits, QueryError, QueryRefused, QueryTimeout, bind, check, named_queries, run
from .results import MEDIA_TYPES

__all__ = ["create_app"]

#: Result formats by the media types a client may ask for, best first per query form.
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}


def _negotiate(request: Request, form: str) -> str:
    table = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else SELECT_TYPES
    asked = request.query_params.get("format")
    if asked:
        if asked in table.values():
            return asked
        raise QueryError(
            f"format {asked!r} does not fit a {form} query; use one of "
            + ", ".join(sorted(set(table.values())))
        )
    for part in request.headers.get("accept", "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return table[media]
    return next(iter(table.values()))


class Endpoint:
    def __init__(self, store_path: Path, limits: Limits):
        from .store import open_store

        self.store_path, self.limits = store_path, limits
        store = open_store(store_path)  # fail early, and learn the graphs FROM may name
        self.graphs = {graph.value for graph in store.named_graphs()}
        del store
        self.named = named_queries()

    async def sparql(self, request: Request) -> Response:
        params = request.query_params
        query = params.get("query")
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                return _refused("updates are refused: the store is opened read-only")
            if kind == "application/sparql-query":
                query = (await request.body()).decode("utf-8", "replace")
            elif kind == "application/x-www-form-urlencoded":
                form = await request.form()
                if "update" in form:
                    return _refused("updates are refused: the store is opened read-only")
                query = form.get("query", query)
        if "update" in params:
            return _refused("updates are refused: the store is opened read-only")
        if not query:
            return PlainTextResponse("give a SPARQL query in the 'query' parameter\n", 400)
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in params.getlist(name):
                if iri not in self.graphs:
                    return _refused(f"{name} <{iri}> is refused: it is not a graph of this store")
        return await self._respond(request, query, {})

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
            substitutions = bind(named, values)
        except QueryError as error:
            return PlainTextResponse(f"{error}\n", 400)
        return await self._respond(request, named.text, substitutions)

    async def _respond(self, request: Request, query: str, substitutions: dict) -> Response:
        try:
            form = check(query, self.graphs)
            fmt = _negotiate(request, form)
            chunks = run(
                self.store_path, query, fmt, substitutions=substitutions, limits=self.limits
            )
            first = await run_in_threadpool(next, chunks, b"")
        except QueryRefused as error:
            return _refused(str(error))
        except QueryTimeout as error:
            return PlainTextResponse(f"{error}\n", 503)
        except QueryError as error:
            return PlainTextResponse(f"{error}\n", 400)
        headers = {"X-Row-Limit": str(self.limits.max_rows)} if self.limits.max_rows else {}

        async def body():
            yield first
            async for chunk in iterate_in_threadpool(chunks):
                yield chunk

        return StreamingResponse(body(), media_type=MEDIA_TYPES[fmt], headers=headers)

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
                "style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
            },
        )


def _refused(message: str) -> Response:
    return PlainTextResponse(f"{message}\n", 403)


DEFAULT_LIMITS = Limits(timeout=10.0, max_rows=10_000)


def create_app(
    store_path: str | Path, limits: Limits = DEFAULT_LIMITS, cors: bool = False
) -> Starlette:
    """The endpoint over the store at ``store_path``; ``cors`` allows requests from any origin."""
    endpoint = Endpoint(Path(store_path), limits)
    middleware = (
        [
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["*"],
            )
        ]
        if cors
        else []
    )
    return Starlette(
        routes=[
            Route("/", endpoint.page),
            Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
            Route("/queries", endpoint.list_queries),
            Route("/queries/{name}", endpoint.named_query),
        ],
        middleware=middleware,
    )
