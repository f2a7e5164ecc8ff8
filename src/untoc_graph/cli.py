"""The command line: a thin layer that parses options, calls the library and formats results.

Exit codes: 0 success; 1 a negative answer (warnings under --strict); 2 unusable input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build as run_build
from .build import default_sources
from .sources import SourceError
from .store import StoreError

CONTEXT = {"help_option_names": ["-h", "--help"]}


class UserError(click.ClickException):
    """A mistake the user can fix: one line on stderr, exit code 2."""

    exit_code = 2


def _progress(quiet: bool):
    def report(message: str) -> None:
        if not quiet and sys.stderr.isatty():
            click.echo(f"… {message}", err=True)

    return report


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def main() -> None:
    """Turn UNODC news on transnational organized crime into a linked RDF knowledge graph."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Folder to write into.")
@click.option("--base", default=None, metavar="IRI",
              help="Base IRI of the resources the build creates "
                   "[default: https://w3id.org/untoc-graph/id/].")
@click.option("--strict", is_flag=True, help="Exit with 1 when any entry has a warning.")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def build(files: tuple[Path, ...], output: Path, base: str | None, strict: bool, quiet: bool) -> None:
    """Build the graph of news listings (default: the bundled corpus) into OUTPUT.

    Writes OUTPUT/untoc.ttl (Turtle), OUTPUT/store/ (the embedded Oxigraph store that later
    commands reopen) and OUTPUT/graph.html (a network view), then prints a summary.

    \b
    Example:
      untoc-graph build
      untoc-graph build saved/listing-2025.txt -o build-2025
    """
    paths = list(files) or default_sources()
    try:
        result = run_build(paths, output, base=base, progress=_progress(quiet))
    except (SourceError, StoreError) as error:
        raise UserError(str(error)) from None
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"{result.entries} entries read: {result.articles} articles, {result.events} events, "
        f"{result.places} places, {result.organisations} organisations, {result.persons} persons; "
        f"{result.triples} triples; {len(result.warnings)} warnings",
        err=True,
    )
    for name, path in result.outputs.items():
        click.echo(f"{name}: {path}", err=True)
    if strict and result.warnings:
        sys.exit(1)
