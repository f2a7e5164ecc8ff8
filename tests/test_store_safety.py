"""Writers of one output folder: one at a time, the Turtle file and the store always describing
the same graph, whatever stops them, and a full or read-only folder said in one line."""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from untoc_graph import batches
from untoc_graph.cli import main
from untoc_graph.pipeline import build, ingest, reconcile, remove
from untoc_graph.store import open_store
from untoc_graph.turtle import turtle_sections

pipeline = sys.modules["untoc_graph.pipeline"]
ROOT = Path(__file__).parent.parent
OURS = {
    "untoc.ttl",
    "store",
    "graph.html",
    "map.html",
    "timeline.html",
    "warnings.tsv",
    "inputs.json",
    ".lock",
}  # what a writer leaves in its folder

EXTRA = "Vienna, 8 January 2025. UNODC met in Vienna.\nBaghdad, 2 July 2024 - A training.\n"
OTHER = "Bogota, 14 March 2024. UNODC held a workshop on the Firearms Protocol.\n"

# Runs the command line in a subprocess that stops at one moment of its store phase and waits
# there to be killed: while loading the new store, once it is loaded, between the two renames
# of the swap, and after the swap.
STOP_AT = """
import pathlib, sys, time
import untoc_graph.batches, untoc_graph.store

batches, store = sys.modules["untoc_graph.batches"], sys.modules["untoc_graph.store"]

moment = sys.argv[1]

def stop(name):
    if name == moment:
        print(name, flush=True)
        time.sleep(600)

load = batches._Written.load
def loading(self, *args):
    stop("loading")
    load(self, *args)
    stop("loaded")
batches._Written.load = loading

rename = pathlib.Path.rename
def renaming(self, target):
    renamed = rename(self, target)
    if str(target).endswith(".old"):
        stop("swapping")
    return renamed
pathlib.Path.rename = renaming

swap = store._swap
def swapping(*args):
    swap(*args)
    stop("swapped")
store._swap = swapping

from untoc_graph.cli import main
main(sys.argv[2:], prog_name="untoc-graph")
"""

HOLD = """
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def quads(output: Path) -> set[ox.Quad]:
    return set(open_store(output / "store").quads_for_pattern(None, None, None))


def turtle_quads(output: Path) -> list[ox.Quad]:
    """The statements of ``untoc.ttl``, each in the named graph of its section."""
    turtle = output / "untoc.ttl"
    header, sections = turtle_sections(turtle)
    data = turtle.read_bytes()
    found = []
    for graph, (start, stop) in sections.items():
        parsed = ox.parse(header + data[start:stop], format=ox.RdfFormat.TURTLE)
        found += [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph)) for q in parsed]
    return found


def assert_in_agreement(output: Path) -> None:
    """``untoc.ttl`` and the store describe the same graph: as many quads, the same ones (a
    section may state a triple twice, which the store holds once)."""
    in_turtle = set(turtle_quads(output))
    assert len(in_turtle) == len(open_store(output / "store"))
    assert in_turtle == quads(output)


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.iterdir() if p.name not in OURS)


def stop_at(moment: str, *args: str) -> None:
    """Run ``untoc-graph ARGS`` in a subprocess and kill it with SIGKILL at ``moment``."""
    process = subprocess.Popen(
        [sys.executable, "-c", STOP_AT, moment, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        reached = process.stdout.readline().strip() if ready else ""
        if reached != moment:
            process.kill()
            pytest.fail(f"never reached {moment}: {process.communicate()[1]}")
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


@pytest.fixture(scope="module")
def listings(tmp_path_factory, corpus) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("listings")
    texts = {
        "changed.txt": corpus.read_text() + "Vienna, 1 December 2025. One more entry.\n",
        "extra.txt": EXTRA,
        "other.txt": OTHER,
    }
    for name, text in texts.items():
        (folder / name).write_text(text)
    return {"corpus": corpus, **{name.split(".")[0]: folder / name for name in texts}}


@pytest.fixture(scope="module")
def expected(tmp_path_factory, listings, lexicon) -> dict[str, Path]:
    """What each sequence of uninterrupted runs leaves, ending with an ingest of other.txt."""
    runs = {
        "previous": [listings["corpus"]],
        "rebuilt": [listings["changed"]],
        "ingested": [listings["corpus"], listings["extra"]],
    }
    outputs = {}
    for name, (first, *then) in runs.items():
        out = tmp_path_factory.mktemp(name)
        build([first], out, lexicon=lexicon, validate=False, view=False)
        for listing in [*then, listings["other"]]:
            ingest([listing], out, lexicon=lexicon, validate=False, view=False)
        outputs[name] = out
    return outputs


@pytest.mark.parametrize(
    ("moment", "outcome"),
    [
        ("loading", "previous"),
        ("loaded", "previous"),
        ("swapping", "previous"),
        ("swapped", "rebuilt"),
    ],
)
def test_a_build_killed_in_its_store_phase_leaves_turtle_and_store_in_agreement(
    tmp_path, listings, expected, lexicon, moment, outcome
):
    out = tmp_path / "out"
    build([listings["corpus"]], out, lexicon=lexicon, validate=False, view=False)
    stop_at(moment, "build", str(listings["changed"]), "-o", str(out), "-q", "--no-validate")
    ingest([listings["other"]], out, lexicon=lexicon, validate=False, view=False)
    assert_in_agreement(out)
    assert quads(out) == quads(expected[outcome])
    assert (out / "untoc.ttl").read_bytes() == (expected[outcome] / "untoc.ttl").read_bytes()
    assert leftovers(out) == []


@pytest.mark.parametrize(("moment", "outcome"), [("swapping", "previous"), ("swapped", "ingested")])
def test_an_ingest_killed_in_its_swap_leaves_turtle_and_store_in_agreement(
    tmp_path, listings, expected, lexicon, moment, outcome
):
    out = tmp_path / "out"
    build([listings["corpus"]], out, lexicon=lexicon, validate=False, view=False)
    stop_at(moment, "ingest", str(listings["extra"]), "-o", str(out), "-q", "--no-validate")
    ingest([listings["other"]], out, lexicon=lexicon, validate=False, view=False)
    assert_in_agreement(out)
    assert quads(out) == quads(expected[outcome])
    assert (out / "untoc.ttl").read_bytes() == (expected[outcome] / "untoc.ttl").read_bytes()
    assert leftovers(out) == []


def test_a_turtle_that_no_longer_matches_the_store_is_written_again_from_it(
    tmp_path, listings, lexicon
):
    out = tmp_path / "out"
    build([listings["extra"]], out, lexicon=lexicon, validate=False, view=False)
    turtle = out / "untoc.ttl"
    # as a run that was stopped between writing the one and the other could leave them
    turtle.write_bytes(turtle.read_bytes() + b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    result = ingest([listings["other"]], out, lexicon=lexicon, validate=False, view=False)
    assert "untoc.ttl did not describe the store's graph: written again from the store" in (
        result.notes
    )
    assert_in_agreement(out)
    assert reconcile(out) == ()  # and now they agree, there is nothing to do


def test_two_ingests_at_once_both_land_whole(tmp_path, lexicon):
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    first = generate.write(300, tmp_path / "first.txt", seed=1)
    second = generate.write(300, tmp_path / "second.txt", seed=2)
    base = tmp_path / "base.txt"
    base.write_text(EXTRA)
    out = tmp_path / "out"
    build([base], out, lexicon=lexicon, validate=False, view=False)
    command = [sys.executable, "-m", "untoc_graph", "ingest", "-o", str(out), "-q"]
    runs = [
        subprocess.Popen(
            [*command, "--no-validate", "--no-view", str(listing)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for listing in (first, second)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr.decode()
    build([base, first, second], tmp_path / "whole", lexicon=lexicon, validate=False, view=False)
    assert quads(out) == quads(tmp_path / "whole")
    assert_in_agreement(out)
    assert leftovers(out) == []


def test_a_writer_waits_while_another_holds_the_output_folder(tmp_path, listings, lexicon):
    out = tmp_path / "out"
    build([listings["extra"]], out, lexicon=lexicon, validate=False, view=False)
    before = quads(out)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out / ".lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    messages: list[str] = []
    outcome: dict = {}

    def write() -> None:
        try:
            outcome["result"] = ingest(
                [listings["other"]],
                out,
                lexicon=lexicon,
                progress=messages.append,
                validate=False,
                view=False,
            )
        except Exception as error:  # handed to the test's thread
            outcome["error"] = error

    writer = threading.Thread(target=write)
    waiting = f"waiting for another build, ingest or remove writing to {out}"
    try:
        writer.start()
        deadline = time.monotonic() + 20
        while waiting not in messages and writer.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert waiting in messages
        writer.join(1.0)
        assert writer.is_alive()  # still waiting, having written nothing
        assert quads(out) == before and leftovers(out) == []
    finally:
        holder.stdin.close()
        holder.wait()
        holder.stdout.close()
        writer.join(30)
    assert "error" not in outcome
    assert outcome["result"].notes[0].startswith("added <")
    assert_in_agreement(out)


def test_what_stopped_writers_left_is_removed_by_the_next_one(tmp_path, listings, lexicon):
    out = tmp_path / "out"
    build([listings["extra"]], out, lexicon=lexicon, validate=False, view=False)
    (out / ".untoc.ttl.k2j3h4xy").write_bytes(b"@prefix half of a Turtle")
    (out / ".ingest-4242.ttl").write_bytes(b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    (out / ".ingest-q1w2e3r4.ttl").write_bytes(b"")
    (out / ".store.new-a1b2c3d4" / "store").mkdir(parents=True)
    (out / ".store.new-a1b2c3d4" / "store" / "000001.sst").write_bytes(b"\0" * 100)
    (out / "store.new").mkdir()
    (out / "notes.txt").write_text("not ours: kept")
    remove("extra.txt", out, validate=False)
    assert leftovers(out) == ["notes.txt"]


class _Full:
    """A file on a disk with ``room`` bytes left."""

    def __init__(self, out, room: int):
        self._out, self._room = out, room

    def write(self, data) -> int:
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._out.write(data)

    def writelines(self, chunks) -> None:
        for chunk in chunks:
            self.write(chunk)

    def __getattr__(self, name):
        return getattr(self._out, name)


def _fill_the_disk(monkeypatch, phase: str) -> None:
    if phase == "turtle":
        atomic_output = pipeline.atomic_output

        @contextlib.contextmanager
        def full(path):
            with atomic_output(path) as out:
                yield _Full(out, 100)

        monkeypatch.setattr(pipeline, "atomic_output", full)
    else:

        def full(*args):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(batches._Written, "load", full)


def _read_only(monkeypatch, folder: Path) -> None:
    """Writes into ``folder`` fail as on a read-only file system."""
    real_open, real_mkdir = os.open, os.mkdir
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def inside(path) -> bool:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())

    def refused(path):
        return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    def open_(path, flags, *args, **kwargs):
        if flags & writing and inside(path):
            raise refused(path)
        return real_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if inside(path):
            raise refused(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "mkdir", mkdir)


COMMANDS = {
    "build": ["build", "{other}", "-o", "{out}", "-q", "--no-validate", "--no-view"],
    "ingest": ["ingest", "{other}", "-o", "{out}", "-q", "--no-validate", "--no-view"],
    "remove": ["remove", "extra.txt", "-o", "{out}", "--no-validate"],
}


def _run_on_a_folder_that_cannot_be_written(tmp_path, listings, lexicon, command, spoil):
    out = tmp_path / "out"
    build([listings["extra"]], out, lexicon=lexicon, validate=False, view=False)
    turtle, before = (out / "untoc.ttl").read_bytes(), quads(out)
    args = [a.format(other=listings["other"], out=out) for a in COMMANDS[command]]
    with pytest.MonkeyPatch.context() as monkeypatch:
        spoil(monkeypatch, out)
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert (out / "untoc.ttl").read_bytes() == turtle and quads(out) == before
    assert leftovers(out) == []
    return result.stderr


@pytest.mark.parametrize("command", ["build", "ingest", "remove"])
def test_a_read_only_output_folder_is_one_line_and_changes_nothing(
    tmp_path, listings, lexicon, command
):
    stderr = _run_on_a_folder_that_cannot_be_written(
        tmp_path, listings, lexicon, command, _read_only
    )
    out = tmp_path / "out"
    assert stderr == (
        f"Error: {out}: cannot write there (Read-only file system); "
        "make it writable or give another folder\n"
    )


@pytest.mark.parametrize(
    ("command", "phase"),
    [
        ("build", "turtle"),
        ("build", "store"),
        ("ingest", "turtle"),
        ("ingest", "store"),
        ("remove", "turtle"),
    ],
)
def test_a_full_disk_is_one_line_and_changes_nothing(tmp_path, listings, lexicon, command, phase):
    stderr = _run_on_a_folder_that_cannot_be_written(
        tmp_path,
        listings,
        lexicon,
        command,
        lambda monkeypatch, _: _fill_the_disk(monkeypatch, phase),
    )
    out = tmp_path / "out"
    assert stderr == (
        f"Error: {out}: cannot write there (No space left on device); free some disk space\n"
    )
