"""The words bodies are named with: head words in four languages, links, articles, and the
small tests on a word that the readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lexicon import Lexicon
from ..programmes import (
    NETWORK_HEADS,
    PROGRAMME_HEADS,
)
from ..records import Mention

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
