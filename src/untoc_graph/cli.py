"""The command line: a thin layer that parses options, calls the library and formats results.

Exit codes: 0 success; 1 a negative answer (warnings under --strict); 2 unusable input.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from . import __version__
from .build import build as run_build
from .build import default_sources
from .errors import UntocError

CONTEXT = {"help_option_names": ["-h", "--help"]}


def store_option(help_text: str):
    """The --store option every command that reads the last build shares."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(path_type=Path),
        default=Path("output/store"),
        show_default=True,
        help=help_text,
    )


class UserError(click.ClickException):
    """A mistake the user can fix: one line on stderr, exit code 2."""

    exit_code = 2


class _Commands(click.Group):
    """The one error translator: every :class:`UntocError` a command raises becomes its
    one-line message and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UntocError as error:
            failure = UserError(str(error))
            failure.exit_code = error.exit_code
            raise failure from None


def _progress(quiet: bool):
    def report(message: str) -> None:
        if not quiet and sys.stderr.isatty():
            click.echo(f"… {message}", err=True)

    return report


def build_options(output_help: str):
    """The options build and ingest share: output folder, base IRI, strictness, validation."""
    options = [
        click.option(
            "-o",
            "--output",
            type=click.Path(file_okay=False, path_type=Path),
            default=Path("output"),
            show_default=True,
            help=output_help,
        ),
        click.option(
            "--base",
            default=None,
            metavar="IRI",
            help="Base IRI of the resources the build creates "
            "[default: https://w3id.org/untoc-graph/id/]; give ingest the same.",
        ),
        click.option(
            "--strict",
            is_flag=True,
            help="Exit with 1 when any entry has a warning or the graph violates the shapes.",
        ),
        click.option(
            "--no-validate", is_flag=True, help="Skip the SHACL check of what is written."
        ),
        click.option("--no-view", is_flag=True, help="Do not draw OUTPUT/graph.html (see `view`)."),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(1, 64),
            default=1,
            show_default=True,
            help="Processes that extract and map entries; the output is the same for any "
            "number. Use the number of cores for large listings.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress messages."),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@click.group(cls=_Commands, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def main() -> None:
    """Turn UNODC news on transnational organized crime into a linked RDF knowledge graph."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@build_options("Folder to write into.")
def build(
    files: tuple[Path, ...],
    output: Path,
    base: str | None,
    strict: bool,
    no_validate: bool,
    no_view: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Build the graph of news listings (default: the bundled corpus) into OUTPUT.

    Writes OUTPUT/untoc.ttl (Turtle), OUTPUT/store/ (the embedded Oxigraph store that later
    commands reopen) and OUTPUT/graph.html (a network view), checks them against the SHACL
    shapes, then prints a summary.

    \b
    Example:
      untoc-graph build
      untoc-graph build saved/listing-2025.txt -o build-2025
    """
    paths = list(files) or default_sources()
    result = run_build(
        paths,
        output,
        base=base,
        progress=_progress(quiet),
        validate=not no_validate,
        view=not no_view,
        jobs=jobs,
    )
    _report(result, strict)


def _report(result, strict: bool) -> None:
    """The summary of a build, ingest or removal, on stderr; exit 1 under --strict if needed."""
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{result.entries} entries read: {result.articles} articles, {result.events} events, "
        f"{result.places} places, {result.organisations} organisations, {result.persons} persons; "
        f"{result.triples} triples; {len(result.warnings)} warnings",
        err=True,
    )
    violations = result.violations or ()
    for v in violations[:20]:
        click.echo(f"violation: {v.focus} {v.path}: {v.message}", err=True)
    if len(violations) > 20:
        click.echo(
            f"… and {len(violations) - 20} more; `untoc-graph validate` lists them all", err=True
        )
    if result.violations is not None:
        shapes = f"{len(violations)} violations" if violations else "conforms"
        click.echo(f"SHACL shapes: {shapes}", err=True)
    if result.timings:
        spent = "; ".join(f"{stage} {seconds:.1f} s" for stage, seconds in result.timings.items())
        click.echo(f"time: {spent}", err=True)
    for name, path in result.outputs.items():
        click.echo(f"{name}: {path}", err=True)
    for note in result.notes:
        click.echo(note, err=True)
    if strict and (result.warnings or violations):
        sys.exit(1)


@main.command()
@click.option(
    "--gold",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="Gold annotations: a JSON Lines file, or a folder of LISTING.gold.jsonl (tests/gold/).",
)
@store_option("The store of the build to evaluate.")
@click.option(
    "-e",
    "--errors",
    "-v",
    "--verbose",
    "verbose",
    is_flag=True,
    help="Also list each miss and false hit, with its listing and line.",
)
def evaluate(gold: Path, store_path: Path, verbose: bool) -> None:
    """Print precision, recall and F1 per field of a build against a gold file.

    \b
    Example:
      untoc-graph build && untoc-graph evaluate --gold tests/gold/bundled-corpus.jsonl
      untoc-graph build tests/gold/dev/*.txt -o output/dev
      untoc-graph evaluate --gold tests/gold/dev --store output/dev/store --errors
    """
    from .evaluate import evaluate as run_evaluate
    from .evaluate import read_gold
    from .store import open_store
    from .vocabulary import Vocabulary

    records = read_gold(gold)
    store = open_store(store_path)
    details: list = []
    scores = run_evaluate(store, records, Vocabulary(), details if verbose else None)
    for source, line, field, missed, false in details:
        where = f"{source}:{line}" if source else f"line {line}"
        if missed:
            click.echo(f"{where} {field}: missed {missed}", err=True)
        if false:
            click.echo(f"{where} {field}: false {false}", err=True)
    click.echo(f"{'field':<20}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}{'found':>7}")
    for s in scores:
        click.echo(
            f"{s.field:<20}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
            f"{s.expected:>7}{s.predicted:>7}"
        )


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
    from .explain import explain as run_explain
    from .store import open_store
    from .vocabulary import Vocabulary

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
    from .store import open_store

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
    type=click.Choice(["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]),
    help="Result format: table/csv/tsv/json/xml for SELECT and ASK, ttl/nt/jsonld for "
    "CONSTRUCT and DESCRIBE (which default to ttl).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the results to a file; - is stdout.",
)
@store_option("The store to query.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Stop the query after this many seconds.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    default=None,
    help="Query this SPARQL endpoint instead of the local store.",
)
@click.option("--user", default=None, help="User name for the endpoint (HTTP basic auth).")
@click.option(
    "--password-env",
    metavar="VAR",
    default=None,
    help="Environment variable that holds the endpoint's password.",
)
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
    from .query import Limits, Outcome, bind, check, named_queries, run

    named = named_queries()
    if query_file is not None:
        text, substitutions = query_file.read_text("utf-8"), {}
    elif query is None:
        raise UserError("give a query, a named query or -f FILE (see `untoc-graph queries`)")
    elif query in named:
        values = dict(_split_param(p) for p in params)
        text, substitutions = named[query].text, bind(named[query], values)
    elif re.fullmatch(r"[\w-]+", query):
        raise UserError(f"no named query {query!r}; `untoc-graph queries` lists them")
    else:
        text, substitutions = query, {}
    if params and (query_file is not None or query not in named):
        raise UserError("--param applies to named queries only")
    outcome = Outcome()
    if endpoint:
        from .remote import remote_query

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
    with click.open_file(output, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
    if outcome.truncated:
        click.echo(f"warning: results cut at {outcome.rows} rows", err=True)
    if outcome.form == "ASK" and not outcome.boolean:
        sys.exit(1)


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
    from .query import named_queries

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
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Stop each query after this many seconds.",
)
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

    from .query import Limits
    from .server import create_app
    from .workers import confinement

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
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv"]),
    help="RDF (ttl, nt, nq, trig, jsonld, rdfxml) or the entity network (graphml, gexf, "
    "csv: a -nodes.csv and an -edges.csv file).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output file; - is stdout (RDF only). For csv, the files' common prefix.",
)
@store_option("The store to export.")
def export(fmt: str, output: str, store_path: Path) -> None:
    """Export the graph as RDF, or its entity network for Gephi and Cytoscape.

    N-Quads and TriG keep one named graph per source document; the other RDF formats hold the
    union. JSON-LD uses the context of ontology/context.jsonld, inlined.

    \b
    Example:
      untoc-graph export --format trig -o output/untoc.trig
      untoc-graph export --format gexf -o output/network.gexf
      untoc-graph export --format csv -o output/network
    """
    from .export import NETWORK_FORMATS, export_network, export_rdf
    from .files import atomic_output
    from .store import open_store

    store = open_store(store_path)
    if fmt in NETWORK_FORMATS:
        if output == "-":
            raise UserError(f"--format {fmt} writes files: give -o FILE")
        for path in export_network(store, fmt, Path(output)):
            click.echo(f"wrote {path}", err=True)
    elif output == "-":
        export_rdf(store, fmt, sys.stdout.buffer)
    else:
        with atomic_output(Path(output)) as out:
            export_rdf(store, fmt, out)
        click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path))
@store_option("The store to validate when no FILE is given.")
def validate(file: Path | None, store_path: Path) -> None:
    """Check a graph against the SHACL shapes of the data model (ontology/shapes.ttl).

    Validates FILE (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) or the store of the last
    build. Exit codes: 0 conforms, 1 violations, 2 unusable input.

    \b
    Example:
      untoc-graph validate
      untoc-graph validate output/untoc.ttl
    """
    from .store import open_store
    from .validate import graph_of_file, graph_of_store
    from .validate import validate as run_validate

    graph = graph_of_file(file) if file is not None else graph_of_store(open_store(store_path))
    violations = run_validate(graph)
    for v in violations:
        value = f" (value: {v.value})" if v.value and v.value != v.focus else ""
        click.echo(f"{v.focus}  {v.path or '-'}: {v.message}{value}")
    target = file or store_path
    if violations:
        click.echo(f"{target}: {len(violations)} violation(s) of the shapes", err=True)
        sys.exit(1)
    click.echo(f"{target}: conforms to the shapes ({len(graph)} triples)", err=True)


@main.command()
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="The server's Graph Store endpoint (e.g. http://127.0.0.1:7878/store for "
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
@click.option("--user", default=None, help="User name (HTTP basic auth).")
@click.option(
    "--password-env",
    metavar="VAR",
    default=None,
    help="Environment variable that holds the password.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for the server to answer each request.",
)
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
    from .remote import push as run_push
    from .store import open_store

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


@main.command("ontology-docs")
@click.option(
    "-o",
    "--output",
    default="-",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write to this file (docs/ontology.md in the repository); - is stdout.",
)
def ontology_docs(output: str) -> None:
    """Generate the ontology reference from ontology/untoc.ttl and the SKOS vocabularies.

    \b
    Example:
      untoc-graph ontology-docs -o docs/ontology.md
    """
    from .ontodoc import ontology_markdown

    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(ontology_markdown())


@main.command()
@click.option(
    "--focus",
    metavar="NAME",
    default=None,
    help="Draw the neighbourhood of this entity (a country, city, programme, Protocol…).",
)
@click.option(
    "--depth",
    type=click.IntRange(1, 5),
    default=1,
    show_default=True,
    help="How many links away from --focus to draw.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only entities of this kind (repeatable): country, city, region, organisation, "
    "person, programme, instrument, topic, event.",
)
@click.option(
    "--since", metavar="DATE", default=None, help="Only entries published on or after DATE."
)
@click.option(
    "--until", metavar="DATE", default=None, help="Only entries published on or before DATE."
)
@click.option(
    "--projection",
    metavar="KIND-KIND",
    default=None,
    help="Link entities of two kinds by the entries they share, e.g. country-instrument, "
    "country-programme, organisation-event.",
)
@click.option(
    "--role",
    type=click.Choice(["organiser", "host", "funder", "participant", "attendee", "speaker"]),
    default=None,
    help="With a projection on events: only the links of this role, e.g. --projection "
    "country-event --role funder draws which state funded which event.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    help="Refuse to draw more nodes than this (the page would not stay usable).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("output/graph.html"),
    show_default=True,
)
@store_option("The store to draw.")
def view(
    focus, depth, kinds, since, until, projection, role, max_nodes, output, store_path
) -> None:
    """Write an interactive network view of the graph as one self-contained HTML page.

    Entities are linked when the same entries name them (edge weight: how many). The page works
    offline from a file: legend and kind filters, year and instrument filters, a search box,
    tooltips with identifiers, and the entries with their quoted evidence on a click.

    \b
    Example:
      untoc-graph view
      untoc-graph view --focus Iraq --depth 2 -o output/iraq.html
      untoc-graph view --projection country-instrument -o output/countries-instruments.html
      untoc-graph view --projection country-event --role funder -o output/funders.html
    """
    from .store import open_store
    from .views import ViewOptions, build_view, write_html

    for value, name in ((since, "--since"), (until, "--until")):
        if value is not None and not re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
            raise UserError(f"{name} {value!r}: give a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
    if role and not (projection and "event" in projection.split("-")):
        raise UserError("--role draws a projection on events: add e.g. --projection country-event")
    options = ViewOptions(
        focus, depth, tuple(kinds), since, until and until + "\uffff", projection, max_nodes, role
    )
    network, page = build_view(open_store(store_path), options)
    title = (
        "untoc-graph"
        + (f" — {focus}" if focus else "")
        + (f" — {projection}" if projection else "")
        + (f" ({role})" if role else "")
    )
    write_html(page, output, title)
    click.echo(
        f"wrote {output}: {network.number_of_nodes()} nodes, {network.number_of_edges()} links",
        err=True,
    )


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@build_options("The folder of the earlier build.")
def ingest(files, output, base, strict, no_validate, no_view, jobs, quiet) -> None:
    """Add listings to the store of an earlier build, touching only their own named graphs.

    A new listing adds its graph, an updated one replaces its graph, and one already ingested
    unchanged adds nothing. The listing's section of untoc.ttl is replaced the same way, and
    the view is drawn again.

    \b
    Example:
      untoc-graph ingest saved/news-2025-12.txt
    """
    from .build import ingest as run_ingest

    result = run_ingest(
        files,
        output,
        base=base,
        progress=_progress(quiet),
        validate=not no_validate,
        view=not no_view,
        jobs=jobs,
    )
    _report(result, strict)


@main.command()
@click.argument("source")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The folder of the earlier build.",
)
@click.option("--base", default=None, metavar="IRI", help="Base IRI, as given to build.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
def remove(source: str, output: Path, base: str | None, no_validate: bool) -> None:
    """Withdraw a source completely: its articles, their evidence, and entities nothing else names.

    SOURCE is the listing's file name (as built or ingested) or its source graph IRI.

    \b
    Example:
      untoc-graph remove news-2025-12.txt
    """
    from .build import remove as run_remove

    graph, count, result = run_remove(
        source, output, base=base, validate=not no_validate, progress=_progress(False)
    )
    click.echo(f"removed <{graph}>: {count} quads", err=True)
    _report(result, False)


@main.command()
@click.argument("url")
@click.option(
    "--follow-read-more",
    is_flag=True,
    help="Also fetch the articles the listing links to (on the same site).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output/cache"),
    show_default=True,
    help="Folder that keeps every page fetched; build reads it.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to the same site.",
)
@click.option(
    "--retries",
    type=click.IntRange(1, 10),
    default=3,
    show_default=True,
    help="Attempts for a page that fails with a server error or no answer.",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=20_000_000,
    show_default=True,
    help="Largest response kept, counted after decompression; a larger one is dropped.",
)
@click.option(
    "--max-time",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds one URL may take in all, redirects and retries included.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def fetch(
    url: str,
    follow_read_more: bool,
    cache: Path,
    delay: float,
    retries: int,
    timeout: float,
    max_bytes: int,
    max_time: float,
    quiet: bool,
) -> None:
    """Download a news listing (and its articles) politely into a cache folder, then build it.

    Honours robots.txt, sends an honest user agent, waits between requests, retries with
    backoff, and keeps every response on disk: a second run makes no request, and an
    interrupted one resumes.

    \b
    Example:
      untoc-graph fetch https://www.unodc.org/unodc/en/organized-crime/news.html --follow-read-more
      untoc-graph build output/cache
    """
    from .fetch import FetchOptions
    from .fetch import fetch as run_fetch

    options = FetchOptions(
        delay=delay, retries=retries, timeout=timeout, max_bytes=max_bytes, max_time=max_time
    )
    result = run_fetch(
        url,
        cache,
        follow_read_more=follow_read_more,
        options=options,
        progress=_progress(quiet),
    )
    for line in result.skipped:
        click.echo(f"skipped {line}", err=True)
    for line in result.failed:
        click.echo(f"failed {line}", err=True)
    click.echo(
        f"{len(result.pages)} pages in {cache} ({result.cached} already there), "
        f"{result.requests} requests; next: untoc-graph build {cache}",
        err=True,
    )
