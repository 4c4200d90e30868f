"""The lifts that matter: the client's own lifts and a strength plan's barbell lifts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Level
from thrustplan.rules.goals import Goal
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.named import NAMED
from thrustplan.rules.review.reading import (
    allowed,
    known,
    most,
    normal_weeks,
    sessions,
    weeks_holding,
)
from thrustplan.rules.sessions import HEAVY_LOWER_PATTERNS, Role, role_of
from thrustplan.rules.slot_prescription import light_days, light_repeats
from thrustplan.rules.strength import MAX_TRUSTED_REPS

if TYPE_CHECKING:
    from thrustplan.rules.program import Program

#: How a plan words a first week spent finding a load (``find your 8-rep max: ...``).
REP_MAX_TEST = re.compile(r"\bfind your \d+-rep max\b|\brep-max test\b", re.IGNORECASE)

#: The strength plan's barbell lifts and how many sessions of a normal week each needs:
#: GZCLP trains the squat and the bench press twice in four days, 5/3/1 the deadlift and
#: the press once; three times a week is Starting Strength's ceiling for the squat.
STRENGTH_LIFTS: dict[str, int] = {
    "squat": 2,
    "bench press": 2,
    "deadlift": 1,
    "overhead press": 1,
}
MOST_SESSIONS_A_WEEK = 3


def review_lifts_that_matter(program: Program, catalogue: Catalogue) -> list[Finding]:
    """Every lift the client names, with a rep max or as a favourite, is in most weeks of
    the plan, and a lift with a known rep max is loaded from it, not tested again.

    Source: GZCLP and 5/3/1 build the week around the lifts with known maxes and load
    them from those maxes; a rep max is the client saying which lifts matter. Lifts the
    kit, a limitation or an exclusion rules out are not expected. A rep max of more reps
    than a maximum can be estimated from (``thrustplan.rules.strength.MAX_TRUSTED_REPS``)
    gives no load to start from, so a heavier test in the first week is what a coach
    would ask for there, not a finding.
    """
    profile = program.profile
    findings: list[Finding] = []
    total = len(program.weeks)
    for lift in dict.fromkeys([*profile.rep_maxes, *profile.favourites]):
        exercise = catalogue.get(lift)
        if exercise is None or not allowed(exercise, program):
            continue
        why = "has a rep max" if lift in profile.rep_maxes else "is a favourite"
        held = len(weeks_holding(program, frozenset({lift})))
        if not most(held, total):
            findings.append(
                Finding(
                    "lifts_that_matter",
                    f"in {held} of {total} weeks; the client's lift ({why}) belongs in most",
                    exercise_id=lift,
                )
            )
    for week, session in sessions(program):
        for entry in session.exercises:
            given = profile.rep_maxes.get(entry.exercise_id)
            trusted = given is not None and given.reps <= MAX_TRUSTED_REPS
            if trusted and REP_MAX_TEST.search(entry.notes):
                findings.append(
                    Finding(
                        "lifts_that_matter",
                        "a rep-max test, though the client gave a rep max to load it from",
                        week.number,
                        session.day,
                        entry.exercise_id,
                    )
                )
    return findings


def review_strength_main_lifts(program: Program, catalogue: Catalogue) -> list[Finding]:
    """A strength plan is built on the barbell squat, bench press, deadlift and overhead
    press that the kit and the client's limitations allow: in every normal week, the
    squat and the bench press twice when there are three days or more, the deadlift and
    the press at least once, none more than three times.

    Sources: GZCLP (four days pairing the four lifts), Wendler's 5/3/1 (a day for each),
    Rippetoe's Starting Strength (the squat every session, three a week).
    """
    if program.profile.goal is not Goal.STRENGTH:
        return []
    findings: list[Finding] = []
    days = program.profile.days_per_week
    for lift, needed in STRENGTH_LIFTS.items():
        ids = NAMED[lift]
        if not any(
            (x := catalogue.get(i)) is not None and allowed(x, program) for i in sorted(ids)
        ):
            continue
        least = needed if days >= 3 else 1
        for week in normal_weeks(program):
            count = sum(1 for s in week.sessions if any(e.exercise_id in ids for e in s.exercises))
            if count < least:
                findings.append(
                    Finding(
                        "strength_main_lifts",
                        f"the {lift} in {count} of {len(week.sessions)} sessions; a strength "
                        f"week needs it in {least}",
                        week.number,
                    )
                )
            elif count > MOST_SESSIONS_A_WEEK:
                findings.append(
                    Finding(
                        "strength_main_lifts",
                        f"the {lift} in {count} of {len(week.sessions)} sessions; "
                        f"{MOST_SESSIONS_A_WEEK} is the most",
                        week.number,
                    )
                )
    return findings


def review_one_heavy_lower_lift(program: Program, catalogue: Catalogue) -> list[Finding]:
    """A trained client's strength session holds one heavy squat or hinge: a second main
    lower-body lift is done on its light day (its second session of the week, lighter and
    fewer sets), and after the day's heavy lift, not before it. Where the week has fewer
    sessions than heavy lower-body lifts, they share one, and that is not a finding.

    Sources: GZCLP (one tier-1 lift a day, a tier-2 lift after it), Wendler's 5/3/1 (one
    main lift a day), the Texas Method (a light squat day between two heavy ones). A
    beginner squats and deadlifts in one session (Starting Strength) and is not held to it.
    """
    profile = program.profile
    if profile.goal is not Goal.STRENGTH or profile.level is Level.BEGINNER:
        return []
    findings: list[Finding] = []

    def repeats(exercise_id: str) -> bool:
        exercise = catalogue.get(exercise_id)
        return exercise is not None and light_repeats(exercise, profile)

    for week in normal_weeks(program):
        ordered = [[e.exercise_id for e, _ in known(s, catalogue)] for s in week.sessions]
        lights = light_days(ordered, repeats)
        lifts: set[str] = set()
        stacked: list[Finding] = []
        for session, light in zip(week.sessions, lights, strict=True):
            # The session's main squats and hinges in order, each heavy or on its light day.
            lower = [
                (entry, exercise, exercise.id in light)
                for entry, exercise in known(session, catalogue)
                if exercise.pattern in HEAVY_LOWER_PATTERNS
                and role_of(exercise, profile.goal, profile.rep_maxes) is Role.MAIN
            ]
            heavy = [exercise for _, exercise, light in lower if not light]
            lifts.update(exercise.id for exercise in heavy)
            if len(heavy) > 1:
                names = " and ".join(exercise.name.lower() for exercise in heavy)
                stacked.append(
                    Finding(
                        "one_heavy_lower_lift",
                        f"{names} both heavy in one session; one heavy lower-body lift a "
                        "session, the other on its light day or a day of its own",
                        week.number,
                        session.day,
                    )
                )
            if heavy and lower[0][2]:
                findings.append(
                    Finding(
                        "one_heavy_lower_lift",
                        f"its light day before the session's heavy {heavy[0].name.lower()}; "
                        "the heavy lift comes first",
                        week.number,
                        session.day,
                        lower[0][0].exercise_id,
                    )
                )
        if len(week.sessions) >= len(lifts):
            findings.extend(stacked)
    return findings
