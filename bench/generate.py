"""Write a realistic news listing of N entries, deterministic by seed.

Entries are built from the project's own vocabularies and gazetteer: datelines in the forms the
listings use (both orders, with and without a country, English, French and Spanish), event
dates, programmes, instruments, organisations, topics, people with roles and participant
figures.

    python bench/generate.py 20000 -o corpus-20k.txt --seed 1
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from untoc_graph.lexicon import default_lexicon
from untoc_graph.sources import MONTHS

FIRST = ["Maria", "John", "Amina", "Carlos", "Olga", "Kenji", "Fatima", "Pedro", "Ingrid", "Samuel"]
LAST = ["Okafor", "Silva", "Petrov", "Haddad", "Nguyen", "Garcia", "Larsen", "Mensah", "Rossi"]
ROLES = [
    "Director of UNODC’s Division for Operations",
    "Minister of Justice",
    "Executive Director of UNODC",
    "Senior Adviser at the Ministry of Interior",
]
EVENTS = [
    "training",
    "workshop",
    "side event",
    "Constructive Dialogue",
    "Regional Event",
    "briefing",
    "high-level panel",
    "meeting",
]


def _month(language: str, month: int) -> str:
    return MONTHS[language].split()[month - 1]


def _dateline(rng: random.Random, city: str, country: str, day: date) -> str:
    language = rng.choices(["en", "fr", "es"], [8, 1, 1])[0]
    month = _month(language, day.month)
    when = {
        "en": f"{day.day} {month} {day.year}",
        "fr": f"{day.day} {month} {day.year}",
        "es": f"{day.day} de {month} de {day.year}",
    }[language]
    place = rng.choice([city, f"{city} ({country})", f"{city}, {country}"])
    if rng.random() < 0.3:
        return f"{when}, {place} - "
    return f"{place}, {when}{rng.choice(['. ', ' - ', ' – '])}"


def entries(count: int, seed: int):
    lexicon = default_lexicon()
    vocab = lexicon.vocabulary
    rng = random.Random(seed)
    cities = sorted(
        (
            p
            for places in lexicon.gazetteer.names.values()
            for p in places
            if p.kind == "city" and not p.alternate and p.population > 800_000
        ),
        key=lambda p: p.key,
    )
    programmes = [i.name for i in vocab.by_kind["programme"]]
    organisations = [i.name for i in vocab.by_kind["organization"]]
    instruments = [min(i.labels, key=len) for i in vocab.by_kind["instrument"]]
    topics = [i.name for i in vocab.by_kind["topic"]]
    start = date(2018, 1, 1)
    for _ in range(count):
        city = rng.choice(cities)
        country = lexicon.gazetteer.countries[city.country_code].name
        day = start + timedelta(days=rng.randrange(2900))
        event_day = day - timedelta(days=rng.randrange(1, 20))
        event_day = event_day.replace(day=min(event_day.day, 26))
        person = f"{rng.choice(['Mr.', 'Ms.', 'Dr.'])} {rng.choice(FIRST)} {rng.choice(LAST)}"
        body = (
            f"On {event_day.day}-{event_day.day + 2} {_month('en', event_day.month)}, "
            f"the {rng.choice(programmes)} and the {rng.choice(organisations)} held a "
            f"{rng.choice(EVENTS)} on {rng.choice(topics)} and the {rng.choice(instruments)} in "
            f"{city.name}, {country}."
        )
        if rng.random() < 0.6:  # not every story counts its participants or names a speaker
            body += (
                f" Over {rng.randrange(20, 400)} participants from "
                f"{rng.randrange(3, 90)} countries took part."
            )
        if rng.random() < 0.5:
            body += f" {person}, {rng.choice(ROLES)}, opened the session."
        body += " Read more"
        title = f"{rng.choice(EVENTS).capitalize()} on {rng.choice(topics)} in {city.name}"
        layout = rng.random()
        dateline = _dateline(rng, city.name, country, day)
        if layout < 0.4:
            yield f"{title}\n{dateline}{body}"
        elif layout < 0.7:
            yield f"{title} {dateline}{body}"
        else:
            yield f"{dateline}{body}"


def write(count: int, path: Path, seed: int = 1) -> Path:
    lines = ["Find the latest events and features here:"]
    lines += entries(count, seed)
    lines.append("More news are available on the following pages:")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.count, args.output, args.seed)
