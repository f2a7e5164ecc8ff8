"""The evidence that a run of capitalised words is a person: an honorific or a role before
it, an apposition after it, speech around it."""

from __future__ import annotations

from typing import NamedTuple

from ...lexicon import Lexicon
from ...text import fold
from .words import (
    _ABSTRACT,
    _ADJECTIVES,
    _APPOSITION_OPENERS,
    _APPOSITION_STOP,
    _ARTICLES,
    _CLAUSE_END,
    _CLAUSE_OPENERS,
    _CUES,
    _HONORIFIC_ABBREVIATIONS,
    _LIST_JOIN,
    _NOT_IN_NAME,
    _NOT_IN_ROLE,
    _OF_BODY,
    _OF_WORDS,
    _ON_BEHALF,
    _PUNCTUATION,
    _QUOTED,
    _ROLE_PREFIX,
    _SAY_AFTER,
    _SAY_BEFORE,
    _SAY_BEFORE_PAIRS,
    _SENTENCE,
    _SPOKEN,
    _WHO,
    HONORIFICS,
    MODIFIERS,
    NAME_TITLES,
    ORG_HEADS,
    PERSON_NOUNS,
    ROLES,
)


class Person(NamedTuple):
    """A person's name at ``[start, end)`` and the role stated with it, as written."""

    name: str
    start: int
    end: int
    role: str | None
    role_start: int | None


def _title_case(text: str) -> bool:
    """A headline With Every Word Capitalised, where capitals tell nothing."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _is_honorific(token: str) -> bool:
    return token.rstrip(".").lower() in HONORIFICS


def _is_cue(token: str) -> bool:
    word = token.rstrip(".").lower()
    return word in _CUES or ("-" in word and word.rsplit("-", 1)[-1] in _CUES)


def _is_role(word: str) -> bool:
    """A title ("Director", "viceministra", "Under-Secretary-General", "sous-directeur")."""
    word = word.strip(_PUNCTUATION).lower()
    if word in ROLES or ("-" in word and word.rsplit("-", 1)[-1] in ROLES):
        return True
    bare = _ROLE_PREFIX.sub("", word)
    return bare != word and bare in ROLES


def _not_name(token: str) -> bool:
    """A word that is no part of a person's name: "Ministry", "Deputy", "Prevention"."""
    word = token.lower()
    if word in _NOT_IN_NAME or _ABSTRACT.search(word):
        return True
    return "-" in word and any(part in _NOT_IN_NAME for part in word.split("-"))


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """The words of ``text[start:end]`` with their offsets."""
    tokens = []
    for word in text[start:end].split():
        start = text.find(word, start)
        tokens.append((word, start))
        start += len(word)
    return tokens


def _before(text: str, pos: int, count: int = 4) -> list[tuple[str, int]]:
    """The last words before ``pos``, with their offsets."""
    window = max(0, pos - 15 * count)
    words = []
    for word in reversed(text[window:pos].split()[-count:]):
        pos = text.rfind(word, window, pos)
        words.append((word, pos))
    words.reverse()
    return words


def _honorific_before(word: str) -> bool:
    """Whether the word just before a name is an honorific: "Mr.", "Sra.", "S.E.", "M."."""
    word = word.lstrip('(“"«')
    if word == "M." or word in ("H.", "E."):
        return True
    return word.rstrip(".") in _HONORIFIC_ABBREVIATIONS or word in _HONORIFIC_ABBREVIATIONS


def _role_before(words: list[tuple[str, int]]) -> int | None:
    """Where a role just before the name starts: "el coronel …", "la consultora nacional …",
    "los fiscales …", "le Secrétaire général …", "la señora …"."""
    lower = [w.lower() for w, _ in words]
    for size in range(min(3, len(words))):
        role = -1 - size
        title = lower[role]
        if (
            _is_role(title) or title in NAME_TITLES or (len(title) > 3 and title in HONORIFICS)
        ) and all(w in _ADJECTIVES for w in lower[len(lower) + role + 1 :]):
            return words[role][1]
    return None


def _role_of_before(text: str, start: int) -> int | None:
    """Where "Minister of " starts when the run at ``start`` is its subject and a name:
    "Minister of Justice Pedro Soto", "Ministre de la Justice Marie Dupont"."""
    words = _before(text, start, 6)
    lower = [w.lower() for w, _ in words]
    while lower and lower[-1] in _ARTICLES:
        lower.pop()
    if not lower or lower[-1] not in _OF_WORDS:
        return None
    i = len(lower) - 2
    if i < 0 or not _is_role(lower[i]):
        return None
    while i > 0 and (lower[i - 1] in MODIFIERS or _is_role(lower[i - 1])):
        i -= 1
    return words[i][1]


def _said_before(words: list[tuple[str, int]]) -> bool:
    lower = [w.lower() for w, _ in words]
    if not lower:
        return False
    last = lower[-1]
    if last in _SAY_BEFORE or last.startswith(("d'après", "d’après")):
        return True
    if len(lower) > 1 and (lower[-2], last) in _SAY_BEFORE_PAIRS:
        return True
    spoken = _SPOKEN.get(last.replace("’", "'"))
    return bool(spoken and len(lower) > 1 and lower[-2] in spoken)


def _clause_role(text: str, comma: int, persons: list[Person]) -> tuple[str, int] | None:
    """The role a clause ends with just before a name: "the Minister of Justice of Bolivia, …",
    "el Representante de UNODC en Colombia, …"; never reaching back past another person."""
    window_start = max(0, comma - 160, persons[-1].end if persons else 0)
    sentence = window_start
    for match in _SENTENCE.finditer(text, window_start, comma):
        sentence = match.end()
    words = _tokens(text, sentence, comma)
    for i, (word, start) in enumerate(words):
        lower = word.strip(_PUNCTUATION).lower()
        if not _is_role(lower) or (lower.endswith("s") and lower[:-1] in ROLES):
            continue  # plural roles name groups, not the person that follows
        if i + 1 < len(words):
            following = words[i + 1][0].strip(_PUNCTUATION).lower()
            if following in ORG_HEADS:
                continue  # "the General Assembly": a body, not a role
        j = i
        while j > 0 and i - j < 3:
            previous = words[j - 1][0]
            if not (previous[:1].isupper() or previous.lower() in _ADJECTIVES):
                break
            j -= 1
        if j > 0:
            previous = words[j - 1][0]
            if previous[-1] not in ",;:(" and previous.lower() not in _CLAUSE_OPENERS:
                continue
        if comma - start > 160 or _NOT_IN_ROLE.search(text, start, comma):
            continue
        return text[start:comma].strip(), start
    return None


def _apposition(text: str, end: int) -> bool:
    """ "…, Chief of …", "…, a legal expert at …", "…, UNODC's Director …": a role among the
    first words after the comma, before any preposition."""
    start = end + 1
    stop = _CLAUSE_END.search(text, start, start + 160)
    words = text[start : stop.start() if stop else start + 160].split()[:5]
    if not words:
        return False
    if _is_honorific(words[0]) and not (len(words) > 1 and words[1].islower()):
        return False  # "…, H.E. Mr. …" lists another person; "…, Professor of …" is a title
    first = words[0].strip(_PUNCTUATION)
    if first.islower() and not (
        first in _APPOSITION_OPENERS or _is_role(first) or first in NAME_TITLES
    ):
        return False  # "…, welcomed the experts", "…, who …": a verb, no title
    for word in words:
        word = word.strip(_PUNCTUATION).lower()
        if word in _APPOSITION_STOP:
            return False
        if word.endswith(("'s", "’s")):
            continue
        if word in ROLES or word in NAME_TITLES or word in PERSON_NOUNS:
            return True
        if "-" in word and word.rsplit("-", 1)[-1] in ROLES:
            return True
        if "/" in word and any(part in ROLES or part in NAME_TITLES for part in word.split("/")):
            return True
    return False


def _of_body(text: str, end: int) -> bool:
    """ "… of the Supreme Judicial Council", "…, del Ministerio de …", "…, de UNODC" """
    match = _OF_BODY.match(text, end)
    if not match:
        return False
    return any(
        w.lower() in ORG_HEADS or (len(w) > 1 and w.replace("-", "").replace(".", "").isupper())
        for w in match["body"].split()[:7]
    )


def _in_vocabulary(name: str, lexicon: Lexicon | None) -> bool:
    """A body, programme or topic a vocabulary knows is no person."""
    return lexicon is not None and fold(" ".join(name.split())) in lexicon.items


def _is_country(name: str, lexicon: Lexicon | None, primary: bool = True) -> bool:
    """A country by its own name ("Turkmenistan"), or by any of its names when not
    ``primary`` ("de Kenia"); "Mauricio" (Mauritius in Spanish) is a first name first."""
    return lexicon is not None and any(
        p.kind == "country" and (not primary or p.name == name)
        for p in lexicon.gazetteer.lookup(name)
    )


def _comma_before(text: str, start: int) -> int | None:
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i if i >= 0 and text[i] == "," else None


def _acronym_before(text: str, start: int) -> int:
    """Where the acronyms and possessives just before ``start`` begin: "UNODC ", "SELEC "."""
    for word, offset in reversed(_before(text, start, 2)):
        bare = word.removesuffix("'s").removesuffix("’s")
        if not (len(bare) > 1 and bare[0].isupper() and bare[-1].isupper()):
            break
        start = offset
    return start


def _evidence_around(
    text: str, start: int, end: int, single: bool, said_whose: bool, persons: list[Person]
) -> tuple[str, bool, str | None, int | None]:
    """What around a name shows it names a person: the evidence, whether it is strong enough
    for a surname alone, and the role it states (text and start)."""
    before = _before(text, start)
    if before and _honorific_before(before[-1][0]):
        return "honorific", True, None, None
    if (found := _role_before(before)) is not None:
        return "role before", False, text[found:start].strip(), found
    if single:
        return "", False, None, None
    # "the head of UNODC Ana Rojas": a role of a body named by its acronym
    acronym = _acronym_before(text, start)
    if acronym != start and (found := _role_of_before(text, acronym)) is not None:
        return "role of", False, text[found:start].strip(), found
    if said_whose:
        evidence = "body after"
    elif persons and _LIST_JOIN.fullmatch(text, persons[-1].end, start):
        evidence = "list"
    elif _said_before(before):
        evidence = "said before"
    elif text[end : end + 1] == "," and _apposition(text, end):
        evidence = "apposition"
    elif _WHO.match(text, end):
        evidence = "who"
    elif _QUOTED.match(text, end):
        evidence = "quoted"
    elif _SAY_AFTER.match(text, end):
        evidence = "said after"
    elif _ON_BEHALF.match(text, end):
        evidence = "on behalf"
    elif _of_body(text, end):
        evidence = "of body"
    elif (comma := _comma_before(text, start)) is not None and (
        clause := _clause_role(text, comma, persons)
    ):
        return "role clause", False, *clause
    else:
        evidence = ""
    return evidence, False, None, None
