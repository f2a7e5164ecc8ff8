"""Files written whole or not at all, and read in ranges: shared by every stage, importing none."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_write", "atomic_output", "file_range", "fingerprint", "StagedFile"]


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write a file through a temporary file renamed into place: readers never see half of it."""
    with atomic_output(Path(path)) as handle:
        handle.write(data)


def file_range(path: str | Path, start: int, stop: int) -> Iterator[bytes]:
    """The bytes ``[start, stop)`` of a file, a megabyte at a time."""
    with open(path, "rb") as handle:
        handle.seek(start)
        left = stop - start
        while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
            left -= len(chunk)
            yield chunk


class StagedFile(io.BufferedWriter):
    """A file written beside its final place: ``path`` is where it is being written and
    ``sha256`` the digest of what was written so far, computed on the way."""

    def __init__(self, fd: int, path: str | Path):
        super().__init__(io.FileIO(fd, "wb"))
        self.path = Path(path)
        self.sha256 = hashlib.sha256()

    def write(self, data) -> int:
        self.sha256.update(data)
        return super().write(data)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[StagedFile]:
    """A binary file written beside ``path`` (as ``.NAME.XXXXXXXX``) and renamed onto it once
    the block ends without an error; on an error it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)
        with StagedFile(fd, tmp) as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fingerprint(path: str | Path) -> str:
    """The SHA-256 of what reading a source depends on: the file's bytes (a folder's files,
    with their names), and the ``sources.json`` beside it when there is one."""
    path = Path(path)
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    sidecar = path.parent / "sources.json"
    for file in [*files, *([sidecar] if sidecar.is_file() else [])]:
        with open(file, "rb") as handle:
            digest.update(str(file.relative_to(path.parent)).encode() + b"\0")
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()
