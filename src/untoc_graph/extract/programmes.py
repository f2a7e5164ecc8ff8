"""Instruments, programmes, known organisations and other named works: vocabulary items as
entities, what is named inside a longer name, programmes no vocabulary knows (by their form),
and publications, sessions and Convention articles by their form."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ..lexicon import Lexicon, Token
from ..text import fold, slug
from ..vocabulary import VocabItem
from .cues import gated
from .fields import _Field
from .places import _place_entity
from .records import Entity

#: Looked for again inside longer names ("Norwegian … Agency", "UNODC Regional Office …").
INNER_KINDS = frozenset({"country", "instrument"})
ORGANIZATIONS = frozenset({"organization"})
SCHEMA_CREATIVE_WORK = "https://schema.org/CreativeWork"
PROGRAMME_TYPE = "https://w3id.org/untoc-graph/ontology#Programme"
_TITLE_WORD = r"[A-Z][\w’'\-]*"
#: Publications by their form: "Legislative Guide on …", "Global Report on … 2022", "Toolkit on …".
_PUBLICATION = gated(
    rf"(?P<name>(?:(?:Legislative|Global|Practical|Model|Technical)\s+)?"
    rf"(?:Guide|Report|Toolkit|Handbook|Manual|Law|Study|Digest|Compendium|Guidelines)"
    rf"\s+(?:on|for|to)\s+(?:the\s+)?{_TITLE_WORD}"
    rf"(?:\s+(?:(?:on|of|in|the|and|for|to|against|with|a)\s+)*{_TITLE_WORD})*(?:\s+(?:19|20)\d\d)?)"
)
#: Named sessions: "12th Session of the COP", "68th annual Commission on the Status of Women",
#: "9th Our Ocean Conference", "15th meeting of the … Working Group …"; and by code: "CCPCJ33",
#: "UNGA 78", "OOC-9".
_SESSION = re.compile(
    rf"\b\d{{1,3}}(?:st|nd|rd|th)\s+(?:(?:annual|regular|special|ordinary)\s+)?"
    rf"(?:(?:[Ss]ession|[Mm]eeting)\s+of\s+the\s+{_TITLE_WORD}(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*"
    rf"|(?:{_TITLE_WORD}\s+){{0,3}}(?:Commission|Conference|Congress|Forum|Assembly)"
    rf"(?:\s+(?:(?:on|of|the|and|for)\s+)*{_TITLE_WORD})*)"
)
_SESSION_CODE = gated(r"\b(?:CCPCJ|CND|UNGA|COP|CoP|CSW|OOC)[- ]?\d{1,3}\b")
_ARTICLE = gated(r"\b(?:Article|article|Artículo|artículo)\s+(?P<number>\d{1,2})\b")

#: Head words of programmes, projects, initiatives, campaigns, mechanisms, platforms,
#: observatories and funds, folded (no accents), in English, French, Spanish and Portuguese.
PROGRAMME_HEADS = frozenset(
    "Programme Programmes Program Programs Project Projects Initiative Campaign Mechanism "
    "Platform Observatory Fund Roadmap Programa Programas Proyecto Proyectos Projeto Iniciativa "
    "Campana Mecanismo Plataforma Observatorio Fondo Hoja Projet Projets Campagne Mecanisme "
    "Plateforme Observatoire Fonds".split()
)
#: Networks are programmes when they join practitioners ("Central Asian Law Enforcement
#: Network …", "Red Iberoamericana de Fiscales …"), organisations otherwise ("Labour Rights
#: Promotion Network").
NETWORK_HEADS = frozenset({"Network", "Red", "Reseau", "Rede"})
_PRACTITIONERS = re.compile(
    r"\b(?:[Ll]aw [Ee]nforcement|[Pp]rosecut\w*|[Ff]iscal\w*|[Pp]rocureur\w*|[Pp]rocurador\w*|"
    r"[Aa]utorit\w* [Cc]entral\w*|[Cc]entral [Aa]uthorit\w*|[Ii]nspect\w*|[Jj]udg\w*|[Jj]uec\w*|"
    r"[Jj]uge\w*|[Pp]olic\w*|[Ii]nvestigat\w*|[Pp]ractitioner\w*|[Jj]udicia\w*|[Mm]agistra\w*)"
)
#: "the Unwaste project", "proyecto Spartacus", "la campaña #NegocioMortal": a name next to a
#: programme word written in lower case.
LOWER_PROGRAMME = frozenset(
    "programme program project initiative campaign programa proyecto projeto iniciativa "
    "campaña projet initiative campagne".split()
)
_QUOTE_OPEN = '«"“'
_QUOTED = re.compile(r"[«\"“]\s*(?P<name>[^«»\"“”]{3,160}?)\s*[»\"”]")
#: A quoted name after a programme word, a few words of qualification allowed:
#: 'the project "Prevention and Fight …"', 'le projet régional « Démantèlement … »',
#: 'el proyecto de UNODC «Supporting …»'.
_PROGRAMME_QUOTE = re.compile(
    r"\b(?:[Pp]rogramm?e?s?|[Pp]rojec?ts?|[Pp]rojets?|[Pp]royectos?|[Pp]rojetos?|[Pp]rogramas?|"
    r"[Ii]nitiatives?|[Ii]niciativas?|[Cc]ampaigns?|[Cc]ampa(?:ñ|gn)[ae]s?)"
    r"(?P<gap>(?:\s+[^\s«\"“.;:]+){0,4}?)\s*(?=[«\"“])"
)
#: '« Mise en convergence des réseaux », l'initiative …': a quoted name before the word.
_QUOTE_THEN_PROGRAMME = re.compile(
    r"[»\"”]\s*,?\s*(?:the|la|le|el|l['’])\s*(?:initiative|iniciativa|project|projet|proyecto|"
    r"programme|programa|campaign|campagne|campaña)\b"
)
_HASHTAG = re.compile(r"#\w{3,}")
_CAMPAIGN = re.compile(r"\b(?:[Cc]ampaign|[Cc]ampaña|[Cc]ampagne)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _item_entity(item: VocabItem) -> Entity:
    return Entity(
        item.kind,
        item.iri,
        item.name,
        iri=item.iri,
        types=item.types,
        notation=item.notation,
        scheme=item.scheme,
    )


def programme_entity(name: str, key: str) -> Entity:
    """A programme no vocabulary knows, named as the entry writes it."""
    return Entity("programme", key, name, linked=False, types=(PROGRAMME_TYPE,))


#: Bodies that are part of the body whose acronym leads their name: "UNODC Regional Office for
#: Central Asia" names UNODC; "UN General Assembly" does not name the UN again.
PART_HEADS = frozenset(
    "Office Offices Oficina Bureau Unit Unidad Unite Section Seccion Branch Division Team Equipo "
    "Equipe Service Servicio Cell Cellule Liaison".split()
)


def _inner(f: _Field, lexicon: Lexicon, first: int, last: int) -> None:
    """Countries and instruments named inside a longer name ("Norwegian … Agency"), and the
    body whose acronym leads it when the name is one of its offices or units ("UNODC Regional
    Office for Central Asia" names UNODC)."""
    tokens = f.tokens[first:last]
    key = tuple((t.key, t.text.isupper()) for t in tokens)
    found = lexicon.memo.get(key)
    if found is None:
        found = lexicon.memo[key] = list(_inner_hits(tokens, lexicon))
    for hit_first, hit_last, entity in found:
        f.add(entity, tokens[hit_first].start, tokens[hit_last - 1].end)


def _inner_hits(tokens: list[Token], lexicon: Lexicon) -> Iterator[tuple[int, int, Entity]]:
    for hit in lexicon.scan(tokens, INNER_KINDS):
        if hit.first == 0 and hit.last == len(tokens):
            continue
        if hit.items:
            yield hit.first, hit.last, _item_entity(hit.items[0])
        elif hit.places and hit.places[0].kind == "country":
            yield hit.first, hit.last, _place_entity(hit.places[0])
    leading = next(lexicon.scan(tokens[:-1], ORGANIZATIONS), None)
    acronym = leading is not None and all(t.text.isupper() for t in tokens[: leading.last])
    # A programme names the body that runs it; an organisation, the body it is an office of.
    owned = any(fold(t.text) in PART_HEADS | PROGRAMME_HEADS | NETWORK_HEADS for t in tokens[1:])
    if acronym and leading.first == 0 and owned:
        yield 0, leading.last, _item_entity(leading.items[0])


def _programmes_by_form(f: _Field) -> Iterator[tuple[int, int, str, str]]:
    """Programmes named next to a programme word: quoted names ('the project "Prevention and
    Fight …"', '« Mise en convergence des réseaux », l'initiative'), and campaign hashtags
    ("#NegocioMortal, la campaña …"). Yields (start, end, name, key)."""
    text = f.text
    quotes = any(c in text for c in _QUOTE_OPEN)
    for match in _PROGRAMME_QUOTE.finditer(text) if quotes else ():
        position = match.end()
        while True:
            quoted = _QUOTED.match(text, position)
            if quoted is None:
                break
            name = quoted["name"].strip(" ,")
            yield quoted.start("name"), quoted.start("name") + len(name), name, _key(name)
            joiner = re.match(r"\s*(?:,|and|y|et|e)\s*(?=[«\"“])", text[quoted.end() :])
            if joiner is None:
                break
            position = quoted.end() + joiner.end()
    for match in _QUOTE_THEN_PROGRAMME.finditer(text) if quotes else ():
        opening = max(text.rfind(c, 0, match.start()) for c in _QUOTE_OPEN)
        if opening < 0 or match.start() - opening > 160:
            continue
        quoted = _QUOTED.match(text, opening)
        if quoted is not None and quoted.end() == match.start() + 1:
            name = quoted["name"].strip(" ,")
            yield quoted.start("name"), quoted.start("name") + len(name), name, _key(name)
    for match in _HASHTAG.finditer(text) if "#" in text else ():
        left = max(0, match.start() - 80)
        sentence_start = max(
            (m.end() for m in _SENTENCE_END.finditer(text, left, match.start())), default=left
        )
        window = text[sentence_start : match.end() + 80]
        stop = _SENTENCE_END.search(window, match.end() - sentence_start)
        if _CAMPAIGN.search(window[: stop.start() if stop else None]):
            yield match.start(), match.end(), match.group(), _key(match.group())


def _key(name: str) -> str:
    return name.lstrip("#")


#: A year written with a publication's name: "the 2024 Global Report …", "the 2024 edition of
#: the Global Report …", "… Report 2020", "… Report (2022)".
_YEAR_BEFORE = re.compile(r"\b(?P<year>(?:19|20)\d\d)(?:\s+edition\s+of\s+the)?\s+$")
_YEAR_AFTER = re.compile(r"^(?:\s+|\s*\()(?P<year>(?:19|20)\d\d)\b\)?")
_YEAR_IN_NAME = re.compile(r"^(?P<work>.+?)\s+(?P<year>(?:19|20)\d\d)$")


def _editions(f: _Field) -> None:
    """A publication named with a year is that year's edition: a work of its own
    (``edition_of`` the publication, ``version`` the year), so that the 2021 and the 2023
    editions of a report stay two works."""
    text, found = f.text, []
    for m in f.mentions:
        entity = m.entity
        if entity.kind != "publication" or entity.edition_of is not None:
            found.append(m)
            continue
        start, end, work, year = m.start, m.end, entity, None
        if inner := _YEAR_IN_NAME.match(entity.name):
            year = inner["year"]
            work = dataclasses.replace(entity, key=slug(inner["work"]), name=inner["work"])
        elif before := _YEAR_BEFORE.search(text, max(0, m.start - 24), m.start):
            year, start = before["year"], before.start()
        elif after := _YEAR_AFTER.match(text[m.end : m.end + 8]):
            year, end = after["year"], m.end + after.end()
        if year is None:
            found.append(m)
            continue
        edition = Entity(
            "publication",
            f"{slug(work.name)}-{year}",
            f"{work.name} {year}",
            linked=False,
            types=work.types or (SCHEMA_CREATIVE_WORK,),
            edition_of=work,
            version=year,
        )
        found.append(
            dataclasses.replace(m, entity=edition, start=start, end=end, exact=text[start:end])
        )
    f.mentions = found
