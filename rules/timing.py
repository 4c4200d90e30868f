"""How long a session takes: warm-up, working sets, rest between sets and changeovers.

Practitioner figures (``docs/training-rules.md``, "Time"): about 12-16 working sets
fit a 45-minute session once rest is counted, which these constants reproduce.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: General warm-up plus ramp-up sets for the first lift, in minutes.
WARM_UP_MINUTES = 6
#: A ramp-up set: a few reps at a light load, then the change to the next load.
RAMP_SET_SECONDS = 30
#: Ramp-up sets the warm-up's last minute holds; any more in the session take their own
#: time (a four-set ramp, or a later barbell lift's own ramp).
RAMP_SETS_IN_WARM_UP = 2
#: Share of the client's minutes, warm-up included, the median normal session should
#: fill (percent): the model aims past it, the review measures it.
TIME_USED_PERCENT = 75
#: Moving to the next exercise: loading a bar, finding dumbbells, adjusting a bench.
CHANGEOVER_SECONDS = 60


def exercise_seconds(sets: int, work_seconds: int, rest_seconds: int) -> int:
    """Seconds for ``sets`` sets: work each set, rest between sets, one changeover.

    >>> exercise_seconds(3, 45, 120)
    435
    >>> exercise_seconds(0, 45, 120)
    0
    """
    if sets == 0:
        return 0
    return sets * work_seconds + (sets - 1) * rest_seconds + CHANGEOVER_SECONDS


def superset_seconds(sets: int, work: Sequence[int], rest: Sequence[int]) -> int:
    """Seconds for exercises done as one step: a set of each back to back, then the
    longest of their rests, ``sets`` times, and a changeover for each exercise.

    The rest is shared: resting once after the pair replaces resting after each. A step
    of one exercise is the plain case of :func:`exercise_seconds`.

    >>> superset_seconds(3, (45, 45), (120, 60))
    630
    >>> superset_seconds(3, (45,), (120,)) == exercise_seconds(3, 45, 120)
    True
    """
    if sets == 0:
        return 0
    return sets * sum(work) + (sets - 1) * max(rest) + len(work) * CHANGEOVER_SECONDS


def ramp_seconds(ramp_sets: int) -> int:
    """Seconds a session's ``ramp_sets`` ramp-up sets add to its warm-up.

    >>> ramp_seconds(2), ramp_seconds(4), ramp_seconds(7)
    (0, 60, 150)
    """
    return RAMP_SET_SECONDS * max(0, ramp_sets - RAMP_SETS_IN_WARM_UP)


def session_minutes(seconds_of_work: int) -> int:
    """Minutes a session takes, warm-up included, rounded up."""
    return WARM_UP_MINUTES + math.ceil(seconds_of_work / 60)
