"""Reps, rest and effort for one exercise, from the goal, the level and the exercise.

Sources (see ``docs/training-rules.md``): ACSM 2009 position stand and NSCA Essentials
2016 for the goal's rep range and rest; "novice, any goal: 8-12RM" (ACSM 2009); the hip
thrust's 8-10 reps with a short pause at the top (source article); RIR = 10 - RPE
(Helms et al. 2016).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from thrustplan.exercise_db.models import Exercise, Level
from thrustplan.rules.bodyweight import bodyweight_note, bodyweight_reps
from thrustplan.rules.goals import Goal
from thrustplan.rules.populations import limitation_notes, limitation_rep_ceiling, minimum_rir


@dataclass(frozen=True)
class Prescription:
    """What one exercise is prescribed, week in, week out, before progression."""

    reps_min: int
    reps_max: int
    rest_seconds: int
    rir: int
    #: Reps are seconds of holding (planks, wall sits).
    timed: bool = False
    note: str = ""


#: Note printed for every hip-thrust-family exercise (source article).
PAUSE_AT_TOP = "pause 1 s at the top"
#: A beginner's strength lifts: five reps a set, as Starting Strength writes them.
BEGINNER_STRENGTH_REPS = (5, 5)
#: Hold length, in seconds, for timed exercises; holds progress by time, not load.
HOLD_RANGE = (20, 45)
#: Fewest reps in reserve for loaded isolation work in its first week: the load is new,
#: and a set of 15 taken to one short of failure in week 1 is a test, not a start.
FIRST_WEEK_ISOLATION_RIR = 2


def is_main_lift(exercise: Exercise) -> bool:
    """A compound with an external load: the lifts whose load drives the programme."""
    return exercise.is_compound and exercise.load_kind.external


def prescribe(exercise: Exercise, goal: Goal, level: Level) -> Prescription:
    """Return the rep range, rest and RIR for ``exercise`` in a plan for ``goal``.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> thrust = builtin_catalogue()["barbell_hip_thrust"]
    >>> p = prescribe(thrust, Goal.GLUTES, Level.INTERMEDIATE)
    >>> p.reps_min, p.reps_max, p.rest_seconds, p.note
    (8, 10, 120, 'pause 1 s at the top')
    >>> prescribe(thrust, Goal.STRENGTH, Level.ADVANCED).reps_max
    8
    >>> p = prescribe(builtin_catalogue()["back_squat"], Goal.STRENGTH, Level.BEGINNER)
    >>> p.reps_min, p.reps_max, p.rest_seconds
    (5, 5, 180)
    >>> p = prescribe(builtin_catalogue()["nordic_curl"], Goal.GLUTES, Level.INTERMEDIATE)
    >>> p.reps_min, p.reps_max, p.rest_seconds
    (3, 6, 120)
    """
    note = PAUSE_AT_TOP if exercise.is_hip_thrust_family else exercise.notes
    if exercise.timed:
        return Prescription(*HOLD_RANGE, rest_seconds=45, rir=2, timed=True, note=note)
    rir = 3 if level is Level.BEGINNER else 2
    if exercise.reps is not None:
        # The catalogue's own range: a Nordic curl is done a few slow reps at a time
        # whatever the goal (Mjolsnes et al. 2004: sets of 5-12 only after weeks of 5s).
        rest = exercise.rest_seconds or 90
        return Prescription(*exercise.reps, rest_seconds=rest, rir=rir, note=note)
    if not exercise.load_kind.external:
        # Bodyweight and band work progresses by reps, so it lives higher in the range.
        low, high = (12, 20) if exercise.is_hip_thrust_family else (10, 20)
        return Prescription(low, high, 60 if exercise.is_compound else 45, rir, note=note)
    if not exercise.is_compound:
        low, high = (12, 20) if goal is Goal.GLUTES else (10, 15)
        return Prescription(low, high, 60, max(rir - 1, 1), note=note)
    if exercise.is_hip_thrust_family:
        # 8-10 reps is the hip thrust's rule of thumb; strength work goes a little heavier.
        if goal is Goal.STRENGTH and level is not Level.BEGINNER:
            return Prescription(6, 8, 150, rir, note=note)
        return Prescription(8, 10, 120, rir, note=note)
    if goal is Goal.STRENGTH and level is Level.BEGINNER:
        # Starting Strength and StrongLifts: the barbell lifts at 3 x 5, the load rising
        # every session, with the rest a heavy five needs; GZCLP's T1 sits at 3-5 reps.
        return Prescription(*BEGINNER_STRENGTH_REPS, 180, rir, note=note)
    if level is Level.BEGINNER:
        return Prescription(8, 12, 90, rir, note=note)
    if goal is Goal.STRENGTH:
        return Prescription(3, 6, 180, rir, note=note)
    if goal is Goal.HYPERTROPHY:
        return Prescription(6, 10, 120, rir, note=note)
    return Prescription(8, 12, 90, rir, note=note)


def prescribe_for(
    exercise: Exercise, goal: Goal, level: Level, limitations: Collection[str] = ()
) -> Prescription:
    """:func:`prescribe`, then made real for this client.

    Unloaded upper-body work keeps to reps people can do (:mod:`thrustplan.rules.bodyweight`); a
    limitation caps reps, raises the reps in reserve and adds its notes
    (:mod:`thrustplan.rules.populations`).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> p = prescribe_for(c["chin_up"], Goal.GENERAL, Level.INTERMEDIATE)
    >>> p.reps_min, p.reps_max, p.rir
    (5, 10, 2)
    >>> p = prescribe_for(c["barbell_hip_thrust"], Goal.GLUTES, Level.ADVANCED, ["pregnancy"])
    >>> p.reps_min, p.reps_max, p.rir
    (8, 10, 3)
    >>> prescribe_for(c["walking_lunge"], Goal.GLUTES, Level.BEGINNER, ["knees"]).reps_max
    12
    """
    p = prescribe(exercise, goal, level)
    low, high = p.reps_min, p.reps_max
    notes = [p.note]
    if not p.timed:
        low, high = bodyweight_reps(exercise, level, low, high)
        notes.append(bodyweight_note(exercise, level))
        ceiling = limitation_rep_ceiling(exercise, limitations)
        if ceiling is not None and high > ceiling:
            high = ceiling
            low = min(low, high)
    notes.extend(limitation_notes(exercise, limitations))
    return replace(
        p,
        reps_min=low,
        reps_max=high,
        rir=max(p.rir, minimum_rir(limitations)),
        note="; ".join(n for n in notes if n),
    )
