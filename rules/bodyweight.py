"""Bodyweight reality: the reps people can really do without a load, and what comes next.

Unloaded upper-body work cannot progress by load, so a naive plan lets its reps climb
until nobody would do them (chin-ups 3 x 20). A coach caps them and moves on: past the
ceiling a harder variation or added load; below the client's ability an assisted or
eccentric variant with a target the client can hit.

Sources (see ``docs/special-populations.md``, "Bodyweight work"):

- Pull-ups and chin-ups: many beginners, most untrained women among them, cannot do one;
  band-assisted or eccentric sets (3-5 s lowering) of 3-6 reps come first, then 3 x 3-5
  unassisted (Contreras, *Strong Curves*, 2013, phase 2), and load is added past about
  12 reps (practitioner).
- Push-ups progress from hands on a bench to the floor to a deficit or a load; past about
  15-20 reps the next variation is the better stimulus (practitioner; ACSM 2009 puts
  muscular endurance at 12-15 reps and more, hypertrophy at 6-12).

The catalogue says which exercises hang from a bar (its equipment) and how hard each
variation is (its level); the ceilings below are the short table it cannot hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, LoadKind

#: Patterns of the upper body whose unloaded versions get a rep ceiling.
UPPER_BODY_PATTERNS = frozenset(
    {"horizontal_push", "vertical_push", "horizontal_pull", "vertical_pull", "arms"}
)
#: Most reps a set asks for: pulling the body to a bar (practitioner, load past ~12).
BAR_CEILING = 12
#: Most reps of a hard unloaded variation (decline, diamond, pike push-ups, dips) and of
#: an easy one (wall, incline, knee and floor push-ups, rows under a table).
HARD_CEILING = 15
EASY_CEILING = 20
#: The floor push-up: rated beginner in the catalogue, yet a coach moves a client on from
#: it at the hard ceiling (the push-up ladder goes incline, floor, deficit or weighted).
FLOOR_PUSH_UPS = frozenset({"push_up"})
#: Assisted and eccentric bar work: sets of 3-6 (Strong Curves).
ASSISTED_RANGE = (3, 6)
#: Unassisted pull-ups and chin-ups by the client's level: beginners 3-5 (Strong Curves
#: phase 2), then wider ranges that reach the ceiling only at the advanced level.
BAR_RANGES: dict[Level, tuple[int, int]] = {
    Level.BEGINNER: (3, 5),
    Level.INTERMEDIATE: (5, 10),
    Level.ADVANCED: (6, BAR_CEILING),
}


def _unloaded_upper(exercise: Exercise) -> bool:
    return (
        exercise.pattern in UPPER_BODY_PATTERNS
        and exercise.is_compound
        and not exercise.load_kind.external
        and not exercise.timed
    )


def hangs_from_bar(exercise: Exercise) -> bool:
    """A pull-up or chin-up family exercise: the body pulled up to a bar.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> hangs_from_bar(c["chin_up"]), hangs_from_bar(c["lat_pulldown"])
    (True, False)
    """
    return (
        _unloaded_upper(exercise)
        and exercise.pattern == "vertical_pull"
        and "pull_up_bar" in exercise.equipment
    )


def is_assisted(exercise: Exercise) -> bool:
    """A band-assisted or eccentric-only bar exercise.

    The catalogue rates those at beginner level and the unassisted ones above it, so the
    level tells them apart without a list of names.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> is_assisted(c["negative_pull_up"]), is_assisted(c["band_assisted_pull_up"])
    (True, True)
    >>> is_assisted(c["pull_up"])
    False
    """
    return hangs_from_bar(exercise) and exercise.level is Level.BEGINNER


def rep_ceiling(exercise: Exercise) -> int | None:
    """The most reps a set of ``exercise`` should ask for, or None when load or the lower
    body lets reps stay where the goal puts them.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> [rep_ceiling(c[i]) for i in ("pull_up", "diamond_push_up", "incline_push_up")]
    [12, 15, 20]
    >>> rep_ceiling(c["push_up"])
    15
    >>> rep_ceiling(c["glute_bridge"]), rep_ceiling(c["bench_press"])
    (None, None)
    """
    if not _unloaded_upper(exercise):
        return None
    if hangs_from_bar(exercise):
        return BAR_CEILING
    easy = exercise.level is Level.BEGINNER and exercise.id not in FLOOR_PUSH_UPS
    return EASY_CEILING if easy else HARD_CEILING


def below_ability(exercise: Exercise, level: Level) -> bool:
    """Whether ``exercise`` is likely beyond a client of ``level`` on day one: an
    unassisted pull-up or chin-up for a beginner.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> below_ability(c["chin_up"], Level.BEGINNER), below_ability(c["chin_up"], Level.ADVANCED)
    (True, False)
    """
    return hangs_from_bar(exercise) and not is_assisted(exercise) and level is Level.BEGINNER


def bodyweight_reps(exercise: Exercise, level: Level, low: int, high: int) -> tuple[int, int]:
    """The rep range of an unloaded exercise, given the goal's range ``low``-``high``.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> bodyweight_reps(c["chin_up"], Level.INTERMEDIATE, 10, 20)
    (5, 10)
    >>> bodyweight_reps(c["negative_pull_up"], Level.BEGINNER, 10, 20)
    (3, 6)
    >>> bodyweight_reps(c["diamond_push_up"], Level.BEGINNER, 10, 20)
    (10, 15)
    >>> bodyweight_reps(c["glute_bridge"], Level.BEGINNER, 12, 20)
    (12, 20)
    """
    ceiling = rep_ceiling(exercise)
    if ceiling is None:
        return low, high
    if is_assisted(exercise):
        return ASSISTED_RANGE
    if hangs_from_bar(exercise):
        return BAR_RANGES[level]
    high = min(high, ceiling)
    return min(low, high), high


def bodyweight_note(exercise: Exercise, level: Level) -> str:
    """What to do when the reps run out, or cannot be reached yet; empty when nothing.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> bodyweight_note(c["pull_up"], Level.ADVANCED)
    'past 12 clean reps on every set, add load: a dumbbell between the feet or a belt'
    >>> bodyweight_note(c["negative_pull_up"], Level.BEGINNER)
    'jump or step to the top, lower for 3-5 s'
    """
    if not _unloaded_upper(exercise):
        return ""
    if is_assisted(exercise):
        if exercise.load_kind is LoadKind.BAND:
            return "the lightest band that gets every rep to the bar; a lighter one at 6 reps"
        return "jump or step to the top, lower for 3-5 s"
    if below_ability(exercise, level):
        return "cannot do 3 yet? jump or step to the top and lower for 3-5 s instead"
    ceiling = rep_ceiling(exercise)
    if hangs_from_bar(exercise):
        return (
            f"past {ceiling} clean reps on every set, add load: "
            "a dumbbell between the feet or a belt"
        )
    if exercise.harder:
        return f"past {ceiling} clean reps on every set, move to the harder variation"
    return f"past {ceiling} clean reps on every set, add load or slow the lowering"


#: Rungs of one ladder two body-weight variations of a week may stand apart: a floor
#: push-up beside a knee push-up is a hard and an easy day, beside a wall push-up it is
#: an exercise the client cannot do or one that does nothing for them.
MOST_RUNGS_APART = 1


def rungs_apart(a: Exercise, b: Exercise, catalogue: Catalogue) -> int | None:
    """How many rungs of the catalogue's ladder of harder variations lie between two
    unloaded exercises of one movement pattern, or None when neither is harder than the
    other (siblings such as the decline and the diamond push-up), when they train
    different patterns (the ladder climbs from a body-weight squat to a reverse lunge, but
    a week holds both as a squat and a lunge), or for a loaded exercise.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> wall, floor, knees = c["wall_push_up"], c["push_up"], c["knee_push_up"]
    >>> rungs_apart(wall, floor, c), rungs_apart(floor, knees, c)
    (3, 1)
    >>> print(rungs_apart(c["decline_push_up"], c["diamond_push_up"], c))
    None
    >>> print(rungs_apart(c["bodyweight_squat"], c["reverse_lunge"], c))
    None
    """
    if a.load_kind.external or b.load_kind.external or a.id == b.id or a.pattern != b.pattern:
        return None
    for low, high in ((a, b), (b, a)):
        climbed = _rungs_up(low, high.id, catalogue)
        if climbed is not None:
            return climbed
    return None


def _rungs_up(start: Exercise, goal: ExerciseId, catalogue: Catalogue) -> int | None:
    """Rungs climbed from ``start`` to ``goal`` by the fewest ``harder`` steps, if any."""
    seen = {start.id}
    rung = {start.id}
    climbed = 0
    while rung:
        climbed += 1
        rung = {h for e in rung if e in catalogue for h in catalogue[e].harder} - seen
        if goal in rung:
            return climbed
        seen |= rung
    return None


def easiest_push_up(exercises: Iterable[Exercise], catalogue: Catalogue) -> Exercise | None:
    """The easiest unloaded push-up below the floor push-up among ``exercises`` (a wall,
    incline or knee push-up), the one most rungs under it; None when there is none.

    A client whose week holds knee push-ups cannot yet do floor ones, so the warm-up
    names their rung (``planner.progression.warmup.general_warm_up``).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> easiest_push_up([c["knee_push_up"], c["wall_push_up"], c["goblet_squat"]], c).id
    'wall_push_up'
    >>> print(easiest_push_up([c["push_up"], c["dumbbell_bench_press"]], c))
    None
    """
    below: list[tuple[int, Exercise]] = []
    for exercise in exercises:
        if exercise.load_kind.external or exercise.id in FLOOR_PUSH_UPS:
            continue
        rungs = min(
            (r for f in FLOOR_PUSH_UPS if (r := _rungs_up(exercise, f, catalogue)) is not None),
            default=None,
        )
        if rungs is not None:
            below.append((rungs, exercise))
    return max(below, key=lambda found: (found[0], found[1].id))[1] if below else None
