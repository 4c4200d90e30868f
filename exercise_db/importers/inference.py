"""Fields other exercise databases lack, inferred from an exercise's name and muscles.

Imported records name their muscles and equipment but seldom a movement pattern, a
laterality or the stresses a limitation must avoid. These functions fill those in from
the name first (it says the most: "Barbell Hip Thrust", "One-Arm Dumbbell Row") and the
muscles second, so they work for any source whose muscles are already mapped onto ours.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from thrustplan.exercise_db.models import (
    Laterality,
    LoadKind,
    Mechanic,
    MuscleId,
    PatternId,
    StressId,
)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_DELTS = frozenset({"front_delts", "side_delts", "rear_delts"})
_ARMS = frozenset({"biceps", "triceps", "forearms"})
_HIPS = frozenset({"gluteus_maximus", "hamstrings"})

#: Name rules, first match wins: (pattern, words in the name, a primary muscle it needs).
#: The muscle guard keeps "Smith Machine Hip Raise" (an ab exercise) out of the hip
#: thrusts and "Triceps Kickback" out of the glute kickbacks.
_NAME_RULES: tuple[tuple[PatternId, re.Pattern[str], frozenset[MuscleId] | None], ...] = (
    (
        "core",
        _words(r"flutter kick|crunch|sit-?ups?\b|plank"),
        frozenset({"abs", "obliques", "gluteus_maximus", "hip_flexors"}),
    ),
    (
        "hip_thrust",
        _words(r"hip thrust|glute bridge|hip bridge|\(bridge\)|butt lift|hip lift|frog pump"),
        frozenset({"gluteus_maximus"}),
    ),
    (
        "knee_flexion",
        _words(r"glute.?ham|leg curl|hamstring curl|hamstring slide|nordic|ball leg curl"),
        None,
    ),
    ("knee_extension", _words(r"leg extension"), None),
    ("hip_abduction", _words(r"abduct|clam|band walk|monster walk|fire hydrant"), None),
    ("hip_adduction", _words(r"adduct"), None),
    (
        "glute_kickback",
        _words(r"kickback|kick back|reverse hyper|donkey kick|hip extension"),
        _HIPS,
    ),
    ("shrug", _words(r"shrug"), None),
    (
        "shoulder_isolation",
        _words(
            r"upright (barbell |cable |dumbbell )?row|lateral raise|side raise|side lateral"
            r"|front raise|plate raise|rear delt|reverse fly|reverse flye|reverse machine fly"
            r"|back fly|back flye|external rotation|internal rotation|rotator|cuban|scaption"
            r"|\by raise|iron cross|crucifix"
        ),
        None,
    ),
    ("squat", _words(r"snatch balance|overhead squat"), None),
    (
        "vertical_push",
        _words(
            r"jerk|push press|thruster|overhead press|shoulder press|military|arnold|handstand"
            r"|pike|landmine press|\bz press|bradford|clean and press|log lift|bent press"
            r"|see-saw press|\bdips?\b|dip machine"
        ),
        None,
    ),
    (
        "lunge",
        _words(
            r"lunge|split squat|step.?ups?\b|pistol|single.?leg .*squat|one.?leg .*squat"
            r"|bulgarian|skater|single-leg high box squat"
        ),
        None,
    ),
    ("squat", _words(r"squat|leg press|hack|wall sit"), None),
    (
        "hinge",
        _words(
            r"deadlift|good morning|romanian|\brdl\b|swing|pull ?through|hyperextension"
            r"|back extension|clean|snatch|rack pull|high pull\b|stiff.?leg|pass between|superman"
        ),
        None,
    ),
    (
        "vertical_pull",
        _words(
            r"pull-?ups?\b|pullups?\b|\bchin|pulldown|pull-down|pullover|muscle.?up|rope climb"
            r"|lat pull|london bridge"
        ),
        frozenset({"lats", "upper_back", "chest", "biceps", "rear_delts"}),
    ),
    (
        "horizontal_pull",
        _words(r"\brows?\b|face pull|pull.?apart|inverted row|mid row|t-bar"),
        None,
    ),
    (
        "horizontal_push",
        _words(
            r"bench press|push[- ]?ups?|pushups?|press-?ups?|chest press|floor press|\bfly\b|flye"
            r"|\bflys\b|pec deck|butterfly|crossover|svend|board press|pin press|decline press"
            r"|incline press|smith press|chest push|guillotine"
        ),
        None,
    ),
    (
        "arms",
        _words(
            r"curl|tricep|pushdown|push-down|kickback|skull|french press|tate press|wrist"
            r"|forearm|pinch|grip|hand squeeze|extension|close-grip"
        ),
        _ARMS,
    ),
)

#: Patterns whose exercises count as isolation when the source does not say.
ISOLATION_PATTERNS = frozenset(
    {
        "knee_extension",
        "knee_flexion",
        "hip_abduction",
        "hip_adduction",
        "glute_kickback",
        "shoulder_isolation",
        "arms",
        "calves",
        "core",
        "shrug",
    }
)


def infer_pattern(
    name: str, primary: Sequence[MuscleId], mechanic: Mechanic | None, force: str | None
) -> PatternId | None:
    """The movement pattern of an exercise called ``name`` that trains ``primary`` first.

    >>> infer_pattern("Barbell Hip Thrust", ["gluteus_maximus"], None, "push")
    'hip_thrust'
    >>> infer_pattern("Smith Machine Hip Raise", ["abs"], None, "pull")
    'core'
    >>> infer_pattern("Natural Glute Ham Raise", ["hamstrings"], None, "pull")
    'knee_flexion'
    """
    if not primary:
        return None
    first = primary[0]
    # Abs and calves say more than any name: "Hip Raise" and "Side Bridge" are ab work.
    if first in ("abs", "obliques"):
        return "core"
    if first == "calves":
        return "calves"
    for pattern, words, needs in _NAME_RULES:
        if words.search(name) and (needs is None or needs & set(primary)):
            return pattern
    return _pattern_from_muscle(first, mechanic, force)


def _pattern_from_muscle(
    muscle: MuscleId, mechanic: Mechanic | None, force: str | None
) -> PatternId | None:
    compound = mechanic is not Mechanic.ISOLATION
    by_muscle: dict[MuscleId, PatternId] = {
        "quadriceps": "squat" if compound else "knee_extension",
        "hamstrings": "hinge" if compound else "knee_flexion",
        "gluteus_maximus": "hinge" if compound else "glute_kickback",
        "lower_back": "hinge",
        "chest": "horizontal_push",
        "lats": "vertical_pull",
        "upper_back": "horizontal_pull",
        "gluteus_medius": "hip_abduction",
        "adductors": "hip_adduction",
        "biceps": "arms",
        "triceps": "arms",
        "forearms": "arms",
    }
    if muscle in _DELTS:
        return "vertical_push" if compound and force == "push" else "shoulder_isolation"
    return by_muscle.get(muscle)


def infer_mechanic(pattern: PatternId, given: Mechanic | None) -> Mechanic:
    """The source's mechanic when it has one, else one from the pattern.

    Every hip-thrust-family exercise counts as compound, whatever the source says, so
    that the family sorts and progresses the same way as ours.
    """
    if pattern == "hip_thrust":
        return Mechanic.COMPOUND
    if given is not None:
        return given
    return Mechanic.ISOLATION if pattern in ISOLATION_PATTERNS else Mechanic.COMPOUND


_UNILATERAL = _words(
    r"one.?arm|single.?arm|one.?leg|single.?leg|one.?legged|unilateral|side deadlift|pistol"
    r"|split squat|step.?ups?\b|bulgarian|\bsplit\b|kneeling single"
)
_ALTERNATING = _words(r"alternat|walking lunge|\blunges?\b|side to side")


def infer_laterality(name: str) -> Laterality:
    """One side at a time, sides alternating, or both together, read from the name.

    >>> infer_laterality("One-Arm Dumbbell Row").value
    'unilateral'
    >>> infer_laterality("Dumbbell Lunges").value
    'alternating'
    """
    if _UNILATERAL.search(name):
        return Laterality.UNILATERAL
    if _ALTERNATING.search(name):
        return Laterality.ALTERNATING
    return Laterality.BILATERAL


def minutes_per_set(laterality: Laterality) -> float:
    """Working time of one set, both sides included (the figures our catalogue uses)."""
    if laterality is Laterality.UNILATERAL:
        return 1.5
    if laterality is Laterality.ALTERNATING:
        return 1.25
    return 0.75


_TIMED = _words(r"plank|side bridge|\bhold\b|wall sit|isometric|static|balance")


def infer_timed(name: str, force: str | None) -> bool:
    """True for holds: a static exercise whose name says it is held."""
    if "plank" in name.lower():
        return True
    return force == "static" and bool(_TIMED.search(name))


_SPINE_BY_NAME = _words(
    r"good morning|deadlift|clean|snatch|jerk|overhead press|military|push press|bent.?over"
    r"|rack pull|zercher|jefferson"
)
_SUPINE_BY_NAME = _words(
    r"bench press|floor press|\blying\b|decline|incline|\bfly\b|flye|pullover|skull|hip thrust"
    r"|bridge|guillotine|board press|pin press"
)
_OVERHEAD_BY_NAME = _words(r"overhead|snatch|jerk|handstand|press behind|behind the neck")
_WRIST_BY_NAME = _words(r"push[- ]?ups?|pushups?|press-?ups?|handstand|mountain climber|bear crawl")
_IMPACT_BY_NAME = _words(r"jump|\bhop|bound|plyo|clap|slam|sprint|burpee")
_FLEXION_BY_NAME = _words(
    r"crunch|sit-?ups?|situp|v-up|jackknife|toe touch|russian twist|butt-ups|knee to chest"
    r"|jefferson"
)


def infer_stresses(name: str, pattern: PatternId, load_kind: LoadKind) -> tuple[StressId, ...]:
    """Stress flags that let a client's limitations rule the exercise out.

    >>> infer_stresses("Barbell Squat", "squat", LoadKind.BARBELL)
    ('spinal_loading', 'deep_knee_flexion_loaded')
    >>> infer_stresses("Barbell Hip Thrust", "hip_thrust", LoadKind.BARBELL)
    ('supine_loaded',)
    """
    loaded = load_kind.external
    stresses: list[StressId] = []
    if loaded and (
        pattern == "hinge"
        or (load_kind is LoadKind.BARBELL and pattern in ("squat", "lunge", "vertical_push"))
        or (load_kind is LoadKind.BARBELL and _SPINE_BY_NAME.search(name))
    ):
        stresses.append("spinal_loading")
    if loaded and pattern in ("squat", "lunge"):
        stresses.append("deep_knee_flexion_loaded")
    if (
        loaded
        and pattern in ("hip_thrust", "horizontal_push", "arms", "vertical_pull")
        and _SUPINE_BY_NAME.search(name)
        and not _words(r"machine|leverage|cable").search(name)
    ):
        stresses.append("supine_loaded")
    if (pattern == "vertical_push" and not _words(r"\bdips?\b").search(name)) or (
        _OVERHEAD_BY_NAME.search(name)
    ):
        stresses.append("overhead")
    if _WRIST_BY_NAME.search(name):
        stresses.append("wrist_loading")
    if _IMPACT_BY_NAME.search(name):
        stresses.append("impact")
    if _FLEXION_BY_NAME.search(name):
        stresses.append("lumbar_flexion")
    return tuple(stresses)
