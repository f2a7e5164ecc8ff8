"""Where a body's name ends, right of its head: complements, brackets, lists, countries."""

from __future__ import annotations

from ...lexicon import Token
from ..programmes import PROGRAMME_HEADS
from .acronyms import _acronym_fits
from .reader import _past_known, _Reader
from .words import (
    _AND,
    _ARTICLES,
    _AT,
    _CALENDAR,
    _DOTTED,
    _EN_LINKS,
    _GLUE,
    _NOT_IN_NAME,
    _PARTICIPLE,
    _ROMANCE_LINKS,
    _TO_HEADS,
    LOCATED_HEADS,
    ORG_HEADS,
    ROLE_WORDS,
    STARTERS,
    _is_acronym,
    _is_adjective,
    _is_cap,
)


def _right(r: _Reader, head: int, romance: bool) -> int:
    """One past the last token of a name whose head is token ``head``, or -1 when the head
    only qualifies a longer title ("Organized Crime University Modules", "Programme
    Management Officer")."""
    tokens, n = r.tokens, len(r.tokens)
    head_word = tokens[head].key
    programme = head_word in PROGRAMME_HEADS
    end = i = _past_known(r, head)
    start = tokens[head].start
    adjectives = 0
    while i == end and i < n:  # words that follow the head: "Police Academy", "Policía Nacional"
        token = tokens[i]
        text = token.text
        if token.start - tokens[i - 1].end > 1:
            break
        if _is_cap(text) and text[0].isalnum():
            if text.lower() in _EN_LINKS | _ROMANCE_LINKS:
                break  # "… Network Against Trafficking in Persons"
            if text in ROLE_WORDS:
                return -1
            known = r.mention(i)
            if known is not None and known.entity.kind == "country" and not romance:
                end = i = r.index(known.end - 1) + 1
                break
            if known is not None and known.entity.kind in ("organization", "programme", "person"):
                break
            if r.person(i) or token.key in _CALENDAR or text in STARTERS:
                break
            if romance or r.is_head(i) or programme:
                end = i = _past_known(r, i)
                continue
            return -1
        if romance and adjectives < 3 and text[0].islower() and text not in _NOT_IN_NAME:
            place = r.mention(i)
            if _is_adjective(text) or (place is not None and place.entity.kind == "country"):
                i += 1
                adjectives += 1
                if not _PARTICIPLE.search(text):
                    end = i
                continue
            if i + 1 < n and tokens[i + 1].text == "(":
                i += 1  # "Cellules aéroportuaires anti-trafics (CAAT)": kept if the acronym fits
                continue
        break
    lower_words = 0
    fight = False
    resumed = -1  # where the name resumes after "(ACR)"
    complemented = False  # whether a complement ("of …", "de …") was read
    bare = False  # whether lower-case words were just read: "to fight | Trafficking …"
    addressed = False  # whether a "to …" complement was read: "… to the United Nations"
    while i < n:
        token = tokens[i]
        low = token.text.lower()
        if token.text == "(":
            close = _bracket_close(r, i)
            if close is None:
                break
            acronym = "".join(t.text for t in tokens[i + 1 : close])
            fits = _acronym_fits(acronym, r.f.text[start : tokens[i - 1].end])
            if end < i and fits:
                end = i
            after = _skip_bracket(r, close, romance)
            if after is None:
                break
            if end == i:
                resumed = after
            i = after
            continue
        if token.text == "," and end == i and end > head + 1:
            after = _comma_list(r, i)
            if after is None:
                break
            end = i = after
            continue
        after_lower, bare = bare, False
        if after_lower and _is_cap(token.text) and token.text[0].isalnum():
            j = i
            link = "bare"
        elif token.text in (",", ";") or low in _AND:
            if end < i and romance and _body_follows(r, i + 1):
                end = i  # "… de la Direction de l'inspection du travail et du Ministère …"
            if token.text in (",", ";") or not _and_continues(r, i + 1, romance, complemented):
                break
            j = i + 1
            link = "and"
            if j < n and tokens[j].text.lower() in _ROMANCE_LINKS:
                i = j  # "… et de petit calibre", "… et des Droits de l'Homme"
                continue
        elif (low in _EN_LINKS and low != "to") or (romance and low in _ROMANCE_LINKS):
            j = i + 1
            link = low
        elif low == "to" and (head_word in _TO_HEADS or not romance) and not addressed:
            j = i + 1
            link = low
            addressed = head_word in _TO_HEADS
        elif low in _AT:
            j = i + 1
            link = "at"
        else:
            break
        articles = 0
        while j < n and tokens[j].text.lower() in _ARTICLES and articles < 2:
            j += 1
            articles += 1
        if j >= n:
            break
        if link in ("at", "à", "au", "aux") or (link == "to" and r.place_kind(j) == "city"):
            place = r.place_end(j)
            if addressed and link == "at":
                break  # "… to the United Nations | in Vienna"
            if place is not None and link != "to":
                country = r.place_kind(j) in ("country", "region")
                if country or head_word in LOCATED_HEADS:
                    if end < i and not romance and i != resumed:
                        break
                    end = i = r.index(place - 1) + 1
                    if i < n and tokens[i].text == "(":
                        continue
                    break  # "… en Honduras" ends the name
                break
        if link in ("contre", "contra", "against"):
            between = [t.text.lower() for t in tokens[end:i]]
            fight = all(w in _FIGHT_WORDS for w in between)
        first_word = tokens[j].text
        k = j
        # In English, words after a lower-case word or "to" are kept only when an acronym in
        # brackets then closes the name ("State Committee to fight Trafficking in Persons of
        # Mato Grosso (CETRAP/MT)").
        held = not romance and (
            (end < i and not programme and i != resumed)
            or (link == "to" and head_word not in _TO_HEADS)
        )
        if _is_cap(first_word) and first_word[0].isalnum():
            while k < n:
                if k > j:
                    after = _past_known(r, k)
                    if after > k + 1:
                        k = after
                        continue
                word = tokens[k].text
                if k > j and word.lower() in _EN_LINKS | _ROMANCE_LINKS:
                    break
                if (
                    programme
                    and word in ("the", "to")
                    and k + 1 < n
                    and _is_cap(tokens[k + 1].text)
                ):
                    k += 1  # "… for Strengthening the Capacities of Member States to Prevent …"
                    continue
                if _is_cap(word) and word[0].isalnum():
                    if tokens[k].key in _CALENDAR or r.person(k):
                        break
                    k = _past_known(r, k) if k == j else k + 1
                elif (
                    word == "."
                    and _DOTTED.match(tokens[k - 1].text)
                    or word in _GLUE
                    and k + 1 < n
                    and _is_cap(tokens[k + 1].text)
                ):
                    k += 1
                else:
                    break
            if k == j:
                break
            while romance and k < n and k - j < 6 and _is_adjective(tokens[k].text):
                k += 1  # "… des Ressources halieutiques", "… des Douanes maritimes"
            if programme and any(t.key in ORG_HEADS and _is_cap(t.text) for t in tokens[j:k]):
                break  # "Project Dragon of the Sea | of the Labour Inspection Bureau …"
            i = k
            if not held:
                end = k
            fight = False
            complemented = complemented or link != "and"
            continue
        limit = 8 if romance else 4
        if first_word[0].isalpha() and first_word[0].islower() and lower_words < limit:
            while k < n and lower_words < limit:
                word = tokens[k].text
                if not word[0].isalpha() or not word[0].islower():
                    break
                if word in _NOT_IN_NAME or word in _ROMANCE_LINKS or word in _AND or word in _AT:
                    break
                if word in _EN_LINKS:
                    break
                k += 1
                lower_words += 1
                if tokens[k - 1].end in r.topic_ends:
                    break  # "… contre la cybercriminalité | soutient …"
            if k == j:
                break
            i = k
            bare = True
            if romance and fight and tokens[k - 1].end in r.topic_ends:
                end = k
            continue
        break
    if end < n and tokens[end].text == "(":
        close = _bracketed_country(r, end)
        if close is not None:
            end = close
    return end


_FIGHT_WORDS = frozenset(
    "de la le lutte lucha para et y prévention prevención coordination coordinación".split()
)


def _bracket_close(r: _Reader, i: int) -> int | None:
    """The ")" closing an acronym in brackets that opens at token i, or None."""
    tokens, n = r.tokens, len(r.tokens)
    close = i + 1
    while close < n and close - i < 8 and tokens[close].text != ")":
        close += 1
    if close >= n or tokens[close].text != ")" or close == i + 1:
        return None
    if not _is_acronym("".join(t.text for t in tokens[i + 1 : close])):
        return None
    return close


def _skip_bracket(r: _Reader, close: int, romance: bool) -> int | None:
    """The token after "(ACR)" when the name goes on after it, else None. It goes on only to
    say where the body is ("… Light Weapons (SALW) of Cote d'Ivoire", "… (NatCom-SALW) du
    Mali") or what it is ("… Community (SADC) Secretariat"); "… Affairs (INL) of the U.S.
    Department of State" names a second body."""
    tokens, n = r.tokens, len(r.tokens)
    after = close + 1
    if after >= n or tokens[after].start - tokens[close].end > 1:
        return None
    low = tokens[after].text.lower()
    links = _ROMANCE_LINKS if romance else _EN_LINKS
    if low in links:
        nxt = after + 1
        while nxt < n and tokens[nxt].text.lower() in _ARTICLES:
            nxt += 1
        place = r.place_end(nxt) if nxt < n and r.place_kind(nxt) != "city" else None
        if place is not None and not any(
            r.is_head(k) for k in range(nxt, min(n, r.index(place - 1) + 3))
        ):
            return after
    if r.is_head(after):
        return after
    return None


def _comma_list(r: _Reader, i: int) -> int | None:
    """A list inside a name: "… para la Paz, el Desarme y el Desarrollo", "… on Combating
    Drugs, Crime Prevention and Criminal Justice Reform". Returns the token after its last
    item, or None when the comma ends the name."""
    tokens, n = r.tokens, len(r.tokens)
    k = i
    items = 0
    while k < n and tokens[k].text == "," and items < 4:
        k += 1
        k = _skip_articles(tokens, k)
        k = _plain_words(r, k)
        if k is None:
            return None
        items += 1
    if k >= n or tokens[k].text.lower() not in _AND:
        return None
    k = _skip_articles(tokens, k + 1)
    return _plain_words(r, k)


def _skip_articles(tokens: list[Token], k: int) -> int:
    while k < len(tokens) and tokens[k].text.lower() in _ARTICLES:
        k += 1
    return k


def _plain_words(r: _Reader, k: int) -> int | None:
    """The token after a run of capitalised words that name nothing on their own (no head, no
    known name, no acronym, no person), or None."""
    start = k
    while k < len(r.tokens) and _is_cap(r.tokens[k].text) and r.tokens[k].text[0].isalnum():
        if r.is_head(k) or r.mention(k) is not None or r.person(k):
            return None
        if _is_acronym(r.tokens[k].text) or r.tokens[k].text in ROLE_WORDS:
            return None
        k += 1
    return k if k > start else None


def _body_follows(r: _Reader, i: int) -> bool:
    """Whether another body's name starts at token i, after a link or an article: the end of
    one name in a list of names ("…, de la Direction …", "… et du Ministère …")."""
    tokens, n = r.tokens, len(r.tokens)
    k = i
    while k < n and k - i < 3 and (tokens[k].text.lower() in _ARTICLES | _ROMANCE_LINKS):
        k += 1
    return k < n and r.is_head(k)


def _bracketed_country(r: _Reader, i: int) -> int | None:
    """ "Ministry of Foreign Affairs (Mexico)": the country in brackets is part of the name."""
    tokens = r.tokens
    if i + 2 < len(tokens) and r.place_kind(i + 1) == "country":
        close = r.index(r.place_end(i + 1) - 1) + 1
        if close < len(tokens) and tokens[close].text == ")":
            return close + 1
    return None


def _and_continues(r: _Reader, i: int, romance: bool, complemented: bool) -> bool:
    """Whether "and" at i - 1 joins words of one name ("Ministry of Justice and Human Rights",
    "… des armes légères et de petit calibre") rather than two bodies ("Ministry of Interior
    and UNODC", "… and General Department of Customs")."""
    tokens, n = r.tokens, len(r.tokens)
    j = _skip_articles(tokens, i)
    if j >= n:
        return False
    token = tokens[j]
    if romance and token.text.lower() in _ROMANCE_LINKS:
        k = j
        while k < n and k - j < 3 and tokens[k].text.lower() in _ROMANCE_LINKS | _ARTICLES:
            k += 1
        if k >= n or r.is_head(k) or tokens[k].text in ROLE_WORDS or _is_acronym(tokens[k].text):
            return False
        known = r.mention(k)
        return known is None or known.entity.kind not in ("organization", "programme", "person")
    if romance and j > i and token.text[0].islower() and token.text not in _NOT_IN_NAME:
        return True
    if not _is_cap(token.text) or _is_acronym(token.text):
        return False
    known = r.mention(j)
    if (
        known is not None
        and known.start >= tokens[i - 1].start
        and known.entity.kind in ("organization", "programme", "person")
    ):
        return False
    k = j
    while k < n and (
        (_is_cap(tokens[k].text) and tokens[k].text[0].isalnum()) or tokens[k].text in ("'s", "’s")
    ):
        if r.person(k) or tokens[k].text in ROLE_WORDS:
            return False
        if r.is_head(k):
            # One head word closing the name is part of it ("Interior y Policía",
            # "Digital Economy and Society"); more words make a second body.
            single = (
                complemented and k == j == i and not (k + 1 < n and _is_cap(tokens[k + 1].text))
            )
            if not single:
                return False
        k += 1
    return True
