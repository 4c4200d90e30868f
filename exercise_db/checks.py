"""Checks a catalogue must pass before it can plan: each returns the problems it found.

The same functions check our curated catalogue (in the test suite) and a trainer's own
file (``thrustplan exercises check FILE``). An empty list means the check passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import HIP_THRUST_PATTERN, Exercise, ExerciseId
from thrustplan.exercise_db.vocabulary import ALWAYS_AVAILABLE, VOCABULARY, Kind

#: Pattern groups every goal needs at least one exercise of (the ``group`` of each pattern
#: in ``data/vocabulary.yaml``); ``accessory`` patterns are welcome but never required.
REQUIRED_GROUPS: tuple[str, ...] = (
    "hip_thrust",
    "squat_or_lunge",
    "hinge_or_knee_flexion",
    "push",
    "pull",
    "core",
)

#: The equipment sets clients most often have; every required group must be doable with each.
STANDARD_EQUIPMENT_SETS: Mapping[str, frozenset[str]] = {
    "bodyweight only": frozenset({"bodyweight"}),
    "bands only": frozenset({"bands", "mini_bands"}),
    "dumbbells and a bench": frozenset({"dumbbells", "bench"}),
    "bands, dumbbells and a bench": frozenset({"bands", "mini_bands", "dumbbells", "bench"}),
    "full gym": VOCABULARY.ids("equipment"),
}

#: How much guide text a curated exercise carries: (fewest, most) of each list.
GUIDE_LENGTHS: Mapping[str, tuple[int, int]] = {
    "steps": (3, 6),
    "cues": (2, 4),
    "mistakes": (2, 4),
}

_LINK_FIELDS = ("easier", "harder", "similar")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue: which check found it, where, and what."""

    check: str
    message: str
    exercise: ExerciseId | None = None

    def __str__(self) -> str:
        where = f"{self.exercise}: " if self.exercise else ""
        return f"[{self.check}] {where}{self.message}"


def unique_ids(exercises: Iterable[Exercise]) -> list[Problem]:
    """Every id names exactly one exercise.

    A :class:`Catalogue` already refuses duplicates, so this is for raw record lists,
    such as several files about to be merged.
    """
    seen: set[ExerciseId] = set()
    problems = []
    for exercise in exercises:
        if exercise.id in seen:
            problems.append(
                Problem("unique-ids", "id is used by more than one exercise", exercise.id)
            )
        seen.add(exercise.id)
    return problems


def links_resolve(catalogue: Catalogue) -> list[Problem]:
    """Every easier, harder and similar link names an exercise of the catalogue, not itself."""
    problems = []
    for exercise in catalogue.values():
        for field_name in _LINK_FIELDS:
            for target in getattr(exercise, field_name):
                if target == exercise.id:
                    problems.append(Problem("links", f"{field_name} links to itself", exercise.id))
                elif target not in catalogue:
                    problems.append(
                        Problem(
                            "links", f"{field_name} names unknown exercise {target!r}", exercise.id
                        )
                    )
    return problems


def progressions_consistent(catalogue: Catalogue) -> list[Problem]:
    """Easier and harder links agree: if A lists B as harder, B lists A as easier.

    Also refused: an exercise listing the same sibling as both easier and harder, and two
    exercises each listing the other as harder (or easier).
    """
    problems = []
    for exercise in catalogue.values():
        both = set(exercise.easier) & set(exercise.harder)
        for target in sorted(both):
            problems.append(
                Problem(
                    "progressions", f"{target!r} is listed as both easier and harder", exercise.id
                )
            )
        for field_name, back_field in (("harder", "easier"), ("easier", "harder")):
            for target in getattr(exercise, field_name):
                other = catalogue.get(target)
                if other is None or target in both:
                    continue
                if exercise.id in getattr(other, field_name):
                    problems.append(
                        Problem(
                            "progressions",
                            f"{target!r} and this exercise each list the other as {field_name}",
                            exercise.id,
                        )
                    )
                elif exercise.id not in getattr(other, back_field):
                    problems.append(
                        Problem(
                            "progressions",
                            f"lists {target!r} as {field_name}, but {target!r} does not list "
                            f"it as {back_field}",
                            exercise.id,
                        )
                    )
    return problems


def progressions_acyclic(catalogue: Catalogue) -> list[Problem]:
    """Following "harder" links (and "easier" ones backwards) never leads back to the start."""
    harder: dict[ExerciseId, set[ExerciseId]] = {e: set() for e in catalogue}
    for exercise in catalogue.values():
        harder[exercise.id].update(t for t in exercise.harder if t in catalogue)
        for target in exercise.easier:
            if target in catalogue:
                harder[target].add(exercise.id)
    # Depth-first search with three colours; a grey node met again closes a cycle.
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(harder, white)
    problems: list[Problem] = []
    for start in sorted(harder):
        if colour[start] != white:
            continue
        path: list[ExerciseId] = [start]
        stack = [iter(sorted(harder[start]))]
        colour[start] = grey
        while stack:
            step = next(stack[-1], None)
            if step is None:
                colour[path.pop()] = black
                stack.pop()
            elif colour[step] == grey:
                cycle = [*path[path.index(step) :], step]
                problems.append(
                    Problem(
                        "progressions", "harder links form a cycle: " + " -> ".join(cycle), step
                    )
                )
            elif colour[step] == white:
                colour[step] = grey
                path.append(step)
                stack.append(iter(sorted(harder[step])))
    return problems


def vocabulary_defined(catalogue: Catalogue) -> list[Problem]:
    """Every equipment, pattern, muscle and stress word is an id of its vocabulary."""
    fields: tuple[tuple[str, Kind], ...] = (
        ("equipment", "equipment"),
        ("pattern", "patterns"),
        ("primary_muscles", "muscles"),
        ("secondary_muscles", "muscles"),
        ("stresses", "stresses"),
    )
    problems = []
    for exercise in catalogue.values():
        for field_name, kind in fields:
            value = getattr(exercise, field_name)
            words = (value,) if isinstance(value, str) else value
            known = VOCABULARY.ids(kind)
            for word in words:
                if word not in known:
                    problems.append(
                        Problem(
                            "vocabulary", f"{field_name} uses undefined word {word!r}", exercise.id
                        )
                    )
        overlap = set(exercise.primary_muscles) & set(exercise.secondary_muscles)
        for muscle in sorted(overlap):
            problems.append(
                Problem(
                    "vocabulary",
                    f"{muscle!r} is both a primary and a secondary muscle",
                    exercise.id,
                )
            )
    return problems


def pattern_group(pattern: str) -> str:
    """The group a movement pattern belongs to, such as ``push`` for ``vertical_push``."""
    term = VOCABULARY.terms["patterns"].get(pattern)
    return str(term.attributes.get("group", pattern)) if term else pattern


def groups_covered(
    catalogue: Catalogue,
    equipment_sets: Mapping[str, frozenset[str]] = STANDARD_EQUIPMENT_SETS,
) -> list[Problem]:
    """With each common equipment set, every required pattern group has an exercise."""
    problems = []
    for set_name, equipment in equipment_sets.items():
        have = ALWAYS_AVAILABLE | equipment
        groups = {pattern_group(e.pattern) for e in catalogue.values() if set(e.equipment) <= have}
        for group in REQUIRED_GROUPS:
            if group not in groups:
                problems.append(
                    Problem("coverage", f"no {group.replace('_', ' ')} exercise with {set_name}")
                )
    return problems


def hip_thrust_family_consistent(catalogue: Catalogue) -> list[Problem]:
    """Hip-thrust-family members are compound moves led by the gluteus maximus."""
    problems = []
    for exercise in catalogue.values():
        if exercise.pattern != HIP_THRUST_PATTERN:
            continue
        if not exercise.is_compound:
            problems.append(
                Problem("hip-thrust", "hip-thrust family must be compound", exercise.id)
            )
        if "gluteus_maximus" not in exercise.primary_muscles:
            problems.append(
                Problem("hip-thrust", "gluteus_maximus must be a primary muscle", exercise.id)
            )
    return problems


def guides_complete(catalogue: Catalogue, *, curated_only: bool = True) -> list[Problem]:
    """Each exercise has 3-6 steps, 2-4 cues and 2-4 mistakes.

    Imported records keep their source's instructions and may lack cues and mistakes, so
    with ``curated_only`` (the default) only records whose source is ``thrustplan`` are
    held to the full guide; every record still needs at least one step.
    """
    problems = []
    for exercise in catalogue.values():
        if curated_only and exercise.source != "thrustplan":
            if not exercise.steps:
                problems.append(Problem("guide", "has no steps", exercise.id))
            continue
        for field_name, (fewest, most) in GUIDE_LENGTHS.items():
            count = len(getattr(exercise, field_name))
            if not fewest <= count <= most:
                problems.append(
                    Problem(
                        "guide", f"has {count} {field_name}, expected {fewest}-{most}", exercise.id
                    )
                )
    return problems


#: Every check run on a whole catalogue, in the order their problems are reported.
CATALOGUE_CHECKS: tuple[Callable[[Catalogue], list[Problem]], ...] = (
    links_resolve,
    progressions_consistent,
    progressions_acyclic,
    vocabulary_defined,
    hip_thrust_family_consistent,
    guides_complete,
    groups_covered,
)


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Run every catalogue check; an empty list means the catalogue is fit to plan from."""
    return [problem for check in CATALOGUE_CHECKS for problem in check(catalogue)]
