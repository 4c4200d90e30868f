"""Warm-up: a general line for every session and ramp-up sets before the first heavy lift.

Source (``docs/progression.md``, "Warm-up"): NSCA Essentials (4th ed., ch. 14) warms up
in two parts: about 5 minutes of easy cardio or dynamic moves, then ramp-up sets before
the first heavy lift, the bar or a light load for 8-10, then about 50 % x 5, 70 % x 3 and
85 % x 1 of the working load. Ramp loads are real loads of the client's kit, lighter than
the working load and each heavier than the one before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.progression.loads import TOLERANCE, LoadLadder

#: Share of the working load and reps of each ramp-up set after the first light one.
RAMP: tuple[tuple[float, int], ...] = ((0.5, 5), (0.7, 3), (0.85, 1))
#: Working sets of this many reps or more skip the heavy single: it readies the body for
#: a near-maximal set, and a set of 8-12 short of failure starts well below that load.
NO_SINGLE_FROM_REPS = 8
#: Reps of the first, lightest ramp-up set.
FIRST_RAMP_REPS = 10
#: Fewest reps of a two-set ramp's second set: a few reps of the pattern, not a single.
REHEARSAL_REPS = 3
#: Minutes of the general warm-up.
GENERAL_MINUTES = 5
#: Dynamic moves by the session's focus; the general line names the day's. A move in
#: braces is swapped for its stand-in where the client's limitations rule out its stress.
_MOVES = {
    "lower": "leg swings, hip circles and {bridges}",
    "upper": "arm circles, {pull_aparts} and {push_ups}",
    "full": "leg swings, hip circles, {bridges} and arm circles",
}
#: Each swappable move: the stress it carries (the catalogue's flag on the exercise), the
#: move, and a standing stand-in. Glute bridges are done lying on the back, which is
#: ruled out after the first trimester of a pregnancy; push-ups hold a plank over the
#: floor, ruled out then too.
_SWAPS: Mapping[str, tuple[str, str, str]] = {
    "bridges": ("supine", "10 glute bridges", "10 standing kickbacks a leg"),
    "push_ups": ("floor_plank", "5 push-ups", "5 push-ups against a wall"),
}


def push_up_move(easiest: Exercise | None, floor_ones: bool) -> str:
    """The warm-up's push-ups for a client: their own rung where their week holds one
    below the floor push-up (``rules.bodyweight.easiest_push_up``), a beginner who does
    no floor push-ups that week against a wall, anyone else on the floor (``floor_ones``
    when the week holds floor push-ups or the client is past the beginner level).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> push_up_move(builtin_catalogue()["knee_push_up"], floor_ones=False)
    '5 knee push-ups'
    >>> push_up_move(None, floor_ones=False), push_up_move(None, floor_ones=True)
    ('5 push-ups against a wall', '5 push-ups')
    """
    if easiest is not None:
        name = easiest.name.lower()
        return f"5 {name}s" if name.endswith("push-up") else f"5 reps of {name}"
    _, floor, wall = _SWAPS["push_ups"]
    return floor if floor_ones else wall


#: Without a long band, the upper-body warm-up opens the shoulder blades against a wall.
BAND_PULL_APARTS = "band pull-aparts"
WALL_SLIDES = "10 wall slides"


def general_warm_up(
    focus: str,
    avoids: frozenset[str] = frozenset(),
    push_ups: str | None = None,
    *,
    bands: bool = True,
) -> str:
    """The session's general warm-up, by its focus, without a move whose stress the
    client's limitations rule out (``avoids``, ``rules.populations.client_avoids``), its
    push-ups the client's own (``push_ups``, :func:`push_up_move`), and band pull-aparts
    only where the client has a long band (``bands``).

    >>> general_warm_up("Lower body")
    'warm up 5 min: easy cardio, then leg swings, hip circles and 10 glute bridges'
    >>> general_warm_up("Full body").endswith("arm circles")
    True
    >>> general_warm_up("Push").endswith("5 push-ups")
    True
    >>> general_warm_up("Lower body", frozenset({"supine"}))
    'warm up 5 min: easy cardio, then leg swings, hip circles and 10 standing kickbacks a leg'
    >>> general_warm_up("Upper body", frozenset({"floor_plank"})).endswith("against a wall")
    True
    >>> general_warm_up("Push", push_ups="5 knee push-ups").endswith("and 5 knee push-ups")
    True
    >>> general_warm_up("Pull", bands=False)
    'warm up 5 min: easy cardio, then arm circles, 10 wall slides and 5 push-ups'
    """
    text = focus.lower()
    upper = any(word in text for word in ("upper", "push", "pull"))
    key = "full" if "full" in text else "upper" if upper else "lower"
    if key == "lower" and not any(word in text for word in ("lower", "glute", "leg")):
        key = "full"
    chosen = {"push_ups": push_ups} if push_ups else {}
    moves = {
        name: stand_in if stress in avoids else chosen.get(name, move)
        for name, (stress, move, stand_in) in _SWAPS.items()
    }
    moves["pull_aparts"] = BAND_PULL_APARTS if bands else WALL_SLIDES
    return f"warm up {GENERAL_MINUTES} min: easy cardio, then {_MOVES[key].format(**moves)}"


def ramp_sets(working: float, ladder: LoadLadder, reps: int = 1) -> tuple[tuple[float, int], ...]:
    """Ramp-up sets (load, reps) before a first working set of ``working`` for ``reps``
    reps: the lightest load for 10, then about 50, 70 and 85 % for 5, 3 and 1 (the single
    only before a set of fewer than :data:`NO_SINGLE_FROM_REPS`, and done for
    :data:`REHEARSAL_REPS` where no set comes between it and the lightest), each a real
    load of the kit, lighter than the working load and heavier than the one before; two
    to four sets (one where a dumbbell's lightest load is all there is below the work),
    or none at the kit's lightest load, where sets at the working load would only be
    more working sets (a 4 kg kettlebell row).

    >>> from thrustplan.rules.profile import BarbellKit, Units
    >>> kit = BarbellKit(bar=20, plates={20: 4, 10: 2, 5: 2, 2.5: 2, 1.25: 2})
    >>> bar = LoadLadder(tuple(20 + 2.5 * i for i in range(60)), Units.KG, "total", kit)
    >>> ramp_sets(100, bar)
    ((20.0, 10), (50.0, 5), (70.0, 3), (85.0, 1))
    >>> ramp_sets(40, bar)
    ((20.0, 10), (27.5, 3), (32.5, 1))
    >>> ramp_sets(27.5, bar)
    ((20.0, 10), (22.5, 3))
    >>> ramp_sets(22.5, bar)
    ((20.0, 10), (20.0, 5))
    >>> ramp_sets(20, bar)
    ()
    >>> ramp_sets(4, LoadLadder((2.0, 4.0, 6.0), Units.KG, "dumbbell"))
    ((2.0, 10),)
    >>> ramp_sets(100, bar, reps=10)
    ((20.0, 10), (50.0, 5), (70.0, 3))
    """
    lightest = ladder.lightest
    if working <= lightest + TOLERANCE:
        return ()
    sets: list[tuple[float, int]] = [(lightest, FIRST_RAMP_REPS)]
    steps = RAMP if reps < NO_SINGLE_FROM_REPS else RAMP[:-1]
    for share, ramp_reps in steps:
        load = ladder.floor(working * share)
        if sets[-1][0] + TOLERANCE < load < working - TOLERANCE:
            sets.append((load, ramp_reps))
    if len(sets) == 1 and ladder.kit is not None:
        # Nothing fits between the empty bar and the work: the bar twice, as Starting
        # Strength starts. A dumbbell's, kettlebell's or stack's lightest load is done
        # once; a second set of it would only repeat the first.
        sets.append((lightest, RAMP[0][1]))
    elif len(sets) == 2 and sets[-1][1] < REHEARSAL_REPS:
        # A single straight after the lightest load jumps to 85 % with nothing between;
        # a few reps there rehearse the lift instead (before a light deadlift for 6).
        sets[-1] = (sets[-1][0], REHEARSAL_REPS)
    return tuple(sets)


RampSets = tuple[tuple[float, int], ...]


def fit_ramps(ramps: Sequence[RampSets], most: int) -> list[RampSets]:
    """A session's ramps, in order, cut to ``most`` ramp-up sets in all where they hold
    more, so that warming up never runs the session past the client's minutes.

    Later ramps give way first, each down to its heaviest set: by then the body is warm,
    and the set nearest the working load still rehearses the new movement. Then the
    first ramp keeps its light set and its heaviest of a few reps (no single straight
    after the light set: :func:`short_ramp`), then only its second, about half the
    working load. Past that (the weekly model keeps room for a set a ramp, so only a
    week with more working sets than the model's gets there), later ramps go, the last
    first.

    >>> first, squat = ((20.0, 10), (50.0, 5), (70.0, 3)), ((20.0, 10), (60.0, 5), (85.0, 3))
    >>> fit_ramps([first, squat], 6) == [first, squat]
    True
    >>> fit_ramps([first, squat], 4)
    [((20.0, 10), (50.0, 5), (70.0, 3)), ((85.0, 3),)]
    >>> fit_ramps([first, squat], 3)
    [((20.0, 10), (70.0, 3)), ((85.0, 3),)]
    >>> fit_ramps([((20.0, 10), (50.0, 5), (70.0, 3), (85.0, 1))], 2)
    [((20.0, 10), (70.0, 3))]
    >>> fit_ramps([first, squat], 2)
    [((50.0, 5),), ((85.0, 3),)]
    >>> fit_ramps([first, squat], 1)
    [((50.0, 5),), ()]
    """
    fitted = [tuple(r) for r in ramps]

    def spare() -> int:
        return sum(len(r) for r in fitted) - most

    for i in range(1, len(fitted)):
        cut = min(spare(), len(fitted[i]) - 1)
        if cut > 0:
            fitted[i] = fitted[i][cut:]
    if fitted and spare() > 0 and len(fitted[0]) > 1:
        keep = len(fitted[0]) - spare()
        whole = fitted[0]
        if keep <= 1:
            fitted[0] = whole[1:2]
        else:
            # Two sets end on a few reps, as a whole two-set ramp does (``ramp_sets``).
            fitted[0] = short_ramp(whole) if keep == 2 else whole[: keep - 1] + whole[-1:]
    for i in range(len(fitted) - 1, 0, -1):
        if spare() > 0:
            fitted[i] = ()
    return fitted


def short_ramp(sets: RampSets) -> RampSets:
    """A ramp cut to its light set and its heaviest of :data:`REHEARSAL_REPS` reps or
    more, for a lift whose session has warmed the body but not yet rehearsed its
    movement: the heavy single readies a near-maximal set, and the lift is lighter than
    the session's work before it.

    >>> short_ramp(((20.0, 10), (40.0, 5), (55.0, 3), (70.0, 1)))
    ((20.0, 10), (55.0, 3))
    >>> short_ramp(((20.0, 10), (20.0, 5)))
    ((20.0, 10), (20.0, 5))
    """
    rehearsal = [s for s in sets[1:] if s[1] >= REHEARSAL_REPS]
    return (sets[0], rehearsal[-1]) if rehearsal else sets[:2]


def add_rehearsals(rehearsals: Mapping[int, RampSets], spare: int) -> dict[int, RampSets]:
    """The short ramps (:func:`short_ramp`) that ``spare`` ramp-up sets hold, whole and in
    session order: a ramp the client's minutes would cut below two sets is left out, as
    :func:`fit_ramps` leaves out later ramps, rather than printed as one set.

    >>> add_rehearsals({3: ((20.0, 10), (55.0, 3)), 5: ((20.0, 10), (40.0, 3))}, 3)
    {3: ((20.0, 10), (55.0, 3))}
    """
    kept: dict[int, RampSets] = {}
    for i, sets in sorted(rehearsals.items()):
        if len(sets) <= spare:
            kept[i] = sets
            spare -= len(sets)
    return kept


def ramp_note(sets: Sequence[tuple[float, int]]) -> str:
    """The ramp-up sets as printed, compactly.

    >>> ramp_note(((20.0, 10), (50.0, 5), (70.0, 3), (85.0, 1)))
    'ramp 20×10·50×5·70×3·85×1'
    """
    return "ramp " + "·".join(f"{load:g}×{reps}" for load, reps in sets)
