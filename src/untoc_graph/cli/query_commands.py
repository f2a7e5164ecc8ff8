"""Commands that ask the graph: query, queries, explain, serve, push."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from .main import UserError, auth_options, file_option, main, store_option, timeout_option


@main.command()
@click.argument("reference")
@store_option("The store to read.")
def explain(reference: str, store_path: Path) -> None:
    """Show each fact about an article or entity with the quoted text that supports it.

    REFERENCE is an IRI, a prefixed name (country:IQ, article:2024-07-02-9ae5de01bc) or a
    name as the graph spells it (Baghdad, "UNTOC Review Mechanism").

    \b
    Example:
      untoc-graph explain "Firearms Protocol"
      untoc-graph explain country:IQ
    """
    from ..explain import explain as run_explain
    from ..store import open_store
    from ..vocabulary import Vocabulary

    result = run_explain(open_store(store_path), reference, Vocabulary().aliases())
    click.echo(f"{result.node} ({result.kind})")
    for predicate, value in result.description:
        click.echo(f"  {predicate} {value}")
    click.echo(f"evidence ({len(result.evidence)}):")
    for e in result.evidence:
        what = f"{e.supports} " if e.supports else ""
        where = f"{e.field} {e.start}-{e.end}"
        click.echo(f"  {what}{e.label} [{e.about}] ← “{e.exact}” ({where})")


def _require_store(store_path: Path) -> None:
    """Fail early, with the store's own message, when there is no store to query."""
    from ..store import open_store

    open_store(store_path)  # opened read-only and closed again at once


@main.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a .rq file.",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter of a named query (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld", "rdfxml"]),
    help="Result format: table/csv/tsv/json/xml for SELECT and ASK, ttl/nt/jsonld/rdfxml for "
    "CONSTRUCT and DESCRIBE (which default to ttl).",
)
@file_option("Write the results to a file; - is stdout.")
@store_option("The store to query.")
@timeout_option(10.0, "Stop the query after this many seconds.")
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Query this SPARQL endpoint instead of the local store.",
)
@auth_options
def query(
    query: str | None,
    query_file: Path | None,
    params: tuple[str, ...],
    fmt: str,
    output: str,
    store_path: Path,
    timeout: float,
    endpoint: str | None,
    user: str | None,
    password_env: str | None,
) -> None:
    """Run a SPARQL query, or a named query, against the store of the last build.

    QUERY is SPARQL text or the name of a named query (see `untoc-graph queries`). ASK exits
    with 0 for true and 1 for false. Updates and SERVICE are refused, and the query runs in a
    process that cannot reach the network; FROM names graphs of the store. With
    --endpoint the query goes to that SPARQL server, whose default graph should be the union
    of its graphs, as the named queries expect.

    \b
    Example:
      untoc-graph query cities-by-events
      untoc-graph query states-in-instrument-events --param instrument=TIP --format csv
      untoc-graph query 'SELECT ?name WHERE { ?c a schema:Country ; schema:name ?name }'
    """
    from ..query import Limits, Outcome, bind, check, named_queries, run

    named = named_queries()
    if query_file is not None:
        text, substitutions = query_file.read_text("utf-8"), {}
    elif query is None:
        raise UserError("give a query, a named query or -f FILE (see `untoc-graph queries`)")
    elif query in named:
        values = dict(_split_param(p) for p in params)
        if values and not endpoint:
            values = _resolved(store_path, named[query], values)
        text, substitutions = named[query].text, bind(named[query], values)
    elif re.fullmatch(r"[\w-]+", query):
        raise UserError(f"no named query {query!r}; `untoc-graph queries` lists them")
    else:
        text, substitutions = query, {}
    if params and (query_file is not None or query not in named):
        raise UserError("--param applies to named queries only")
    outcome = Outcome()
    if endpoint:
        from ..remote import remote_query

        check(text)
        chunks = remote_query(
            endpoint,
            text,
            fmt,
            substitutions=substitutions,
            auth=_auth(user, password_env),
            timeout=timeout,
            outcome=outcome,
        )
    else:
        _require_store(store_path)
        chunks = run(
            store_path,
            text,
            fmt,
            substitutions=substitutions,
            limits=Limits(timeout=timeout),
            outcome=outcome,
        )
    if output != "-":
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    with click.open_file(output, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    if outcome.truncated:
        click.echo(f"warning: results cut at {outcome.rows} rows", err=True)
    if outcome.form in ("SELECT", "CONSTRUCT") and outcome.rows == 0:
        click.echo("no results: the query is valid, and nothing in the graph answers it", err=True)
    if outcome.form == "ASK" and not outcome.boolean:
        sys.exit(1)


def _resolved(store_path: Path, named, values: dict[str, str]) -> dict[str, str]:
    """Parameter values as the user typed them, read through the graph's labels."""
    from ..params import resolve_values
    from ..store import open_store
    from ..vocabulary import Vocabulary

    return resolve_values(open_store(store_path), named, values, lambda: Vocabulary().aliases())


def _split_param(spec: str) -> tuple[str, str]:
    key, sep, value = spec.partition("=")
    if not sep or not key:
        raise UserError(f"--param {spec!r}: write it as KEY=VALUE")
    return key, value


@main.command()
@click.option(
    "-v", "--verbose", is_flag=True, help="Also show each query's description and example."
)
def queries(verbose: bool) -> None:
    """List the named queries with a one-line description and their parameters.

    \b
    Example:
      untoc-graph queries
      untoc-graph query events-per-year-and-type
    """
    from ..params import accepted
    from ..query import named_queries

    found = named_queries()
    width = max(len(name) for name in found)
    for name, named in found.items():
        params = " ".join(
            f"[{p.name}={p.default or '…'}]" if p.default or p.kind != "iri" else f"{p.name}=…"
            for p in named.params
        )
        click.echo(f"{name:<{width}}  {named.title}" + (f"  ({params})" if params else ""))
        if verbose:
            click.echo(f"{'':<{width}}  {named.description}")
            for p in named.params:
                click.echo(f"{'':<{width}}  --param {p.name}=<{p.kind}>  {p.description}")
                if accepted(p.name, p.kind):
                    click.echo(f"{'':<{width}}    accepts {accepted(p.name, p.kind)}")
            click.echo(f"{'':<{width}}  e.g. {named.example}")


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default serves this machine only.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@store_option("The store to serve.")
@timeout_option(10.0, "Stop each query after this many seconds.")
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Most result rows (or triples) one query returns.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(min=16),
    default=1024,
    show_default=True,
    metavar="MB",
    help="Most memory one query may take, in MB; past it the query stops (503).",
)
@click.option(
    "--max-workers",
    type=click.IntRange(min=1),
    default=32,
    show_default=True,
    help="Most queries run at once; others wait for a worker until their time limit.",
)
@click.option("--cors", is_flag=True, help="Allow pages from any origin to query the endpoint.")
def serve(
    host: str,
    port: int,
    store_path: Path,
    timeout: float,
    max_rows: int,
    max_memory: int,
    max_workers: int,
    cors: bool,
) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, with a query page.

    GET or POST queries to /sparql (results as JSON, XML, CSV or TSV, graphs as Turtle,
    N-Triples or JSON-LD, by Accept header or ?format=); named queries at /queries/NAME;
    the query page at /.

    \b
    Example:
      untoc-graph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=ASK { ?s ?p ?o }' http://127.0.0.1:7878/sparql
    """
    import uvicorn

    from ..query import Limits
    from ..server import create_app
    from ..workers import confinement

    limits = Limits(timeout=timeout, max_rows=max_rows, max_memory=max_memory << 20)
    app = create_app(store_path, limits, cors=cors, host=host, max_workers=max_workers)
    if confinement():
        click.echo(f"warning: {confinement()}", err=True)
    scope = "this machine only" if host in ("127.0.0.1", "localhost", "::1") else "the network"
    click.echo(
        f"SPARQL endpoint: http://{host}:{port}/sparql  query page: http://{host}:{port}/", err=True
    )
    click.echo(
        f"listening on {host} ({scope}); read-only; {timeout:g} s, {max_rows} rows and "
        f"{max_memory} MB per query, {max_workers} at once; Ctrl-C stops",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _auth(user: str | None, password_env: str | None) -> tuple[str, str] | None:
    if user is None:
        return None
    if password_env is None:
        raise UserError(
            "--user needs --password-env VAR, the environment variable with the password"
        )
    if password_env not in os.environ:
        raise UserError(f"--password-env: the environment variable {password_env} is not set")
    return user, os.environ[password_env]


@main.command()
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="The server's Graph Store endpoint (e.g. http://127.0.0.1:7879/store for "
    "Oxigraph, http://host:3030/DATASET/data for Fuseki).",
)
@click.option(
    "--graph",
    "graph",
    metavar="IRI",
    default=None,
    help="Send only this source graph (default: every source graph).",
)
@click.option("--merge", is_flag=True, help="Add to the server's graphs instead of replacing them.")
@auth_options
@timeout_option(60.0, "Seconds to wait for the server to answer each request.")
@store_option("The store to send.")
def push(
    endpoint: str,
    graph: str | None,
    merge: bool,
    user: str | None,
    password_env: str | None,
    timeout: float,
    store_path: Path,
) -> None:
    """Load the graph into a SPARQL server through the Graph Store HTTP Protocol.

    Each source document's named graph replaces the server's graph of the same IRI (or is
    merged into it with --merge); the server's other graphs are left as they are.

    \b
    Example:
      untoc-graph push --endpoint http://127.0.0.1:7878/store
    """
    from ..remote import push as run_push
    from ..store import open_store

    sent = run_push(
        open_store(store_path),
        endpoint,
        graph,
        merge=merge,
        auth=_auth(user, password_env),
        timeout=timeout,
    )
    for pushed in sent:
        click.echo(
            f"{'merged' if merge else 'replaced'} <{pushed.graph}>: {pushed.triples} triples",
            err=True,
        )
