"""One body per entry: a name and its shorter forms, acronyms spelled out, one key per body."""

from __future__ import annotations

import dataclasses
import re

from ...text import fold, slug
from ..fields import _Field
from ..programmes import programme_entity
from ..records import Entity, Mention
from .bodies import _core, _country_codes
from .words import _AND, _ARTICLES, _BRACKETED, _EN_LINKS, _ROMANCE_LINKS, _Body, _is_acronym


def unify_bodies(fields: list[_Field]) -> None:
    """Bring together the names one entry gives a body found by its form, and give each body
    one key.

    One body: a full name and its acronym ("Federal Investigation Agency (FIA)" … "FIA"); a
    name with and without its country ("Ministry of Security of the Republic of Argentina" …
    "the Ministry of Security"); a name and its first or last words ("Working Group of
    Government Experts …" … "the Working Group"; "… Patel National Police Academy" … "the
    National Police Academy"); a name written with an acronym the entry defines ("National
    Commission on SALW" is the "National Commission on Small Arms and Light Weapons").

    Its key is its name — with the country it belongs to when the name states one ("Bolivian
    Ministry of Interior" and "Ministry of Interior of Bolivia" are one body) or when it is a
    generic national body ("Ministry of Interior") in an entry that names a single country.
    Its name is the fullest the entry writes."""
    bodies = [(f, b) for f in fields for b in getattr(f, "bodies", [])]
    if not bodies:
        return
    countries = {
        m.entity.country_code
        for f in fields
        for m in f.mentions
        if m.entity.kind == "country" and not _inside_a_name(f, m)
    }  # "Ambassade de France" is no sign that a ministry is France's
    expansions = _expansions(fields)
    known = {
        _expanded(_normal(m.exact), expansions): m.entity
        for f in fields
        for m in f.mentions
        if m.entity.linked and m.entity.kind in ("organization", "programme")
    }
    groups: list[list[tuple[_Field, _Body]]] = []
    info = []
    for f, body in sorted(bodies, key=lambda fb: -len(fb[1].name)):
        codes = _country_codes(f, body) if body.kind == "organization" else []
        core = _core(f, body) if codes else body.name
        norm = _expanded(_normal(body.name), expansions)
        home = None
        if body.bare:
            home = next(
                (n for n, g in enumerate(groups) if any(b.acronym == body.name for _, b in g)),
                None,
            )
        for n, (g_norm, g_core, g_codes, g_kind) in enumerate(info):
            if home is not None:
                break
            if g_kind != body.kind:
                continue
            if norm == g_norm or (g_codes and not codes and norm == g_core):
                home = n
                break
            shorter = g_norm.endswith(" " + norm) or _shortened(norm, g_norm)
            if shorter and not codes and len(norm.split()) >= 2 and norm[0].isupper():
                home = n
                break
        if home is None:
            groups.append([(f, body)])
            info.append((norm, _expanded(_normal(core), expansions), codes, body.kind))
        else:
            groups[home].append((f, body))
    for group, (norm, core, codes, kind) in zip(groups, info, strict=True):
        name = max((b.name for _, b in group), key=len)
        first = group[0][1]
        entity = next((e for k, e in known.items() if not codes and _shortened(norm, k)), None)
        if entity is None:
            state = None  # the one state a body is of, when its name or the entry says so
            if codes:
                key = slug(core) + "-" + "-".join(c.lower() for c in codes)
                state = codes[0] if len(codes) == 1 else None
            elif first.national and len(countries) == 1 and kind == "organization":
                state = next(iter(countries))
                key = slug(name) + "-" + state.lower()
            else:
                key = first.key
            if kind == "programme":
                entity = programme_entity(name, key)
            else:
                entity = Entity("organization", key, name, linked=False, country_code=state)
        for f, body in group:
            f.mentions = [
                dataclasses.replace(m, entity=entity) if m is body.mention else m
                for m in f.mentions
            ]
        for acronym in {b.acronym for _, b in group if b.acronym}:
            _name_again(fields, acronym, entity)


def _inside_a_name(f: _Field, place: Mention) -> bool:
    return any(
        m.start <= place.start and place.end <= m.end and m is not place
        for m in f.mentions
        if m.entity.kind in ("organization", "programme")
    )


def _shortened(short: str, full: str) -> bool:
    """Whether a name is the first words of a fuller one, cut before a complement: "Working
    Group" of "Working Group of Government Experts …"; not "National Police" of "National
    Police Academy"."""
    if not full.startswith(short + " "):
        return False
    return full[len(short) + 1 :].split(" ", 1)[0].lower() in _EN_LINKS | _ROMANCE_LINKS


def _name_again(fields: list[_Field], acronym: str, entity: Entity) -> None:
    """Every use of a body's acronym in the entry names the body ("… (FIA)" … "the FIA")."""
    pattern = re.compile(rf"(?<![\w\-./]){re.escape(acronym)}(?![\w\-/]|\.\w)")
    for f in fields:
        for match in pattern.finditer(f.text):
            a, b = match.span()
            if any(
                m.start < b and a < m.end
                for m in f.mentions
                if m.entity.kind not in ("topic", "event-type")
            ):
                continue
            if f.free(a, b):
                f.add(entity, a, b)


def _expansions(fields: list[_Field]) -> dict[str, str]:
    """The acronyms an entry defines, each with the words it abbreviates: "Small Arms and Light
    Weapons (SALW)" gives SALW."""
    found = {}
    for f in fields:
        for bracket in _BRACKETED.finditer(f.text):
            acronym = bracket["acr"]
            if not _is_acronym(acronym) or " " in acronym:
                continue
            before = re.split(
                r"[,;:.()«»\"“”]", f.text[max(0, bracket.start() - 150) : bracket.start()]
            )[-1]
            words = before.split()[-(len(acronym) + 5) :]
            long = _abbreviated(acronym, words)
            if long:
                found[acronym] = _normal(long)
    return found


def _abbreviated(acronym: str, words: list[str]) -> str | None:
    """The last words whose initials, in order, spell an acronym (articles and links may be
    skipped): "Small Arms and Light Weapons" for SALW."""
    letters = [c.lower() for c in acronym if c.isalpha()]
    for start in range(len(words) - 1, -1, -1):
        initials = [
            w[0].lower()
            for w in words[start:]
            if w.lower() not in _EN_LINKS | _ROMANCE_LINKS | _AND | _ARTICLES
        ]
        if initials == letters:
            return " ".join(words[start:])
        if len(initials) > len(letters):
            break
    return None


def _expanded(norm: str, expansions: dict[str, str]) -> str:
    if not expansions:
        return norm
    return " ".join(expansions.get(w, w) for w in norm.split())


def _normal(name: str) -> str:
    name = re.sub(r"^(?:the|la|le|el|les|los|las|l['’])\s*", "", name, flags=re.I)
    return " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())
