"""The output folder: one writer at a time, untoc.ttl and the store brought back into
agreement after a stopped run, its leftovers cleaned, and the one-line errors of a folder that
cannot be written."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from .errors import UntocError
from .files import atomic_output, atomic_write
from .store import (
    STAMP,
    StoreError,
    open_store,
    read_stamp,
    recover,
    write_stamp,
)
from .terms import DEFAULT_BASE, prefixes
from .turtle import (
    write_sections,
)


class OutputError(UntocError):
    """An output folder that cannot be written: a full disk, a read-only folder."""


LOCK = ".lock"  # in the output folder: held by the one build, ingest or remove writing there


# what writers stopped on their way leave in the output folder
#: What the last build or ingest read: each source's fingerprint and warnings, with the store's
#: stamp and the tool's own fingerprint then (see :func:`read_inputs`).
INPUTS = "inputs.json"
LEFTOVERS = (
    ".untoc.ttl.*",
    ".ingest-*.ttl",
    ".store.new-*",
    "store.new",
    ".warnings.tsv.*",
    f".{INPUTS}.*",
)


@contextlib.contextmanager
def _output_errors(output: Path) -> Iterator[None]:
    """Turn an OS error writing into ``output`` (or with no file named) into an OutputError."""
    try:
        yield
    except OSError as error:
        if error.filename is not None and not Path(error.filename).resolve().is_relative_to(
            output.resolve()
        ):
            raise
        reason = error.strerror or str(error)
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        if error.errno is None and os.strerror(errno.ENOSPC) in reason:  # from the store
            reason, full = os.strerror(errno.ENOSPC), True
        hint = "free some disk space" if full else "make it writable or give another folder"
        raise OutputError(f"{output}: cannot write there ({reason}); {hint}") from None


@contextlib.contextmanager
def _writing(output: Path, base: str, progress, *, create: bool = False) -> Iterator[list[str]]:
    """Hold ``output`` for one writer, waiting while another build, ingest or remove writes
    there. First bring ``untoc.ttl`` and the store back into agreement and remove what writers
    stopped on their way left (under the lock, nothing there belongs to a live one); yield the
    notes on what was repaired."""
    with _output_errors(output):
        if create:
            output.mkdir(parents=True, exist_ok=True)
        elif not output.is_dir():
            raise StoreError(f"{output / 'store'}: no store here; run `untoc-graph build` first")
        lock = FileLock(output / LOCK)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            progress(f"waiting for another build, ingest or remove writing to {output}")
            lock.acquire()
        try:
            notes = _reconcile(output, base, progress)
            _clean(output)
            yield notes
        finally:
            lock.release()


def read_inputs(output: Path) -> dict:
    """The record of what the last build or ingest in ``output`` read ({} when there is none
    or it cannot be read): ``{"stamp": …, "recipe": …, "sources": {name: {"fingerprint": …,
    "warnings": […]}}}``. It describes the store only while ``stamp`` is the store's."""
    try:
        record = json.loads((output / INPUTS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def write_inputs(output: Path, record: dict) -> None:
    atomic_write(output / INPUTS, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _reconcile(output: Path, base: str, progress) -> list[str]:
    """Make ``untoc.ttl`` describe the store's graph again if a run stopped between the swap of
    the store and the rename of the Turtle file (or if the file was deleted or edited): by the
    Turtle file that run left, when its digest is the store's stamp, or else by writing it
    again from the store. A store without a stamp (from an earlier version) is trusted."""
    path, turtle = output / "store", output / "untoc.ttl"
    recover(path)
    if not path.is_dir():
        return []
    stamp = read_stamp(path)
    if turtle.exists() and (stamp is None or _sha256(turtle) == stamp):
        return []
    if stamp is not None:
        for staged in output.glob(".untoc.ttl.*"):
            if staged.is_file() and _sha256(staged) == stamp:
                os.replace(staged, turtle)
                return ["untoc.ttl: the file a stopped run wrote for the store was put in place"]
    try:
        store = open_store(path)
    except StoreError:
        return []  # nothing to agree with; a build replaces it, other writers stop there
    progress("writing untoc.ttl again from the store")
    with atomic_output(turtle) as out:
        write_sections(store, out, "ttl", prefixes(base))
        write_stamp(path, out.sha256.hexdigest())
    return ["untoc.ttl did not describe the store's graph: written again from the store"]


def _clean(output: Path) -> None:
    for pattern in LEFTOVERS:
        for path in output.glob(pattern):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    for path in (output / "store").glob(f".{STAMP}.*"):
        path.unlink()


def reconcile(
    output: str | Path = "output",
    *,
    base: str | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[str, ...]:
    """Do what every build, ingest and remove does first, under the output folder's lock:
    bring ``untoc.ttl`` and the store back into agreement if a run was stopped between writing
    the one and the other, and remove what stopped runs left. Return notes on what was done."""
    output = Path(output)
    with _writing(output, base or DEFAULT_BASE, progress) as notes:
        return tuple(notes)
