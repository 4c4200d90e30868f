"""A review finding: one thing a coach would change, located in the programme."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One quality problem, located to the week, the session and the exercise.

    ``week``, ``day`` and ``exercise_id`` are None where the finding is about the whole
    programme, a whole week or a whole session. The message carries the numbers.

    >>> str(Finding("time_use", "median session 30 of 75 minutes (40 %)"))
    '[time_use] median session 30 of 75 minutes (40 %)'
    >>> str(Finding("glute_move_every_session", "0 glute moves in 5 exercises", 3, "mon"))
    '[glute_move_every_session] week 3 mon: 0 glute moves in 5 exercises'
    """

    rule: str
    message: str
    week: int | None = None
    day: str | None = None
    exercise_id: str | None = None

    @property
    def where(self) -> str:
        """The location as words, such as ``week 3 mon barbell_hip_thrust``; may be empty."""
        parts = (
            f"week {self.week}" if self.week is not None else "",
            self.day or "",
            self.exercise_id or "",
        )
        return " ".join(part for part in parts if part)

    def __str__(self) -> str:
        where = self.where
        if where:
            return f"[{self.rule}] {where}: {self.message}"
        return f"[{self.rule}] {self.message}"
