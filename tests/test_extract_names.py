"""Persons: found by the evidence around a name, in English, French and Spanish, cleaned of
titles, one per person in an entry; capitalised phrases without such evidence are no persons."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from untoc_graph.evaluate import evaluate, read_gold
from untoc_graph.extract import extract
from untoc_graph.extract.fields import _Field
from untoc_graph.extract.names import find_persons
from untoc_graph.lexicon import tokenize
from untoc_graph.sources import read_listing
from untoc_graph.store import open_store
from untoc_graph.vocabulary import Vocabulary

DEV_GOLD = Path(__file__).parent / "gold" / "dev"


def one(listing, lexicon, text):
    (entry,) = read_listing(listing(text + "\n"), lexicon.gazetteer.is_place)
    return extract(entry, lexicon)


def persons(listing, lexicon, text):
    return [p.name for p in one(listing, lexicon, text).entities("person")]


DATELINE = "Lisbon, 3 June 2024. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # titles and roles before the name, alone or in chains
        ("UNODC Deputy Executive Director Ana Rojas opened the course.", ["Ana Rojas"]),
        ("The Minister of Justice of Bolivia, Pedro Soto, welcomed the experts.", ["Pedro Soto"]),
        ("Police Lieutenant General Somchai Wong briefed the press.", ["Somchai Wong"]),
        ("Prime Minister Pham Van Long met the delegation.", ["Pham Van Long"]),
        ("The delegation was led by Deputy Minister James Deng.", ["James Deng"]),
        ("The head of UNODC Lena Vogel visited the port.", ["Lena Vogel"]),
        # roles after the name, in apposition
        ("Kofi Boateng, Chief of the Maritime Unit, presented the findings.", ["Kofi Boateng"]),
        ("Hanna Berg, a forensic expert based in Oslo, trained the analysts.", ["Hanna Berg"]),
        ("Rita Oduya, a survivor and activist, told her story.", ["Rita Oduya"]),
        ("Samir Haddad of the Supreme Judicial Council called for reform.", ["Samir Haddad"]),
        # possessives
        ("Bolivia's Minister of Justice Pedro Soto signed the plan.", ["Pedro Soto"]),
        ("Zambia's Mary Banda told the meeting that shelters were full.", ["Mary Banda"]),
        # attribution
        ("“Borders are porous,” said Elena Petrova.", ["Elena Petrova"]),
        ("Tariq Hussain said the seizures had doubled.", ["Tariq Hussain"]),
        ("According to Ines Moreau, the cases rose by a third.", ["Ines Moreau"]),
        ("Remarks were delivered by John Mills and Anne Dupuis.", ["John Mills", "Anne Dupuis"]),
        (
            "Speakers included Ana Rojas, Pedro Soto and Maria Lopez.",
            ["Ana Rojas", "Pedro Soto", "Maria Lopez"],
        ),
        ("Interview with Kwame Asante on piracy in the region.", ["Kwame Asante"]),
        ("Rosa Quispe: “Nobody believed us at first.”", ["Rosa Quispe"]),
        ("Tuva Lind spoke on behalf of the Swedish Government.", ["Tuva Lind"]),
        # honorifics
        ("Ambassador Maria Lopez chaired the session.", ["Maria Lopez"]),
        ("Commissioner Joseph Kamau closed the event.", ["Joseph Kamau"]),
        ("H.E. Mr. Karim Benali addressed the plenary.", ["Karim Benali"]),
        ("Her Excellency Ingrid Olsen opened the exhibition.", ["Ingrid Olsen"]),
        (
            "Judge Amara Diallo and Prof. Lena Fischer led the moot court.",
            ["Amara Diallo", "Lena Fischer"],
        ),
        (
            "The course was run by Dr Hans Becker and Mrs. Olga Ivanova.",
            ["Hans Becker", "Olga Ivanova"],
        ),
        ("HRH Princess Sirindhorn Chakri visited the exhibition.", ["Sirindhorn Chakri"]),
        ("The minister received the jurist Omar Fathi Saleh.", ["Omar Fathi Saleh"]),
        (
            "The agreement was signed by Ahmed al-Hashimi and Leila Haddad.",
            ["Ahmed al-Hashimi", "Leila Haddad"],
        ),
    ],
)
def test_persons_in_english(listing, lexicon, text, expected):
    assert persons(listing, lexicon, DATELINE + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Ministre de la Justice, M. Ousmane Diop, a ouvert l'atelier.", ["Ousmane Diop"]),
        (
            "La Représentante de l'ONUDC au Sénégal, Mme Awa Ndiaye, a pris la parole.",
            ["Awa Ndiaye"],
        ),
        ("« Il faut agir », a déclaré Fatou Camara, procureure à Dakar.", ["Fatou Camara"]),
        (
            "Selon Jean-Marc Fontaine, chef de la section, les saisies ont doublé.",
            ["Jean-Marc Fontaine"],
        ),
        ("S.E. M. Paul Mbarga a reçu la délégation.", ["Paul Mbarga"]),
        ("Me Aminata Touré, avocate, a présenté le guide.", ["Aminata Touré"]),
        (
            "Le directeur de la police, le colonel Issa Traoré, a salué l'initiative.",
            ["Issa Traoré"],
        ),
        ("Pr Mamadou Sy a animé la session sur les preuves électroniques.", ["Mamadou Sy"]),
        ("Le Secrétaire général Marc Lebrun a rappelé les enjeux.", ["Marc Lebrun"]),
        ("Entretien avec Marie-Claire Dubois, magistrate à Abidjan.", ["Marie-Claire Dubois"]),
        (
            "Nadia Benali épouse Karimi, coordinatrice du projet, a conclu.",
            ["Nadia Benali épouse Karimi"],
        ),
    ],
)
def test_persons_in_french(listing, lexicon, text, expected):
    assert persons(listing, lexicon, "Dakar, le 5 juin 2023 – " + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La Representante de UNODC en Colombia, Laura Gómez, inauguró el taller.",
            ["Laura Gómez"],
        ),
        ("Según Carlos Méndez, fiscal especializado, los casos aumentaron.", ["Carlos Méndez"]),
        (
            "La Sra. Ana María Torres, directora de Migración, explicó el protocolo.",
            ["Ana María Torres"],
        ),
        ("El Dr. Julio Peralta declaró que la ley entrará en vigor en junio.", ["Julio Peralta"]),
        ("La Lic. Rosa Elena Cruz presentó los resultados.", ["Rosa Elena Cruz"]),
        (
            "Participaron la jueza Marta Quiroga y el fiscal Andrés Villalba.",
            ["Marta Quiroga", "Andrés Villalba"],
        ),
        ("«Es un paso histórico», afirmó la viceministra Carmen Salas.", ["Carmen Salas"]),
        (
            "La Embajadora de España en Perú, Excma. Sra. María Luisa Vidal, asistió.",
            ["María Luisa Vidal"],
        ),
        (
            "Intervinieron Lucía Ramos, de la Defensoría del Pueblo, y Jorge Ruiz, del Ministerio del Interior.",
            ["Lucía Ramos", "Jorge Ruiz"],
        ),
        ("La moderó la consultora nacional Inés de la Fuente.", ["Inés de la Fuente"]),
        (
            "Entrevista con Luis Alberto Paredes sobre el tráfico de migrantes.",
            ["Luis Alberto Paredes"],
        ),
    ],
)
def test_persons_in_spanish(listing, lexicon, text, expected):
    assert persons(listing, lexicon, "Lima, 3 de junio de 2021 – " + text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Vice President said the country would ratify the Protocol.",
        "UNODC Executive Director said that drugs remain a threat.",
        "Costa Rica and El Salvador signed the Memorandum of Understanding.",
        "New Zealand said it would fund the next phase.",
        "The Working Group on Firearms met in May.",
        "Human Rights Watch said the law would harm migrants.",
        "In March, Brazil's Federal Police arrested twelve suspects.",
        "The Global Programme against Money Laundering, according to the report, grew.",
        "Blue Heart, a campaign against human trafficking, turned ten.",
        "Santo Domingo, capital of the Dominican Republic, hosted the meeting.",
        "The Deputy Head of Mission, the Legal Adviser and the Chief Executive Officer attended.",
        "Mr. President, distinguished delegates, ladies and gentlemen.",
        "Experts from Save the Children and Terre des Hommes joined the Regional Event.",
        "The course was delivered by trainers from the Royal Thai Police.",
        "Support came from a Swiss Governmental Expert and a Regional Programme Officer.",
        "Illegal mining is spreading in Peru's Madre de Dios region.",
        "Mexico's Baja California hosts many shelters.",
        "La Commission nationale de lutte contre la traite des personnes a adopté son plan.",
        "L'atelier s'est tenu à l'hôtel Radisson Blu de Niamey.",
        "El Programa Global contra la Trata de Personas apoyó la actividad.",
        "La Policía Nacional de Colombia y la Fiscalía General de la Nación firmaron un acuerdo.",
        "Los participantes, de Bolivia, Perú y Ecuador, visitaron la frontera.",
    ],
)
def test_capitalised_phrases_without_evidence_are_no_persons(listing, lexicon, text):
    assert persons(listing, lexicon, DATELINE + text) == []


def test_one_person_per_name_in_an_entry(listing, lexicon):
    x = one(
        listing,
        lexicon,
        "Interview with Ana Rojas\nQuito, 4 May 2024. Ana María Rojas, a prosecutor in "
        "Quito, explained the case. Rojas said the victims had been found in two provinces.",
    )
    (person,) = x.entities("person")
    assert person.name == "Ana María Rojas"
    assert person.job_title == "prosecutor in Quito"
    assert sum(m.entity is person for m in x.mentions) == 3


def test_a_surname_after_a_title_is_the_person_named_in_full(listing, lexicon):
    x = one(
        listing,
        lexicon,
        DATELINE + "The Minister of Justice of Bolivia, Pedro Soto, welcomed the experts. "
        "Minister Soto recalled the new law.",
    )
    (person,) = x.entities("person")
    assert person.name == "Pedro Soto"
    assert person.job_title == "Minister of Justice of Bolivia"


def test_a_surname_before_said_needs_the_full_name(listing, lexicon):
    """ "Interpol said" names no one: a lone word before a verb is a person only when the
    entry names someone of that surname in full."""
    assert persons(listing, lexicon, DATELINE + "Ramírez explained the method.") == []


def test_the_title_before_the_name_is_the_job_title_and_names_the_affiliation(listing, lexicon):
    x = one(listing, lexicon, DATELINE + "UNODC Deputy Executive Director Ana Rojas spoke.")
    (person,) = x.entities("person")
    assert person.job_title == "UNODC Deputy Executive Director"
    assert person.affiliation is not None and person.affiliation.key.endswith("/unodc")


def test_a_title_in_apposition_wins_over_one_before(listing, lexicon):
    x = one(
        listing,
        lexicon,
        DATELINE + "Ambassador Cesar Molina, Head of the EU Delegation to Peru, spoke.",
    )
    (person,) = x.entities("person")
    assert person.name == "Cesar Molina"
    assert person.job_title == "Head of the EU Delegation to Peru"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "We spoke to Dr. Mena, Professor of Criminology at the University of Lagos, last week.",
            "Professor of Criminology at the University of Lagos",
        ),
        (
            "Ms. Ito, Ambassador of Japan to Austria, opened the meeting.",
            "Ambassador of Japan to Austria",
        ),
    ],
)
def test_an_honorific_word_in_apposition_is_a_title_when_no_name_follows(
    listing, lexicon, text, title
):
    (person,) = one(listing, lexicon, DATELINE + text).entities("person")
    assert person.job_title == title


HONORIFICS = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "H.E.", "M.", "Mme", "Sr.", "Sra.", "Dra."]
FIRST = ["Amina", "Carlos", "Olga", "Kenji", "Fatima", "João", "Zeynep", "Mbali"]
LAST = ["Okafor", "Silva", "Petrov", "Haddad", "Nguyen", "Lale-Demoz", "Yılmaz", "de la Cruz"]


@settings(max_examples=60, deadline=None)
@given(
    honorific=st.sampled_from(HONORIFICS),
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    after=st.sampled_from([" opened the session.", ", Director of Operations, spoke.", " said."]),
)
def test_a_name_after_an_honorific_is_found_clean(honorific, first, last, after):
    text = f"The workshop ended. {honorific} {first} {last}{after}"
    found = find_persons(_Field("text", text, tokenize(text)))
    assert [p.name for p in found] == [f"{first} {last}"]


NOT_A_NAME = [
    "Global Programme",
    "Ministry of Justice",
    "the",
    "United Nations Office",
    "in",
    "Kenya",
    "Regional Workshop",
    "and",
    "Executive Director",
    "Working Group on Firearms",
    "met",
    "Minister",
    "Deputy",
    "Secretary",
    "Chief",
    "of",
    "Legal Adviser",
    ",",
    "said",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NOT_A_NAME), min_size=1, max_size=14, unique=True))
def test_titles_and_bodies_never_make_a_person(lexicon, words):
    text = " ".join(words) + "."
    assert find_persons(_Field("text", text, tokenize(text)), lexicon) == []


def test_persons_on_the_development_corpus(dev_built):
    scores = evaluate(open_store(dev_built / "store"), read_gold(DEV_GOLD), Vocabulary())
    (persons,) = [s for s in scores if s.field == "persons"]
    assert persons.f1 >= 0.90, f"P={persons.precision:.3f} R={persons.recall:.3f}"
