"""Treaty actions: a state, the instruments it acted on, the action, and its date; and the
states a text says are parties."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ...sources import DATE_RE, MONTH_NUMBER
from ..records import Mention, Party, TreatyAction
from .sentences import _actor_mentions, _by_sentence, _following
from .words import (
    _ACTION_RE,
    _BY_ACTING,
    _BY_STATE,
    _PARTY,
    _US_DATE,
    INSTRUMENTS,
    NEAR,
    PARTY_ACTIONS,
    _sentences,
)


def treaty_actions(
    text: str, mentions: Iterable[Mention], skip: int = 0
) -> tuple[list[TreatyAction], list[Party]]:
    """The treaty actions a text reports — a state, the instruments it acted on, the action,
    and the date when the sentence states one (after ``skip``, the dateline) — and the states
    it says are parties."""
    named = _actor_mentions(mentions)
    actions: dict[tuple[str, str, str], TreatyAction] = {}
    parties: dict[tuple[str, str], Party] = {}
    kinds = {m.entity.kind for m in named}
    if "country" not in kinds or "instrument" not in kinds:
        return [], []
    for (start, end), sentence in _by_sentence(_sentences(text), named).items():
        states = [m for m in sentence if m.entity.kind == "country"]
        if not states or not any(m.entity.kind == "instrument" for m in sentence):
            continue
        cues = list(_ACTION_RE.finditer(text, start, end))
        if cues:
            after = max(start, skip)
            stated = DATE_RE.search(text, after, end) or _US_DATE.search(text, after, end)
            when = _iso(stated) if stated else None
        for cue in cues:
            action = cue.lastgroup
            instruments = [m for m in sentence if m.entity.kind == "instrument"]
            acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
            if not acted_on and action != "signature":  # one signs many other things
                acted_on = [m for m in instruments if cue.end() <= m.start < cue.end() + NEAR][:1]
            if not acted_on and cue.group().lower().startswith("instrument"):
                # "Uruguay became a Party to the Convention when it deposited its instrument
                # of ratification": the instrument named before, in the same sentence
                acted_on = [m for m in instruments if m.end <= cue.start()][-1:]
            # the state acting: the nearest named before the cue ("Bhutan acceded to"),
            # else after it ("By acceding to the Protocol, Comoros", "por parte de Azerbaiyán")
            subject = [s for s in states if s.end <= cue.start()][-1:] or [
                s
                for s in states
                if s.start >= cue.end()
                and not any(i.start <= s.start < i.end for i in instruments)
                and (
                    _BY_ACTING.search(text, max(start, cue.start() - 8), cue.start())
                    or _BY_STATE.search(text, max(start, s.start - 20), s.start)
                )
            ][:1]
            if not subject or not acted_on:
                continue
            state = subject[0]
            for instrument in acted_on:
                key = (state.entity.key, instrument.entity.key, action)
                actions.setdefault(
                    key,
                    TreatyAction(
                        state.entity,
                        instrument.entity,
                        action,
                        when,
                        start,
                        end,
                        text[start:end],
                    ),
                )
                if action in PARTY_ACTIONS:
                    parties.setdefault(
                        (state.entity.key, instrument.entity.key),
                        Party(state.entity, instrument.entity, start, end, text[start:end]),
                    )
        for cue in _PARTY.finditer(text, start, end):
            if cue["such"]:  # "States parties such as A and B"
                holders = _following(sentence, cue.end(), end, text, frozenset({"country"}))
                acted_on = [m for m in sentence if m.entity.kind == "instrument"][:1]
            else:  # "A became the 190th State party to the Protocol"
                holders = [s for s in states if s.end <= cue.start()][-1:]
                acted_on = _following(sentence, cue.end(), end, text, INSTRUMENTS)
            for state in holders:
                for instrument in acted_on:
                    parties.setdefault(
                        (state.entity.key, instrument.entity.key),
                        Party(state.entity, instrument.entity, start, end, text[start:end]),
                    )
    return list(actions.values()), list(parties.values())


def _iso(match: re.Match) -> date | None:
    groups = match.groupdict()
    try:
        return date(
            int(groups["year"]),
            MONTH_NUMBER[groups["month"].lower()][0],
            int(re.match(r"\d+", groups["day2"] or groups["day"]).group()),
        )
    except (ValueError, KeyError, TypeError):
        return None
