"""Every error a user can cause, under one root: the command line turns any of them into one
line on stderr and the error's exit code (0 success; 1 a negative answer; 2 unusable input)."""

from __future__ import annotations

__all__ = ["UntocError"]


class UntocError(Exception):
    """An error a user can fix: ``str(error)`` is its one-line message."""

    exit_code = 2
