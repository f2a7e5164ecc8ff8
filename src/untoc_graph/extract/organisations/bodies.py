"""Bodies and programmes found by form added to a field, after the vocabulary scan."""

from __future__ import annotations

import dataclasses
import re

from ...lexicon import Lexicon
from ...text import fold, slug
from ..fields import _Field
from ..programmes import (
    PART_HEADS,
    _programmes_by_form,
    programme_entity,
)
from ..records import Entity, Mention
from .acronyms import _acronyms
from .growth import _candidates, _name
from .programme_words import _ACRONYM_ARTICLES, _PROGRAMME_KEYS, _programme_words, _title_case
from .reader import _Reader
from .words import (
    _COUNTRY_LINK,
    _CREDIT,
    _HEAD_KEYS,
    _PLURAL,
    ORG_HEADS,
    _Body,
    _is_acronym,
    _is_cap,
)

_ROMAN = re.compile(r"[IVXLCDM]+")


#: Acronyms that name no body.
_NOT_BODIES = frozenset("COVID VIH SIDA HIV AIDS ADN DNA ONG NGO PIB GDP USD EUR TIP SOM".split())


def _bare_acronyms(r: _Reader, bodies: list[_Body]) -> list[_Body]:
    """A body written only as its acronym after an article: "la DIVINDAT", "el DAS", "la
    SENNIAF". Only in French and Spanish, where the article marks the acronym as a name."""
    tokens = r.tokens
    found = []
    for i in range(1, len(tokens)):
        text = tokens[i].text
        if len(text) < 3 or not text.isupper() or not text.isalpha():
            continue
        if tokens[i - 1].text.lower() not in _ACRONYM_ARTICLES or r.mention(i) is not None:
            continue
        if text in _NOT_BODIES or _ROMAN.fullmatch(text):
            continue  # "el XIII Curso"
        if any(b.start <= tokens[i].start < b.end for b in bodies):
            continue
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if nxt[:1].isdigit():
            continue  # "la COP 28"
        body = _Body(tokens[i].start, tokens[i].end, "organization", text, slug(text), bare=True)
        body.acronym = text
        found.append(body)
    return found


def _offices(r: _Reader) -> list[_Body]:
    """ "UNODC Brasil", "IOM Belarus", "GLO.ACT Colombia": a known acronym followed by a
    country names that body's office, or that programme's component, in the country."""
    f = r.f
    found = []
    for m in r.known:
        place = r.places.get(m.end + 1)
        if not isinstance(place, Mention) or place.entity.kind != "country":
            continue
        if m.entity.kind not in ("organization", "programme") or not _is_acronym(m.exact):
            continue
        if f.text[m.end : m.end + 1] != " " or f.text[place.end : place.end + 2] in ("'s", "’s"):
            continue
        after = r.index(place.end - 1) + 1
        if (
            after < len(r.tokens)
            and r.tokens[after].start == place.end + 1
            and _is_cap(r.tokens[after].text)
            and r.tokens[after].text[0].isalnum()
        ):
            continue  # "UNODC Brazil Office" is read from its head
        name = f.text[m.start : place.end]
        body = _Body(m.start, place.end, m.entity.kind, name, slug(name))
        body.acronym = None
        found.append(body)
    return found


def add_bodies(f: _Field, lexicon: Lexicon) -> None:
    """Find the organisations and programmes of a field by their form and add them as entities
    no vocabulary knows (``linked=False``); called after the vocabulary scan."""
    credit = _CREDIT.match(f.text) if f.name == "text" else None
    if credit is not None:
        a, b = credit.span("credit")
        f.mentions = [
            m
            for m in f.mentions
            if not (a <= m.start and m.end <= b and m.entity.kind in ("organization", "programme"))
        ]
    _drop_title_modifiers(f)
    keys = {t.key for t in f.tokens}
    heads = not _HEAD_KEYS.isdisjoint(keys)
    words = not _PROGRAMME_KEYS.isdisjoint(keys)
    brackets = "(" in f.text
    marks = "#" in f.text or any(c in f.text for c in '«"“')
    acronyms = not _ACRONYM_ARTICLES.isdisjoint(keys)
    if not (heads or words or brackets or marks or acronyms or _followed_by_country(f)):
        return  # most fields: nothing to read
    r = _Reader(f, lexicon)
    title_case = f.name == "headline" and _title_case(f.text)
    # A programme named next to its word comes first: its key leaves the word out.
    bodies = _programme_words(r, title_case) if words else []
    bodies += _candidates(r, title_case) if heads else []
    if brackets:
        _acronyms(r, bodies)
        bodies = [b for b in bodies if b.kind != "known"]
    bodies += _offices(r)
    if acronyms:
        bodies += _bare_acronyms(r, bodies)
    for start, end, name, key in _programmes_by_form(f):
        bodies.append(_Body(start, end, "programme", name, slug(key)))
    accepted: list[_Body] = []
    for body in sorted(bodies, key=lambda b: (b.start - b.end, b.start)):
        if credit is not None and credit.start("credit") <= body.start < credit.end("credit"):
            continue
        if any(a.start < body.end and body.start < a.end for a in accepted):
            continue
        if not _fits(f, body):
            continue
        accepted.append(body)
    bodies_of = getattr(f, "bodies", [])
    for body in sorted(accepted, key=lambda b: b.start):
        for name in _split_plural(body.name):
            if body.kind == "programme":
                entity = programme_entity(name, body.key)
            else:
                entity = Entity("organization", slug(name), name, linked=False)
            mention = f.add(entity, body.start, body.end)
            bodies_of.append(dataclasses.replace(body, name=name, mention=mention))
    f.bodies = bodies_of  # read by unify_bodies once every field is read


#: Words of named works and places that a body's name qualifies without naming the body: "UN
#: Headquarters", "UN Convention against Corruption", "Congreso de las Naciones Unidas".
_TITLES = frozenset(
    "Convention Conventions Convención Convencion Protocol Protocols Protocole Protocolo "
    "Declaration Déclaration Declaración Headquarters Charter Charte Carta Day Día Journée "
    "Congress Congreso Congrès Resolution Résolution Resolución Treaty Tratado Traité Decade "
    "Year Week Summit Cumbre Sommet".split()
)


def _followed_by_country(f: _Field) -> bool:
    """Whether a name is followed by a country: "UNODC Brasil", "IOM Belarus"."""
    ends = {m.end + 1 for m in f.mentions if m.entity.kind in ("organization", "programme")}
    return any(m.start in ends for m in f.mentions if m.entity.kind == "country")


_TITLE_LINKS = frozenset({"of", "the", "de", "las", "la", "des", "del"})


def _drop_title_modifiers(f: _Field) -> None:
    """A known body named inside the title of a work or a meeting is not a mention of the body:
    "UN Headquarters", "the UN Convention against Corruption", "13º Congreso de las Naciones
    Unidas"."""
    text = f.text
    drop = []
    for m in f.mentions:
        if m.entity.kind != "organization":
            continue
        after = text[m.end + 1 : m.end + 16].split(" ", 1)[0].rstrip(",.;:)")
        if text[m.end : m.end + 1] == " " and after in _TITLES:
            drop.append(m)
            continue
        before = text[max(0, m.start - 30) : m.start].split()[-4:]
        k = len(before) - 1
        while k >= 0 and before[k] in _TITLE_LINKS:
            k -= 1
        if 0 <= k < len(before) - 1 and before[k] in _TITLES:
            drop.append(m)
    if drop:
        f.mentions = [m for m in f.mentions if m not in drop]


def _fits(f: _Field, body: _Body) -> bool:
    """Whether a name found by its form may be added: it claims the words of the vocabulary
    names inside it, but never cuts one, a person's name or another entity in two."""
    start, end = body.start, body.end
    if not f.free(start, end):
        return False
    inside, cut = [], False
    for m in f.mentions:
        if m.end <= start or m.start >= end or m.entity.kind in ("topic", "event-type"):
            continue
        if start <= m.start and m.end <= end:
            inside.append(m)
        elif m.entity.kind in ("organization", "programme", "publication", "instrument", "session"):
            cut = True
    if cut:
        return False
    if any(
        m.start == start and m.end == end and m.entity.kind in ("organization", "programme")
        for m in inside
    ):
        return False
    part = _folded_last_head(body.name) in PART_HEADS
    keep = []
    for m in inside:
        kind = m.entity.kind
        if kind in ("organization", "programme", "publication"):
            leading = m.start == start and _is_acronym(m.exact)
            if leading and (part or body.key != slug(body.name) or body.kind == "programme"):
                keep.append(m)
            continue
        keep.append(m)
    f.mentions = [m for m in f.mentions if m in keep or not (start <= m.start and m.end <= end)]
    f.cities = [c for c in f.cities if not (start <= c[0] and c[1] <= end)]
    return True


def _folded_last_head(name: str) -> str:
    words = [fold(w) for w in re.findall(r"[\w’'\-]+", name)]
    heads = [w for w in words if w in ORG_HEADS]
    return heads[-1] if heads else ""


def _split_plural(name: str) -> list[str]:
    """ "Permanent Missions of Iraq and Italy to the United Nations" names two missions."""
    match = _PLURAL.match(name)
    if not match:
        return [name]
    return [f"{match['head']} of {match[x]} {match['tail']}" for x in ("a", "b")]


def _country_codes(f: _Field, body: _Body) -> list[str]:
    """The countries a name states: inside it, or as a possessive before it ("Fiji's …")."""
    codes = [
        m.entity.country_code
        for m in f.mentions
        if m.entity.kind == "country"
        and body.start <= m.start
        and m.end <= body.end
        and m.exact in body.name  # of the two names "Permanent Missions of Iraq and Italy" gives
    ]
    before = f.text[max(0, body.start - 40) : body.start]
    if re.search(r"['’]s\s+$", before):
        at = len(before.rstrip()) - 2 + max(0, body.start - 40)
        codes += [
            m.entity.country_code for m in f.mentions if m.entity.kind == "country" and m.end == at
        ]
    return list(dict.fromkeys(c for c in codes if c))


def _core(f: _Field, body: _Body) -> str:
    """The name without the country it states: "Ministry of Interior of the Republic of
    Serbia", "Serbian Ministry of Interior" → "Ministry of Interior"."""
    name = body.name
    for m in f.mentions:
        if m.entity.kind == "country" and body.start <= m.start and m.end <= body.end:
            name = name.replace(m.exact, "\x00")
    core = _COUNTRY_LINK.sub(" ", name).replace("\x00", " ")
    return _name(core).strip(" ,-–")
