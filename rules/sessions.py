"""How a coach builds a session: ordered slots per goal and day focus, as data.

A published programme does not fill a session muscle by muscle; it writes a short list
of slots in order and fills each from what the client can do. Three programmes shape
these skeletons (``docs/session-structure.md`` tells their story):

- Strong Curves (Contreras, 2013): every workout opens with a hip thrust or bridge, then
  an upper pull, a squat or lunge, an upper push, a hinge or back extension, abduction and
  core; pulls match pushes.
- GZCLP (Lefever): a heavy main barbell lift (T1), a second lift at moderate load (T2),
  then light accessories (T3).
- 5/3/1 (Wendler): one main lift a day, then assistance for push, pull and single-leg or
  core work.

A slot a coach insists on is ``insisted``: the planner must fill it whenever the client's
kit and limitations leave an exercise that can. Other slots are taste: filled when time
allows. Everything here is plain data and pure functions of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from thrustplan.exercise_db.models import Exercise, ExerciseId, MuscleId, PatternId
from thrustplan.rules.goals import Goal


class Role(StrEnum):
    """What an exercise is in a session, which sets its sets and rep range."""

    #: The day's main lift: heavy, first, most sets (GZCLP's T1).
    MAIN = "main"
    #: A second compound lift at moderate load (GZCLP's T2).
    SECONDARY = "secondary"
    #: Isolation, bodyweight and band work, core (GZCLP's T3, 5/3/1 assistance).
    ACCESSORY = "accessory"


@dataclass(frozen=True)
class Slot:
    """One place in a session: what may fill it, its role, and whether a coach insists."""

    name: str
    role: Role
    patterns: frozenset[PatternId]
    insisted: bool = False
    #: Filled by a loaded compound whenever the kit has one (a wall sit is no main lift).
    loaded: bool = False
    #: Filled by a compound whenever the kit has one, when it has no loaded one (a
    #: pullover is no strength plan's pull: it trains the lats alone, with a light dumbbell).
    compound: bool = False
    #: When given, only exercises whose first prime mover is one of these: a push day's
    #: arm work is the triceps', a pull day's the biceps'.
    muscles: frozenset[MuscleId] = frozenset()
    #: Filled by an isolation exercise whenever the kit has one: a push day's fly after a
    #: press of each plane, since a session holds one variant of a movement
    #: (``variant_key``).
    isolation: bool = False

    def admits(self, exercise: Exercise) -> bool:
        if exercise.pattern not in self.patterns:
            return False
        return not self.muscles or exercise.primary_muscles[0] in self.muscles


def slot_fillers(slot: Slot, options: Iterable[Exercise]) -> list[Exercise]:
    """The ``options`` that may fill an insisted ``slot``: those it admits; for a
    ``loaded`` slot only loaded compounds when there are any, and for a ``compound`` slot
    (failing those) only compounds when there are any.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> [e.id for e in slot_fillers(MAIN_LOWER, [c["wall_sit"], c["leg_press"]])]
    ['leg_press']
    >>> [e.id for e in slot_fillers(MAIN_LOWER, [c["wall_sit"]])]
    ['wall_sit']
    >>> [e.id for e in slot_fillers(STRENGTH_PULL, [c["dumbbell_pullover"], c["chin_up"]])]
    ['chin_up']
    >>> [e.id for e in slot_fillers(STRENGTH_ROW, [c["doorway_row"], c["dumbbell_row"]])]
    ['dumbbell_row']
    """
    admitted = [e for e in options if slot.admits(e)]
    if slot.isolation:
        return [e for e in admitted if not e.is_compound] or admitted
    compounds = [e for e in admitted if e.is_compound] if slot.compound else []
    if slot.loaded:
        loaded = [e for e in admitted if e.is_compound and e.load_kind.external]
        return loaded or compounds or admitted
    return compounds or admitted


def _slot(
    name: str,
    role: Role,
    *patterns: PatternId,
    insisted: bool = False,
    loaded: bool = False,
    compound: bool = False,
    muscles: Iterable[MuscleId] = (),
    isolation: bool = False,
) -> Slot:
    return Slot(
        name, role, frozenset(patterns), insisted, loaded, compound, frozenset(muscles), isolation
    )


M, S, A = Role.MAIN, Role.SECONDARY, Role.ACCESSORY
PUSH: frozenset[PatternId] = frozenset({"horizontal_push", "vertical_push"})
PULL: frozenset[PatternId] = frozenset({"horizontal_pull", "vertical_pull"})
#: The glute muscles: a glute move trains one of them as a prime mover.
GLUTE_MUSCLES: frozenset[str] = frozenset({"gluteus_maximus", "gluteus_medius"})

THRUST = _slot("hip thrust or bridge", M, "hip_thrust", insisted=True)
#: An upper day's opener for a glute client: a lighter bridge or single-leg thrust.
GLUTE_OPENER = _slot("bridge or thrust", M, "hip_thrust")
SQUAT_OR_LUNGE = _slot("squat or lunge", S, "squat", "lunge")
HINGE = _slot("hinge or back extension", S, "hinge")
#: An upper day's glute hinge for a glute client: where the back-extension bench and the
#: kettlebell swing find a place when the lower days' hinge holds the Romanian deadlift.
LIGHT_HINGE = _slot("back extension or swing", A, "hinge")
SINGLE_LEG = _slot("single-leg work", S, "lunge")
LEG_CURL = _slot("leg curl", A, "knee_flexion")
ABDUCTION = _slot("hip abduction", A, "hip_abduction")
KICKBACK = _slot("glute kickback", A, "glute_kickback")
CORE = _slot("core", A, "core")
UPPER_PULL = _slot("upper pull", S, *PULL, insisted=True)
UPPER_PUSH = _slot("upper push", S, *PUSH)
ROW = _slot("row", S, "horizontal_pull", insisted=True)
#: A strength plan's pulls: a loaded row or pulldown, as GZCLP and 5/3/1 write them, or
#: without the kit for one a chin-up or an inverted row, never a pullover.
STRENGTH_PULL = _slot("upper pull", S, *PULL, insisted=True, loaded=True, compound=True)
STRENGTH_ROW = _slot("row", S, "horizontal_pull", insisted=True, loaded=True, compound=True)
PULLDOWN = _slot("pull-up or pulldown", S, "vertical_pull")
BENCH = _slot("horizontal press", S, "horizontal_push")
OVERHEAD = _slot("overhead press", S, "vertical_push")
SHOULDERS = _slot("delts", A, "shoulder_isolation")
ARMS = _slot("arms", A, "arms")
CALVES = _slot("calves", A, "calves")
QUADS = _slot("leg extension", A, "knee_extension")
#: A strength or full-body day's opening lift: a squat or a hinge.
MAIN_LOWER = _slot("main lower-body lift", M, "squat", "hinge", insisted=True, loaded=True)
MAIN_PRESS = _slot("main press", M, *PUSH, insisted=True, loaded=True)
#: A strength lower day's second barbell lift (GZCLP's T2: a deadlift after the squat).
SECOND_LOWER = _slot("second lower-body lift", S, "squat", "hinge", loaded=True)
#: A full-body day's press: wanted, but the lower-body lift and the pull come first.
PRESS = _slot("press", S, *PUSH, loaded=True)
HIP_THRUST_ACCESSORY = _slot("hip thrust", S, "hip_thrust")
#: A strength day's second pull: the main presses take five sets, and pulling must keep
#: within a quarter of pushing (:data:`PULL_PUSH_BOUNDS`), which one pull cannot.
SECOND_PULL = _slot("second pull", A, *PULL)
THRUST_OR_HINGE = _slot("hip thrust or hinge", S, "hip_thrust", "hinge")
#: A push day's fly, after a press of each plane.
FLY = _slot("fly", A, *PUSH, isolation=True)
#: Push and pull days keep each muscle's isolation work with its compounds: lateral
#: raises and triceps with the presses, rear delts and biceps with the pulls.
SIDE_DELTS = _slot("lateral raise", A, "shoulder_isolation", muscles=("side_delts", "front_delts"))
TRICEPS = _slot("triceps", A, "arms", muscles=("triceps",))
REAR_DELTS = _slot(
    "rear delts", A, "shoulder_isolation", "horizontal_pull", muscles=("rear_delts",)
)
BICEPS = _slot("biceps", A, "arms", muscles=("biceps", "forearms"))

#: The skeleton of each day focus for each goal, slots in the order they are done.
SKELETONS: Mapping[Goal, Mapping[str, tuple[Slot, ...]]] = {
    Goal.GLUTES: {
        # Strong Curves' A/B/C workout, slot for slot.
        "full body": (THRUST, UPPER_PULL, SQUAT_OR_LUNGE, UPPER_PUSH, HINGE, ABDUCTION,
                      LEG_CURL, CORE),
        "glutes and lower": (THRUST, SQUAT_OR_LUNGE, HINGE, LEG_CURL, ABDUCTION, KICKBACK,
                             CORE),
        "glutes": (THRUST, HINGE, SINGLE_LEG, LEG_CURL, ABDUCTION, KICKBACK, CORE),
        "upper and glutes": (GLUTE_OPENER, UPPER_PULL, UPPER_PUSH, PULLDOWN, LIGHT_HINGE,
                             ABDUCTION, KICKBACK, SHOULDERS, CORE),
        "upper": (UPPER_PULL, UPPER_PUSH, PULLDOWN, SHOULDERS, ARMS, CORE),
        "lower": (THRUST, SQUAT_OR_LUNGE, HINGE, LEG_CURL, ABDUCTION, CORE),
    },
    Goal.STRENGTH: {
        # GZCLP and 5/3/1: main lift, a second lift, then push, pull, single-leg, core.
        "full body": (MAIN_LOWER, PRESS, STRENGTH_PULL, SECOND_PULL, HIP_THRUST_ACCESSORY,
                      SINGLE_LEG, CORE),
        "lower": (MAIN_LOWER, SECOND_LOWER, HIP_THRUST_ACCESSORY, SINGLE_LEG, LEG_CURL, CORE),
        "upper": (MAIN_PRESS, STRENGTH_ROW, PULLDOWN, UPPER_PUSH, SHOULDERS, ARMS, CORE),
        # A five-day week's push and pull days (rules.split).
        "push": (MAIN_PRESS, UPPER_PUSH, FLY, SIDE_DELTS, TRICEPS, CORE),
        "pull": (STRENGTH_ROW, PULLDOWN, SECOND_PULL, REAR_DELTS, BICEPS, CORE),
    },
    Goal.HYPERTROPHY: {
        "full body": (MAIN_LOWER, UPPER_PUSH, UPPER_PULL, THRUST_OR_HINGE, SINGLE_LEG,
                      SHOULDERS, ARMS, CORE),
        "lower": (MAIN_LOWER, HIP_THRUST_ACCESSORY, SINGLE_LEG, LEG_CURL, QUADS, CALVES,
                  ABDUCTION, CORE),
        "upper": (MAIN_PRESS, ROW, PULLDOWN, UPPER_PUSH, SHOULDERS, ARMS, CORE),
        "push": (MAIN_PRESS, UPPER_PUSH, FLY, SIDE_DELTS, TRICEPS, CORE),
        "pull": (ROW, PULLDOWN, SECOND_PULL, REAR_DELTS, BICEPS, CORE),
    },
    Goal.GENERAL: {
        "full body": (MAIN_LOWER, UPPER_PULL, UPPER_PUSH, THRUST_OR_HINGE, SINGLE_LEG,
                      LEG_CURL, SHOULDERS, CORE),
        # Eight places each, as the full-body day has: a long session needs the places to
        # use its time on, and abduction, the quads' isolation and a second pull train
        # what the day's lifts leave under the weekly ceiling (5/3/1's assistance).
        "lower": (MAIN_LOWER, HIP_THRUST_ACCESSORY, SINGLE_LEG, LEG_CURL, QUADS, ABDUCTION,
                  CALVES, CORE),
        "upper": (MAIN_PRESS, ROW, PULLDOWN, UPPER_PUSH, SECOND_PULL, SHOULDERS, ARMS, CORE),
        "push": (MAIN_PRESS, UPPER_PUSH, FLY, SIDE_DELTS, TRICEPS, CORE),
        "pull": (ROW, PULLDOWN, SECOND_PULL, REAR_DELTS, BICEPS, CORE),
    },
}  # fmt: skip

#: The patterns of the heavy lower-body lifts a session holds one of (GZCLP's one tier-1
#: lift a day, 5/3/1's one main lift).
HEAVY_LOWER_PATTERNS: frozenset[PatternId] = frozenset({"squat", "hinge"})

#: The barbell lifts a strength plan centres on, and how often each comes a week when
#: the kit and days allow (GZCLP: squat and bench twice, deadlift and press once or twice).
STRENGTH_MAIN_LIFTS: Mapping[ExerciseId, int] = {
    "back_squat": 2,
    "bench_press": 2,
    "deadlift": 1,
    "overhead_press": 1,
}


def strength_lift_sessions(lift: ExerciseId, days: int) -> int:
    """Sessions a week a strength plan gives ``lift`` when the kit and the days allow:
    :data:`STRENGTH_MAIN_LIFTS`' count with three days or more; with two, each lift once,
    since two sessions cannot open with the squat twice and the deadlift too.

    >>> strength_lift_sessions("back_squat", 3), strength_lift_sessions("back_squat", 2)
    (2, 1)
    """
    return STRENGTH_MAIN_LIFTS[lift] if days >= 3 else 1


def skeleton(goal: Goal, focus: str) -> tuple[Slot, ...]:
    """The slots of a ``focus`` day for ``goal``, in order (empty for an unknown focus).

    >>> [s.name for s in skeleton(Goal.GLUTES, "full body")][:3]
    ['hip thrust or bridge', 'upper pull', 'squat or lunge']
    >>> skeleton(Goal.STRENGTH, "lower")[0].role
    <Role.MAIN: 'main'>
    """
    return SKELETONS[goal].get(focus, ())


def day_patterns(goal: Goal, focus: str) -> frozenset[PatternId]:
    """Every movement pattern some slot of the day admits.

    >>> sorted(day_patterns(Goal.STRENGTH, "lower"))[:3]
    ['core', 'hinge', 'hip_thrust']
    """
    return frozenset(p for slot in skeleton(goal, focus) for p in slot.patterns)


def variant_key(exercise: Exercise) -> str:
    """Exercises with the same key are variants of one movement: a session holds one.

    A compound's movement is its pattern (a barbell and a dumbbell reverse lunge are one
    lunge); an isolation exercise's is its pattern and first prime mover, so that a curl
    and a triceps pushdown, or a plank and a side plank, may share a session.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> variant_key(c["barbell_reverse_lunge"]) == variant_key(c["dumbbell_reverse_lunge"])
    True
    >>> variant_key(c["dumbbell_curl"]) == variant_key(c["cable_triceps_pushdown"])
    False
    """
    if exercise.is_compound:
        return exercise.pattern
    return f"{exercise.pattern}/{exercise.primary_muscles[0]}"


def role_of(exercise: Exercise, goal: Goal, key_lifts: Iterable[ExerciseId] = ()) -> Role:
    """The role ``exercise`` plays in a plan for ``goal``.

    Main: a loaded hip thrust, one of the strength lifts for the strength goal, or a
    loaded compound the client gave a rep max for, except in a glute plan, whose main
    lift is always the thrust (Strong Curves: the squat and the hinge come after it, at
    moderate load). Secondary: other loaded compounds. Accessory: isolation, bodyweight
    and band work.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> role_of(c["back_squat"], Goal.STRENGTH), role_of(c["back_squat"], Goal.GLUTES)
    (<Role.MAIN: 'main'>, <Role.SECONDARY: 'secondary'>)
    >>> role_of(c["back_squat"], Goal.GENERAL, ["back_squat"])
    <Role.MAIN: 'main'>
    >>> role_of(c["back_squat"], Goal.GLUTES, ["back_squat"])
    <Role.SECONDARY: 'secondary'>
    >>> role_of(c["dumbbell_pullover"], Goal.STRENGTH)
    <Role.ACCESSORY: 'accessory'>
    """
    loaded_compound = exercise.is_compound and exercise.load_kind.external
    if not loaded_compound:
        return Role.ACCESSORY
    if exercise.is_hip_thrust_family:
        return Role.MAIN
    if goal is not Goal.GLUTES and exercise.id in set(key_lifts):
        return Role.MAIN
    if goal is Goal.STRENGTH and exercise.id in STRENGTH_MAIN_LIFTS:
        return Role.MAIN
    return Role.SECONDARY


def thrust_sessions_needed(goal: Goal, sessions: int) -> int:
    """Sessions a week that open with a hip-thrust-family exercise.

    Glute clients: most of them (Strong Curves opens every workout with a thrust or a
    bridge); every other goal: one.

    >>> [thrust_sessions_needed(Goal.GLUTES, n) for n in (2, 3, 4, 5, 6)]
    [2, 2, 3, 3, 4]
    >>> thrust_sessions_needed(Goal.STRENGTH, 5)
    1
    """
    return sessions // 2 + 1 if goal is Goal.GLUTES else 1


#: The ratio of weekly pull sets to push sets each goal keeps: at least ``low`` (a
#: fraction as numerator and denominator) and at most ``high`` when there is one. This is
#: the one definition of balance: the model states it as constraints, the checker and
#: the review through :func:`pull_push_problem`.
PULL_PUSH_BOUNDS: Mapping[Goal, tuple[tuple[int, int], tuple[int, int] | None]] = {
    Goal.GLUTES: ((1, 1), None),
    Goal.GENERAL: ((1, 1), None),
    Goal.HYPERTROPHY: ((3, 4), (4, 3)),
    Goal.STRENGTH: ((3, 4), (4, 3)),
}


def leads_with_main_lift(goal: Goal) -> bool:
    """Whether a session opens with its main barbell lift rather than the hip thrust.

    A strength day starts with the day's squat, bench, deadlift or press (GZCLP's T1);
    every other goal starts with the hip thrust while the client is fresh.

    >>> leads_with_main_lift(Goal.STRENGTH), leads_with_main_lift(Goal.GLUTES)
    (True, False)
    """
    return goal is Goal.STRENGTH


def pull_push_problem(goal: Goal, push: float, pull: float) -> str | None:
    """Why a week's push and pull sets are out of balance, or None when they are fine.

    Glute and general plans pull at least as much as they push (Strong Curves pairs
    them 1:1; Kolber et al. 2009 tie pressing-heavy training to shoulder imbalance);
    hypertrophy and strength plans keep each within 25 % of the other. A set counts for
    the movement its exercise is filed under and nowhere else (a pullover is a pull and
    never chest work). No slack for whole exercises: a coach counts the sets, and the
    planner can always add a row or a pulldown, or give a pull a fourth set.

    >>> print(pull_push_problem(Goal.GLUTES, 9, 9))
    None
    >>> pull_push_problem(Goal.GENERAL, 12, 6)
    '12 push sets against 6 pull sets; pull at least as much as push'
    >>> pull_push_problem(Goal.HYPERTROPHY, 6, 15)
    '6 push sets against 15 pull sets; keep each within 25 % of the other'
    >>> print(pull_push_problem(Goal.STRENGTH, 8, 6))
    None
    >>> pull_push_problem(Goal.STRENGTH, 8, 5)
    '8 push sets against 5 pull sets; keep each within 25 % of the other'
    """
    (low_num, low_den), high = PULL_PUSH_BOUNDS[goal]
    if low_den * pull < low_num * push:
        if high is None:
            return f"{push:g} push sets against {pull:g} pull sets; pull at least as much as push"
        return f"{push:g} push sets against {pull:g} pull sets; keep each within 25 % of the other"
    if high is not None and high[1] * pull > high[0] * push:
        return f"{push:g} push sets against {pull:g} pull sets; keep each within 25 % of the other"
    return None


#: What a glute coach reaches for whenever the kit has it (Strong Curves' hinge and
#: hamstring slots): a back extension or a kettlebell swing, two answers to one hinge
#: slot, and a leg curl on the machine. Taste, not a rule: used when time and the weekly
#: sets allow. Abduction is a rule of its own (any abduction, every week), so the
#: abduction machine is no staple: it would outbid a squat for a beginner's few sets.
STAPLES: Mapping[str, tuple[ExerciseId, ...]] = {
    "back extension or swing": ("glute_back_extension", "back_extension", "kettlebell_swing"),
    "leg curl": ("lying_leg_curl", "seated_leg_curl"),
}


def is_staple(exercise: Exercise) -> bool:
    """Whether ``exercise`` is one of the :data:`STAPLES`.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> is_staple(builtin_catalogue()["kettlebell_swing"])
    True
    """
    return any(exercise.id in ids for ids in STAPLES.values())
