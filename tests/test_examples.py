"""Every command example, in the README and in each command's --help, parses against the real
command; those that only read the last build run on a copy of it and succeed."""

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from untoc_graph.cli import main

ROOT = Path(__file__).parent.parent
#: Commands an example may run offline against a copy of the last build (the others fetch,
#: serve, push to a server, or read files the example only names).
READ_ONLY = {"query", "queries", "explain", "export", "validate", "view", "map", "timeline"}


def _readme_examples() -> list[tuple[str, list[str]]]:
    found, fenced = [], False
    for number, line in enumerate((ROOT / "README.md").read_text().splitlines(), start=1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        for command in line.split("&&") if fenced else ():
            if "untoc-graph " in command:
                command = command[command.index("untoc-graph ") :]
                found.append((f"README.md:{number}", shlex.split(command, comments=True)[1:]))
    return found


def _help_examples() -> list[tuple[str, list[str]]]:
    found = []
    for name, command in sorted(main.commands.items()):
        text = command.help or ""
        examples = text.split("Example:", 1)[1] if "Example:" in text else ""
        for line in examples.splitlines():
            for command in line.split("&&"):
                command = command.strip()
                if command.startswith("untoc-graph "):
                    found.append((f"{name} --help", shlex.split(command, comments=True)[1:]))
    return found


EXAMPLES = _readme_examples() + _help_examples()


def test_the_examples_cover_every_command():
    assert {argv[0] for _, argv in EXAMPLES} == set(main.commands)


@pytest.mark.parametrize(("where", "argv"), EXAMPLES, ids=[" ".join(a) for _, a in EXAMPLES])
def test_example_parses(where, argv):
    name, *args = argv
    assert name in main.commands, f"{where}: no command {name!r}"
    parent = click.Context(main, info_name="untoc-graph")
    main.commands[name].make_context(name, args, parent=parent)


#: Examples against a server (--endpoint) are parsed only; test_remote.py runs push and query
#: against a real one.
RUNNABLE = [
    (where, argv) for where, argv in EXAMPLES if argv[0] in READ_ONLY and "--endpoint" not in argv
]


@pytest.fixture
def last_build(built, tmp_path, monkeypatch):
    """A working folder holding a copy of the bundled build in output/, as after `build`."""
    _, output = built
    shutil.copytree(output, tmp_path / "output", ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("where", "argv"), RUNNABLE, ids=[" ".join(a) for _, a in RUNNABLE])
def test_example_runs(where, argv, last_build):
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 0, f"{where}: {result.output}"
    assert not re.search(r"Traceback", result.output)
