"""Who did what: roles, appearances, treaty actions and sessions, in English, French and Spanish.

The entries are written for these tests; each states a role in plain words, and a country or
organisation that is merely named must stay a mention.
"""

import pytest

from untoc_graph.extract import extract
from untoc_graph.extract.sessions import sessions
from untoc_graph.sources import Entry


def entry(text: str, title: str | None = None) -> Entry:
    return Entry("x", "test.txt", 1, title, "Vienna", "8 May 2024", text)


def roles_of(lexicon, text: str) -> set[tuple[str, str]]:
    found = extract(entry(text), lexicon)
    return {(r.property, r.entity.name) for r in found.roles}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Vienna, 8 May 2024 - A workshop on firearms was funded by Germany and hosted by "
            "the Government of Ghana on 6 May.",
            {("funder", "Germany"), ("host", "Ghana")},
        ),
        (
            "Vienna, 8 May 2024 - On 6 May, UNODC and the Ministry of Justice of Peru jointly "
            "organized a training with the financial support of Canada.",
            {("organizer", "UNODC"), ("funder", "Canada")},
        ),
        (
            "Vienna, 8 May 2024 - On 6 May, a regional meeting brought together experts from "
            "Mali, Niger and Chad. The European Union-funded meeting was held in Dakar.",
            {
                ("participantState", "Mali"),
                ("participantState", "Niger"),
                ("participantState", "Chad"),
                ("funder", "European Union"),
            },
        ),
        (
            "Vienne, 8 mai 2024 - Le 6 mai, un atelier organisé par l'ONUDC a réuni des "
            "représentants du Sénégal et du Togo, grâce au financement du Japon.",
            {("participantState", "Senegal"), ("participantState", "Togo"), ("funder", "Japan")},
        ),
        (
            "Viena, 8 de mayo de 2024 - El 6 de mayo, un taller financiado por España reunió a "
            "representantes de Bolivia y Paraguay.",
            {
                ("funder", "Spain"),
                ("participantState", "Bolivia"),
                ("participantState", "Paraguay"),
            },
        ),
    ],
)
def test_roles_stated_in_three_languages(lexicon, text, expected):
    assert expected <= roles_of(lexicon, text)


@pytest.mark.parametrize(
    "text, expected, absent",
    [
        # a programme acts for the body the entry says runs it
        (
            "Vienna, 8 May 2024 - UNODC's Global Firearms Programme (GFP) works in the Sahel. "
            "On 6 May, the GFP carried out a technical visit to Niamey.",
            {("organizer", "UNODC")},
            set(),
        ),
        # a national activity: the people counted are the one state's
        (
            "Quito, 8 de mayo de 2024 - El 6 de mayo, UNODC capacitó a más de 200 "
            "funcionarios del Ministerio de Trabajo de Ecuador.",
            {("participantState", "Ecuador")},
            set(),
        ),
        (
            "Vienna, 8 May 2024 - On 6 May, a meeting in Vienna discussed a study covering "
            "Mexico; 16 Arab States were represented.",
            set(),
            {("participantState", "Mexico")},
        ),
        # an auxiliary and two asides between subject and verb; "organized … with"
        (
            "Quito, 8 May 2024 - The United Nations Office on Drugs and Crime (UNODC), with "
            "the financial support of Canada, has held a course with the National Police of "
            "Ecuador. On 6 May, the Ministry of Labour of Ecuador organized a workshop with "
            "UNODC and IOM.",
            {("organizer", "UNODC"), ("organizer", "IOM"), ("funder", "Canada")},
            {("organizer", "National Police of Ecuador")},
        ),
        # a cue ends at a word's end: "des", not the "de" in it
        (
            "Port-au-Prince, 8 mai 2024 - Le 6 mai, un atelier a bénéficié du soutien "
            "financier des États-Unis et du Canada.",
            {("funder", "United States"), ("funder", "Canada")},
            set(),
        ),
        # a group of states, then its members in brackets; a government's officials
        (
            "Bangkok, 8 May 2024 - Officers from three ASEAN countries (Cambodia, Malaysia "
            "and Thailand) met on 6 May with Ecuadorian Government officials.",
            {
                ("participantState", "Cambodia"),
                ("participantState", "Malaysia"),
                ("participantState", "Thailand"),
                ("participantState", "Ecuador"),
            },
            set(),
        ),
        # a co-organiser named in the subject's aside
        (
            "Lima, 8 May 2024 - UNODC, under its Global Programme and together with the "
            "National Police of Peru, held a course on 6 May.",
            {("organizer", "UNODC"), ("organizer", "National Police of Peru")},
            set(),
        ),
        # a body acting through its programme, then its partner
        (
            "Bamako, 8 mai 2024 - Le 6 mai, l'ONUDC, à travers son Programme mondial sur les "
            "armes à feu, et l'Organisation internationale de police criminelle ont organisé "
            "un atelier.",
            {("organizer", "UNODC"), ("organizer", "INTERPOL")},
            set(),
        ),
        # a list a preposition introduces is a complement, not the subject
        (
            "Dakar, 8 mai 2024 - Pour des policiers du Mali et du Niger, l'ONUDC a organisé "
            "un atelier le 6 mai.",
            {("organizer", "UNODC")},
            {("organizer", "Mali"), ("organizer", "Niger")},
        ),
        # a state whose minister spoke took part
        (
            "Quito, 8 de mayo de 2024 - El 6 de mayo, UNODC organizó un taller. Intervino "
            "Ana Ruiz, Ministra de Justicia de Ecuador.",
            {("participantState", "Ecuador"), ("speaker", "Ana Ruiz")},
            set(),
        ),
        # officials by their demonym
        (
            "Vienna, 8 May 2024 - On 6 May, a workshop organized by UNODC brought together "
            "Serbian ministers and Albanian customs.",
            {("participantState", "Serbia"), ("participantState", "Albania")},
            set(),
        ),
        # a programme's own funder is not the event's
        (
            "Jakarta, 8 May 2024 - On 6 May, a meeting was held with ASEAN-ACT, a programme "
            "funded by Australia.",
            set(),
            {("funder", "Australia")},
        ),
        # host verbs, and a demonym that only qualifies the host
        (
            "Accra, 8 May 2024 - Ghana hosted a regional workshop on 6 May.",
            {("host", "Ghana")},
            set(),
        ),
        (
            "Panamá, 8 de mayo de 2024 - El 6 de mayo, la capital panameña acogió un taller.",
            set(),
            {("host", "Panama")},
        ),
        # a state acting through its government or authorities is the subject itself
        (
            "Bogotá, 8 de mayo de 2024 - El 6 de mayo, el Gobierno de Colombia y UNODC "
            "lanzaron un proyecto.",
            {("organizer", "Colombia"), ("organizer", "UNODC")},
            set(),
        ),
        # a state's long name is a name, not a demonym that qualifies a body
        (
            "La Paz, 8 de mayo de 2024 - UNODC organizó junto con el Estado Plurinacional de "
            "Bolivia un taller el 6 de mayo.",
            {("organizer", "UNODC"), ("organizer", "Bolivia")},
            set(),
        ),
        # an adverb between the auxiliary and the participle
        (
            "Dakar, 8 mai 2024 - Le 6 mai, l'ONUDC a donc formé des procureurs.",
            {("organizer", "UNODC")},
            set(),
        ),
        # officials from a list of a state's bodies: the state took part
        (
            "Tashkent, 8 May 2024 - Officials from the Supreme Court and the Ministry of "
            "Interior of Uzbekistan joined a workshop held by UNODC on 6 May.",
            {("participantState", "Uzbekistan"), ("organizer", "UNODC")},
            set(),
        ),
        # a passive list with an aside, the preposition said again
        (
            "Brasilia, 8 de mayo de 2024 - Organizada por UNODC, a través del Projeto "
            "Tapajós, y por la Policía Federal de Brasil, la actividad reunió a 25 fiscales.",
            {("organizer", "UNODC"), ("organizer", "Policía Federal de Brasil")},
            set(),
        ),
        # a body named through its part: "officers of the Division (DEIC) of the Police of X"
        (
            "Guatemala City, 8 May 2024 - UNODC trained twenty officers of the Specialized "
            "Division of Criminal Investigation (DEIC) of the National Civil Police of "
            "Guatemala on 6 May.",
            {("participantState", "Guatemala")},
            set(),
        ),
        # an invitation to host, and an invitation to speak
        (
            "Bogotá, 8 de mayo de 2024 - Por invitación de la Fiscalía General de la Nación, "
            "UNODC celebró un taller el 6 de mayo.",
            {("host", "Fiscalía General de la Nación")},
            set(),
        ),
        (
            "Doha, 8 de mayo de 2024 - UNODC organizó un evento el 6 de mayo; por invitación "
            "de UNODC, expusieron Ana Ruiz y Juan Soto.",
            {("organizer", "UNODC")},
            {("host", "UNODC")},
        ),
    ],
)
def test_role_rules(lexicon, text, expected, absent):
    found = roles_of(lexicon, text)
    assert expected <= found
    assert not absent & found


def test_a_country_merely_named_has_no_role(lexicon):
    found = roles_of(
        lexicon,
        "Vienna, 8 May 2024 - On 6 May, a workshop discussed trends in Brazil and Kenya, "
        "where migrant smuggling has grown.",
    )
    assert not {name for _, name in found} & {"Brazil", "Kenya"}


def test_with_the_support_of_is_not_funding(lexicon):
    found = roles_of(
        lexicon,
        "Vienna, 8 May 2024 - On 6 May, a training was held with the support of France.",
    )
    assert ("funder", "France") not in found


def test_every_role_quotes_the_phrase_that_states_it(lexicon):
    text = "Vienna, 8 May 2024 - On 6 May, a workshop was funded by Norway."
    found = extract(entry(text), lexicon)
    (role,) = [r for r in found.roles if r.property == "funder"]
    assert text[role.start : role.end] == role.exact == "funded by Norway"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Thimphu, 20 February 2023 - On 20 February 2023, Bhutan acceded to the United "
            "Nations Convention against Transnational Organized Crime.",
            ("Bhutan", "UNTOC", "accession", "2023-02-20"),
        ),
        (
            "Niamey, 8 mai 2024 - Le Niger a ratifié le Protocole relatif aux armes à feu.",
            ("Niger", "FIREARMS", "ratification", None),
        ),
        (
            "Vienna, 8 May 2024 - Bhutan acceded to the United Nations Convention against "
            "Transnational Organized Crime (UNTOC) and to its Protocol against the Smuggling of "
            "Migrants by Land, Sea and Air.",
            ("Bhutan", "SOM", "accession", None),
        ),
        (
            "Vienna, 8 May 2024 - The Executive Director welcomed Sudan's accession to the "
            "migrant smuggling and firearms protocols.",
            ("Sudan", "FIREARMS", "accession", None),
        ),
        (
            "Vienna, 8 May 2024 - Uruguay became the 100th Party to the United Nations "
            "Convention against Transnational Organized Crime when it deposited its instrument "
            "of ratification with the Secretary-General on 4 March 2005.",
            ("Uruguay", "UNTOC", "ratification", "2005-03-04"),
        ),
    ],
)
def test_treaty_actions(lexicon, text, expected):
    found = extract(entry(text), lexicon)
    actions = {
        (a.state.name, a.instrument.notation, a.action, a.date and a.date.isoformat())
        for a in found.treaty_actions
    }
    assert expected in actions
    assert (expected[0], expected[1]) in {
        (p.state.name, p.instrument.notation) for p in found.parties
    }


def test_signing_a_memorandum_is_no_treaty_action(lexicon):
    text = (
        "Vienna, 8 May 2024 - Kenya signed a memorandum of understanding with UNODC on "
        "cooperation under the Organized Crime Convention and its Protocols."
    )
    found = extract(entry(text), lexicon)
    assert not found.treaty_actions


def test_one_session_however_named():
    text = (
        "COP13 opened in Vienna. Delegates to the 13th session of the COP met again; "
        "the thirteenth session of the Conference of the Parties closed on Friday."
    )
    keys = {entity.key for _, _, entity in sessions(text, "en")}
    assert keys == {"cop-13"}
    french = "la treizième session de la Conférence des Parties"
    assert [e.key for _, _, e in sessions(french, "fr")] == ["cop-13"]


def test_an_edition_is_a_work_of_its_own_and_the_event_launches_it(lexicon):
    text = (
        "Vienna, 8 May 2024 - On 6 May, UNODC launched the 2024 Global Report on Trafficking "
        "in Persons. The Global Report on Trafficking in Persons 2022 covered 141 countries."
    )
    found = extract(entry(text), lexicon)
    editions = {e.name: e for e in found.entities("publication")}
    assert set(editions) == {
        "Global Report on Trafficking in Persons 2024",
        "Global Report on Trafficking in Persons 2022",
    }
    works = {e.edition_of.key for e in editions.values()}
    assert len(works) == 1  # two editions of one work
    (launch,) = [r for r in found.roles if r.property == "launches"]
    assert launch.entity.version == "2024"
    assert "launched the 2024 Global Report" in launch.exact


def test_coverage_belongs_to_the_publication_not_to_the_participants(lexicon):
    text = (
        "Vienna, 8 May 2024 - On 6 May, UNODC launched the 2024 Global Report on Trafficking "
        "in Persons, which draws on data from 141 countries."
    )
    found = extract(entry(text), lexicon)
    (covered,) = found.coverage
    assert (covered.publication.version, covered.countries) == ("2024", 141)
    assert covered.exact == "draws on data from 141 countries"
    assert all(f.count != 141 for f in found.event.figures)
