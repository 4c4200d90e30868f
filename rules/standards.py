"""Starting loads without a tested maximum: body weight times a ratio per lift and level.

A client who gives no rep-max still gets a load for every loaded lift in week 1, never a
test (``docs/progression.md``, "Starting loads without a max"). The ratios are one-rep
maxima as a multiple of body weight, read from Strength Level's crowd-sourced standards
for women (the lower of its two tables, so that the guess errs light for everyone) and
rounded down. The rung used is one below the client's level, the lowest for a beginner:
a week that is too light costs a week, one that is too heavy costs trust. Progression
corrects either within a fortnight, and the first week says how.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.models import Exercise, Level, LoadKind
from thrustplan.rules.prescription import HOLD_RANGE
from thrustplan.rules.strength import IMPLEMENT_RATIO, barbell_share, percent_of_max

Rung = Literal["beginner", "novice", "intermediate"]


@dataclass(frozen=True)
class Standard:
    """One-rep maxima per kilo of body weight for a pattern's reference lift, by rung."""

    reference: str
    kind: LoadKind
    beginner: float
    novice: float
    intermediate: float

    def ratio(self, rung: Rung) -> float:
        return {"beginner": self.beginner, "novice": self.novice}.get(rung, self.intermediate)


#: Body-weight ratios by movement pattern, for the pattern's reference lift (Strength
#: Level, women's standards, rounded down; machines and cables where Strength Level
#: publishes those lifts).
STANDARDS: Mapping[str, Standard] = {
    "hip_thrust": Standard("barbell hip thrust", LoadKind.BARBELL, 0.5, 0.93, 1.55),
    "squat": Standard("back squat", LoadKind.BARBELL, 0.45, 0.75, 1.0),
    "hinge": Standard("Romanian deadlift", LoadKind.BARBELL, 0.5, 0.75, 1.0),
    "lunge": Standard("barbell lunge", LoadKind.BARBELL, 0.3, 0.5, 0.7),
    "horizontal_push": Standard("bench press", LoadKind.BARBELL, 0.3, 0.5, 0.7),
    "vertical_push": Standard("overhead press", LoadKind.BARBELL, 0.2, 0.35, 0.5),
    "horizontal_pull": Standard("barbell row", LoadKind.BARBELL, 0.3, 0.45, 0.65),
    "vertical_pull": Standard("lat pulldown", LoadKind.CABLE, 0.35, 0.55, 0.75),
    "knee_flexion": Standard("lying leg curl", LoadKind.MACHINE, 0.2, 0.3, 0.45),
    "knee_extension": Standard("leg extension", LoadKind.MACHINE, 0.3, 0.5, 0.75),
    "hip_abduction": Standard("hip abduction machine", LoadKind.MACHINE, 0.4, 0.6, 0.8),
    "hip_adduction": Standard("hip adduction machine", LoadKind.MACHINE, 0.4, 0.6, 0.8),
    "glute_kickback": Standard("cable kickback", LoadKind.CABLE, 0.1, 0.15, 0.25),
    "calves": Standard("seated calf raise", LoadKind.MACHINE, 0.4, 0.7, 1.0),
    "core": Standard("cable crunch", LoadKind.CABLE, 0.2, 0.3, 0.45),
}
#: For patterns without a standard: about what a beginner moves in an isolation lift.
FALLBACK = Standard("a light isolation lift", LoadKind.MACHINE, 0.15, 0.25, 0.35)
#: Isolation work in a compound pattern (a fly in the pressing pattern) takes about half
#: the compound's load (practitioner, conservative).
ISOLATION_SHARE = 0.5
#: The standards' own reference body weight, used when a profile gives none: it errs light
#: for most adults (kg; in lb, the same weight converted).
DEFAULT_BODYWEIGHT_KG = 60.0

#: A loaded carry's load in each hand as a share of body weight, by rung (practitioner:
#: Dan John's farmer's walk standard is body weight in the two hands for a trained man;
#: set low, as the other standards are, and the first week finds the real load).
CARRY_PER_HAND: Mapping[Rung, float] = {"beginner": 0.2, "novice": 0.3, "intermediate": 0.4}
#: Reps in reserve of the hold a carry's standard load is read for.
CARRY_RIR = 2

#: One rung below the client's level, to err light.
CONSERVATIVE_RUNG: Mapping[Level, Rung] = {
    Level.BEGINNER: "beginner",
    Level.INTERMEDIATE: "novice",
    Level.ADVANCED: "intermediate",
}


def standard_max(exercise: Exercise, bodyweight: float, level: Level) -> float:
    """A conservative 1RM for ``exercise`` (as its load is printed: the bar, one dumbbell)
    from ``bodyweight`` (any unit; the answer is in the same one) and ``level``.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> standard_max(c["barbell_hip_thrust"], 60, Level.BEGINNER)
    30.0
    >>> round(standard_max(c["barbell_hip_thrust"], 60, Level.INTERMEDIATE), 1)
    55.8
    >>> round(standard_max(c["dumbbell_bench_press"], 60, Level.BEGINNER), 1)  # one dumbbell
    7.2
    >>> round(standard_max(c["lat_pulldown"], 70, Level.BEGINNER), 1)
    24.5

    A loaded carry has no one-rep max: its standard is a load per hand
    (:data:`CARRY_PER_HAND`) for the shortest hold, returned as the max the effort chart
    reads that load from, so that progression treats it as any other lift.

    >>> from thrustplan.rules.strength import load_for
    >>> round(load_for(standard_max(c["farmer_carry"], 90, Level.ADVANCED), 20, 2), 1)
    36.0
    """
    if exercise.timed and exercise.load_kind.external:
        per_hand = bodyweight * CARRY_PER_HAND[CONSERVATIVE_RUNG[level]]
        return per_hand / percent_of_max(HOLD_RANGE[0], CARRY_RIR)
    standard = STANDARDS.get(exercise.pattern, FALLBACK)
    reference_share = IMPLEMENT_RATIO.get(standard.kind, 1.0)
    share = barbell_share(exercise) / reference_share
    if not exercise.is_compound and exercise.pattern in COMPOUND_PATTERNS:
        share *= ISOLATION_SHARE
    return bodyweight * standard.ratio(CONSERVATIVE_RUNG[level]) * share


#: Patterns whose reference lift is a compound one.
COMPOUND_PATTERNS = frozenset(
    {"hip_thrust", "squat", "hinge", "lunge", "horizontal_push", "vertical_push",
     "horizontal_pull", "vertical_pull"}
)  # fmt: skip


def hip_thrust_max_estimate(bodyweight: float, level: Level) -> float:
    """A conservative barbell hip-thrust 1RM from body weight and level (same units in
    and out): the hip-thrust standard one rung below the level.

    >>> hip_thrust_max_estimate(60, Level.BEGINNER)
    30.0
    >>> round(hip_thrust_max_estimate(80, Level.INTERMEDIATE), 1)
    74.4
    """
    return bodyweight * STANDARDS["hip_thrust"].ratio(CONSERVATIVE_RUNG[level])


#: Patterns by half of the body: a known lift says something about another lift of the
#: same half (a squat about a hip thrust, a bench press about a row), little about the
#: other half's.
BODY_HALVES: tuple[frozenset[str], ...] = (
    frozenset({"hip_thrust", "squat", "hinge", "lunge", "knee_flexion", "knee_extension",
               "hip_abduction", "hip_adduction", "glute_kickback", "calves"}),
    frozenset({"horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull"}),
)  # fmt: skip
#: Upper-body patterns that share a plane: a bench press says more about a row than an
#: overhead press does, and an overhead press more about a pulldown (practitioner).
SAME_PLANE: Mapping[str, str] = {
    "horizontal_push": "horizontal_pull",
    "horizontal_pull": "horizontal_push",
    "vertical_push": "vertical_pull",
    "vertical_pull": "vertical_push",
}
#: A lift estimated from another lift's max takes this share of what the standards' ratio
#: between the two gives: the ratio is an average, and a first week that is too light
#: costs a week (practitioner, conservative).
CROSS_LIFT_SHARE = 0.8


def cross_lift_ratio(source: Exercise, target: Exercise, level: Level) -> float | None:
    """``target``'s one-rep max as a multiple of ``source``'s, for lifts of different
    patterns in the same half of the body: the ratio of their standards at the client's
    rung (:func:`standard_max`, so implements, one-sided work and isolation count as they
    do there), times :data:`CROSS_LIFT_SHARE`. A client who squats twice the standard
    will hip thrust about twice the standard too.

    ``None`` when the source is not a loaded compound (an isolation max says little about
    a squat), the target is unloaded, the two share a pattern (that is a sibling's
    :func:`~thrustplan.rules.strength.transfer_ratio`), sit in different halves of the
    body, or the target's pattern has no standard of its own (a lateral raise, a curl):
    there is no sensible estimate to make.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> round(cross_lift_ratio(c["back_squat"], c["barbell_hip_thrust"], Level.ADVANCED), 2)
    1.24
    >>> round(cross_lift_ratio(c["bench_press"], c["seated_cable_row"], Level.ADVANCED), 2)
    0.45
    >>> cross_lift_ratio(c["bench_press"], c["back_squat"], Level.ADVANCED) is None
    True
    >>> cross_lift_ratio(c["bench_press"], c["cable_lateral_raise"], Level.ADVANCED) is None
    True
    """
    if not (source.is_compound and source.load_kind.external and target.load_kind.external):
        return None
    if source.pattern == target.pattern or target.pattern not in STANDARDS:
        return None
    if not any(source.pattern in half and target.pattern in half for half in BODY_HALVES):
        return None
    ratio = standard_max(target, 1.0, level) / standard_max(source, 1.0, level)
    return round(ratio * CROSS_LIFT_SHARE, 4)
