"""Persons in a field: each capitalised run judged on its evidence, cut to the name, with the
role stated with it; then one person per name across an entry's fields."""

from __future__ import annotations

from ...lexicon import Lexicon
from ...text import fold, slug
from ..fields import _Field
from ..records import Entity
from .evidence import (
    Person,
    _acronym_before,
    _apposition,
    _before,
    _clause_role,
    _comma_before,
    _evidence_around,
    _honorific_before,
    _in_vocabulary,
    _is_country,
    _is_cue,
    _is_honorific,
    _is_role,
    _not_name,
    _role_of_before,
    _title_case,
    _tokens,
)
from .words import (
    _ARTICLES,
    _CUES,
    _FUNCTION_WORDS,
    _HONORIFIC_ABBREVIATIONS,
    _INSIDE_WORD,
    _IRREGULAR_VERBS,
    _LEADING,
    _LEADING_ARTICLE,
    _NAMES_ANOTHER,
    _NO_NAME_HERE,
    _ROLE_AFTER,
    _RUN,
    _SAY_AFTER,
    _SENTENCE_MARKS,
    _TIME,
    _VERB_FORM,
    MODIFIERS,
    NOT_NAMES,
    ORG_HEADS,
    PARTICLES,
    PERSONAL_TITLES,
)


def _judge(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon | None,
    titled: bool,
    persons: list[Person],
    led: bool,
) -> Person | None:
    """The person the capitalised run at ``[start, end)`` names, if it names one with
    evidence; ``led`` tells that an honorific stands right before the run."""
    lowered = text[start:end].lower().split()
    if _NO_NAME_HERE.issuperset(lowered):
        return None  # "Executive Director", "Global Programme", "West Africa"
    if lowered[-1] in NOT_NAMES and not any(w in _CUES or w in PARTICLES for w in lowered):
        return None  # "Constructive Dialogue", "Afghan Opiate Trade Programme"
    tokens = _tokens(text, start, end)
    if len(tokens) > 1 and text[end : end + 1] == "." and _is_honorific(tokens[-1][0]):
        tokens.pop()  # "… Operations Mr. Aldo Lale-Demoz": the honorific leads the next name
    role = role_start = None
    evidence = ""
    strong = False
    # A title inside the run: the first cue followed by a name ("UNODC Deputy Executive
    # Director Ana Rojas", "Police Lieutenant General …", "Mme Gbialy", "Comisionado Mayor
    # Manuel García Secretario Ejecutivo").
    cue = after = None
    if not titled:
        for i in range(len(tokens) - 1):
            if _is_cue(tokens[i][0]) and not _is_cue(tokens[i + 1][0]):
                name_tokens, after = _name_end(tokens[i + 1 :], lexicon)
                if name_tokens:
                    cue = i
                    break
    if cue is not None:
        head = tokens[cue][0].rstrip(".").lower()
        strong = head in PERSONAL_TITLES or head.rsplit("-", 1)[-1] in PERSONAL_TITLES
        evidence = "title"
        chain = [(t, s) for t, s in tokens[: cue + 1] if not _is_honorific(t)]
        while chain and chain[0][0].lower() in _FUNCTION_WORDS:
            chain.pop(0)
        if chain:
            role_start = chain[0][1]
            if role_start == start:
                subject_of = _role_of_before(text, start)
                role_start = subject_of if subject_of is not None else _acronym_before(text, start)
            role = text[role_start : chain[-1][1] + len(chain[-1][0])]
    elif led:
        # "Mr. De La Torre": after an honorific the name starts at once, particles and all
        evidence, strong = "honorific", True
        name_tokens, after = _name_end(tokens, lexicon)
    else:
        name_tokens = _strip_leading(text, start, tokens, lexicon)
        if name_tokens and len(name_tokens) < len(tokens):
            subject_of = _role_of_before(text, start)
            if subject_of is not None:
                evidence = "role of"
                role_start = subject_of
                role = text[role_start : name_tokens[0][1]].strip()
        name_tokens, after = _name_end(name_tokens, lexicon)
    if not name_tokens:
        return None
    first_token, name_start = name_tokens[0]
    last_token, last_start = name_tokens[-1]
    name_end = last_start + len(last_token)
    words = [t for t, _ in name_tokens if t not in PARTICLES]
    if not words or words[-1].endswith(".") or first_token in PARTICLES:
        return None
    if not evidence and (first_token.lower() in _CUES or first_token.lower() in _LEADING):
        return None
    single = len(words) == 1
    if not single and lexicon is not None and lexicon.gazetteer.is_place(text[name_start:name_end]):
        return None  # "Costa Rica" is no person, whatever is said around it
    if not evidence:
        evidence, strong, role, role_start = _evidence_around(
            text, name_start, name_end, single, after, persons
        )
    if not evidence or (single and (not strong or _is_country(words[0], lexicon))):
        return None
    name = text[name_start:name_end]
    if not single and _in_vocabulary(name, lexicon):
        return None
    return Person(
        name, name_start, name_end, *_role(text, name_start, name_end, role, role_start, persons)
    )


def _strip_leading(
    text: str, start: int, tokens: list[tuple[str, int]], lexicon: Lexicon | None
) -> list[tuple[str, int]]:
    """The run without the words that open it and are no part of a name: "The", "On
    Monday", "Foreign Affairs" (after "Minister of"), a sentence-opening verb
    ("Intervinieron"), a country ("Turkmenistan Hideki Hosaka")."""
    at_sentence = start == 0 or text[max(0, start - 2) : start].strip() in _SENTENCE_MARKS
    name_tokens = tokens
    while name_tokens:
        lower = name_tokens[0][0].lower()
        longer = len(name_tokens) > 2
        if not (
            lower in _LEADING
            or (longer and lower in _TIME)
            or (
                longer
                and at_sentence
                and name_tokens is tokens
                and (_VERB_FORM.search(lower) or lower in _IRREGULAR_VERBS)
            )
            or (longer and _is_country(name_tokens[0][0], lexicon))
        ):
            break
        name_tokens = name_tokens[1:]
    return name_tokens


def _name_end(
    tokens: list[tuple[str, int]], lexicon: Lexicon | None
) -> tuple[list[tuple[str, int]], bool]:
    """Where the name in a run ends ("Ana Rojas de la Policía Nacional", "Manuel García
    Secretario Ejecutivo", "Mary Mugwanja de Kenia"; no name in "Ghada Waly Foundation"), and
    whether the body that follows it in the run says whose it is (evidence of a person)."""
    for i, (token, _) in enumerate(tokens):
        if token in PARTICLES:
            tail = " ".join(t for t, _ in tokens[i + 1 :])
            if i >= 2 and tail and _is_country(tail, lexicon, primary=False):
                return tokens[:i], False
            continue
        if not _not_name(token):
            continue
        j = i
        while j > 0 and tokens[j - 1][0] in PARTICLES:
            j -= 1
        if sum(t not in PARTICLES for t, _ in tokens[:j]) < 2:
            return [], False
        lower = token.lower()
        if j < i and lower in ORG_HEADS:
            return tokens[:j], True
        if (
            j == i
            and (_is_role(lower) or lower in MODIFIERS)
            and any(_is_role(t) for t, _ in tokens[i:])
        ):
            return tokens[:j], False  # a title, but "Swiss Governmental Expert" is no name
        return [], False
    return tokens, False


def _role(
    text: str,
    start: int,
    end: int,
    role: str | None,
    role_start: int | None,
    persons: list[Person],
) -> tuple[str | None, int | None]:
    """The role stated with a name: in apposition after it ("…, Chief of …"), else the one
    already found before it, else a clause before it and the honorifics that lead it ("Le
    Ministre de la Justice, M. …", "la Directora Ejecutiva de la UNODC, la Señora …")."""
    if text[end : end + 1] == ",":
        after = _ROLE_AFTER.match(text, end)
        if after and _apposition(text, end) and not _NAMES_ANOTHER.search(after["role"]):
            role, role_start = after["role"], after.start("role")
            article = _LEADING_ARTICLE.match(role)
            if article:  # "…, a prosecutor in Quito" holds the title "prosecutor in Quito"
                role, role_start = role[article.end() :], role_start + article.end()
            return role.rstrip(), role_start
    if role is not None:
        return role, role_start
    lead = start
    for word, offset in reversed(_before(text, start, 3)):
        if not (_honorific_before(word) or _is_honorific(word) or word.lower() in _ARTICLES):
            break
        lead = offset
    comma = _comma_before(text, lead)
    clause = _clause_role(text, comma, persons) if comma is not None else None
    return clause or (None, None)


def _key(name: str) -> frozenset[str]:
    """The words of a name, folded, without initials: "J. Cardoso" ⊆ "João Cardoso"."""
    words = fold(name).lower().replace("-", " ").split()
    return frozenset(w for w in words if not (len(w) == 2 and w.endswith(".")))


def find_persons(f: _Field, lexicon: Lexicon | None = None) -> list[Person]:
    """Person names in a field, each with the role stated with it (before or after)."""
    text = f.text
    titled = f.name == "headline" and _title_case(text)
    found: list[Person] = []
    alone: list[tuple[int, int]] = []
    led_at = -1  # where a name would start after the last honorific ("Mr. ", "Sra. ")
    for run in _RUN.finditer(text):
        start = run.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in _INSIDE_WORD):
            # "H.E. Mr. Ivica Dacic", "(UNODC). Jorge Rios": the run starts inside a word
            space = run.group().find(" ")
            if space < 0 or not (run := _RUN.match(text, start + space + 1)):
                continue
            start = run.start()
        word = run.group()
        led = start == led_at
        if " " in word:
            person = _judge(text, start, run.end(), lexicon, titled, found, led)
            if person is not None:
                found.append(person)
        elif word in _HONORIFIC_ABBREVIATIONS:
            led_at = run.end() + (text[run.end() : run.end() + 1] == ".")
            while led_at < len(text) and text[led_at] in " \t":
                led_at += 1
        elif word.lower() not in _NO_NAME_HERE:
            # A word alone is a person after an honorific ("Mr. Fedotov"); before "said"
            # only when the field names the same person in full ("Arguijo agradeció").
            if led:
                if not _not_name(word) and not _is_country(word, lexicon):
                    role = _role(text, start, run.end(), None, None, found)
                    found.append(Person(word, start, run.end(), *role))
            else:
                alone.append((start, run.end()))
    if alone and found:
        surnames = {w for p in found for w in _key(p.name)}
        for start, end in alone:
            word = text[start:end]
            if fold(word).lower() in surnames and _SAY_AFTER.match(text, end):
                found.append(Person(word, start, end, None, None))
    return [_own_role(p, found) for p in found]


def _own_role(person: Person, persons: list[Person]) -> Person:
    """A role cut where another person's name starts: in "…, Deputy Head of the Embassy of
    Japan Hideki Hosaka spoke" the title ends before the next person."""
    if person.role is None:
        return person
    end = person.role_start + len(person.role)
    cut = min(
        (p.start for p in persons if person.role_start < p.start < end and p is not person),
        default=None,
    )
    if cut is None:
        return person
    role = person.role[: cut - person.role_start].rstrip(" ,;")
    return person._replace(role=role) if role else person._replace(role=None, role_start=None)


def add_persons(fields: list[_Field]) -> None:
    """One person per name in an entry: "Dr. Islas" in the text is the headline's
    "Dr. Laura Diorella Islas Limiñana"; a role stated anywhere is the person's."""
    found = [(f, *p) for f in fields for p in f.persons]
    by_name: dict[str, Entity] = {}
    keys: dict[str, frozenset[str]] = {}

    def full_name(name: str) -> str:
        key = _key(name)
        return next((n for n, k in keys.items() if key <= k), name)

    for f, name, _start, _end, role, role_start in sorted(found, key=lambda p: -len(p[1])):
        full = full_name(name)
        keys.setdefault(full, _key(full))
        affiliation = None
        if role:
            window_end = role_start + len(role)
            inside = [
                m.entity
                for m in f.mentions
                if m.entity.kind == "organization" and role_start <= m.start < window_end
            ]
            affiliation = inside[-1] if inside else None
        known = by_name.get(full)
        if known is None or (role and not known.job_title):
            by_name[full] = Entity(
                "person", slug(full), full, linked=False, job_title=role, affiliation=affiliation
            )
    for f, name, start, end, _, _ in found:
        f.add(by_name[full_name(name)], start, end)
