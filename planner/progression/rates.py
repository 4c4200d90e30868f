"""Rates by level: how fast a lift's estimated maximum rises across the plan.

Sources (``docs/progression.md``, "Rates by level"):

- Beginners add load every session of a barbell or machine compound while every rep is
  met (Rippetoe's Starting Strength, StrongLifts, GZCLP): about 2.5 kg on lower-body
  compounds, about half that upper body; the kit rounds down, so a coarse kit steps up
  every other session. Dumbbell, kettlebell and cable work and isolation lifts grow by a
  share a week instead, 2.5 times an intermediate's: a fixed step every session is a few
  per cent of a 60 kg squat but a fifth of a 6 kg dumbbell, and would take a beginner's
  cable abduction from 5 to 45 kg in twelve weeks.
- Intermediates progress weekly within blocks; advanced lifters by block (Kraemer and
  Ratamess 2004; ACSM 2009 position stand). ACSM adds 2-10 % when the client beats the
  target; the weekly rates here sit at the low end of that band, since they compound.

Each rate moves the *estimated maximum*; the week's load is then read off the effort
chart (:func:`thrustplan.rules.strength.load_for`) for that week's reps and reserve, so
load and effort always agree. Double progression holds a load through each climb of its
rep ladder and reads the week's reserve off the chart for that load instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thrustplan.exercise_db.models import Exercise, Level, LoadKind
from thrustplan.planner.progression.loads import KG_PER_LB
from thrustplan.rules.profile import Units
from thrustplan.rules.strength import implements_held, percent_of_max

#: Beginners: working load added a week, kg, by (lower body, compound).
BEGINNER_STEP_KG: Mapping[tuple[bool, bool], float] = {
    (True, True): 2.5,
    (False, True): 1.25,
    (True, False): 1.25,
    (False, False): 0.5,
}
#: Intermediates: growth of the estimated max per normal week, by lower body.
INTERMEDIATE_WEEKLY: Mapping[bool, float] = {True: 0.015, False: 0.01}
#: Beginners' lifts without a bar or a machine's stack of plates, and their isolation
#: lifts: growth per week, by lower body (2.5 times an intermediate's: about 1.6 and 1.3
#: times the max in twelve weeks).
BEGINNER_WEEKLY: Mapping[bool, float] = {True: 0.04, False: 0.025}
#: The loads a beginner's compound climbs every session: heavy enough that a fixed step
#: is a few per cent of the load.
SESSION_STEP_LOADS = frozenset({LoadKind.BARBELL, LoadKind.MACHINE})
#: Advanced lifters: growth of the estimated max per block, by lower body.
ADVANCED_PER_BLOCK: Mapping[bool, float] = {True: 0.025, False: 0.015}
#: Normal weeks per rung of double progression's rep ladder: beginners climb every week;
#: others every other week, so that the max's growth pays for much of a rung's extra reps
#: (about 3-4 % of the max on the effort chart) and the load held through a climb stays
#: close to the prescribed reserve.
DOUBLE_PACE: Mapping[Level, int] = {Level.BEGINNER: 1, Level.INTERMEDIATE: 2, Level.ADVANCED: 2}
#: Patterns that count as lower body.
LOWER_BODY_PATTERNS = frozenset(
    {
        "hip_thrust", "hinge", "squat", "lunge", "knee_flexion", "knee_extension",
        "hip_abduction", "hip_adduction", "glute_kickback", "calves",
    }
)  # fmt: skip


def is_lower_body(exercise: Exercise) -> bool:
    return exercise.pattern in LOWER_BODY_PATTERNS


def beginner_step(exercise: Exercise, units: Units) -> float:
    """A beginner's load step for ``exercise`` each session it is done, per implement, in
    ``units`` (Starting Strength, StrongLifts and Strong Curves add load every session).
    :func:`rate_for` uses it for barbell and machine compounds only.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> beginner_step(c["barbell_hip_thrust"], Units.KG), beginner_step(c["bench_press"], Units.KG)
    (2.5, 1.25)
    >>> beginner_step(c["dumbbell_romanian_deadlift"], Units.KG)  # two dumbbells share it
    1.25
    >>> round(beginner_step(c["barbell_hip_thrust"], Units.LB), 2)
    5.51
    """
    kg = BEGINNER_STEP_KG[(is_lower_body(exercise), exercise.is_compound)]
    kg /= implements_held(exercise)
    return kg if units is Units.KG else kg / KG_PER_LB


@dataclass(frozen=True)
class Rate:
    """How one lift's estimated max rises: by ``per_session`` (kg or lb) every session of
    a beginner's barbell or machine compound, by ``weekly`` (a share) every normal week
    for a beginner's other lifts and for intermediates, by ``per_block`` (a share) at
    each new block for advanced lifters."""

    per_session: float = 0.0
    weekly: float = 0.0
    per_block: float = 0.0

    def max_at(self, start: float, weeks: int, blocks: int, sessions: int = 0) -> float:
        """The estimated max ``weeks`` normal weeks, ``blocks`` new blocks and ``sessions``
        sessions of the lift on.

        >>> Rate(per_session=3.5).max_at(30, 4, 1, sessions=8)
        58.0
        >>> round(Rate(weekly=0.015).max_at(160, 10, 2), 1)
        185.7
        >>> round(Rate(per_block=0.025).max_at(200, 7, 2), 1)
        210.1
        """
        return (
            (start + self.per_session * sessions)
            * (1 + self.weekly) ** weeks
            * (1 + self.per_block) ** blocks
        )


def rate_for(exercise: Exercise, level: Level, units: Units, reps: int, rir: int) -> Rate:
    """The rate of ``exercise`` for a client at ``level`` whose sets sit around ``reps``
    at ``rir`` in reserve (a beginner's load step is turned into a step of the max at
    that effort).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> thrust = builtin_catalogue()["barbell_hip_thrust"]
    >>> round(rate_for(thrust, Level.BEGINNER, Units.KG, 9, 3).per_session, 2)
    3.68
    >>> rate_for(builtin_catalogue()["cable_hip_abduction"], Level.BEGINNER, Units.KG, 12, 3)
    Rate(per_session=0.0, weekly=0.04, per_block=0.0)
    >>> rate_for(thrust, Level.INTERMEDIATE, Units.KG, 9, 2).weekly
    0.015
    >>> rate_for(thrust, Level.ADVANCED, Units.KG, 6, 2).per_block
    0.025
    """
    lower = is_lower_body(exercise)
    if level is Level.BEGINNER:
        if exercise.is_compound and exercise.load_kind in SESSION_STEP_LOADS:
            return Rate(per_session=beginner_step(exercise, units) / percent_of_max(reps, rir))
        return Rate(weekly=BEGINNER_WEEKLY[lower])
    if level is Level.INTERMEDIATE:
        return Rate(weekly=INTERMEDIATE_WEEKLY[lower])
    return Rate(per_block=ADVANCED_PER_BLOCK[lower])
