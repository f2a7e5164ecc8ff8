"""A gated pattern finds exactly what the pattern finds."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untoc_graph.extract.cues import Cue, gated

ROOT = Path(__file__).parent.parent

PATTERNS = [
    (r"\b(?:(?:co-)?organi[sz]ed|held)\s+by", 0),
    (r"(?:a|an)?\s*protocol(?:e|o)?s?", re.I),
    (r"(?P<x>\bjointly\s+)?(?:hosted|hosts)\b(?!\s+by)", 0),
    (r",\s+(?:the\s+)?host\s+of|\bfue\s+sede\b", 0),
    (r"(?<=\s)ab+c|x{2,3}y", 0),
    (r"(?:ab)*c|d", 0),
    (r"[a-c]?d", 0),
    (r"Ét[ée]s?|año", re.I),
]


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdxyÉéñoprtsnhiljyg-, \n", max_size=60))
def test_gated_patterns_match_as_the_pattern(text):
    for pattern, flags in PATTERNS:
        assert _spans(gated(pattern, flags), text) == _spans(re.compile(pattern, flags), text)


def _cues() -> list[Cue]:
    found = []
    for module in pkgutil.walk_packages(
        importlib.import_module("untoc_graph.extract").__path__, "untoc_graph.extract."
    ):
        found += [
            v for v in vars(importlib.import_module(module.name)).values() if isinstance(v, Cue)
        ]
    return found


def test_every_cue_matches_as_its_pattern_on_real_text():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/gold/dev").glob("*.txt"))]
    texts.append((ROOT / "data/unodc-organized-crime-news.txt").read_text(encoding="utf-8"))
    cues = _cues()
    assert len(cues) >= 10
    for cue in cues:
        plain = re.compile(cue.pattern)
        for text in texts:
            lower = text.lower()
            assert _spans(cue.exact, lower) == _spans(plain, lower), cue.pattern[:60]


def test_a_gate_is_added_only_where_the_starts_are_known():
    assert gated(r"\b(?:hosted|held)\s+by").pattern.startswith("(?=(?:h[eo]))")
    assert gated(r"\w+ly").pattern == r"\w+ly"  # it may start with any word character
    assert gated(r"(?i)held").pattern == "(?i)held"  # a global flag stays first


@pytest.mark.parametrize("text", ["Hosted by UNODC", "HOSTED BY", "hosted  by"])
def test_a_gated_cue_reads_any_case(text):
    assert Cue(r"\bhosted\s+by").search(text)
