"""Extraction: an :class:`Entry` becomes an :class:`Extraction`.

Everything the graph says about an entry is decided here, by rules that can be read and
explained, each with the character span it was read from. One module per concern:

- :mod:`.records` — the records produced (Entity, Mention, Figure, Event, Extraction);
- :mod:`.dates` — the dateline's date and the event's dates in running text;
- :mod:`.places` — countries, regions, cities, the dateline's places;
- :mod:`.names` — persons;
- :mod:`.organisations` — organisations no vocabulary knows, found by their form;
- :mod:`.programmes` — instruments, programmes, known bodies, publications;
- :mod:`.sessions` — numbered sessions of governing bodies;
- :mod:`.roles` — who organised, hosted, funded, took part or spoke; treaty actions;
- :mod:`.cues` — cue words matched fast, regardless of case;
- :mod:`.events` — the event: type, dates, place, organisers, figures;
- :mod:`.protocols` — Protocols named by their subject;
- :mod:`.extractor` — :func:`extract`, which runs them over an entry.
"""

from ..lexicon import Lexicon
from ..sources import Entry
from .records import Entity, Event, Extraction, Figure, Mention


def extract(entry: Entry, lexicon: Lexicon) -> Extraction:
    """Read one entry: its dateline, the entities it names, and the event it reports. (The
    rules are imported on the first call, so that commands which read no entry start fast.)"""
    from .extractor import extract as read

    return read(entry, lexicon)


def prepare(lexicon: Lexicon) -> None:
    """Load the rules and build every table of ``lexicon`` they scan with, now: worker
    processes forked after this share them instead of each building its own (about 0.8 s).
    The shipped lexicon is then cached with them (1.8 s saved at the next start)."""
    from ..lexicon import keep
    from .extractor import SCANNED_KINDS

    fresh = [lexicon.table(kinds).fresh for kinds in SCANNED_KINDS]
    if lexicon.shipped and any(fresh):
        keep(lexicon)  # cached with its tables: the next run skips building them


__all__ = ["Entity", "Mention", "Figure", "Event", "Extraction", "extract", "prepare"]
