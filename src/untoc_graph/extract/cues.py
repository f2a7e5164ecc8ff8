"""Cue patterns: words in three languages that signal a role, a speech, a figure, matched
without regard to case, fast."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["Cue", "lowered"]


class Cue:
    """A cue pattern written in lower case, matched case-sensitively on the lower-cased text:
    several times faster than ``re.IGNORECASE``, whose alternatives cannot be skipped on their
    first letter. A text whose lower-casing changes its length ("İ") is matched with
    ``re.IGNORECASE`` instead, so offsets always hold."""

    def __init__(self, pattern: str):
        words = re.sub(r"\\.|\(\?P<", "", pattern)
        if words != words.lower():
            raise ValueError(f"a cue is written in lower case: {pattern[:40]!r}")
        self.exact, self.folded = re.compile(pattern), re.compile(pattern, re.I)

    def _on(self, text: str) -> tuple[re.Pattern, str]:
        lower = lowered(text)
        return (self.exact, lower) if lower is not None else (self.folded, text)

    def finditer(self, text: str, start: int = 0, end: int = sys.maxsize) -> Iterator[re.Match]:
        pattern, subject = self._on(text)
        return pattern.finditer(subject, start, end)

    def search(self, text: str, start: int = 0, end: int = sys.maxsize) -> re.Match | None:
        pattern, subject = self._on(text)
        return pattern.search(subject, start, end)


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    lower = text.lower()
    return lower if len(lower) == len(text) else None
