"""Acronyms: "Full Name (ACR)" and "ACR (Full Name)", and a known acronym that names a longer name."""

from __future__ import annotations

import re

from ..records import Mention
from .reader import _Reader
from .words import (
    _AND,
    _ARTICLES,
    _BRACKETED,
    _EN_LINKS,
    _ROMANCE_LINKS,
    _Body,
    _is_acronym,
    _is_cap,
)


def _acronym_fits(acronym: str, long: str) -> bool:
    """Whether an acronym may abbreviate a name: its first letter starts a capitalised word of
    the name and its letters come in the name's order ("DPO": "Département des opérations de
    paix"; "UNODA": "Bureau des Nations Unies pour les affaires de désarmement")."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    if len(letters) < 2:
        return False
    capitals = {w[0].lower() for w in re.findall(r"[^\W\d_][\w’'\-]*", long) if w[0].isupper()}
    if letters[0] not in capitals:
        return False
    rest = iter(long.lower())
    return all(letter in rest for letter in letters)


def _acronyms(r: _Reader, bodies: list[_Body]) -> None:
    """Acronyms in brackets next to a name name it again later in the entry ("Federal
    Investigation Agency (FIA)" … "the FIA"; "GIZ (German Corporation for International
    Cooperation)"). A known acronym gives its entity to the name it follows ("… para
    Centroamérica y el Caribe (UNODC ROPAN)")."""
    text = r.f.text
    for bracket in _BRACKETED.finditer(text):
        acronym = bracket["acr"]
        opening = bracket.start()
        known = next(
            (
                m
                for m in r.known
                if m.start == bracket.start("acr")
                and m.end == bracket.end("acr")
                and m.entity.kind in ("organization", "programme", "instrument")
            ),
            None,
        )
        if known is None and (not _is_acronym(acronym) or len(acronym.split()) > 3):
            continue
        before = [b for b in bodies if b.end <= opening and not text[b.end : opening].strip()]
        body = before[-1] if before else None
        if known is not None:
            _give_known(r, known, body, opening)
        elif body is not None and body.acronym is None and _acronym_fits(acronym, body.name):
            body.acronym = acronym
    for body in bodies:
        lead = re.search(r"([^\s(),]+)\s*\(\s*$", text[max(0, body.start - 30) : body.start])
        close = text[body.end : body.end + 3].lstrip().startswith(")")
        if lead and close and body.acronym is None and _is_acronym(lead[1]):
            at = body.start - len(text[max(0, body.start - 30) : body.start]) + lead.start(1)
            if not any(m.start <= at < m.end for m in r.known) and _acronym_fits(
                lead[1], body.name
            ):
                body.acronym = lead[1]


def _give_known(r: _Reader, known: Mention, body: _Body | None, opening: int) -> None:
    """ "Full Name (ACR)" where the vocabulary knows ACR: the full name before it is ACR's
    entity, even when the vocabulary knows it by a shorter name or not at all ("Global Action
    … – Asia and the Middle East (GLO.ACT-Asia and the Middle East)", "United Nations
    Convention on Transnational Organized Crime (UNTOC)")."""
    f = r.f
    text = f.text
    end = len(text[:opening].rstrip())
    start = None
    closing = [
        m
        for m in r.known
        if m.end == end and m is not known and m.entity.kind in ("organization", "programme")
    ]
    if any(m.entity.key == known.entity.key for m in closing):
        return  # "Civil Society Team of the United Nations Office on Drugs and Crime (UNODC)"
    if body is not None and body.end == end:
        start = body.start
        body.kind = "known"
    else:
        previous = [
            m
            for m in r.known
            if m.end <= end and m is not known and m.entity.kind in ("organization", "programme")
        ]
        last = max(previous, key=lambda m: m.end, default=None)
        gap = text[last.end : end] if last is not None else ""
        if (
            last is not None
            and last.entity.kind in ("organization", "programme")
            and len(gap.split()) <= 6
            and not re.search(r"[,;:.()]", gap)
            and all(
                _is_cap(w)
                or w.lower() in _AND | _ARTICLES | _ROMANCE_LINKS | _EN_LINKS
                or w in "–—-"
                for w in gap.split()
            )
        ):
            start = last.start
    if start is None:
        return
    names = ("organization", "programme", "instrument")
    inside = [m for m in f.mentions if start <= m.start and m.end <= end and m.entity.kind in names]
    if any(m.entity.key == known.entity.key for m in inside):
        return
    if any(
        m.start < end and start < m.end
        for m in f.mentions
        if m not in inside and m.entity.kind in (*names, "publication")
    ):
        return
    f.mentions = [m for m in f.mentions if m not in inside]
    f.add(known.entity, start, end)
