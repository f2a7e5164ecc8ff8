"""How long stages say how far they are. A stage takes ``progress``: a callable that is told
each step (``progress("writing the view")``); when it also has a ``count`` method (the command
line's bar, with count, rate and time left), the stage tells it how many units of work are done
of how many. A library caller can pass a plain function, or nothing."""

from __future__ import annotations

__all__ = ["count"]


def count(progress, stage: str, done: int, total: int | None, unit: str) -> bool:
    """Tell a progress display that counts how far ``stage`` is; False when it does not count
    (the caller may then say it in words)."""
    counter = getattr(progress, "count", None)
    if counter is None:
        return False
    counter(stage, done, total, unit)
    return True
