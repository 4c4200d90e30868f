"""Strength arithmetic: one-rep-max estimates, %1RM by reps and effort, and starting loads.

Every figure comes from ``docs/training-rules.md`` ("Load and effort"):

- 1RM from a set of ``w`` x ``r``: Epley ``w (1 + r/30)`` and Brzycki ``w 36 / (37 - r)``,
  both trustworthy only up to about 10 reps (Reynolds, Gordon & Robergs 2006, JSCR 20:584).
- %1RM by reps to failure: the RTS table at RPE 10 for 1-10 reps, where each point of
  RPE below 10 (one rep in reserve) shifts the row by one rep; RIR = 10 - RPE
  (Helms et al. 2016, Strength Cond J 38(4):42). Past 10 reps the NSCA chart (12: 70 %,
  15: 65 %) is followed by Epley's curve, which it matches there.
- Hip-thrust 1RM standards for a 60 kg woman (crowd-sourced, Strength Level): used only
  for a conservative first guess when the client gives no tested set.

Transfer ratios between sibling variations are practitioner figures, chosen low on
purpose: a first week that is too light costs one week, one that is too heavy costs a
bad first impression; progression corrects either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.models import Exercise, Level, LoadKind

#: Reps above which a rep-max set no longer gives a trustworthy 1RM (Reynolds et al. 2006).
MAX_TRUSTED_REPS = 10

#: %1RM lifted for 1-10 reps at RPE 10 (RTS table, quoted by Helms et al. 2016).
RTS_RPE10: tuple[float, ...] = (100, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9)

#: %1RM by reps, NSCA chart (NSCA Essentials 2016).
NSCA_PERCENT_BY_REPS: Mapping[int, float] = {
    1: 100, 2: 95, 3: 93, 4: 90, 5: 87, 6: 85, 7: 83, 8: 80, 9: 77, 10: 75, 12: 70, 15: 65,
}  # fmt: skip

#: The most reps-to-failure the %1RM curve is followed to; beyond it sets are endurance work.
MAX_CURVE_REPS = 30

Formula = Literal["epley", "brzycki"]


def epley(weight: float, reps: int) -> float:
    """Estimated 1RM from ``weight`` lifted ``reps`` times (Epley).

    >>> epley(100, 10)
    133.33333333333331
    >>> epley(100, 1)
    100
    """
    if reps == 1:
        return weight
    return weight * (1 + reps / 30)


def brzycki(weight: float, reps: int) -> float:
    """Estimated 1RM from ``weight`` lifted ``reps`` times (Brzycki).

    >>> round(brzycki(100, 10), 1)
    133.3
    >>> brzycki(100, 1)
    100.0
    """
    if not 1 <= reps < 37:
        raise ValueError(f"Brzycki needs 1 to 36 reps, not {reps}")
    return weight * 36 / (37 - reps)


@dataclass(frozen=True)
class MaxEstimate:
    """A 1RM estimate and whether the set it came from is short enough to trust."""

    one_rep_max: float
    trusted: bool
    formula: Formula


def estimate_max(weight: float, reps: int, formula: Formula = "epley") -> MaxEstimate:
    """Estimate a 1RM from a set, flagging sets of more than 10 reps as untrustworthy.

    >>> round(estimate_max(80, 5).one_rep_max, 1)
    93.3
    >>> estimate_max(40, 15).trusted
    False
    """
    value = epley(weight, reps) if formula == "epley" else brzycki(weight, reps)
    return MaxEstimate(value, reps <= MAX_TRUSTED_REPS, formula)


def percent_of_max(reps: int, rir: int = 0) -> float:
    """Fraction of 1RM that allows ``reps`` reps with ``rir`` reps in reserve.

    Up to 10 reps to failure (``reps + rir``) this is the RTS table; beyond, Epley's
    curve joined to the table's last row.

    >>> percent_of_max(1)
    1.0
    >>> percent_of_max(8, 2)  # ten reps to failure
    0.739
    >>> percent_of_max(12)  # NSCA chart: 70 %
    0.7038
    >>> percent_of_max(10, 1) < percent_of_max(10) < percent_of_max(9)
    True
    """
    if reps < 1 or rir < 0:
        raise ValueError(f"need at least 1 rep and 0 or more in reserve, not {reps} and {rir}")
    to_failure = min(reps + rir, MAX_CURVE_REPS)
    if to_failure <= len(RTS_RPE10):
        return round(RTS_RPE10[to_failure - 1] / 100, 4)
    last = len(RTS_RPE10)
    return round(RTS_RPE10[-1] / 100 * (1 + last / 30) / (1 + to_failure / 30), 4)


def load_for(one_rep_max: float, reps: int, rir: int) -> float:
    """The load that allows ``reps`` reps at ``rir`` in reserve, before any rounding.

    >>> round(load_for(100, 8, 2), 1)
    73.9
    """
    return one_rep_max * percent_of_max(reps, rir)


def max_from_set(weight: float, reps: int, rir: int = 0) -> float:
    """The 1RM implied by ``weight`` x ``reps`` with ``rir`` in reserve (the inverse of
    :func:`load_for`).

    >>> round(max_from_set(73.9, 8, 2), 6)
    100.0
    """
    return weight / percent_of_max(reps, rir)


def rir_from_rpe(rpe: float) -> float:
    """Reps in reserve for a rating of perceived exertion (Helms et al. 2016).

    >>> rir_from_rpe(8)
    2
    """
    return 10 - rpe


def rpe_from_rir(rir: float) -> float:
    """RPE for reps in reserve (Helms et al. 2016).

    >>> rpe_from_rir(3)
    7
    """
    return 10 - rir


#: Hip-thrust 1RM standards for a 60 kg woman, in kg (Strength Level, crowd-sourced).
HIP_THRUST_STANDARD_60KG: Mapping[str, float] = {
    "beginner": 30,
    "novice": 56,
    "intermediate": 93,
    "advanced": 139,
    "elite": 191,
}
_STANDARD_BODYWEIGHT = 60.0

#: The standard used for a first guess: one rung below the client's level, to err light.
_CONSERVATIVE_RUNG: Mapping[Level, str] = {
    Level.BEGINNER: "beginner",
    Level.INTERMEDIATE: "novice",
    Level.ADVANCED: "intermediate",
}


def hip_thrust_max_estimate(bodyweight: float, level: Level) -> float:
    """A conservative barbell hip-thrust 1RM from body weight and level (same units in
    and out).

    The standard is scaled in proportion to body weight, and taken one rung below the
    client's level (a beginner gets the "beginner" rung, the lowest there is).

    >>> hip_thrust_max_estimate(60, Level.BEGINNER)
    30.0
    >>> hip_thrust_max_estimate(80, Level.INTERMEDIATE)
    74.66666666666667
    """
    ratio = HIP_THRUST_STANDARD_60KG[_CONSERVATIVE_RUNG[level]] / _STANDARD_BODYWEIGHT
    return bodyweight * ratio


#: Share of a barbell lift's load carried the same way with other implements (practitioner,
#: conservative): free weights held awkwardly on the hips or in the hands rarely match the
#: bar; a machine's stack is not comparable, so a machine keeps the same number as a guess.
IMPLEMENT_RATIO: Mapping[LoadKind, float] = {
    LoadKind.BARBELL: 1.0,
    LoadKind.DUMBBELL: 0.8,
    LoadKind.KETTLEBELL: 0.8,
    LoadKind.MACHINE: 1.0,
    LoadKind.CABLE: 0.6,
}
#: A single-leg or single-arm set takes less than half the two-sided load (practitioner,
#: conservative: the bilateral deficit would allow a little more).
UNILATERAL_RATIO = 0.4
#: A floor bridge moves through a shorter range than a hip thrust from a bench; clients
#: usually bridge at least as much, so the thrust's number is kept (practitioner).
BRIDGE_RATIO = 1.0


def implements_held(exercise: Exercise) -> int:
    """How many dumbbells or kettlebells one set uses, so a total can be shared out.

    One for hip-thrust-family moves (it rests on the hips), goblet holds and one-sided
    work; two otherwise.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> implements_held(c["dumbbell_hip_thrust"]), implements_held(c["dumbbell_romanian_deadlift"])
    (1, 2)
    """
    if exercise.load_kind not in (LoadKind.DUMBBELL, LoadKind.KETTLEBELL):
        return 1
    if exercise.is_hip_thrust_family or exercise.is_unilateral or "goblet" in exercise.id:
        return 1
    return 2


def transfer_ratio(source: Exercise, target: Exercise) -> float | None:
    """What ``target``'s load is, as a multiple of ``source``'s, for sibling variations.

    Loads are as printed: the total for a bar or a stack, one implement for dumbbells and
    kettlebells. ``None`` when the two are not siblings (different patterns) or either is
    unloaded.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> transfer_ratio(c["barbell_hip_thrust"], c["dumbbell_hip_thrust"])
    0.8
    >>> transfer_ratio(c["barbell_hip_thrust"], c["barbell_glute_bridge"])
    1.0
    >>> transfer_ratio(c["barbell_hip_thrust"], c["back_squat"]) is None
    True
    """
    if source.pattern != target.pattern:
        return None
    if not (source.load_kind.external and target.load_kind.external):
        return None

    def as_barbell(exercise: Exercise) -> float:
        ratio = IMPLEMENT_RATIO[exercise.load_kind] / implements_held(exercise)
        if exercise.is_unilateral:
            ratio *= UNILATERAL_RATIO
        if "bridge" in exercise.id and exercise.is_hip_thrust_family:
            ratio *= BRIDGE_RATIO
        return ratio

    return round(as_barbell(target) / as_barbell(source), 4)
