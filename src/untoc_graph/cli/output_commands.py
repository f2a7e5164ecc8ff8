"""Commands that write or check what was built: export, view, validate, evaluate,
ontology-docs."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .main import UserError, _progress, file_option, main, store_option


def page_option(name: str):
    """-o FILE for a command that writes an HTML page, by default OUTPUT/NAME as build does."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("output") / name,
        show_default=True,
    )


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
    from ..evaluate import evaluate as run_evaluate
    from ..evaluate import read_gold
    from ..store import open_store
    from ..vocabulary import Vocabulary

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
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv"]),
    help="RDF (ttl, nt, nq, trig, jsonld, rdfxml) or the entity network (graphml, gexf, "
    "csv: a -nodes.csv and an -edges.csv file).",
)
@file_option("Output file; - is stdout (RDF only). For csv, the files' common prefix.")
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
    from ..export import NETWORK_FORMATS, export_network, export_rdf
    from ..files import atomic_output
    from ..store import open_store

    store = open_store(store_path)
    if fmt in NETWORK_FORMATS:
        if output == "-":
            raise UserError(f"--format {fmt} writes files: give -o FILE")
        for path in export_network(store, fmt, Path(output)):
            click.echo(f"wrote {path}", err=True)
    elif output == "-":
        export_rdf(store, fmt, sys.stdout.buffer, progress=_progress(quiet=False))
    else:
        with atomic_output(Path(output)) as out:
            export_rdf(store, fmt, out, progress=_progress(quiet=False))
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
    from ..store import open_store
    from ..validate import graph_of_file, graph_of_store
    from ..validate import validate as run_validate

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


@main.command("ontology-docs")
@file_option("Write to this file (docs/ontology.md in the repository); - is stdout.")
def ontology_docs(output: str) -> None:
    """Generate the ontology reference from ontology/untoc.ttl and the SKOS vocabularies.

    \b
    Example:
      untoc-graph ontology-docs -o docs/ontology.md
    """
    from ..ontodoc import ontology_markdown

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
@page_option("graph.html")
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
    from ..store import open_store
    from ..views import ViewOptions, build_view, write_html

    for value, name in ((since, "--since"), (until, "--until")):
        if value is not None and not _is_date(value):
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


def _event_page(kind: str, output: Path, store_path: Path) -> None:
    from ..event_views import event_data, write_map, write_timeline
    from ..store import open_store

    data = event_data(open_store(store_path))
    (write_map if kind == "map" else write_timeline)(data, output)
    placed = sum(1 for event in data["events"] if event["places"])
    click.echo(
        f"wrote {output}: {len(data['events'])} events"
        + (f", {placed} with a place" if kind == "map" else "")
        + ("" if data["quoted"] else " (entries listed without their quotes: too many events)"),
        err=True,
    )


@main.command("map")
@page_option("map.html")
@store_option("The store to draw.")
def map_command(output: Path, store_path: Path) -> None:
    """Write the events on a world map as one self-contained HTML page.

    Events are markers at their city, sized by count; countries where events took place are
    shaded. Filters by year, instrument, event type and the role a state or body played; a
    click lists the events with their entries and quoted evidence. Country outlines are bundled
    (Natural Earth): the page works offline from a file. `build` writes it too.

    \b
    Example:
      untoc-graph map
      untoc-graph map -o output/where.html
    """
    _event_page("map", output, store_path)


@main.command()
@page_option("timeline.html")
@store_option("The store to draw.")
def timeline(output: Path, store_path: Path) -> None:
    """Write the events per month as one self-contained HTML page.

    Bars are stacked by event type or by instrument, with the same filters as the map; a click
    on a bar lists that month's events with their entries and quoted evidence. `build` writes
    it too.

    \b
    Example:
      untoc-graph timeline
      untoc-graph timeline -o output/when.html
    """
    _event_page("timeline", output, store_path)


def _is_date(value: str) -> bool:
    """A real date, month or year written YYYY-MM-DD, YYYY-MM or YYYY ("2024-13-45" is none)."""
    from datetime import datetime

    if not re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
        return False
    try:
        datetime.strptime(value, ("%Y", "%Y-%m", "%Y-%m-%d")[value.count("-")])
    except ValueError:
        return False
    return True
