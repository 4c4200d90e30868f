"""Reading a finished programme for the review: its sessions, exercises and timing.

The programme is read as data only. Its classes live in the planner today, so they are
named for the type checker alone and never imported at run time: the review depends on
the shape of a programme, not on the package that builds one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, PatternId
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.eligibility import exclusion_reason
from thrustplan.rules.located import per_entry
from thrustplan.rules.located import sessions as sessions
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.timing import WARM_UP_MINUTES
from thrustplan.rules.week_rules import programme_session, session_seconds

if TYPE_CHECKING:
    from thrustplan.rules.program import ExerciseEntry, Program, Session, Week


def entry_findings(
    program: Program, code: str, problem: Callable[[ExerciseEntry], str | None]
) -> list[Finding]:
    """A finding of ``code``, located to its exercise, for each entry of the programme in
    which ``problem`` finds something wrong."""
    return list(per_entry(Finding, program, code, problem))


def reps_above_ceiling(
    program: Program,
    code: str,
    ceiling: Callable[[ExerciseEntry], int | None],
    says: Callable[[ExerciseEntry, int], str],
) -> list[Finding]:
    """A finding of ``code`` for each entry whose top of the rep range is above the
    ceiling ``ceiling`` gives it (None: no ceiling for that entry), worded by ``says``
    from the entry and its ceiling."""

    def above(entry: ExerciseEntry) -> str | None:
        most = ceiling(entry)
        if most is None or entry.reps_max <= most:
            return None
        return says(entry, most)

    return entry_findings(program, code, above)


def normal_weeks(program: Program) -> list[Week]:
    """The weeks that are not deloads; every week when all of them are."""
    return [w for w in program.weeks if not w.deload] or list(program.weeks)


def known(session: Session, catalogue: Catalogue) -> list[tuple[ExerciseEntry, Exercise]]:
    """The session's entries in order, each with its catalogue record; unknown ids are
    left out (``check`` reports them)."""
    ordered = sorted(session.exercises, key=lambda e: e.order)
    return [(e, x) for e in ordered if (x := catalogue.get(e.exercise_id)) is not None]


def session_minutes(session: Session, catalogue: Catalogue) -> float:
    """How long the session takes, warm-up included, recomputed from its entries with
    the rules the planner and the checker time it by (``rules.week_rules.session_seconds``)."""
    return WARM_UP_MINUTES + session_seconds(programme_session(session, catalogue)) / 60


def allowed(exercise: Exercise, program: Program) -> bool:
    """The client has the kit for ``exercise`` and no limitation or exclusion rules it out."""
    return exclusion_reason(exercise, program.profile) is None


def asked_for(program: Program) -> frozenset[str]:
    """The exercises the client named a favourite or the trainer included: a coach does
    not send back what the client or the trainer asked for."""
    profile = program.profile
    return frozenset({*profile.favourites, *(wanted.exercise for wanted in profile.include)})


def has_limitation(program: Program, limitation: str) -> bool:
    return limitation in program.profile.limitations


def pattern_group(pattern: PatternId) -> str:
    """The pattern's group in the vocabulary: push, pull, squat_or_lunge, core...

    >>> pattern_group("vertical_push"), pattern_group("horizontal_pull")
    ('push', 'pull')
    """
    if pattern not in VOCABULARY.ids("patterns"):
        return ""
    return str(VOCABULARY.term("patterns", pattern).attributes.get("group", ""))


def most(count: int, total: int) -> bool:
    """More than half: ``count`` of ``total`` weeks is "most weeks".

    >>> most(7, 12), most(6, 12), most(1, 1)
    (True, False, True)
    """
    return count * 2 > total


def weeks_holding(program: Program, ids: frozenset[str]) -> list[int]:
    """Numbers of the weeks in which any of ``ids`` is done at least once."""
    return [
        week.number
        for week in program.weeks
        if any(e.exercise_id in ids for s in week.sessions for e in s.exercises)
    ]


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def program_texts(program: Program) -> list[str]:
    """Every piece of text the plan itself holds (notes, reasons, names, remarks), the
    client's profile left out, so that words the client wrote do not count as advice."""
    return list(_texts(program.model_dump(mode="json", exclude={"profile"})))
