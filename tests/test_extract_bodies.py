"""Organisations and programmes no vocabulary knows, found by their form, in English, French and
Spanish; and the words that look like such names but are not.

The bodies here are made up (so that no vocabulary will ever list them); the countries are real,
since a generic body's key carries its country.
"""

import pytest

from untoc_graph.extract import extract
from untoc_graph.sources import read_listing


def one(listing, lexicon, text, dateline="Vienna, 1 May 2024."):
    (entry,) = read_listing(listing(f"{dateline} {text}\n"), lexicon.gazetteer.is_place)
    return extract(entry, lexicon)


def bodies(x, kind="organization"):
    return {e.name: e for e in x.entities(kind)}


def unknown(x, kind="organization"):
    return {name for name, e in bodies(x, kind).items() if not e.linked}


# --- organisations by their head word -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English: capitalised words before the head, complements after it
        (
            "Rangers of the Lake Turkana Fisheries Protection Unit joined the patrol.",
            "Lake Turkana Fisheries Protection Unit",
        ),
        (
            "Officials of the Ministry of Coastal Affairs and Blue Economy of Ghana attended.",
            "Ministry of Coastal Affairs and Blue Economy of Ghana",
        ),
        (
            "Judges of the Specialised Tribunal for Environmental Offences took part.",
            "Specialised Tribunal for Environmental Offences",
        ),
        (
            "Staff from the Women Lawyers Association of Malawi spoke.",
            "Women Lawyers Association of Malawi",
        ),
        (
            "The Chief Prosecutor's Office against Wildlife Crime opened the case.",
            "Chief Prosecutor's Office against Wildlife Crime",
        ),
        # French: the head first, lower-case adjectives and complements after it
        (
            "Le Ministère de la Pêche et des Ressources halieutiques du Sénégal a participé.",
            "Ministère de la Pêche et des Ressources halieutiques du Sénégal",
        ),
        (
            "Des agents de la Direction générale des Douanes maritimes ont été formés.",
            "Direction générale des Douanes maritimes",
        ),
        (
            "Le Comité national de lutte contre la traite des personnes a adopté son plan.",
            "Comité national de lutte contre la traite des personnes",
        ),
        (
            "Des experts de la gendarmerie malienne étaient présents.",
            "gendarmerie malienne",
        ),
        # Spanish: Title Case names with their links
        (
            "Participó la Fiscalía Especializada en Delitos Ambientales de Costa Rica.",
            "Fiscalía Especializada en Delitos Ambientales de Costa Rica",
        ),
        (
            "Asistieron agentes de la Policía Nacional Civil y del Servicio Nacional de Guardacostas.",
            "Servicio Nacional de Guardacostas",
        ),
        (
            "La Universidad Autónoma de Tegucigalpa organizó el foro.",
            "Universidad Autónoma de Tegucigalpa",
        ),
    ],
)
def test_organisations_by_their_head_word(listing, lexicon, text, expected):
    x = one(listing, lexicon, text)
    assert expected in unknown(x)
    assert bodies(x)[expected].linked is False


def test_two_bodies_joined_by_and_stay_two(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Officers of the State Forestry Service and National Park Rangers Unit of Ghana met.",
    )
    assert unknown(x) == {"State Forestry Service", "National Park Rangers Unit of Ghana"}


def test_a_complement_keeps_its_own_and(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Lo presentó el Ministerio de Pesca y Acuicultura del Ecuador.",
        dateline="Lima, 3 de junio de 2021 –",
    )
    assert unknown(x) == {"Ministerio de Pesca y Acuicultura del Ecuador"}


# --- acronyms -------------------------------------------------------------------------------


def test_an_acronym_in_brackets_names_the_body_again(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "The Wildlife Crime Investigation Directorate (WCID) trained rangers. "
        "Two WCID officers then led the raid.",
    )
    (entity,) = [e for e in x.entities("organization") if not e.linked]
    assert entity.name == "Wildlife Crime Investigation Directorate"
    named = [m.exact for m in x.mentions if m.entity == entity]
    assert named == ["Wildlife Crime Investigation Directorate", "WCID", "WCID"]


def test_the_acronym_before_its_name(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Experts from GFA (German Fisheries Agency) presented. GFA will fund the next course.",
    )
    (entity,) = [e for e in x.entities("organization") if not e.linked]
    assert entity.name == "German Fisheries Agency"
    assert [m.exact for m in x.mentions if m.entity == entity].count("GFA") == 2


def test_an_acronym_closes_a_french_name_written_in_lower_case(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Le Service central de lutte contre le braconnage (SCLB) a saisi des défenses. "
        "Le SCLB a remercié l'ONUDC.",
        dateline="Dakar, le 5 juin 2023 –",
    )
    assert "Service central de lutte contre le braconnage" in unknown(x)
    assert "UNODC" in {e.name for e in x.entities("organization") if e.linked}


def test_a_spanish_acronym_after_an_article_is_a_body(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Expusieron la DIRPOLTUR y la Fiscalía de Turismo.",
        dateline="Lima, 3 de junio de 2021 –",
    )
    assert "DIRPOLTUR" in unknown(x)


def test_a_known_acronym_gives_its_entity_to_the_longer_name(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Lo inauguró la Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC).",
        dateline="Lima, 3 de junio de 2021 –",
    )
    assert [e.name for e in x.entities("organization")] == ["UNODC"]


# --- generic bodies carry their country -----------------------------------------------------


def test_a_generic_body_is_one_body_under_its_two_names(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "The Bolivian Ministry of Interior and UNODC met. The Ministry of Interior of Bolivia "
        "thanked the Office.",
    )
    ministries = [e for e in x.entities("organization") if not e.linked]
    assert len(ministries) == 1
    assert ministries[0].key.endswith("-bo")


def test_a_generic_body_of_another_country_is_another_body(listing, lexicon):
    bolivia = one(listing, lexicon, "Officials of the Ministry of Interior of Bolivia met.")
    zambia = one(listing, lexicon, "Officials of the Zambian Ministry of Interior met.")
    (a,) = [e for e in bolivia.entities("organization") if not e.linked]
    (b,) = [e for e in zambia.entities("organization") if not e.linked]
    assert a.key != b.key
    assert a.name == "Ministry of Interior of Bolivia"
    assert b.name == "Zambian Ministry of Interior"


def test_a_possessive_country_is_not_part_of_the_name(listing, lexicon):
    x = one(listing, lexicon, "Malawi's Anti-Poaching Bureau arrested two suspects.")
    (body,) = [e for e in x.entities("organization") if not e.linked]
    assert body.name == "Anti-Poaching Bureau"
    assert body.key.endswith("-mw")


def test_a_generic_body_without_a_country_stays_as_it_is(listing, lexicon):
    x = one(listing, lexicon, "Officials of the Ministry of Interior attended the course.")
    (body,) = [e for e in x.entities("organization") if not e.linked]
    assert body.key == "ministry-of-interior"


def test_the_short_name_of_a_body_is_the_body(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Cadets of the Julius Nyerere National Police Academy graduated. The National Police "
        "Academy will train more.",
    )
    assert unknown(x) == {"Julius Nyerere National Police Academy"}


# --- programmes by their form ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "dateline"),
    [
        (
            "Funding came from the Coastal Resilience Programme.",
            "Coastal Resilience Programme",
            None,
        ),
        ("Seizures rose under Project TIDEWATER this year.", "Project TIDEWATER", None),
        ("Ships were inspected under its Seagrass project.", "Seagrass", None),
        (
            'Training took place under the project "Safer Ports for West Africa".',
            "Safer Ports for West Africa",
            None,
        ),
        (
            "BLUEFIN, a programme funded by Norway, trains inspectors.",
            "BLUEFIN",
            None,
        ),
        ("The #NoMoreIvory campaign reached schools.", "#NoMoreIvory", None),
        (
            "Le Programme régional de lutte contre la cybercriminalité soutient les enquêteurs.",
            "Programme régional de lutte contre la cybercriminalité",
            "Dakar, le 5 juin 2023 –",
        ),
        (
            "Le projet « Routes sûres pour les pêcheurs » a été lancé.",
            "Routes sûres pour les pêcheurs",
            "Dakar, le 5 juin 2023 –",
        ),
        (
            "En el marco del Proyecto Manglar, se capacitó a guardaparques.",
            "Proyecto Manglar",
            "Lima, 3 de junio de 2021 –",
        ),
        (
            "La iniciativa Arrecife apoya a los pescadores.",
            "Arrecife",
            "Lima, 3 de junio de 2021 –",
        ),
    ],
)
def test_programmes_by_their_form(listing, lexicon, text, expected, dateline):
    x = one(listing, lexicon, text, **({"dateline": dateline} if dateline else {}))
    assert expected in unknown(x, "programme")
    assert not unknown(x)  # a programme is not an organisation


def test_a_programme_and_its_word_are_one_programme(listing, lexicon):
    first = one(listing, lexicon, "La Iniciativa CORALINA trabaja en Panamá.")
    second = one(listing, lexicon, "The CORALINA initiative works in Panama.")
    (a,) = first.entities("programme")
    (b,) = second.entities("programme")
    assert a.key == b.key


def test_a_practitioners_network_is_a_programme(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "The Sahel Network of Wildlife Prosecutors met, and the Coastal Women Traders Network "
        "joined.",
    )
    assert "Sahel Network of Wildlife Prosecutors" in unknown(x, "programme")
    assert "Coastal Women Traders Network" in unknown(x)


def test_a_programme_name_leaves_out_the_body_that_runs_it(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Habló el coordinador del Programa Regional contra el Tráfico de Fauna de UNODC.",
        dateline="Lima, 3 de junio de 2021 –",
    )
    assert "Programa Regional contra el Tráfico de Fauna" in unknown(x, "programme")


# --- what is not an organisation or a programme ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police officers and customs officials from five countries took part.",
        "The Regional Workshop on Border Security ended on Friday.",
        "The Global Report on Trafficking in Persons 2024 was presented.",
        "The Anti-Money Laundering Law of 2019 was discussed.",
        "The National Commission said the results were good.",
        "Journalists gathered at the Vienna International Centre.",
        "Bianca Kopp, Programme Management Officer, opened the session.",
        "Ivorian police, gendarmerie and customs experts attended.",
        "Delegates met at UN Headquarters in New York.",
        "Des écoles de police et de gendarmerie nationale ont envoyé des élèves.",
        "La Assemblée a voté. Le Garde des Sceaux a parlé.",
        "Asistieron al XIII Curso Nacional más de cuarenta funcionarios.",
    ],
)
def test_not_bodies(listing, lexicon, text):
    x = one(listing, lexicon, text)
    assert unknown(x) == set()
    assert unknown(x, "programme") == set()
    assert "United Nations" not in {e.name for e in x.entities("organization")}


def test_a_title_case_headline_is_not_read_for_names(listing, lexicon):
    (entry,) = read_listing(
        listing(
            "Regional Training Brings Together Coast Guard Officers From Five Countries\n"
            "Vienna, 1 May 2024. Officers met.\n"
        ),
        lexicon.gazetteer.is_place,
    )
    x = extract(entry, lexicon)
    assert unknown(x) == set()


def test_a_wire_credit_is_not_a_mention(listing, lexicon):
    (entry,) = read_listing(
        listing("VIENNA, 6 June 2024 (UN Information Service) - States met to discuss firearms.\n"),
        lexicon.gazetteer.is_place,
    )
    x = extract(entry, lexicon)
    assert x.entities("organization") == []


def test_every_body_is_quoted_from_the_text(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Officials of the Commission Nationale des Armes Légères (CNAL) du Togo and the "
        "Togolese Ministry of Security met. The CNAL thanked UNODC.",
    )
    for mention in x.mentions:
        source = x.entry.text if mention.field == "text" else x.entry.title
        assert source[mention.start : mention.end] == mention.exact
    assert "Commission Nationale des Armes Légères du Togo" in unknown(x)
