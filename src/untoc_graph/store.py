"""The embedded store: Oxigraph on disk, one named graph per source document."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

__all__ = ["StoreError", "open_store", "replace_store"]


class StoreError(Exception):
    """A store that cannot be opened."""


def open_store(path: str | Path, *, read_only: bool = True) -> ox.Store:
    """Open the store a build wrote. Read-only by default, so queries cannot change it."""
    path = Path(path)
    if not path.is_dir():
        raise StoreError(f"{path}: no store here; run `untoc-graph build` first or give --store")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from None


def replace_store(path: str | Path, quads: Iterable[ox.Quad]) -> int:
    """Write ``quads`` into a new store at ``path``, replacing any store there.

    The new store is loaded beside the old one and renamed into place only once it is
    complete, so an interrupted build leaves the previous store intact.
    """
    path = Path(path)
    staging = path.with_name(path.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    store = ox.Store(str(staging))
    store.bulk_extend(quads)
    store.flush()
    count = len(store)
    del store
    retired = path.with_name(path.name + ".old")
    if retired.exists():
        shutil.rmtree(retired)
    if path.exists():
        path.rename(retired)
    staging.rename(path)
    if retired.exists():
        shutil.rmtree(retired)
    return count
