"""Organisations and programmes no vocabulary knows, found by their form, and the several
names one entry gives a body.

A name is grown from a head word in English, French, Spanish or Portuguese (Ministry,
Ministère, Ministerio, Police, Fiscalía, Programme, Proyecto, …): the capitalised words before
it ("Kenya Coast Guard Service"), the words after it in Romance order ("Policía Nacional
Civil", "Gendarmerie nationale") and its complements ("… of the Republic of Tajikistan",
"… de lutte contre la traite des personnes"). An acronym in brackets closes a name and names it
again later in the entry ("Federal Investigation Agency (FIA)" … "the FIA"); a known acronym
gives its entity to the full name before it. Names of a generic national body carry their
country in their key: the "Ministry of Interior" of Bolivia is not Zambia's.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..lexicon import Lexicon, Token
from ..text import fold, slug
from .fields import _Field
from .programmes import (
    _PRACTITIONERS,
    LOWER_PROGRAMME,
    NETWORK_HEADS,
    PART_HEADS,
    PROGRAMME_HEADS,
    _programmes_by_form,
    programme_entity,
)
from .records import Entity, Mention

#: Heads of organisation names, folded (no accents), capitalised as written in a name.
_ORG_HEADS_EN = (
    "Ministry Ministries Department Agency Commission Council Committee Secretariat Institute "
    "University Academy School College Foundation Association Society Union Alliance League "
    "Centre Center Authority Directorate Directorate-General Office Bureau Court Tribunal Police "
    "Navy Army Customs Gendarmerie Guard Service Unit Section Branch Division Team Group Force "
    "Parliament Congress Senate Assembly Embassy Consulate Mission Missions Delegation "
    "Organization Organisation Community Corporation Board Administration Inspectorate Cell "
    "Procuracy Prosecution Coalition Federation Chamber Forum Operation Guards Forces Services "
    "Agencies Commissions Committees Councils Courts Offices Units Authorities Departments"
)
_ORG_HEADS_ROMANCE = (
    "Ministerio Ministerios Ministere Ministeres Departamento Departement Agencia Agence Comision "
    "Consejo Conseil Comite Secretariat Instituto Institut Universidad "
    "Universite Academia Academie Escuela Ecole Colegio College Fundacion Fondation Asociacion "
    "Sociedad Societe Union Alianza Liga Ligue Centro Autoridad Autorite Direccion Direction "
    "Subdireccion Oficina Fiscalia Procuraduria Parquet Tribunal Corte Cour Juzgado Policia "
    "Armada Ejercito Armee Marine Fuerza Fuerzas Aduanas Aduana Douanes Douane Guardia "
    "Servicio Unidad Unite Seccion Division Equipo Equipe Grupo Groupe Congreso Senado Senat "
    "Cellules "
    "Asamblea Assemblee Parlamento Parlement Embajada Ambassade Consulado Consulat Mision "
    "Delegacion Delegation Organizacion Comunidad Communaute Cuerpo Comando Organo Organismo "
    "Defensoria Superintendencia Instance Cellule Celula Brigade Inspection Operation Operacion "
    "Ministerio Comissao Policia Gendarmeria Foro Confederacion Confederation Sistema Systeme"
)
ORG_HEADS = frozenset((_ORG_HEADS_EN + " " + _ORG_HEADS_ROMANCE).split())
#: Heads that only Spanish, French or Portuguese use; the words after them belong to the name.
ROMANCE_HEADS = frozenset(_ORG_HEADS_ROMANCE.split()) - frozenset(_ORG_HEADS_EN.split()) | {
    "Programa",
    "Programas",
    "Proyecto",
    "Proyectos",
    "Projeto",
    "Iniciativa",
    "Campana",
    "Mecanismo",
    "Plataforma",
    "Observatorio",
    "Fondo",
    "Projet",
    "Projets",
    "Campagne",
    "Mecanisme",
    "Plateforme",
    "Observatoire",
    "Fonds",
    "Red",
    "Reseau",
    "Rede",
}
HEADS = ORG_HEADS | PROGRAMME_HEADS | NETWORK_HEADS
#: Heads told from a title only by their accent: "Secretaría" is a body, "Secretaria Técnica"
#: a woman's title.
ACCENTED_HEADS = frozenset({"Secretaría", "Subsecretaría", "Secretaria-Geral"})
#: Bodies every State has; their name alone does not tell which State's they are.
NATIONAL_HEADS = frozenset(
    "Ministry Ministries Ministerio Ministere Police Policia Gendarmerie Gendarmeria Court "
    "Tribunal Corte Cour Juzgado Parliament Parlamento Parlement Congress Congreso Senate Senado "
    "Senat Assembly Asamblea Assemblee Navy Armada Marine Army Ejercito Armee Customs Aduanas "
    "Aduana Douanes Douane Guard Guards Guardia Force Fuerza Fuerzas Fiscalia Procuraduria "
    "Parquet Procuracy Prosecution".split()
)
#: Lower-case heads, kept only with a country next to them ("police française", "Punjab police").
LOWER_HEADS = frozenset(
    "police policia gendarmerie douanes douane customs aduanas ministere ministerio".split()
)
#: Words that describe without naming: a name made only of them and a head is generic.
GENERIC = frozenset(
    "National Nacional Nationale Federal Federale Regional Regionale Global Mondial Mondiale "
    "International Internacional Internationale General Generale Joint Conjunto Conjunta "
    "Central Centrale Special Especial Speciale New Nuevo Nueva Nouveau Nouvelle Permanent "
    "Permanente Local High Main Country Field Sub Liaison Project Programme Headquarters Working "
    "The".lower().split()
)
#: Words after a head that make it a job title, not a name ("Programme Coordinator").
ROLE_WORDS = frozenset(
    "Coordinator Officer Manager Adviser Advisor Director Assistant Analyst Consultant "
    "Coordinators Officers Managers Advisers Directors Experts Consultants Heads Chiefs "
    "Specialist Expert Chief Head Lead Associate Representative Focal Member Members Staff "
    "Chair Chairperson President Secretary Spokesperson Minister Ambassador Commissioner Deputy "
    "Coordinador Coordinadora Oficial Director Directora Jefe Jefa Asesor Asesora Coordonnateur "
    "Coordonnatrice Directeur Directrice Conseiller Representante Representant Secretaria "
    "Secretario Secretary Subsecretario Subsecretaria Ministro Ministra Ministre".split()
)
#: Capitalised words that start a sentence or a title but never a name.
STARTERS = frozenset(
    "The A An This That These Those In On At For From By With Under Over After Before During "
    "Since Among Between Through As While When Where Following According Both Each All Some "
    "Many Several Other Its Their His Her Our Former Newly Today Yesterday Also Meanwhile "
    "However Thus Such Only Every Any Most More Two Three Four Five First Second Third Last "
    "Next Mr Mrs Ms Dr Prof Sr Sra Mme M H.E Excma Honorable His Her El La Los Las Un Una Unos "
    "En Con Por Para Desde Durante Tras Según Segun Entre Este Esta Estos Estas Su Sus Al Del "
    "Ante Bajo Como Cada Ambos Le Les Une Des Du Au Aux Dans Avec Par Sur Selon Depuis Pendant "
    "Lors Apres Après Avant Ce Cette Ces Son Sa Ses Leur Leurs Chaque Plusieurs Tous Toutes "
    "Officials Participants Representatives Experts Members Delegates Government Gobierno "
    "Gouvernement".split()
)
_CALENDAR = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Enero Febrero Marzo Abril Mayo "
    "Junio Julio Agosto Septiembre Octubre Noviembre Diciembre Janvier Fevrier Mars Avril Mai "
    "Juin Juillet Aout Septembre Octobre Novembre Decembre Lunes Martes Miercoles Jueves Viernes "
    "Lundi Mardi Mercredi Jeudi Vendredi".split()
)
#: Words naming events, documents and laws: a name holding one before its head is not a body.
_NOT_A_BODY = frozenset(
    "Workshop Conference Meeting Seminar Course Training Day Week Summit Dialogue Session "
    "Report Act Strategy Plan Protocol Convention Declaration Resolution Agreement "
    "Memorandum Award Prize Guide Study Webinar Exercise Taller Curso Reunion Seminario Summer "
    "Winter Verano Invierno Ete "
    "Conferencia Atelier Reunion Seminaire Formation Journee Dia".split()
)
#: Heads of bodies that sit somewhere: "… Office in Bosnia and Herzegovina", "… en Honduras".
LOCATED_HEADS = frozenset(
    "Office Offices Oficina Bureau Embassy Embajada Ambassade Mission Missions Mision "
    "Delegation Delegacion Consulate Consulado Consulat Team Centre Center Centro".split()
)
#: Heads whose complement may start with "to": "Permanent Mission of Iraq to the United Nations".
_TO_HEADS = frozenset("Mission Missions Delegation Embassy Representation".split())

_EN_LINKS = frozenset({"of", "for", "on", "against", "to"})
_ROMANCE_LINKS = frozenset(
    "de del du des para contra sobre pour contre sur à au aux da do das dos chargée chargé "
    "encargada encargado sin sans d' d’".split()
)
_ARTICLES = frozenset("the la el los las le les lo a l' l’".split())
_AND = frozenset({"and", "&", "y", "e", "et"})
_AT = frozenset({"in", "en", "em"})
_GLUE = frozenset({"-", "–", "/"})
#: A lower-case word after a Romance head that describes it: "nationale", "peruana".
_ADJECTIVE = re.compile(
    r"(?:al(?:e|es)?|aux|el(?:le|les|s)?|ien(?:ne|nes|s)?|ain(?:e|es|s)?|ais(?:e|es)?|"
    r"ois(?:e|es)?|aires?|iques?|ifs?|ives?|eurs?|an[oa]s?|ic[oa]s?|iv[oa]s?|enses?|eñ[oa]s?|"
    r"ori[oa]s?|ares?|ées?|és?|ad[oa]s?|id[oa]s?|iles?|ibles?|er[oa]s?|ues[ae]s?|ueses|antes?|"
    r"imes?)$"
)
#: Feminine and plural endings of French adjectives, which English words do not have.
_FRENCH_ADJECTIVE = re.compile(r"(?:ales|ale|aux|elles?|iennes?|aines?|aires?|iques?|ées?)$")
_STARTS_ROMANCE = frozenset(
    "de des du del pour contre sur para contra sobre à d' d’ chargée chargé".split()
)
_PARTICIPLE = re.compile(r"(?:ées?|és?|ados?|adas?|idos?|idas?)$")
#: Lower-case words that end a name: verbs, pronouns and the like.
_NOT_IN_NAME = frozenset(
    "a ont est sont qui que dont avec par dans lors été être ha han es son fue fueron que con "
    "car mar mal sal "
    "por entre durante desde según como y o ou et se sa su sus ses leur leurs lo le la les el "
    "los las un une una uno des".split()
)
_DOTTED = re.compile(r"^(?:[A-Z]\.)*[A-Z]$|^[A-Z](?:\.[A-Z])+$")
#: An acronym in brackets: "(FIA)", "(GI-TOC)", "(SCLTC/TO)", "(iARMS)", "(UNODC ROPAN)".
_BRACKETED = re.compile(r"\(\s*(?P<acr>[^\s()][^()]{0,60}?)\s*\)")
#: The issuer a wire dateline credits: "VIENNA, 6 June (UN Information Service) -".
_CREDIT = re.compile(r"^[^()\n]{3,80}?\((?P<credit>[^()]{3,60})\)\s*[-–—]")
_PLURAL = re.compile(r"^(?P<head>.*?Mission)s of (?P<a>.+?) and (?P<b>.+?) (?P<tail>to .+)$")
_COUNTRY_LINK = re.compile(
    r"(?:\s*\b(?:of|in|from|de|del|du|en|au|d['’])\s+(?:(?:the|la|el|le|l['’])\s*)?"
    r"(?:(?:Republic|República|Republica|République|Kingdom|Reino|Royaume|State|Estado|État|"
    r"Plurinational|Plurinacional|Federal|Federative|Islamic|Democratic|Popular|Socialist)\s+"
    r"(?:(?:of|de|del|du|d['’])\s*)?(?:(?:the|la|el|le|l['’])\s*)?)*\x00|\s*\(\x00\)|"
    r"\x00(?:\s*['’]s)?\s*|\s+\x00)"
)


def _is_adjective(word: str) -> bool:
    """A lower-case word that may describe a Romance head: "nationale", "peruana", "intégré"."""
    return (
        len(word) > 3
        and word[0].islower()
        and word not in _NOT_IN_NAME
        and word not in _ROMANCE_LINKS
        and bool(_ADJECTIVE.search(word))
    )


def _is_cap(text: str) -> bool:
    return text[0].isupper() or (text[0].isalnum() and sum(c.isupper() for c in text) >= 2)


def _is_acronym(text: str) -> bool:
    upper = sum(c.isupper() for c in text)
    return upper >= 2 and upper >= sum(c.islower() for c in text)


@dataclass
class _Body:
    """A name found by its form, before the entry's names of one body are brought together."""

    start: int
    end: int
    kind: str
    name: str
    key: str
    national: bool = False
    acronym: str | None = None
    mention: Mention | None = None
    bare: bool = False  # an acronym alone: "la DIVINDAT"


#: Token keys worth a closer look: a head word, a lower-case head, an accented head.
_HEAD_KEYS = HEADS | LOWER_HEADS | {"Secretaria", "Subsecretaria"}


def _demonyms(lexicon: Lexicon) -> frozenset[str]:
    """Every demonym label, lower-cased: "Ivorian police" is described, not named."""
    found = lexicon.memo.get("demonym labels")
    if found is None:
        found = lexicon.memo["demonym labels"] = frozenset(
            label.lower() for item in lexicon.vocabulary.demonyms for label in item.labels
        )
    return found


class _Reader:
    """One field's tokens with what is already known about each of them."""

    def __init__(self, f: _Field, lexicon: Lexicon):
        self.f = f
        self.tokens = f.tokens
        self.starts = [t.start for t in f.tokens]
        self.known = sorted(
            (m for m in f.mentions if m.entity.kind not in ("topic", "event-type")),
            key=lambda m: (m.start, -m.end),
        )
        self.topic_ends = {m.end for m in f.mentions if m.entity.kind == "topic"}
        self.places = {m.start: m for m in self.known if m.entity.kind in ("country", "region")}
        self.places.update({s: e for s, e, _ in f.cities})
        self.cities = {s for s, _, _ in f.cities}
        self.demonyms = _demonyms(lexicon)
        self._covering: dict[int, Mention] | None = None

    def index(self, offset: int) -> int:
        """The token that starts at or holds a character offset."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def mention(self, i: int) -> Mention | None:
        """The known name (not a topic or event type) that holds token i, if any."""
        if self._covering is None:
            covering: dict[int, Mention] = {}
            tokens, starts = self.tokens, self.starts
            for m in self.known:
                k = bisect_left(starts, m.start)
                while k < len(tokens) and tokens[k].start < m.end:
                    covering.setdefault(tokens[k].start, m)
                    k += 1
            self._covering = covering
        return self._covering.get(self.tokens[i].start)

    def person(self, i: int) -> bool:
        token = self.tokens[i]
        return any(a <= token.start < b for a, b in self.f.blocked)

    def is_head(self, i: int) -> bool:
        word = self.tokens[i].text
        return (self.tokens[i].key in HEADS and _is_cap(word)) or word in ACCENTED_HEADS

    def place_kind(self, i: int) -> str | None:
        place = self.places.get(self.tokens[i].start)
        if place is None:
            return None
        return place.entity.kind if isinstance(place, Mention) else "city"

    def place_end(self, i: int) -> int | None:
        """Where a place named from token i ends (a country, region or city), or None."""
        place = self.places.get(self.tokens[i].start)
        if place is None:
            return None
        return place.end if isinstance(place, Mention) else place


def _left(r: _Reader, head: int) -> int:
    """The first token of a name whose head is token ``head``, in English order: the
    capitalised words before the head ("Kenya Coast Guard Service", "UNODC Civil Society
    Unit", "General Prosecutor's Office")."""
    tokens = r.tokens
    first = head
    i = head - 1
    words = 0
    crossed = None  # where an "and" was crossed: "Organized Crime and Trafficking Branch"
    owner = False  # whether a "'s" was crossed: "Chief Prosecutor's Office" names a title
    while i >= 0 and words < 7:
        token = tokens[i]
        text = token.text
        if tokens[i + 1].start - token.end > 1:
            break
        known = r.mention(i)
        if known is not None:
            kind = known.entity.kind
            if kind not in ("country", "region", "organization", "programme"):
                break
            if known.end != token.end or (kind == "programme" and not _is_acronym(known.exact)):
                break
            first = i = r.index(known.start)
            i -= 1
            words += 1
            if kind in ("organization", "programme"):
                break
            continue
        if text in ("'s", "’s"):
            if i == 0 or not _is_cap(tokens[i - 1].text) or r.mention(i - 1) is not None:
                break
            before = tokens[i - 1]
            if before.key in HEADS or before.text in STARTERS or _is_acronym(before.text):
                break
            first = i = i - 1
            i -= 1
            words += 1
            owner = True
            continue
        if text == "." and i > 0 and _DOTTED.match(tokens[i - 1].text):
            if tokens[i - 1].end == token.start:
                first = i = i - 1
                i -= 1
                continue
            break
        if text == ")" and i >= 3 and tokens[i - 2].text == "(" and _is_acronym(tokens[i - 1].text):
            if _is_cap(tokens[i - 3].text):
                i -= 3
                continue
            break
        if text in ("&", "and", "in", "y", "et") and i > 0:
            before, after = tokens[i - 1], tokens[i + 1]
            if (
                _is_cap(before.text)
                and not _is_acronym(before.text)
                and r.mention(i - 1) is None
                and before.text not in STARTERS
                and _is_cap(after.text)
                and not _name_ends_at(r, i - 1)
            ):
                crossed = crossed if crossed is not None else i
                i -= 1
                continue
            break
        if not _is_cap(text) or not text[0].isalnum():
            break
        if text in STARTERS or token.key in _CALENDAR or r.person(i):
            break
        if text in ROLE_WORDS and not owner:
            break
        first = i
        i -= 1
        words += 1
    # "… of Public Security and General Department of Customs": what stands before the "and"
    # is the end of another name.
    linked = first > 0 and tokens[first - 1].text.lower() in _EN_LINKS | _ROMANCE_LINKS
    if crossed is not None and first < crossed and linked:
        first = crossed + 1
    while first < head and tokens[first].text.lower() in ("and", "in", "&", "y", "et"):
        first += 1
    return first


def _name_ends_at(r: _Reader, i: int) -> bool:
    """Whether the capitalised words ending at token i hold a head word: "State Customs
    Committee | and National Guards of Uzbekistan" are two bodies."""
    while i >= 0 and _is_cap(r.tokens[i].text) and r.tokens[i].text[0].isalnum():
        if r.is_head(i):
            return True
        i -= 1
    return False


def _past_known(r: _Reader, i: int) -> int:
    """The token after a known name that starts at token i, or i + 1."""
    known = r.mention(i)
    if known is not None and known.entity.kind in _NAME_KINDS and known.end > r.tokens[i].end:
        return r.index(known.end - 1) + 1
    return i + 1


_NAME_KINDS = frozenset({"organization", "programme", "instrument", "country", "region"})


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


def _add_bodies(f: _Field, lexicon: Lexicon) -> None:
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
    f.bodies = bodies_of  # read by _unify_bodies once every field is read


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


def _unify_bodies(fields: list[_Field]) -> None:
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
