"""Names of persons: after an honorific or before ", role"; one person per name in an entry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .fields import _Field
from .records import Entity, slug

_CAP = r"[A-ZÀ-Þ][\w’'\-]*"
_NAME = (
    r"[A-ZÀ-Þ][a-zà-ÿ’'\-]+(?:\s+(?:(?:de|del|da|van|von|bin|al|la)\s+)?[A-ZÀ-Þ][a-zà-ÿ’'\-]+){0,4}"
)
_HONORIFIC = re.compile(
    rf"\b(?:Mr|Ms|Mrs|Dr|Prof|H\.E|Judge|Ambassador|Mme|M|Sra?|Dra?)\.?\s+(?P<name>{_NAME})"
)
ROLE_WORDS = (
    "founder|co-founder|Founder|Director|Executive Director|Chief|Head|Minister|Professor|"
    "President|Secretary|Ambassador|Senior|Deputy|Officer|Coordinator|Chair|Chairperson|"
    "Representative|Adviser|Advisor|Expert|Judge|Prosecutor|Commissioner|Special Rapporteur|"
    "Researcher|Lecturer|Consultant|Manager|Directora?|Jefe|Jefa|directeur|directrice"
)
# "Victoria Ibiwoye, founder of …": a comma and a role, then the name is read backwards.
_COMMA_ROLE = re.compile(rf",\s+(?=(?:the\s+)?(?:{ROLE_WORDS})\b)")
_NAME_BEFORE = re.compile(rf"\b{_CAP}(?:\s+{_CAP}){{1,3}}$")
_ROLE = re.compile(
    r",\s+(?P<role>[^,.;“”\"]{3,110}?)(?=,|\.(?:\s|$)|;|\s+(?:said|says|noted|stated)\b)"
)
_ROLE_WORD = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.I)
_NOT_A_NAME = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "Of",
        "And",
        "From",
        "To",
        "By",
        "With",
        "This",
        "That",
        "These",
        "Those",
        "UNODC",
        "UN",
        "United",
    ]
)


def _name_spans(text: str) -> Iterator[tuple[int, int]]:
    for match in _HONORIFIC.finditer(text):
        yield match.span("name")
    for comma in _COMMA_ROLE.finditer(text):
        name = _NAME_BEFORE.search(text, max(0, comma.start() - 80), comma.start())
        if name:
            yield name.span()


def _persons(f: _Field) -> list[tuple[str, int, int, str | None, int | None]]:
    """Person names with the role stated after them: (name, start, end, role, role start)."""
    found = []
    for start, end in _name_spans(f.text):
        name = f.text[start:end]
        if name.split()[0] in _NOT_A_NAME or any(s <= start < e for _, s, e, _, _ in found):
            continue
        role_match = _ROLE.match(f.text, end)
        role = role_match["role"].strip() if role_match else None
        if role and not _ROLE_WORD.search(role):
            role = None
        found.append((name, start, end, role, role_match.start("role") if role else None))
    return found


def _add_persons(fields: list[_Field]) -> None:
    """One person per name in an entry: "Dr. Islas" in the text is the headline's
    "Dr. Laura Diorella Islas Limiñana"; a role stated anywhere is the person's."""
    found = [(f, *p) for f in fields for p in f.persons]
    by_name: dict[str, Entity] = {}
    for f, name, _start, _end, role, role_start in sorted(found, key=lambda p: -len(p[1])):
        full = next((n for n in by_name if set(name.split()) <= set(n.split())), name)
        affiliation = None
        if role:
            inside = [
                m.entity
                for m in f.mentions
                if m.entity.kind == "organization"
                and role_start <= m.start < role_start + len(role)
            ]
            affiliation = inside[-1] if inside else None
        known = by_name.get(full)
        if known is None or (role and not known.job_title):
            by_name[full] = Entity(
                "person", slug(full), full, linked=False, job_title=role, affiliation=affiliation
            )
    for f, name, start, end, _, _ in found:
        full = next((n for n in by_name if set(name.split()) <= set(n.split())), name)
        f.add(by_name[full], start, end)
