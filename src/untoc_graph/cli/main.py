"""The command line's core: the main group, the one error translator, and the options
commands share.

Exit codes: 0 success; 1 a negative answer (warnings under --strict); 2 unusable input.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .. import __version__
from ..errors import UntocError

CONTEXT = {"help_option_names": ["-h", "--help"]}
#: When the command line started: the summary's total covers the whole run.
STARTED = time.perf_counter()


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


def folder_option(help_text: str):
    """-o FOLDER: the folder a build writes, or an earlier build's."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help=help_text,
    )


def file_option(help_text: str):
    """-o FILE, where - is stdout."""
    return click.option(
        "-o",
        "--output",
        default="-",
        type=click.Path(dir_okay=False, allow_dash=True),
        help=help_text,
    )


def timeout_option(default: float, help_text: str):
    """--timeout SECONDS, with a default that fits the command."""
    return click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=default,
        show_default=True,
        help=help_text,
    )


def auth_options(command):
    """--user and --password-env: HTTP basic auth, the password never on the command line."""
    command = click.option(
        "--password-env",
        metavar="VAR",
        default=None,
        help="Environment variable that holds the password.",
    )(command)
    return click.option("--user", default=None, help="User name (HTTP basic auth).")(command)


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
    """What a long command tells the terminal: its steps, and a bar with count, rate and ETA
    for each stage that counts its work. Silent under --quiet and when stderr is no terminal."""
    return _Progress(on=not quiet and sys.stderr.isatty())


class _Progress:
    def __init__(self, on: bool):
        self.on, self.bar, self.stage = on, None, None

    def __call__(self, message: str) -> None:
        self._close()
        if self.on:
            click.echo(f"… {message}", err=True)

    def count(self, stage: str, done: int, total: int | None = None, unit: str = "") -> None:
        """``done`` of ``total`` (if known) units of work of ``stage`` are done."""
        if not self.on:
            return
        if self.stage != stage:
            from tqdm import tqdm

            self._close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=f"… {stage}", unit=unit or "it", file=sys.stderr)
        self.bar.update(done - self.bar.n)
        if total is not None and done >= total:
            self._close()

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = self.stage = None


def build_options(output_help: str):
    """The options build and ingest share: output folder, base IRI, strictness, validation."""
    options = [
        folder_option(output_help),
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
        click.option(
            "--no-view",
            is_flag=True,
            help="Do not draw OUTPUT/graph.html, map.html and timeline.html (see `view`, `map`, `timeline`).",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(1, 64),
            default=1,
            show_default=True,
            help="Processes that extract and map entries; the output is the same for any "
            "number. Use the number of cores for large listings.",
        ),
        click.option(
            "--dask",
            metavar="ADDRESS",
            default=None,
            help="Extract and map on the Dask cluster whose scheduler is at ADDRESS "
            "(tcp://host:8786) instead of local processes; the output is the same. "
            "Needs the [dask] extra.",
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
