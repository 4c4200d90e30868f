"""Reps, rest and sets that follow an exercise's role in the session as well as the goal.

``rules.prescription.prescribe_for`` gives the client's rep range for an exercise; this
module adjusts it for the exercise's role (``rules.sessions.Role``), as GZCLP does with its
tiers: the main lift heavy (T1, 3-6 reps for strength), the second lift at moderate load
(T2, around 10 reps), accessories light (T3, 10-20 reps). No accessory goes below six
reps: heavy triples belong to the lifts a programme is built on. A loaded compound done
as an accessory rests as accessories do, not as the main lifts' heavy fives.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace

from thrustplan.exercise_db.models import Exercise, ExerciseId, Level, LoadKind
from thrustplan.rules.goals import Goal
from thrustplan.rules.prescription import Prescription, prescribe_for
from thrustplan.rules.profile import ClientProfile, ProgressionScheme
from thrustplan.rules.sessions import Role, role_of

#: Fewest reps an accessory is prescribed (isolation, pullovers, bodyweight work).
ACCESSORY_MIN_REPS = 6
#: A strength plan's second lift, for a trained client and for a beginner: GZCLP's T2
#: sits at 3 x 10, 5/3/1's assistance higher; a beginner's at 8-10, lighter than the
#: fives of the main lifts.
SECONDARY_STRENGTH_REPS: tuple[tuple[int, int], tuple[int, int]] = ((6, 10), (8, 10))
#: Rest after a set of a loaded compound done as an accessory of a strength plan: GZCLP's
#: T3 and 5/3/1's assistance rest a minute or so, at 8-12 reps.
ACCESSORY_STRENGTH_REST = 90
#: Sessions this long or longer get a set more of each exercise (:func:`role_sets`).
LONG_SESSION_MINUTES = 75
#: The most working sets any exercise is prescribed (GZCLP's T1 runs five).
MOST_SETS = 5
#: Below this many minutes a trained client's strength main lifts take three sets, as
#: Starting Strength writes them: two main lifts of four sets at three-minute rests and
#: the day's pull would leave no room for anything else in 45 minutes.
SHORT_STRENGTH_MINUTES = 50
#: Working sets of a strength main lift on its light day, its second or later session of
#: the week: the Texas Method's recovery-day squat is two fives, GZCLP's second weekly
#: session of a lift is its T2 at three sets. Five again would be a second heavy day.
LIGHT_DAY_SETS = 3


def role_prescription(
    exercise: Exercise, goal: Goal, level: Level, role: Role, limitations: Collection[str] = ()
) -> Prescription:
    """The client's prescription for ``exercise`` (``prescribe_for``: the goal's, within
    the bodyweight and limitation rules), adjusted to its role.

    A strength plan's rep ranges by role, for a trained client and for a beginner: the
    main lifts at 3-6 and at five, the second lifts at 6-10 and at 8-10.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> def reps(exercise_id, level, role):
    ...     p = role_prescription(c[exercise_id], Goal.STRENGTH, level, role)
    ...     return p.reps_min, p.reps_max
    >>> reps("back_squat", Level.ADVANCED, Role.MAIN), reps("back_squat", Level.BEGINNER, Role.MAIN)
    ((3, 6), (5, 5))
    >>> reps("dumbbell_row", Level.ADVANCED, Role.SECONDARY)
    (6, 10)
    >>> reps("dumbbell_row", Level.BEGINNER, Role.SECONDARY)
    (8, 10)
    >>> reps("dumbbell_pullover", Level.ADVANCED, Role.ACCESSORY)[0] >= 6
    True
    """
    base = prescribe_for(exercise, goal, level, limitations)
    if base.timed or exercise.reps is not None:
        return base
    if role is Role.SECONDARY and goal is Goal.STRENGTH and base.reps_min < 6:
        low, high = SECONDARY_STRENGTH_REPS[level is Level.BEGINNER]
        # The rest stays the goal's three minutes, the top of GZCLP's two to three for T2.
        return replace(base, reps_min=low, reps_max=high)
    # Bodyweight reps follow what the client can do (a beginner's chin-ups at 3-5), not a
    # choice of load: the accessory floor is for loaded work.
    loaded = exercise.load_kind is not LoadKind.BODYWEIGHT
    if role is Role.ACCESSORY and loaded and base.reps_min < ACCESSORY_MIN_REPS:
        rest = min(base.rest_seconds, ACCESSORY_STRENGTH_REST)
        return replace(base, reps_min=8, reps_max=max(base.reps_max, 12), rest_seconds=rest)
    return base


def client_prescription(
    exercise: Exercise, profile: ClientProfile, role: Role | None = None
) -> Prescription:
    """:func:`role_prescription` for ``profile``: the exercise's reps, rest and effort in
    this client's plan, in ``role`` or, without one, in its own role
    (``rules.sessions.role_of``). The model, progression and replan all prescribe through
    it, so that a lift keeps its tier's reps and rest from block to block.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.profile import ClientProfile
    >>> c = builtin_catalogue()
    >>> client = ClientProfile(
    ...     name="A", goal="strength", level="intermediate", days_per_week=3, session_minutes=60
    ... )
    >>> p = client_prescription(c["dumbbell_row"], client)
    >>> p.reps_min, p.reps_max, p.rest_seconds
    (6, 10, 180)
    >>> p = client_prescription(c["dumbbell_row"], client, Role.ACCESSORY)
    >>> p.reps_min, p.reps_max, p.rest_seconds
    (8, 12, 90)
    """
    if role is None:
        role = role_of(exercise, profile.goal, profile.rep_maxes)
    return role_prescription(exercise, profile.goal, profile.level, role, profile.limitations)


def role_sets(
    role: Role,
    goal: Goal,
    session_minutes: int,
    level: Level = Level.INTERMEDIATE,
    *,
    loaded: bool = True,
) -> int:
    """Working sets for an exercise of ``role``, each time it is prescribed.

    Three sets; four for a main lift, five for a strength plan's main lift when the
    session is an hour or more (5 x 3-5 is GZCLP's T1) and three for a ``loaded`` one
    when it is under :data:`SHORT_STRENGTH_MINUTES` (its rests are the long ones), and
    three for a beginner's, as
    the beginners' programmes write them (Strong Curves' 3 x 20 thrust, Starting
    Strength's 3 x 5): a beginner thrusts, squats and hinges in most sessions, and more
    sets of the main lift would leave no room under the weekly sets a beginner recovers
    from for the squat and the hinge that follow it; one fewer when sessions are 30
    minutes or less, so that short sessions still hold three exercises.

    A session of :data:`LONG_SESSION_MINUTES` or more gives a trained client one set more
    of everything, up to :data:`MOST_SETS`: a skeleton holds at most eight exercises, and
    eight exercises of three sets end well inside an hour, so the booked time is used as
    coaches use a long session, on more work for the same lifts (5/3/1's assistance runs
    to 50-100 reps; GZCLP's T3 to as many sets as recovery allows). A beginner's sets stay
    those of an hour: what a beginner recovers from fills one. So does a glute plan's
    thrust: it opens most sessions, and four sets each time already make 12-16 a week,
    more than Strong Curves writes; a fifth would leave the weekly glute sets no room for
    the hinge that every week holds.

    >>> role_sets(Role.MAIN, Goal.GLUTES, 60), role_sets(Role.MAIN, Goal.STRENGTH, 75)
    (4, 5)
    >>> role_sets(Role.MAIN, Goal.STRENGTH, 45), role_sets(Role.MAIN, Goal.GLUTES, 45)
    (3, 4)
    >>> role_sets(Role.MAIN, Goal.STRENGTH, 45, loaded=False)
    4
    >>> role_sets(Role.MAIN, Goal.GLUTES, 60, Level.BEGINNER)
    3
    >>> role_sets(Role.ACCESSORY, Goal.GENERAL, 30)
    2
    >>> role_sets(Role.ACCESSORY, Goal.GENERAL, 90), role_sets(Role.MAIN, Goal.GENERAL, 90)
    (4, 5)
    >>> role_sets(Role.ACCESSORY, Goal.GENERAL, 90, Level.BEGINNER)
    3
    >>> role_sets(Role.MAIN, Goal.GLUTES, 75), role_sets(Role.SECONDARY, Goal.GLUTES, 75)
    (4, 4)
    """
    sets = 3
    short_strength = loaded and goal is Goal.STRENGTH and session_minutes < SHORT_STRENGTH_MINUTES
    if role is Role.MAIN and level is not Level.BEGINNER and not short_strength:
        sets = 5 if goal is Goal.STRENGTH and session_minutes >= 60 else 4
    if session_minutes <= 30:
        return sets - 1
    glute_thrust = goal is Goal.GLUTES and role is Role.MAIN
    if session_minutes >= LONG_SESSION_MINUTES and level is not Level.BEGINNER and not glute_thrust:
        return min(sets + 1, MOST_SETS)
    return sets


def light_repeats(exercise: Exercise, profile: ClientProfile) -> bool:
    """Whether ``exercise``'s second and later sessions of a week are light days, with
    :data:`LIGHT_DAY_SETS` at a lighter load: a trained client's strength main lift
    (GZCLP and the Texas Method work the squat heavy once a week and lighter again),
    unless the trainer chose undulation, whose days have their own loads. A beginner's
    sessions all add load (Starting Strength).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.profile import ClientProfile
    >>> squat = builtin_catalogue()["back_squat"]
    >>> def client(level: str) -> ClientProfile:
    ...     return ClientProfile(name="A", goal="strength", level=level, days_per_week=4,
    ...                          session_minutes=75, equipment=["barbell", "squat_rack"])
    >>> light_repeats(squat, client("intermediate")), light_repeats(squat, client("beginner"))
    (True, False)
    """
    trained = profile.level is not Level.BEGINNER
    main = role_of(exercise, profile.goal, profile.rep_maxes) is Role.MAIN
    undulating = profile.progression is ProgressionScheme.UNDULATING
    return trained and profile.goal is Goal.STRENGTH and main and not undulating


def light_days(
    sessions: Iterable[Iterable[ExerciseId]], repeats: Callable[[ExerciseId], bool]
) -> list[frozenset[ExerciseId]]:
    """For each of a week's sessions, in order, the lifts on their light day there: those
    whose later sessions are light days (``repeats``) that an earlier session holds. The
    one reading of a light day the planner's template and the review share.

    >>> week = [["squat", "row"], ["bench"], ["deadlift", "squat", "row"]]
    >>> light_days(week, {"squat"}.__contains__)
    [frozenset(), frozenset(), frozenset({'squat'})]
    """
    earlier: set[ExerciseId] = set()
    found: list[frozenset[ExerciseId]] = []
    for session in sessions:
        ids = list(session)
        found.append(frozenset(i for i in ids if i in earlier and repeats(i)))
        earlier.update(ids)
    return found


def light_day_sets(sets: int) -> int:
    """A light day's working sets where the heavy day's are ``sets``."""
    return min(sets, LIGHT_DAY_SETS)
