"""The page's own lines in a listing: navigation, section headings, credits, copyright,
disclaimers, lines that point to other pages."""

from __future__ import annotations

import re

#: Words of a page's section headings: "Latest news", "Communiqués de presse", "Noticias".
_SECTION_HEADS = set(
    "news stories story features feature events event publications publication press releases "
    "release media advisories advisory statements speeches updates highlights archive archives "
    "articles blog posts newsroom headlines announcements focus spotlight actualités actualites "
    "actualité nouvelles communiqués communiques communiqué communique presse événements "
    "evenements une noticias noticia comunicados comunicado prensa artículos articulos eventos "
    "publicaciones novedades notas boletines portada".split()
)


#: Words that open a heading ("Latest", "Toutes les", "Últimas") or join its heads ("and").
_SECTION_OPENERS = set(
    "latest recent top featured more all our the in dernières dernieres toutes tous les à la "
    "últimas ultimas todas todos las los el sala en".split()
)


_SECTION_JOINERS = {"and", "&", "et", "y", "de", "of"}


_SECTION_WORDS = _SECTION_HEADS | _SECTION_OPENERS | _SECTION_JOINERS


_NAVIGATION = re.compile(
    r"^(?:(?:see|view|browse|show|read|explore|discover)\s+(?:all|more|the\s+(?:full\s+)?archive"
    r"|our|older|previous)\b|(?:more|older|newer|previous|next)\s+(?:news|stories|articles|press"
    r"|releases|events|posts|items|updates|entries)\b|back\s+to\s+(?:top|the\s+top|news|list)"
    r"|(?:go\s+|scroll\s+)?to\s+(?:the\s+)?top\b|top\s+of\s+(?:the\s+)?page"
    r"|retour\s+(?:en\s+haut|au\s+d[ée]but|à\s+la\s+liste|aux\s+actualit)|haut\s+de\s+(?:la\s+)?page"
    r"|voir\s+(?:toutes|tous|plus|les\s+autres)|(?:toutes|tous)\s+les\s+(?:actualit|nouvelles"
    r"|communiqu|articles)|plus\s+d['’]actualit|volver\s+(?:arriba|al\s+inicio|a\s+la\s+lista)"
    r"|ir\s+arriba|subir\b|ver\s+(?:todas|todos|m[aá]s)|(?:todas|todos)\s+las?\s+(?:noticias"
    r"|comunicados|art[ií]culos)|m[aá]s\s+noticias|(?:share|partager|compartir)\b"
    r"|(?:follow|suivez|s[ií]guenos|subscribe)\b|(?:page|p[aá]gina)\s+\d+(?:\s+(?:of|de|sur)\s+\d+)?$"
    r"|(?:previous|next|pr[ée]c[ée]dent|suivant|anterior|siguiente)\s*[»›>]*$)",
    re.I,
)


#: Page numbers and arrows: "1 2 3 … Next ›", "« Précédent | Suivant »".
_PAGINATION = re.compile(
    r"^(?:[\d\s|«»‹›<>←→.…]|first|last|previous|next|pr[ée]c[ée]dent|suivant|premi[eè]re|derni[eè]re"
    r"|anterior|siguiente|primera|[uú]ltima)+$",
    re.I,
)


_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|all\s+rights\s+reserved|tous\s+droits\s+r[ée]serv"
    r"|todos\s+los\s+derechos\s+reservados",
    re.I,
)


_CREDIT = re.compile(
    r"^(?:photos?|fotos?|cr[ée]dits?(?:\s+photo)?|photo\s+credits?|credits?|image|picture)"
    r"\s*(?:credit\s*)?[:：©]",
    re.I,
)


_DISCLAIMER = re.compile(
    r"for\s+information\s+only|not\s+an\s+official\s+(?:document|record)|document\s+non\s+officiel"
    r"|pour\s+information\s+seulement|s[oó]lo\s+para\s+(?:fines\s+de\s+)?informaci[oó]n"
    r"|documento\s+no\s+oficial|for\s+use\s+of\s+(?:the\s+)?(?:information\s+)?media\s+only",
    re.I,
)


#: Wording of a page's own lines at its top or bottom, pointing to other pages: "… are
#: available on the following pages:", "Find the latest news here", "Consultez les archives".
_PAGE_WORDING = re.compile(
    r"\b(?:can\s+be\s+found|(?:is|are)\s+available\s+(?:on|at|in|here|from)|find\s+(?:the|all"
    r"|more|our)\s+(?:latest\s+)?(?:news|stories|articles|press|releases|events|updates|archive)"
    r"|(?:visit|see|browse|consult|explore)\s+(?:our|the|this|these|all)\s+(?:full\s+)?(?:pages?"
    r"|archives?|website|site|news|stories|section)|(?:the\s+)?following\s+pages?|pages?\s+below"
    r"|(?:click|read\s+more)\s+here|(?:se\s+trouvent|sont\s+disponibles?)\s+(?:sur|dans|ici)"
    r"|pages?\s+suivantes?|consultez\s+(?:les|nos|la)|retrouvez\s+(?:toutes|tous|les|nos)"
    r"|(?:se\s+encuentran|est[aá]n\s+disponibles?)\s+(?:en|aqu[ií])|siguientes\s+p[aá]ginas"
    r"|consulte\s+(?:las|los|nuestras|nuestros)|(?:found|available|listed|gathered)\s+here"
    r"|(?:disponibles?|r[ée]unies?)\s+ici|(?:disponibles?|reunid[oa]s)\s+aqu[ií])\b",
    re.I,
)


_CONNECTORS = set("from on about of in by at for de du des sur en sobre desde del".split())


MAX_FURNITURE_WORDS = 16


MAX_FURNITURE = 250  # characters; a longer line is never the page's own


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text.lower())


def _section_heading(text: str) -> bool:
    """Only section words, with at least one head: "Press releases", "COMMUNIQUÉ DE PRESSE"."""
    words = _words(text)
    return bool(words) and set(words) <= _SECTION_WORDS and bool(set(words) & _SECTION_HEADS)


def _furniture(text: str) -> bool:
    """A line of the page rather than of an entry, wherever it stands: navigation ("See all
    news", "Volver arriba"), sharing, credits ("Photo: UNODC"), copyright, disclaimers, a
    section heading, or a short line ending in a colon ("… on the following pages:")."""
    if len(text) > MAX_FURNITURE:
        return False
    words = len(text.split())
    if _COPYRIGHT.search(text) or _DISCLAIMER.search(text) and words <= MAX_FURNITURE_WORDS:
        return True
    if words > MAX_FURNITURE_WORDS:
        return text.endswith(":")
    return bool(
        _NAVIGATION.match(text)
        or _PAGINATION.match(text)
        or (_CREDIT.match(text) and words <= 8)
        or _section_heading(text)
        or text.endswith(":")
    )


def _opens_with_heading(words: list[str]) -> bool:
    """Whether words start with a section heading that ends there or before a connector:
    "latest news", "news and events", "stories from …", "communiqués de presse"."""
    at = 0
    while at < len(words) and words[at] in _SECTION_OPENERS:
        at += 1
    heads = False
    while at < len(words):
        if words[at] in _SECTION_HEADS:
            heads, at = True, at + 1
        elif (
            heads
            and words[at] in _SECTION_JOINERS
            and words[at + 1 : at + 2]
            and (words[at + 1] in _SECTION_HEADS)
        ):
            at += 1
        else:
            break
    return heads and (at == len(words) or words[at] in _CONNECTORS)


def _edge_furniture(text: str) -> bool:
    """A line at the top or bottom of the page that is the page's own: a heading that opens
    with a section heading, or whose last part does ("Latest news from …", "GLO.ACT – Stories
    from the field", "UNODC – Press releases"), or that points to other pages ("Browse the
    full archive …")."""
    if len(text) > MAX_FURNITURE:
        return False
    if _PAGE_WORDING.search(text):
        return True
    last = re.split(r"\s*[:|–—]\s*|\s+-\s+", text)[-1]  # "GLO.ACT – Stories from the field"
    return _opens_with_heading(_words(text)) or _opens_with_heading(_words(last))


# --- the reader ------------------------------------------------------------------------------
