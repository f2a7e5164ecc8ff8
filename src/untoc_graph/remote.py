"""Remote triple stores: push the graph through the SPARQL 1.1 Graph Store HTTP Protocol, and
run queries through the SPARQL 1.1 Protocol, against any server that speaks them (Oxigraph
server, Apache Jena Fuseki, GraphDB, Virtuoso, QLever, Amazon Neptune, …)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pyoxigraph as ox

from .errors import UntocError
from .query import Outcome, form_of, formats_for, write_result
from .terms import PREFIXES

__all__ = ["RemoteError", "Pushed", "push", "remote_query"]

ACCEPT = {
    "table": "application/sparql-results+json",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}


class RemoteError(UntocError):
    """A server that could not be reached or refused a request; the message says which."""


@dataclass(frozen=True)
class Pushed:
    graph: str
    triples: int


def _request(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise RemoteError(f"{url}: no answer within {client.timeout.read:g} s") from None
    except httpx.TransportError as error:
        raise RemoteError(f"{url}: cannot reach the server ({error})") from None
    if response.status_code >= 400:
        detail = response.text.strip().splitlines()[0][:200] if response.text.strip() else ""
        raise RemoteError(
            f"{url}: the server answered {response.status_code} "
            f"{response.reason_phrase}" + (f": {detail}" if detail else "")
        )
    return response


def push(
    store: ox.Store,
    endpoint: str,
    graph: str | None = None,
    *,
    merge: bool = False,
    auth: tuple[str, str] | None = None,
    timeout: float = 60.0,
) -> list[Pushed]:
    """Send each source graph of the store (or only ``graph``) to a Graph Store endpoint.

    Each graph replaces the server's graph of the same IRI (HTTP PUT), or is added to it with
    ``merge`` (HTTP POST); other graphs on the server are not touched. Stops at the first
    failure, with a :class:`RemoteError` that says which graphs were sent before it.
    """
    graphs = sorted(g.value for g in store.named_graphs())
    if graph is not None:
        if graph not in graphs:
            raise RemoteError(f"no graph <{graph}> in the store; its graphs: " + ", ".join(graphs))
        graphs = [graph]
    done: list[Pushed] = []
    with httpx.Client(auth=auth, timeout=timeout) as client:
        for iri in graphs:
            quads = store.quads_for_pattern(None, None, None, ox.NamedNode(iri))
            data = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
            try:
                _request(
                    client,
                    "POST" if merge else "PUT",
                    endpoint,
                    params={"graph": iri},
                    content=data,
                    headers={"Content-Type": "application/n-triples"},
                )
            except RemoteError as error:
                sent = ", ".join(p.graph for p in done) or "none"
                raise RemoteError(f"{error} (graphs sent before: {sent})") from None
            done.append(Pushed(iri, data.count(b"\n")))
    return done


def _bind(query: str, substitutions: dict) -> str:
    """A query with its parameters as a trailing VALUES block: servers do not take bindings
    beside the query, so the values travel in it, written as N-Triples terms by the RDF library
    (which escapes them), never as raw text."""
    if not substitutions:
        return query
    variables = " ".join(str(v) for v in substitutions)
    values = " ".join(str(t) for t in substitutions.values())
    return f"{query}\nVALUES ({variables}) {{ ({values}) }}\n"


def _prologue() -> str:
    """The project's prefixes, which the local store predeclares, declared for a remote server
    (a query's own PREFIX lines come after these and take precedence)."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def remote_query(
    endpoint: str,
    query: str,
    fmt: str = "table",
    *,
    substitutions: dict | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = 60.0,
    outcome: Outcome | None = None,
) -> Iterator[bytes]:
    """Run a query on a SPARQL endpoint and yield the result in ``fmt``."""
    with httpx.Client(auth=auth, timeout=timeout) as client:
        response = _request(
            client,
            "POST",
            endpoint,
            data={"query": _prologue() + _bind(query, substitutions or {})},
            headers={"Accept": ACCEPT.get(fmt, ACCEPT["json"]) + ", */*;q=0.1"},
        )
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media in ("application/sparql-results+json", "application/json") and fmt in (
        "table",
        "json",
    ):
        result = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        out = io.BytesIO()
        form = form_of(result)
        meta = write_result(result, formats_for(fmt)[form], out, None)
        if outcome is not None:
            outcome.form, outcome.boolean = form, meta.get("boolean")
            outcome.rows = meta.get("rows", 0)
        yield out.getvalue()
    else:
        yield response.content
