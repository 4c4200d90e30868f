"""Balance: pulling keeps up with pushing, and a session does not repeat a movement."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.reading import known, normal_weeks, pattern_group, sessions
from thrustplan.rules.sessions import pull_push_problem

if TYPE_CHECKING:
    from thrustplan.rules.program import Program, Week


def push_pull_sets(week: Week, catalogue: Catalogue) -> tuple[int, int]:
    """Sets of pushing and of pulling in ``week``.

    A set counts whole for the movement its exercise is filed under (pattern groups push
    and pull in the vocabulary) and nowhere else: a pullover is a pull and never chest
    work, a dip is a push. No half credit from synergists (Schoenfeld, Ogborn and Krieger
    2017 counted direct sets).
    """
    push = pull = 0
    for session in week.sessions:
        for entry, exercise in known(session, catalogue):
            group = pattern_group(exercise.pattern)
            if group == "push":
                push += entry.sets
            elif group == "pull":
                pull += entry.sets
    return push, pull


def review_push_pull_balance(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Pull at least as many sets as you push each week in glute and general plans; in
    hypertrophy and strength plans keep the two within 25 % of each other.

    The definition is the rule book's own (``thrustplan.rules.sessions.pull_push_problem``),
    so that the planner, the checker and this review cannot disagree on it. Sources:
    Strong Curves (a pull for every push), Kolber et al. 2009 (shoulder imbalance from
    pressing-heavy training); sets counted where the movement is the exercise's own
    (Schoenfeld, Ogborn and Krieger 2017).
    """
    goal = program.profile.goal
    findings: list[Finding] = []
    for week in normal_weeks(program):
        push, pull = push_pull_sets(week, catalogue)
        if (problem := pull_push_problem(goal, push, pull)) is not None:
            findings.append(Finding("push_pull_balance", f"a {goal} plan: {problem}", week.number))
    return findings


def same_movement(a: Exercise, b: Exercise) -> bool:
    """Two variants of one movement: same pattern, same mechanic, same prime movers.

    A barbell and a dumbbell reverse lunge are one movement; a bench press and a fly
    (compound and isolation) or a deadlift and a Romanian deadlift (different prime
    movers) are not. Core work is one vocabulary pattern for many movements (bracing,
    anti-rotation, flexion), so two core exercises are never called variants.
    """
    return (
        a.id != b.id
        and a.pattern == b.pattern
        and pattern_group(a.pattern) != "core"
        and a.mechanic is b.mechanic
        and set(a.primary_muscles) == set(b.primary_muscles)
    )


def review_one_variant_per_movement(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Never two variants of one movement in one session: pick the better one and give
    it the sets.

    Source: every published template (Strong Curves' eight slots, GZCLP's tiers) fills a
    slot once; a second variant only repeats the first one's work.
    """
    findings: list[Finding] = []
    for week, session in sessions(program):
        for (_, a), (entry, b) in itertools.combinations(known(session, catalogue), 2):
            if same_movement(a, b):
                findings.append(
                    Finding(
                        "one_variant_per_movement",
                        f"a second {a.pattern} variant after {a.id}",
                        week.number,
                        session.day,
                        entry.exercise_id,
                    )
                )
    return findings
