"""Organisations no vocabulary knows, found by their form: a head word such as Ministry,
Foundation or Permanent Mission, and the capitalised words around it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .fields import _Field
from .names import _CAP

_ORG_HEAD = (
    r"Ministry|Ministère|Ministerio|Permanent Missions?|Embassy|University|Universidad|"
    r"Université|Department|Agency|Commission|Council|Institute|Academy|Foundation|"
    r"Association|Centre|Center|Secretariat|Directorate|Police|Court|Parliament|Office"
)
# Unknown organisations by their form, found from their head word: "[Iraqi] Ministry of
# Interior", "Permanent Mission of Iraq to the United Nations", "[One African Child]
# Foundation [for Creative Learning]". The words before the head are matched backwards.
_ORG_OF = re.compile(
    rf"\b(?:{_ORG_HEAD})\s+(?:of|for|on|de|del|du)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:(?:of|for|on)(?:\s+the)?|to\s+the|and|de(?:\s+la)?|del|y|et)?\s*{_CAP})*"
)
_ORG_OF_BEFORE = re.compile(rf"(?:{_CAP}\s+){{1,3}}$")
_ORG_TAIL = re.compile(
    r"\b(?:Foundation|Institute|University|Agency|Association|Centre|Center|Academy|Network|"
    r"Commission)\b"
)
_ORG_TAIL_BEFORE = re.compile(rf"(?:{_CAP}\s+(?:(?:of|for|and|de|on)\s+)?){{1,5}}$")
_ORG_TAIL_AFTER = re.compile(rf"\s+(?:for|of|on)\s+{_CAP}(?:\s+(?:and\s+)?{_CAP}){{0,4}}")


_PLURAL = re.compile(r"^(?P<head>.*?Mission)s of (?P<a>.+?) and (?P<b>.+?) (?P<tail>to .+)$")


def _split_plural(name: str) -> list[str]:
    """ "Permanent Missions of Iraq and Italy to the United Nations" names two missions."""
    match = _PLURAL.match(name)
    if not match:
        return [name]
    return [f"{match['head']} of {match[x]} {match['tail']}" for x in ("a", "b")]


def _org_matches(text: str) -> Iterator[tuple[int, int]]:
    for match in _ORG_OF.finditer(text):
        before = _ORG_OF_BEFORE.search(text, max(0, match.start() - 80), match.start())
        yield (before.start() if before else match.start()), match.end()
    for match in _ORG_TAIL.finditer(text):
        before = _ORG_TAIL_BEFORE.search(text, max(0, match.start() - 100), match.start())
        if before:
            after = _ORG_TAIL_AFTER.match(text, match.end())
            yield before.start(), after.end() if after else match.end()


def _unknown_orgs(f: _Field) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in _org_matches(f.text):
        words = f.text[start:end].split()
        while words and words[0] in ("The", "the", "A", "An", "In", "On", "By"):
            start = f.text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if len(words) < 2 or any(a <= start < b or a < end <= b for a, b in spans):
            continue
        spans.append((start, end))
    return spans
