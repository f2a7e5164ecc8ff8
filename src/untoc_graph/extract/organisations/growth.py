"""Names grown from every head word of a field, in English and in Romance order."""

from __future__ import annotations

import re

from ...text import fold, slug
from ..programmes import (
    _PRACTITIONERS,
    NETWORK_HEADS,
    PROGRAMME_HEADS,
)
from .acronyms import _acronym_fits
from .complements import _right
from .reader import _left, _Reader
from .words import (
    _ADJECTIVE,
    _AND,
    _ARTICLES,
    _AT,
    _EN_LINKS,
    _FRENCH_ADJECTIVE,
    _HEAD_KEYS,
    _NOT_A_BODY,
    _ROMANCE_LINKS,
    _STARTS_ROMANCE,
    ACCENTED_HEADS,
    GENERIC,
    HEADS,
    LOWER_HEADS,
    NATIONAL_HEADS,
    ROLE_WORDS,
    ROMANCE_HEADS,
    _Body,
    _is_adjective,
    _is_cap,
)


def _romance(r: _Reader, head: int) -> bool:
    word = r.tokens[head].key
    if word in ROMANCE_HEADS or r.tokens[head].text in ACCENTED_HEADS:
        return True
    if head + 1 >= len(r.tokens):
        return False
    nxt = r.tokens[head + 1]
    low = nxt.text.lower()
    if low in _STARTS_ROMANCE:
        return True
    if _is_cap(nxt.text):
        # "Commission Nationale de Lutte …", "Direction Générale de la Sûreté Nationale"
        after = r.tokens[head + 2].text.lower() if head + 2 < len(r.tokens) else ""
        return bool(_FRENCH_ADJECTIVE.search(low)) or (
            after in _STARTS_ROMANCE and bool(_ADJECTIVE.search(low))
        )
    return _is_adjective(nxt.text)


def _principal(r: _Reader, first: int, last: int, romance: bool) -> int | None:
    """The head that says what a name names: the first in Romance order, else the last before
    the first complement ("Project Steering Committee" is a committee)."""
    heads = []
    for i in range(first, last):
        token = r.tokens[i]
        if r.is_head(i):
            heads.append(i)
            if romance:
                break
        elif heads and (token.text.lower() in _EN_LINKS or token.text.lower() in _AT):
            break
    return heads[-1] if heads else None


def _kind(r: _Reader, head: int, name: str) -> str:
    word = r.tokens[head].key
    if word in PROGRAMME_HEADS:
        return "programme"
    if word in NETWORK_HEADS or word in ("Community", "Comunidad", "Communaute"):
        return "programme" if _PRACTITIONERS.search(name) else "organization"
    return "organization"


def _name(text: str) -> str:
    """A name as written, without a bracketed acronym inside it and with single spaces."""
    name = re.sub(r"\s*\((?:[^()]{1,40})\)\s*(?=\S)", " ", text)
    return " ".join(name.split())


def _candidates(r: _Reader, title_case: bool) -> list[_Body]:
    """Names grown from every head word of a field."""
    tokens = r.tokens
    found: dict[tuple[int, int], _Body] = {}
    for i in [i for i, token in enumerate(tokens) if token.key in _HEAD_KEYS]:
        token = tokens[i]
        if _inside_known(r, i):
            continue
        word = token.key
        if (word in HEADS and _is_cap(token.text)) or token.text in ACCENTED_HEADS:
            if title_case:
                continue
            body = _from_head(r, i)
        elif word in LOWER_HEADS and token.text[0].islower():
            body = _from_lower_head(r, i)
        else:
            continue
        if body is not None and (body.start, body.end) not in found:
            found[(body.start, body.end)] = body
    return list(found.values())


def _inside_known(r: _Reader, i: int) -> bool:
    """Whether token i is inside a known name that nothing after it can extend."""
    known = r.mention(i)
    if known is None or known.entity.kind not in ("organization", "programme", "publication"):
        return False
    after = r.index(known.end - 1) + 1
    if after >= len(r.tokens):
        return True
    word = r.tokens[after].text
    low = word.lower()
    extends = low in _EN_LINKS | _ROMANCE_LINKS | _AT | _AND or word == "("
    return not extends and not (_is_cap(word) and word[0].isalnum())


def _from_head(r: _Reader, head: int) -> _Body | None:
    tokens = r.tokens
    romance = _romance(r, head)
    if (
        head > 1
        and tokens[head - 1].text.lower() in ("de", "of")
        and tokens[head - 2].text in ROLE_WORDS
    ):
        return None  # "Oficial de Programa …": a job title
    first = head if romance else _left(r, head)
    last = _right(r, head, romance)
    if last < 0:
        return None
    if tokens[head].text in _ENGLISH_WORDS and not any(
        t.text.lower() in _ROMANCE_LINKS for t in tokens[head + 1 : last]
    ):
        return None  # "Red Cross" is no Spanish network
    known = r.mention(head)
    if known is not None and known.entity.kind in ("organization", "programme"):
        rest = r.index(known.end - 1) + 1
        if known.start <= tokens[first].start and (
            rest >= last or tokens[rest].text.lower() in _AT | {"au", "aux", "à"}
        ):
            return None  # "Unión Europea en Colombia" is the Union, somewhere
    start = tokens[first].start
    end = tokens[last - 1].end
    return _body(r, first, last, start, end, romance)


def _from_lower_head(r: _Reader, head: int) -> _Body | None:
    """ "la police française", "des douanes suisses", "the Pakistan railway police": a
    lower-case head is a body only with an article and a country."""
    tokens, n = r.tokens, len(r.tokens)
    i = head + 1
    if head > 0 and tokens[head - 1].text.lower() in (
        "la",
        "le",
        "les",
        "des",
        "du",
        "l'",
        "el",
        "los",
        "las",
    ):
        while i < n and i - head <= 3:
            known = r.mention(i)
            if known is not None and known.entity.kind == "country" and tokens[i].text[0].islower():
                last = r.index(known.end - 1) + 1
                return _body(r, head, last, tokens[head].start, known.end, True, lower=True)
            if not _is_adjective(tokens[i].text):
                break
            i += 1
    for back in (1, 2):
        j = head - back
        if j < 0:
            break
        known = r.mention(j)
        if known is not None and known.entity.kind == "country" and known.end == tokens[j].end:
            if back == 2 and not tokens[head - 1].text.islower():
                break
            first = r.index(known.start)
            if first == 0 or tokens[first - 1].text.lower() not in ("the", "la", "el", "le"):
                break
            if known.exact.lower() in r.demonyms:
                break
            return _body(r, first, head + 1, known.start, tokens[head].end, False, lower=True)
        if not tokens[j].text.islower() or back == 2:
            break
    return None


#: Heads of buildings as well as bodies: named after their city only, they are a venue.
_VENUES = frozenset({"Centre", "Center", "Centro", "School", "Escuela", "Ecole"})


#: Plural heads that name one body: "Customs", "Fuerzas Militares".
_PLURAL_NAMES = frozenset({"Customs", "Aduanas", "Douanes", "Fuerzas", "Fonds"})


#: Romance heads that are also English words.
_ENGLISH_WORDS = frozenset({"Red"})


#: Heads of bodies named by the country they represent: "Embassy of Holland", "British High
#: Commission", "Delegation of the European Union".
_DIPLOMATIC = frozenset(
    "Embassy Embajada Ambassade Mission Missions Mision Delegation Delegacion Consulate "
    "Consulado Consulat".split()
)


def _body(
    r: _Reader, first: int, last: int, start: int, end: int, romance: bool, lower: bool = False
) -> _Body | None:
    tokens = r.tokens
    words = [t for t in tokens[first:last] if t.text[0].isalnum()]
    if len(words) < 2:
        return None
    name = _name(r.f.text[start:end])
    if lower:
        return _Body(start, end, "organization", name, slug(name), national=True)
    principal = _principal(r, first, last, romance)
    if principal is None:
        return None
    for token in tokens[first:principal]:
        if token.key in _NOT_A_BODY:
            return None
    head_word = tokens[principal].key
    places = [
        m for m in r.known if start <= m.start < end and m.entity.kind in ("country", "region")
    ]
    demonyms = [m for m in places if m.exact.lower() in r.demonyms]
    content = [
        t
        for t in words
        if t is not tokens[principal]
        and fold(t.text).lower() not in GENERIC
        and t.text.lower() not in _ROMANCE_LINKS | _EN_LINKS | _ARTICLES | _AND | _AT
        and not any(m.start <= t.start < m.end for m in demonyms)
        and not (
            t.start > tokens[principal].start
            and any(m.start <= t.start < m.end for m in places)
            and r.tokens[r.index(t.start) - 1] is tokens[principal]
        )
    ]
    if head_word in _VENUES and content and all(t.start in r.cities for t in content):
        return None  # "Vienna International Centre", "Escuela Central de Cuenca": a place
    diplomatic = head_word in _DIPLOMATIC or (
        head_word == "Commission" and principal > first and tokens[principal - 1].text == "High"
    )
    if not content and head_word not in NATIONAL_HEADS and not (diplomatic and places):
        return None
    if (
        head_word in ("Congress", "Congreso", "Forum", "Foro", "Operation", "Operacion")
        and not places
    ):
        return None
    plural = tokens[principal].text.endswith("s") and not head_word.endswith("ss")
    named = re.match(r"\s*\(\s*([^()\s]{2,12})\s*\)", r.f.text[end : end + 16])
    if named and not _acronym_fits(named[1], name):
        named = None
    if plural and head_word not in _PLURAL_NAMES and not places and not named:
        return None  # "SALW Commissions", "Port Control Units": no one body
    kind = _kind(r, principal, name)
    leading = r.mention(first)
    if leading is not None and leading.entity.kind == "programme" and kind == "organization":
        start = leading.end + 1  # "GLO.ACT | Project Steering Committee"
        name = _name(r.f.text[start:end])
        if len(name.split()) < 2:
            return None
    if kind == "programme":
        end, name = _without_owner(r, start, end, name)
    national = head_word in NATIONAL_HEADS
    return _Body(start, end, kind, name, slug(name), national=national)


def _without_owner(r: _Reader, start: int, end: int, name: str) -> tuple[int, str]:
    """A programme's name without the body that runs it: "Programa Global contra la Trata de
    Personas de UNODC", "Iniciativa TRACK4TIP de UNODC en República Dominicana"."""
    text = r.f.text
    for m in r.known:
        if start < m.start < end and m.entity.kind == "organization":
            owner = re.search(
                r"\s+(?:of|de|del|du|de\s+la|de\s+l['’]|d['’])\s*$", text[start : m.start]
            )
            if owner and re.fullmatch(r"(?:\s+(?:in|en)\s+.+)?", text[m.end : end]):
                cut = start + owner.start()
                return cut, _name(text[start:cut])
    return end, name
