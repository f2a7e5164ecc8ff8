"""Who did what, read from the sentence that says it: the phrases (:mod:`.words`), sentences
and lists of actors (:mod:`.sentences`), the roles in the reported event (:mod:`.event_roles`),
speakers (:mod:`.speakers`), launches and coverage (:mod:`.launches`), and treaty actions
(:mod:`.treaties`). Every role carries the quoted phrase as its evidence."""

from .event_roles import roles
from .launches import coverage, launches
from .speakers import represented, speakers
from .treaties import treaty_actions

__all__ = ["roles", "speakers", "represented", "launches", "coverage", "treaty_actions"]
