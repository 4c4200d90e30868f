"""A message located in a programme: the rule it is about, what it says, and where.

The checker's violations and the review's findings both read this way, so they print
alike: ``[rule] week 3 mon exercise: message``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from thrustplan.rules.program import ExerciseEntry, Program, Session, Week


@dataclass(frozen=True)
class Located:
    """A rule's message, located to the week, the session and the exercise.

    ``week``, ``day`` and ``exercise_id`` are None where the message is about the whole
    programme, a whole week or a whole session.

    >>> str(Located("session_size", "2 exercises", week=1, day="mon"))
    '[session_size] week 1 mon: 2 exercises'
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


L = TypeVar("L", bound=Located)


def sessions(program: Program) -> Iterator[tuple[Week, Session]]:
    """Every session of the programme with its week, in order."""
    for week in program.weeks:
        for session in week.sessions:
            yield week, session


def per_entry(
    kind: type[L], program: Program, rule: str, problem: Callable[[ExerciseEntry], str | None]
) -> Iterator[L]:
    """A ``kind`` of ``rule``, located to its exercise, for each entry of the programme in
    which ``problem`` finds something wrong (and says what)."""
    for week, session in sessions(program):
        for entry in session.exercises:
            if message := problem(entry):
                yield kind(rule, message, week.number, session.day, entry.exercise_id)
