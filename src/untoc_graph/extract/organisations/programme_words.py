"""Programmes named next to their word: "Project HERMES", "the Unwaste project", a quoted name."""

from __future__ import annotations

from ...text import fold, slug
from ..programmes import LOWER_PROGRAMME
from .growth import _name
from .reader import _Reader
from .words import (
    _AND,
    _ARTICLES,
    _AT,
    _CALENDAR,
    _EN_LINKS,
    ROLE_WORDS,
    STARTERS,
    _Body,
    _is_acronym,
    _is_cap,
)


def _programme_words(r: _Reader, title_case: bool) -> list[_Body]:
    """ "Project HERMES", "Projeto Tapajós", "Iniciativa TRACK4TIP", "proyecto Spartacus", "the
    Unwaste project", "ASEAN-ACT, a programme funded by …": a name next to a programme word.
    Its key is the name without the word, so "TRACK4TIP" and "Iniciativa TRACK4TIP" are one
    programme."""
    tokens, n = r.tokens, len(r.tokens)
    found = []
    for i, token in enumerate(tokens):
        if token.key not in _PROGRAMME_KEYS:
            continue
        low = token.text.lower()
        if low not in LOWER_PROGRAMME:
            continue
        capital = token.text[0].isupper()
        if i + 1 < n and tokens[i + 1].start - token.end == 1:
            j = i + 1
            while j < n and j - i <= 4 and _is_cap(tokens[j].text) and tokens[j].text[0].isalnum():
                if r.is_head(j) or tokens[j].text in STARTERS:
                    break
                if tokens[j].text in ROLE_WORDS:
                    j = -1  # "Programme Management Officer": a job title
                    break
                j += 1
            if (
                j > i + 1
                and _free_name(r, i + 1, j)
                and (capital or _is_acronym(tokens[i + 1].text) or j == i + 2)
            ):
                if capital and title_case:
                    continue
                j = _subtitle(r, j)
                start = token.start if capital else tokens[i + 1].start
                end = tokens[j - 1].end
                core = r.f.text[tokens[i + 1].start : end]
                found.append(_Body(start, end, "programme", _name(r.f.text[start:end]), slug(core)))
                continue
        if not capital and i > 0 and tokens[i - 1].end == token.start - 1:
            j = _name_before(r, i)
            if j is not None:
                start, end = tokens[j].start, tokens[i - 1].end
                found.append(
                    _Body(start, end, "programme", r.f.text[start:end], slug(r.f.text[start:end]))
                )
        if (
            tokens[i - 1].text.lower() in _ARTICLES | {"un", "una", "nuevo", "new", "its", "su"}
            and i > 2
        ):
            # "ASEAN-ACT, a programme funded by …", "MENTHOR, un programa especializado …"
            k = i - 1
            while k > 0 and tokens[k].text.lower() in _ARTICLES | {
                "un",
                "una",
                "nuevo",
                "nueva",
                "new",
                "its",
                "su",
                "le",
                "nouveau",
            }:
                k -= 1
            if tokens[k].text == ",":
                j = _name_before(r, k)
                if j is not None:
                    start, end = tokens[j].start, tokens[k - 1].end
                    found.append(
                        _Body(
                            start, end, "programme", r.f.text[start:end], slug(r.f.text[start:end])
                        )
                    )
    return found


_PROGRAMME_KEYS = frozenset(
    fold(w) for word in LOWER_PROGRAMME for w in (word, word[0].upper() + word[1:])
)


def _name_before(r: _Reader, i: int) -> int | None:
    """The first token of a short capitalised name that ends at token i - 1 and names nothing
    the entry knows otherwise, or None."""
    tokens = r.tokens
    j = i - 1
    while j >= 0 and i - j <= 3 and _is_cap(tokens[j].text) and tokens[j].text[0].isalnum():
        if tokens[j].text in STARTERS or r.is_head(j):
            break
        j -= 1
    j += 1
    if j >= i or not _free_name(r, j, i):
        return None
    before = tokens[j - 1].text if j > 0 else "."
    if before[:1].isupper() and before not in STARTERS:
        return None  # part of a longer name
    if before in (".", "!", "?", ":") and not _is_acronym(tokens[j].text):
        return None  # a capital that only starts a sentence
    return j


def _subtitle(r: _Reader, j: int) -> int:
    """A programme name's subtitle after a colon: "PROTECT: Improving Migration Management &
    Migrant Protection in Selected Silk Route Countries"."""
    tokens, n = r.tokens, len(r.tokens)
    if j + 1 < n and tokens[j].text == ":" and _is_cap(tokens[j + 1].text):
        k = j + 1
        last = None
        while k < n:
            text = tokens[k].text
            if _is_cap(text) and text[0].isalnum():
                last = k
            elif text.lower() not in _AND | _EN_LINKS | _ARTICLES | _AT | {"&"}:
                break
            k += 1
        if last is not None and last - j >= 2:
            return last + 1
    return j


def _free_name(r: _Reader, first: int, last: int) -> bool:
    """Whether tokens first..last name nothing known (a country, a body, a person …)."""
    for i in range(first, last):
        if r.mention(i) is not None or r.person(i) or r.tokens[i].key in _CALENDAR:
            return False
    return True


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: Articles before a body's acronym in French and Spanish: "la DIVINDAT", "el DAS", "du CNLPAL".
_ACRONYM_ARTICLES = frozenset("la el del al le du".split())
