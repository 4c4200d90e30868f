"""Time use: the client's hour is there to be used."""

from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.reading import normal_weeks, program_texts, session_minutes
from thrustplan.rules.timing import TIME_USED_PERCENT

if TYPE_CHECKING:
    from thrustplan.rules.program import Program

#: Share of the client's minutes the median normal session should fill, warm-up included.
LEAST_SHARE = TIME_USED_PERCENT / 100
#: A stated length counts when it is this close to the measured one, in minutes.
STATED_SLACK = 3
_STATED = re.compile(r"(\d+)\s*min(?:ute)?s?\b[^.]*\bbecause\b", re.IGNORECASE)


def states_length(program: Program, minutes: float) -> bool:
    """The plan says how long its sessions really take and why: some text outside the
    profile reads like "about 42 minutes, because ..." with a length within
    :data:`STATED_SLACK` of ``minutes``."""
    return any(
        abs(int(match.group(1)) - minutes) <= STATED_SLACK
        for text in program_texts(program)
        for match in _STATED.finditer(text)
    )


def review_time_use(program: Program, catalogue: Catalogue) -> list[Finding]:
    """The median normal session, warm-up included, uses at least 75 % of the client's
    minutes, unless the plan states the real length and why.

    A client who books 75 minutes and is sent home after 30 has been short-changed, or
    told a length that is not true. The planner states a true length where a hard rule
    stops the sessions early, in the programme's ``session_length``, printed on the cover.
    Source: the practitioner figure of 12-16 working sets in about 45 minutes, as
    ``thrustplan.rules.timing`` encodes it; times are recomputed from it.
    """
    lengths = [session_minutes(s, catalogue) for w in normal_weeks(program) for s in w.sessions]
    if not lengths:
        return []
    median = statistics.median(lengths)
    booked = program.profile.session_minutes
    if median >= LEAST_SHARE * booked or states_length(program, median):
        return []
    return [
        Finding(
            "time_use",
            f"median session {median:.0f} of {booked} minutes ({median / booked:.0%}); "
            f"use at least {LEAST_SHARE:.0%} or state the real length and why",
        )
    ]
