"""Commands that build the graph: build, ingest, remove, fetch."""

from __future__ import annotations

import contextlib
import re
import sys
import time
from pathlib import Path

import click

from .main import STARTED, UserError, _progress, build_options, folder_option, main, timeout_option


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
    dask: str | None,
    quiet: bool,
) -> None:
    """Build the graph of news listings (default: the bundled corpus) into OUTPUT.

    Writes OUTPUT/untoc.ttl (Turtle), OUTPUT/store/ (the embedded Oxigraph store that later
    commands reopen), and OUTPUT/graph.html, map.html and timeline.html (the network, and the
    events on a map and a time line); checks them against the SHACL shapes, then prints a
    summary.

    \b
    Example:
      untoc-graph build
      untoc-graph build saved/listing-2025.txt -o build-2025
    """
    from ..pipeline import build as run_build
    from ..pipeline import default_sources

    paths = list(files) or default_sources()
    with _cluster(dask) as executor:
        options = _options(base, no_validate, no_view, jobs, quiet, executor)
        result = run_build(paths, output, options)
    _report(result, strict, output)


def _warnings(warnings: list[str], output: Path | None, write: bool = True) -> None:
    """Warnings by kind: the first few of each, one line each, then how many more; the full
    list in OUTPUT/warnings.tsv (unless ``write`` is false)."""
    kinds: dict[str, list[str]] = {}
    for warning in warnings:
        kinds.setdefault(_kind(warning), []).append(warning)
    for kind, found in kinds.items():
        for warning in found[:SHOWN_PER_KIND]:
            line = f"warning: {' '.join(warning.split())}"
            click.echo(line if len(line) <= WIDTH else line[: WIDTH - 1] + "…", err=True)
        if len(found) > SHOWN_PER_KIND:
            more = len(found) - SHOWN_PER_KIND
            click.echo(f"warning: … and {more:,} more like “{kind}”", err=True)
    if output is None or not output.is_dir() or not write:
        return  # a removal: its warnings are the listing's
    from ..files import atomic_write

    rows = ["source\tline\twarning"]
    for warning in warnings:
        place = _PLACE.match(warning)
        source, line, message = place.groups() if place else ("", "", warning)
        rows.append("\t".join(" ".join(x.split()) for x in (source, line, message)))
    atomic_write(output / "warnings.tsv", ("\n".join(rows) + "\n").encode())
    if any(len(found) > SHOWN_PER_KIND for found in kinds.values()):
        click.echo(f"all {len(warnings):,} warnings: {output / 'warnings.tsv'}", err=True)


def _kind(warning: str) -> str:
    """What a warning says, without where and without its numbers and quotes."""
    place = _PLACE.match(warning)
    message = place["message"] if place else warning
    message = re.sub(r"\d[\d,.]*", "N", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”", "…", message)
    message = re.split(r"[;:(]", message, maxsplit=1)[0]
    return " ".join(message.split())[:80]


def _options(base, no_validate: bool, no_view: bool, jobs: int, quiet: bool, executor=None):
    """The settings build and ingest take from the options they share."""
    from ..pipeline import BuildOptions

    return BuildOptions(
        base=base,
        progress=_progress(quiet),
        validate=not no_validate,
        view=not no_view,
        jobs=jobs,
        executor=executor,
    )


@contextlib.contextmanager
def _cluster(address: str | None):
    """The executor of the Dask cluster at ``address``, connected for the ``with`` block."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise UserError("--dask needs Dask: pip install 'untoc-graph[dask]'") from None
    try:
        client = Client(address, timeout=30, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise UserError(f"--dask {address}: cannot reach the scheduler ({error})") from None
    with client:
        yield client.get_executor()


#: Warnings of one kind shown on the terminal; the others are counted, and all of them are
#: in OUTPUT/warnings.tsv (and in the graph: `untoc-graph query warnings`).
SHOWN_PER_KIND = 3
#: The longest warning line shown.
WIDTH = 200
_PLACE = re.compile(r"^(?P<source>.*?):(?P<line>\d+): (?P<message>.*)$", re.S)


def _report(result, strict: bool, output: Path | None = None) -> None:
    """The summary of a build, ingest or removal, on stderr; exit 1 under --strict if needed."""
    _warnings(result.warnings, output, write=not result.unchanged)
    if result.unchanged:
        click.echo(
            "unchanged: every source is as it was last read, by the same version of the tool; "
            "untoc.ttl, the store and the pages are as they were",
            err=True,
        )
        if strict and result.warnings:
            sys.exit(1)
        return
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
        total = time.perf_counter() - STARTED
        click.echo(f"time: {spent}; in all {total:.1f} s (start-up and checks included)", err=True)
    for name, path in result.outputs.items():
        click.echo(f"{name}: {path}", err=True)
    for note in result.notes:
        click.echo(note, err=True)
    if strict and (result.warnings or violations):
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@build_options("The folder of the earlier build.")
def ingest(files, output, base, strict, no_validate, no_view, jobs, dask, quiet) -> None:
    """Add listings to the store of an earlier build, touching only their own named graphs.

    A new listing adds its graph, an updated one replaces its graph, and one already ingested
    unchanged adds nothing. The listing's section of untoc.ttl is replaced the same way, and
    the view is drawn again.

    \b
    Example:
      untoc-graph ingest saved/news-2025-12.txt
    """
    from ..pipeline import ingest as run_ingest

    with _cluster(dask) as executor:
        options = _options(base, no_validate, no_view, jobs, quiet, executor)
        result = run_ingest(files, output, options)
    _report(result, strict, output)


@main.command()
@click.argument("source")
@folder_option("The folder of the earlier build.")
@click.option("--base", default=None, metavar="IRI", help="Base IRI, as given to build.")
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check.")
def remove(source: str, output: Path, base: str | None, no_validate: bool) -> None:
    """Withdraw a source completely: its articles, their evidence, and entities nothing else names.

    SOURCE is the listing's file name (as built or ingested) or its source graph IRI.

    \b
    Example:
      untoc-graph remove news-2025-12.txt
    """
    from ..pipeline import remove as run_remove

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
@timeout_option(30.0, "Seconds to wait for each request.")
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
    """Download a news listing (and its articles) politely into a cache folder.

    Honours robots.txt, sends an honest user agent, waits between requests, retries with
    backoff, and keeps every response on disk: a second run makes no request, and an
    interrupted one resumes. It builds nothing: run `build` on the cache folder next.

    \b
    Example:
      untoc-graph fetch https://www.unodc.org/unodc/en/organized-crime/news.html --follow-read-more
      untoc-graph build output/cache
    """
    from ..fetch import FetchOptions
    from ..fetch import fetch as run_fetch

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
