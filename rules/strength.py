"""Strength arithmetic: one-rep-max estimates, load from effort, and transfer ratios.

Every figure comes from ``docs/training-rules.md`` ("Load and effort") and
``docs/progression.md`` ("Load from effort"):

- 1RM from a set of ``w`` x ``r``: Epley ``w (1 + r/30)`` and Brzycki ``w 36 / (37 - r)``,
  both trustworthy only up to about 10 reps (Reynolds, Gordon & Robergs 2006, JSCR 20:584).
- Load from effort: the reps-in-reserve chart (Zourdos et al. 2016; Helms et al. 2016,
  Strength Cond J 38(4):42; Tuchscherer's RPE chart) reduces to one rule: ``reps`` with
  ``rir`` in reserve take the load of a ``reps + rir`` rep maximum. :data:`RIR_CHART`
  gives that load as a share of 1RM for 1-12 reps to failure; past 12, Epley's curve
  is joined to the chart's last row. RIR = 10 - RPE.

Transfer ratios between sibling variations are practitioner figures, chosen low on
purpose: a first week that is too light costs one week, one that is too heavy costs a
bad first impression; progression corrects either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.models import Exercise, LoadKind

#: Reps above which a rep-max set no longer gives a trustworthy 1RM (Reynolds et al. 2006).
MAX_TRUSTED_REPS = 10

#: %1RM at a true rep maximum of 1, 2, ... 12 reps: the one effort table every load of
#: the plan comes from (Helms et al. 2016; Zourdos et al. 2016; Tuchscherer). ``reps``
#: at ``rir`` in reserve read the column ``reps + rir``.
RIR_CHART: tuple[float, ...] = (
    100, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0,
)  # fmt: skip
#: The chart's first ten columns: the RTS table at RPE 10 as Helms et al. 2016 quote it.
RTS_RPE10: tuple[float, ...] = RIR_CHART[:10]

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

    Up to 12 reps to failure (``reps + rir``) this is :data:`RIR_CHART`; beyond, Epley's
    curve joined to the chart's last column. The chart, column by column:

    >>> [round(percent_of_max(r) * 100, 1) for r in range(1, 13)]  # doctest: +NORMALIZE_WHITESPACE
    [100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0]

    A set of 10 at 2 in reserve takes a 12-rep-max load; 8 at 2, a 10-rep max:

    >>> percent_of_max(10, 2), percent_of_max(8, 2)
    (0.68, 0.739)
    >>> percent_of_max(15)  # Epley past the chart: NSCA's 65 % within a point
    0.6347
    >>> percent_of_max(10, 1) < percent_of_max(10) < percent_of_max(9)
    True
    """
    if reps < 1 or rir < 0:
        raise ValueError(f"need at least 1 rep and 0 or more in reserve, not {reps} and {rir}")
    to_failure = min(reps + rir, MAX_CURVE_REPS)
    if to_failure <= len(RIR_CHART):
        return round(RIR_CHART[to_failure - 1] / 100, 4)
    last = len(RIR_CHART)
    return round(RIR_CHART[-1] / 100 * (1 + last / 30) / (1 + to_failure / 30), 4)


def reps_in_reserve(load: float, one_rep_max: float, reps: int) -> int:
    """The reps in reserve a set of ``reps`` at ``load`` leaves, read off the chart (the
    most whole reps in reserve whose load is not lighter than ``load``); 0 when the set
    is at or past failure.

    >>> reps_in_reserve(120, 162.4, 8), reps_in_reserve(120, 162.4, 10)
    (2, 0)
    >>> reps_in_reserve(20, 100, 10)
    20
    """
    rir = 0
    while rir < MAX_CURVE_REPS - reps and load_for(one_rep_max, reps, rir + 1) >= load - 1e-9:
        rir += 1
    return rir


def load_for(one_rep_max: float, reps: int, rir: int) -> float:
    """The load that allows ``reps`` reps at ``rir`` in reserve, before any rounding.

    >>> round(load_for(100, 8, 2), 1), round(load_for(100, 10, 2), 1)
    (73.9, 68.0)
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
#: A B-stance (staggered) set keeps the back foot down as a kickstand: the front leg does
#: most of the work, the back one steadies and helps, so it moves more than a true
#: one-legged set and less than both legs (practitioner, set low as the others are).
STAGGERED_RATIO = 0.6
#: The lunge pattern's reference lift, a barbell lunge, is already done on one leading
#: leg: a split squat, a Bulgarian split squat or a step-up takes most of its load, not
#: the share a one-legged set takes of a two-legged one (practitioner, set low as the
#: others are: the raised back foot of a Bulgarian split squat takes a little off). With
#: the one-legged share, a client who squats 75 kg x 6 started Bulgarian split squats with
#: 4 kg dumbbells.
SPLIT_STANCE_RATIO = 0.8
#: A floor bridge moves through a shorter range than a hip thrust from a bench; clients
#: usually bridge at least as much, so the thrust's number is kept (practitioner).
BRIDGE_RATIO = 1.0
#: A swing is thrown, not ground out: one bell swung for reps is about half what the same
#: bell could be deadlifted with (practitioner; a 24 kg swing for a 100 kg deadlift).
SWING_RATIO = 0.5


def implements_held(exercise: Exercise) -> int:
    """How many dumbbells or kettlebells one set uses, so a total can be shared out.

    As the catalogue entry says (``Exercise.implements``: a sumo squat's one dumbbell
    between the legs, a Bulgarian split squat's two at the sides); where it is silent, one
    for hip-thrust-family moves (it rests on the hips), goblet holds and one-sided work,
    and two otherwise.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> implements_held(c["dumbbell_hip_thrust"]), implements_held(c["dumbbell_romanian_deadlift"])
    (1, 2)
    >>> implements_held(c["dumbbell_sumo_squat"]), implements_held(c["dumbbell_split_squat"])
    (1, 2)
    """
    if exercise.load_kind not in (LoadKind.DUMBBELL, LoadKind.KETTLEBELL):
        return 1
    if exercise.implements is not None:
        return exercise.implements
    if exercise.is_hip_thrust_family or exercise.is_unilateral or "goblet" in exercise.id:
        return 1
    return 2


def transfer_ratio(source: Exercise, target: Exercise) -> float | None:
    """What ``target``'s load is, as a multiple of ``source``'s, for sibling variations.

    Loads are as printed: the total for a bar or a stack, one implement for dumbbells and
    kettlebells. ``None`` when the two are not siblings (different patterns, or a
    compound and an isolation exercise: a cable fly moves a fraction of what the bench
    press does, through one joint) or either is unloaded.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> transfer_ratio(c["barbell_hip_thrust"], c["dumbbell_hip_thrust"])
    0.8
    >>> transfer_ratio(c["barbell_hip_thrust"], c["barbell_glute_bridge"])
    1.0
    >>> transfer_ratio(c["barbell_hip_thrust"], c["back_squat"]) is None
    True
    >>> transfer_ratio(c["bench_press"], c["cable_chest_fly"]) is None
    True
    """
    if source.pattern != target.pattern or source.is_compound != target.is_compound:
        return None
    if not (source.load_kind.external and target.load_kind.external):
        return None
    return round(barbell_share(target) / barbell_share(source), 4)


def barbell_share(exercise: Exercise) -> float:
    """The printed load of ``exercise`` as a share of the same pattern's barbell load (a
    lunge's, for the lunge pattern): the implement's ratio, split over the implements
    held, and the unilateral ratio for one-sided work.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> barbell_share(c["barbell_hip_thrust"]), barbell_share(c["dumbbell_romanian_deadlift"])
    (1.0, 0.4)
    >>> barbell_share(c["weighted_single_leg_hip_thrust"])
    0.32
    >>> barbell_share(c["b_stance_hip_thrust"])  # the back foot steadies and helps
    0.6
    >>> barbell_share(c["kettlebell_swing"])  # one bell, thrown: half a deadlift's share
    0.4
    >>> barbell_share(c["dumbbell_bulgarian_split_squat"])  # of a barbell lunge, per hand
    0.32
    """
    ratio = IMPLEMENT_RATIO.get(exercise.load_kind, 1.0) / implements_held(exercise)
    if exercise.is_unilateral and exercise.pattern == "lunge":
        ratio *= SPLIT_STANCE_RATIO
    elif exercise.is_unilateral:
        ratio *= STAGGERED_RATIO if "b_stance" in exercise.id else UNILATERAL_RATIO
    if "bridge" in exercise.id and exercise.is_hip_thrust_family:
        ratio *= BRIDGE_RATIO
    if "swing" in exercise.id:
        ratio *= SWING_RATIO
    return round(ratio, 4)
