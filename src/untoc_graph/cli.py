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
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--base",
    default=None,
    metavar="IRI",
    help="Base IRI of the resources the build creates [default: https://w3id.org/untoc-graph/id/].",
)
@click.option("--strict", is_flag=True, help="Exit with 1 when any entry has a warning.")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
def build(
    files: tuple[Path, ...], output: Path, base: str | None, strict: bool, quiet: bool
) -> None:
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


@main.command()
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="Gold annotations, JSON Lines (see tests/gold/).",
)
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=Path("output/store"),
    show_default=True,
    help="The store of the build to evaluate.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list every entry and field that differs.")
def evaluate(gold: Path, store_path: Path, verbose: bool) -> None:
    """Print precision, recall and F1 per field of a build against a gold file.

    \b
    Example:
      untoc-graph build && untoc-graph evaluate --gold tests/gold/bundled-corpus.jsonl
    """
    from .evaluate import GoldError, read_gold
    from .evaluate import evaluate as run_evaluate
    from .store import open_store
    from .vocabulary import Vocabulary

    try:
        records = read_gold(gold)
        store = open_store(store_path)
    except (GoldError, StoreError) as error:
        raise UserError(str(error)) from None
    details: list = []
    scores = run_evaluate(store, records, Vocabulary(), details if verbose else None)
    for line, field, expected, predicted in details:
        click.echo(f"line {line} {field}: expected {expected} got {predicted}", err=True)
    click.echo(f"{'field':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}{'found':>7}")
    for s in scores:
        click.echo(
            f"{s.field:<16}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}"
            f"{s.expected:>7}{s.predicted:>7}"
        )


@main.command()
@click.argument("reference")
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path),
    default=Path("output/store"),
    show_default=True,
    help="The store to read.",
)
def explain(reference: str, store_path: Path) -> None:
    """Show each fact about an article or entity with the quoted text that supports it.

    REFERENCE is an IRI, a prefixed name (country:IQ, article:2024-07-02-9ae5de01bc) or a
    name as the graph spells it (Baghdad, "UNTOC Review Mechanism").

    \b
    Example:
      untoc-graph explain "Firearms Protocol"
      untoc-graph explain country:IQ
    """
    from .explain import ExplainError
    from .explain import explain as run_explain
    from .store import open_store
    from .vocabulary import Vocabulary

    try:
        result = run_explain(open_store(store_path), reference, Vocabulary().aliases())
    except (ExplainError, StoreError) as error:
        raise UserError(str(error)) from None
    click.echo(f"{result.node} ({result.kind})")
    for predicate, value in result.description:
        click.echo(f"  {predicate} {value}")
    click.echo(f"evidence ({len(result.evidence)}):")
    for e in result.evidence:
        what = f"{e.supports} " if e.supports else ""
        where = f"{e.field} {e.start}-{e.end}"
        click.echo(f"  {what}{e.label} [{e.about}] ← “{e.exact}” ({where})")
