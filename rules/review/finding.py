"""A review finding: one thing a coach would change, located in the programme."""

from __future__ import annotations

from dataclasses import dataclass

from thrustplan.rules.located import Located


@dataclass(frozen=True)
class Finding(Located):
    """One quality problem, located to the week, the session and the exercise.

    ``week``, ``day`` and ``exercise_id`` are None where the finding is about the whole
    programme, a whole week or a whole session. The message carries the numbers.

    >>> str(Finding("time_use", "median session 30 of 75 minutes (40 %)"))
    '[time_use] median session 30 of 75 minutes (40 %)'
    >>> str(Finding("glute_move_every_session", "0 glute moves in 5 exercises", 3, "mon"))
    '[glute_move_every_session] week 3 mon: 0 glute moves in 5 exercises'
    """
