"""What every check shares: the violation it reports, and the programme read as trial
weeks and sessions (``thrustplan.rules.week_rules``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.rules import located
from thrustplan.rules.program import ExerciseEntry, Program, Session, Week
from thrustplan.rules.violation import Violation as Violation
from thrustplan.rules.week_rules import TrialItem, TrialSession, programme_session

Check = Callable[[Program, Catalogue], Iterator[Violation]]
program_sessions = located.sessions


def per_entry(
    program: Program, rule: str, problem: Callable[[ExerciseEntry], str | None]
) -> Iterator[Violation]:
    """A violation of ``rule``, located to its exercise, for each entry of the programme
    in which ``problem`` finds something wrong."""
    return located.per_entry(Violation, program, rule, problem)


def entry_exercise(entry: ExerciseEntry, catalogue: Catalogue) -> Exercise | None:
    return catalogue.get(entry.exercise_id)


def trial_session(session: Session, week: int, catalogue: Catalogue) -> TrialSession:
    """A programme session as the rules in :mod:`thrustplan.rules.week_rules` read it."""
    return programme_session(session, catalogue, week)


def trials(program: Program, catalogue: Catalogue) -> Iterator[tuple[Week, TrialSession]]:
    for week, session in program_sessions(program):
        yield week, trial_session(session, week.number, catalogue)


def trial_week(week: Week, catalogue: Catalogue) -> list[TrialSession]:
    return [trial_session(s, week.number, catalogue) for s in week.sessions]


def week_work(week: Week, catalogue: Catalogue) -> list[tuple[Exercise, int]]:
    """Every (exercise, sets) of the week, exercises the catalogue lacks left out."""
    items = [item for session in trial_week(week, catalogue) for item in session.items]
    return [(item.exercise, item.sets) for item in items if item.exercise is not None]


ItemProblems = Callable[[TrialSession], Iterable[tuple[TrialItem, str]]]


def per_item(
    program: Program, catalogue: Catalogue, rule: str, problems: ItemProblems
) -> Iterator[Violation]:
    """A violation of ``rule``, located to its exercise, for each (item, message) that
    ``problems`` finds in a session of the programme."""
    for week, session in trials(program, catalogue):
        for item, message in problems(session):
            yield Violation(rule, message, week.number, session.day, item.exercise_id)


def each(found: Callable[[TrialSession], Iterable[TrialItem]], message: str) -> ItemProblems:
    """The items ``found`` in a session, each with the same ``message``."""
    return lambda session: ((item, message) for item in found(session))


def per_session(
    program: Program, catalogue: Catalogue, rule: str, problem: Callable[[TrialSession], str | None]
) -> Iterator[Violation]:
    """A violation of ``rule``, located to its session, for each session of the programme
    in which ``problem`` finds something wrong."""
    for week, session in trials(program, catalogue):
        if message := problem(session):
            yield Violation(rule, message, week.number, session.day)
