"""Protocols named by their subject: "its Protocols on human trafficking, migrant smuggling
and firearms", "the migrant smuggling and firearms protocols", "Protocolo de Palermo sobre la
trata de personas"."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from .cues import gated
from .fields import _Field
from .programmes import _item_entity

INSTRUMENT_BASE = "https://w3id.org/untoc-graph/id/instrument/"


PROTOCOLS = ("TIP", "SOM", "FIREARMS")


# What each Protocol is about, in English, French and Spanish.
_SUBJECT = re.compile(
    r"(?P<FIREARMS>(?:illicit\s+)?(?:manufacturing\s+of\s+and\s+)?trafficking\s+in\s+(?:fire)?arms|"
    r"firearms|armes\s+à\s+feu|armas\s+de\s+fuego|tr[áa]fico\s+(?:ilícito\s+)?de\s+armas|"
    r"trafic\s+(?:illicite\s+)?d[’']armes|arms\s+trafficking)|"
    r"(?P<TIP>trafficking\s+in\s+(?:persons|human\s+beings|women\s+and\s+children)|"
    r"human\s+trafficking|traite\s+des\s+(?:personnes|êtres\s+humains)|"
    r"trata\s+de\s+(?:personas|seres\s+humanos))|"
    r"(?P<SOM>smuggling\s+of\s+migrants|migrant\s+smuggling|"
    r"trafic\s+(?:illicite\s+)?(?:de|des)\s+migrants|tráfico\s+(?:ilícito\s+)?de\s+migrantes)",
    re.I,
)


# "Protocol", "Protocols", "Protocole(s)", "Protocolo(s)", "the Palermo Protocols".
_PROTOCOL = gated(
    r"(?P<indefinite>\b(?:an?|une?|una)\s+)?(?P<palermo>\bPalermo\s+)?"
    r"\b[Pp]rotocol(?:e|o)?(?P<plural>s)?\b(?P<of_palermo>\s+(?:de|of)\s+Palerm[eo]\b)?"
)


# The words that may stand between "Protocol" and its subjects, or between two subjects: the
# Protocols' long titles and how lists of them are written ("its Protocols on human trafficking,
# migrant smuggling and firearms", "two protocols, one to prevent … and the other against …").
_LINK_WORDS = frozenset(
    """s additional supplementary supplementing thereto to the convention of on against relating
    related prevent suppress and punish especially women children one other two three its both by
    land sea air in illicit manufacturing un united nations transnational organized organised
    crime
    additionnel additionnels relatif relatifs relative relatives à au aux la le les l des de du
    contre visant prévenir réprimer et punir en particulier femmes enfants sur ses son deux trois
    illicite illicites fabrication trafic par terre mer se rapportant
    adicional adicionales relativo relativos a al el los las del para contra prevenir reprimir y sancionar
    especialmente mujeres niños sobre sus su dos tres ilícito ilícitos fabricación tráfico por
    tierra mar aire complementario complementarios que complementa complementan""".split()
)


_LINK_TOKEN = re.compile(r"[^\W\d_]+|[,;:()’'\-–]")


def _only_links(text: str) -> bool:
    return all(
        not token[0].isalpha() or token.lower() in _LINK_WORDS
        for token in _LINK_TOKEN.findall(text)
    )


def _protocols_by_subject(f: _Field, lexicon: Lexicon) -> None:
    """Protocols a field names by what they are about rather than by a title the vocabulary
    knows: "its Protocols on human trafficking, migrant smuggling and firearms", "ses
    Protocoles relatifs à la traite des personnes et au trafic illicite de migrants", "el
    Protocolo de Palermo sobre la trata de personas". "The Palermo Protocols" alone are the
    three, "the Palermo Protocol" alone the one on trafficking in persons; "its three
    Protocols", "the Protocols thereto" and "a protocol on …" (some other agreement) name
    none."""
    text = f.text
    if "rotocol" not in text:
        return
    named = [
        (m.start, m.end)
        for m in f.mentions
        if m.entity.kind == "instrument" and m.entity.notation in PROTOCOLS
    ]
    for word in _PROTOCOL.finditer(text):
        if word["indefinite"] or any(a <= word.end() - 1 < b for a, b in named):
            continue
        found: dict[str, tuple[int, int]] = {}
        position = word.end()
        for subject in _SUBJECT.finditer(text, position, min(len(text), position + 300)):
            if not _only_links(text[position : subject.start()]):
                break
            found.setdefault(subject.lastgroup, (word.start(), subject.end()))
            position = subject.end()
        if not found:  # subjects before the word: "the migrant smuggling and firearms protocols"
            before = list(_SUBJECT.finditer(text, max(0, word.start() - 200), word.start()))
            end = word.start()
            for subject in reversed(before):
                if not _only_links(text[subject.end() : end]) or subject.end() > end:
                    break
                # the nearest subject takes the word: "firearms protocols"; the others their own
                found.setdefault(
                    subject.lastgroup,
                    (subject.start(), word.end() if end == word.start() else subject.end()),
                )
                end = subject.start()
        if not found and (word["palermo"] or word["of_palermo"]):
            for notation in PROTOCOLS if word["plural"] else ("TIP",):
                found[notation] = (word.start(), word.end())
        for notation, (start, end) in found.items():
            f.add(_item_entity(lexicon.vocabulary[INSTRUMENT_BASE + notation]), start, end)
