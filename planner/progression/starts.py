"""Where each lift starts: a log or another app's history, the client's rep-max, a
sibling's through a transfer ratio, or a conservative estimate from body weight.

There is no rep-max test any more (``docs/progression.md``, "Starting loads without a
max"): every loaded lift has an estimated maximum from week 1, so every week prints a
load. An estimate from body weight starts a reserve rep lighter and says what to do if
it feels easier or harder; an intermediate's first main lift may be worked up to once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, ExerciseId, Level
from thrustplan.planner.progression.loads import KG_PER_LB
from thrustplan.rules.bodyweight import UPPER_BODY_PATTERNS
from thrustplan.rules.populations import limitation_rep_ceiling
from thrustplan.rules.prescription import Prescription
from thrustplan.rules.profile import ClientProfile, Units
from thrustplan.rules.standards import (
    DEFAULT_BODYWEIGHT_KG,
    SAME_PLANE,
    cross_lift_ratio,
    standard_max,
)
from thrustplan.rules.strength import MAX_TRUSTED_REPS, max_from_set, transfer_ratio


@dataclass(frozen=True)
class LiftStart:
    """A loaded lift's start from what the client lifted (a log, another app's history):
    an estimated max, the note that says where it came from, and the heaviest load with
    which every target rep was met at 1 or more in reserve (never started below)."""

    one_rep_max: float
    note: str
    floor: float | None = None


@dataclass(frozen=True)
class RepStart:
    """An unloaded lift's start from a log: the reps (or seconds) last done, carried on,
    and for band work the band they were done with."""

    reps: int
    note: str
    band: str | None = None


StartFrom = LiftStart | RepStart


@dataclass(frozen=True)
class Start:
    """Where a loaded lift starts: its estimated max and why, a load it may not go below,
    whether the max is a body-weight estimate (a lighter first week, and a line on what to
    do if it feels easier or harder), and whether week 1 works up to a single set."""

    one_rep_max: float
    note: str = ""
    floor: float | None = None
    estimated: bool = False
    work_up: bool = False
    #: No lift of the client's says what this one takes: week 1 finds the load.
    find_load: bool = False


def _fmt(value: float) -> str:
    return f"{value:g}"


def ratio_suffix(ratio: float) -> str:
    """A transfer ratio as a note prints it: nothing for one, two figures otherwise.

    >>> ratio_suffix(1.0), ratio_suffix(0.4), ratio_suffix(0.3968)
    ('', ' x 0.4', ' x 0.4')
    """
    return "" if ratio == 1 else f" x {ratio:.2g}"


def bodyweight_of(profile: ClientProfile) -> tuple[float, bool]:
    """The client's body weight in the profile's units, and whether it was given (else the
    standards' reference weight stands in)."""
    if profile.bodyweight is not None:
        return profile.bodyweight, True
    kg = DEFAULT_BODYWEIGHT_KG
    return (kg if profile.units is Units.KG else kg / KG_PER_LB), False


def _from_rep_maxes(
    exercise: Exercise, profile: ClientProfile, catalogue: Catalogue
) -> Start | None:
    unit = profile.units.value
    own = profile.rep_maxes.get(exercise.id)
    if own is not None:
        estimate = max_from_set(own.weight, own.reps)
        rough = "" if own.reps <= MAX_TRUSTED_REPS else ", a rough guess past 10 reps"
        return Start(
            one_rep_max=estimate,
            note=f"load from your {_fmt(own.weight)} {unit} x {own.reps} "
            f"(max about {estimate:.0f} {unit}{rough})",
        )
    for source_id, rep_max in sorted(profile.rep_maxes.items()):
        source = catalogue.get(source_id)
        ratio = transfer_ratio(source, exercise) if source is not None else None
        if source is not None and ratio is not None and rep_max.reps <= MAX_TRUSTED_REPS:
            return Start(
                one_rep_max=max_from_set(rep_max.weight, rep_max.reps) * ratio,
                note=f"load from your {source.name.lower()} "
                f"({_fmt(rep_max.weight)} {unit} x {rep_max.reps}){ratio_suffix(ratio)}",
            )
    return None


def _from_log(
    exercise: Exercise, catalogue: Catalogue, starts: Mapping[ExerciseId, StartFrom]
) -> Start | None:
    logged = starts.get(exercise.id)
    if isinstance(logged, LiftStart):
        return Start(logged.one_rep_max, logged.note, logged.floor)
    for source_id, start in sorted(starts.items()):
        source = catalogue.get(source_id)
        if not isinstance(start, LiftStart) or source is None:
            continue
        ratio = transfer_ratio(source, exercise)
        if ratio is not None:
            return Start(
                start.one_rep_max * ratio,
                f"load handed on from your {source.name.lower()} (max about "
                f"{start.one_rep_max:.0f}){ratio_suffix(ratio)}",
            )
    return None


class _KnownMax(NamedTuple):
    """A lift of the client's with a trustworthy max, and how a note names it."""

    exercise: Exercise
    one_rep_max: float
    label: str


def _known_maxes(
    profile: ClientProfile, catalogue: Catalogue, starts: Mapping[ExerciseId, StartFrom]
) -> list[_KnownMax]:
    """The client's lifts with a trustworthy max, from a log or a rep max."""
    unit = profile.units.value
    known: list[_KnownMax] = []
    for source_id, start in sorted(starts.items()):
        source = catalogue.get(source_id)
        if isinstance(start, LiftStart) and source is not None:
            known.append(_KnownMax(source, start.one_rep_max, f"logged {source.name.lower()}"))
    for source_id, rep_max in sorted(profile.rep_maxes.items()):
        source = catalogue.get(source_id)
        if source is not None and rep_max.reps <= MAX_TRUSTED_REPS:
            label = f"{source.name.lower()} ({_fmt(rep_max.weight)} {unit} x {rep_max.reps})"
            known.append(_KnownMax(source, max_from_set(rep_max.weight, rep_max.reps), label))
    return known


def _from_other_lifts(exercise: Exercise, known: list[_KnownMax], level: Level) -> Start | None:
    """An estimate from the client's ``known`` lifts of other patterns in the same half of
    the body (``rules.standards.cross_lift_ratio``), the lowest of them: an advanced
    lifter's B-stance thrust from their squat, their cable row from their bench press.
    A known lift of the same plane (``rules.standards.SAME_PLANE``) is the only witness
    when there is one, so a row is not held down by a weak overhead press. Still a guess,
    so it starts a reserve rep lighter and says what to do about it."""
    plane = [k for k in known if SAME_PLANE.get(k.exercise.pattern) == exercise.pattern]
    best: Start | None = None
    for source, one_rep_max, label in plane or known:
        ratio = cross_lift_ratio(source, exercise, level)
        if ratio is None or (best is not None and one_rep_max * ratio >= best.one_rep_max):
            continue
        best = Start(
            one_rep_max=one_rep_max * ratio,
            # The ratio is a blend of standards, not a number the client can use.
            note=f"load estimated from your {label}",
            estimated=True,
        )
    return best


def resolve_start(
    exercise: Exercise,
    profile: ClientProfile,
    catalogue: Catalogue,
    starts: Mapping[ExerciseId, StartFrom],
) -> Start:
    """Where loaded ``exercise`` starts: what the client lifted (``starts``, from a log or
    history: its own, else a sibling's through a transfer ratio), their own rep-max, a
    sibling's rep-max through a transfer ratio, an estimate from their other lifts of the
    same half of the body, else a conservative estimate from body weight and level (the
    standards' reference weight when none is given).

    Isolation work estimated from body weight alone has no lift of the client's behind
    it (a body-weight ratio for a cable fly or a lateral raise is a guess twice over), nor
    has a trained client's compound, barbell lifts included, so their first week finds the
    load instead (``find_load``), starting from the estimate.
    """
    found = (
        _from_log(exercise, catalogue, starts)
        or _from_rep_maxes(exercise, profile, catalogue)
        or _from_other_lifts(exercise, _known_maxes(profile, catalogue, starts), profile.level)
    )
    if found is not None:
        return found
    bodyweight, given = bodyweight_of(profile)
    whose = "your body weight" if given else f"a body weight of {_fmt(round(bodyweight))}"
    return Start(
        one_rep_max=standard_max(exercise, bodyweight, profile.level),
        note=f"load estimated from {whose} and level",
        estimated=True,
        # A beginner starts light on purpose; a trained client knows how to find a load,
        # and a standard one rung below their level can be half of it (an advanced
        # lifter's deadlift at 0.65 of body weight for ten): "add a step next session"
        # would take weeks to close that.
        find_load=not exercise.is_compound or profile.level is not Level.BEGINNER,
    )


def estimate_note(rir: int) -> str:
    """What to do when an estimated first load feels easier or harder than it should.

    >>> estimate_note(3)
    'if every set leaves more than 5 in reserve, add a step next session; if fewer than 2, drop one'
    """
    return (
        f"if every set leaves more than {rir + 2} in reserve, add a step next session; "
        f"if fewer than {max(rir - 1, 1)}, drop one"
    )


def find_load_note(
    reps: int, load: float, unit: str, timed: bool = False, *, week: int = 1, rir: int = 3
) -> str:
    """The first week (``week``) of a lift nothing of the client's gives a load for: find
    one, then log it. The reserve asked for is 2-3, or the week's ``rir`` and one fewer
    where the week leaves more (the bottom reps of a held load's climb): a load found
    with less in reserve would leave the climb no room to reach the top of the range.

    >>> find_load_note(15, 10, "kg")
    'week 1: find a load you can lift for 15 reps with 2-3 in reserve, starting near 10 kg; log it'
    >>> find_load_note(45, 16, "kg", timed=True, week=5)
    'week 5: find a load you can hold for 45 s with 2-3 in reserve, starting near 16 kg; log it'
    >>> find_load_note(8, 12, "kg", rir=4)[:58]
    'week 1: find a load you can lift for 8 reps with 3-4 in re'
    """
    effort = f"hold for {reps} s" if timed else f"lift for {reps} reps"
    return (
        f"week {week}: find a load you can {effort} with {max(rir - 1, 2)}-{max(rir, 3)} in "
        f"reserve, starting near {_fmt(load)} {unit}; log it"
    )


def work_up_note(reps: int, load: float, unit: str, *, week: int = 1) -> str:
    """The one submaximal work-up an intermediate's main lift may get in its first week.

    >>> work_up_note(8, 60, "kg")
    'week 1: work up to one set of 8 at RIR 2 (about 60 kg), then the sets below; log it'
    """
    return (
        f"week {week}: work up to one set of {reps} at RIR 2 (about {_fmt(load)} {unit}), "
        "then the sets below; log it"
    )


def found_load_note(week: int, *, ratio: float = 1.0, step: float = 0.0, unit: str = "") -> str:
    """A later week of a lift whose load week ``week`` found: the printed load rests on an
    estimate, so the note says how this week's load stands to the one found.

    A trained client's max grows by a share, so the load stands to the found one as a
    share (``ratio`` of it), to the nearest 5 %, whatever load was found; a beginner's
    grows by a step of load, so it stands as a ``step`` in ``unit``, to the nearest half.

    >>> found_load_note(1, ratio=1.08), found_load_note(1, ratio=0.9), found_load_note(5)
    ("or week 1's load + 10 %", "or week 1's load - 10 %", "or week 5's load")
    >>> found_load_note(1, step=7.4, unit="kg"), found_load_note(1, step=-0.2, unit="lb")
    ("or week 1's load + 7.5 kg", "or week 1's load")
    """
    here = f"or week {week}'s load"
    if step:
        half = round(step * 2) / 2
        return f"{here} {'+' if half > 0 else '-'} {abs(half):g} {unit}" if half else here
    percent = round((ratio - 1) * 20) * 5
    return f"{here} {'+' if percent > 0 else '-'} {abs(percent)} %" if percent else here


#: How far a block may carry unloaded reps (or seconds) past the last ones done.
CARRY_REPS, CARRY_SECONDS = 4, 15
#: The most reps or seconds a carried-forward set climbs to.
MOST_REPS, MOST_SECONDS = 30, 90


def carried(
    prescription: Prescription, exercise: Exercise, done: int, limitations: list[str]
) -> Prescription:
    """The prescription of unloaded ``exercise`` starting from ``done`` reps (or seconds)
    last block: the range starts there and climbs a little past it, never above the
    rep ceilings of unloaded upper-body work, of the catalogue's own range (a Nordic
    curl's) or of the client's limitations.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> plank = Prescription(20, 45, 45, 2, timed=True)
    >>> p = carried(plank, c["plank"], 45, [])
    >>> p.reps_min, p.reps_max
    (45, 60)
    >>> p = carried(Prescription(10, 20, 45, 2), c["fire_hydrant"], 20, [])
    >>> p.reps_min, p.reps_max
    (20, 24)
    >>> p = carried(Prescription(10, 20, 45, 2), c["push_up"], 20, [])
    >>> p.reps_min, p.reps_max
    (20, 20)
    """
    if prescription.timed:
        high = max(prescription.reps_max, min(done + CARRY_SECONDS, MOST_SECONDS))
    elif exercise.pattern in UPPER_BODY_PATTERNS or exercise.reps is not None:
        high = prescription.reps_max
    else:
        high = max(prescription.reps_max, min(done + CARRY_REPS, MOST_REPS))
        ceiling = limitation_rep_ceiling(exercise, limitations)
        high = min(high, ceiling) if ceiling is not None else high
    low = min(max(prescription.reps_min, done), high)
    return replace(prescription, reps_min=low, reps_max=high)
