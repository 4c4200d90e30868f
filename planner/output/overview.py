"""The overview and guide pages' view model: the weekly template, the phases, the charts'
data and the exercise guide, all worded as printed."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.planner.output.charts import LiftSeries, VolumeRow
from thrustplan.planner.output.week_view import DAY_NAMES
from thrustplan.rules.prescription import is_main_lift
from thrustplan.rules.profile import Weekday
from thrustplan.rules.program import ExerciseEntry, Program, Week
from thrustplan.rules.volume import MAX_WEEKLY_SETS, ceiling_sets, weekly_sets


@dataclass(frozen=True)
class GridCell:
    label: str
    name: str
    detail: str


@dataclass(frozen=True)
class TemplateGrid:
    """The weekly template of one or more phases: days across, exercises down."""

    title: str
    days: tuple[tuple[str, str], ...]
    rows: tuple[tuple[GridCell | None, ...], ...]


@dataclass(frozen=True)
class PhaseCell:
    label: str
    span: int


@dataclass(frozen=True)
class TimelineRow:
    weeks: tuple[Week, ...]
    phases: tuple[PhaseCell, ...]


@dataclass(frozen=True)
class LiftView:
    """One main lift's small chart, with its caption."""

    name: str
    change: str
    svg: Markup


@dataclass(frozen=True)
class GuideEntry:
    id: str
    name: str
    found: bool
    primary: str = ""
    secondary: str = ""
    equipment: str = ""
    used: str = ""
    #: Why the plan chose it: the reason given where it first appears.
    why: str = ""
    steps: tuple[str, ...] = ()
    #: The cues and the mistakes each as one run of sentences, after their heading.
    cues: str = ""
    mistakes: str = ""
    #: "Easier: ... · Harder: ...", or either alone.
    variations: str = ""


@dataclass(frozen=True)
class Detail:
    label: str
    value: str


def _phase_label(week: Week) -> str:
    return f"Phase {week.phase}" + (f": {week.phase_name}" if week.phase_name else "")


def _reference_weeks(program: Program) -> dict[int, Week]:
    """The first build week of each phase (its first week if the phase is all deload)."""
    reference: dict[int, Week] = {}
    for week in program.weeks:
        if week.phase not in reference or (reference[week.phase].deload and not week.deload):
            reference[week.phase] = week
    return dict(sorted(reference.items()))


def _phase_span(program: Program, phases: Sequence[int]) -> str:
    weeks = [w.number for w in program.weeks if w.phase in phases]
    return f"weeks {min(weeks)}–{max(weeks)}" if len(weeks) > 1 else f"week {weeks[0]}"


def template_grid(program: Program) -> TemplateGrid | None:
    """The first phase's week as a grid: days across, exercises down."""
    reference = _reference_weeks(program)
    if not reference:
        return None
    phase, week = next(iter(reference.items()))
    title = (
        f"Every week ({_phase_span(program, list(reference))})"
        if len(reference) == 1
        else f"{_phase_label(week)} ({_phase_span(program, [phase])})"
    )
    depth = max((len(s.exercises) for s in week.sessions), default=0)
    rows = []
    for index in range(depth):
        cells: list[GridCell | None] = []
        for session in week.sessions:
            if index < len(session.exercises):
                entry = session.exercises[index]
                unit = " s" if entry.timed else ""
                reps = (
                    f"{entry.reps_min}–{entry.reps_max}"
                    if entry.reps_min != entry.reps_max
                    else str(entry.reps_min)
                )
                cells.append(GridCell(entry.label, entry.name, f"{entry.sets} × {reps}{unit}"))
            else:
                cells.append(None)
        rows.append(tuple(cells))
    days = tuple((DAY_NAMES[s.day], s.focus) for s in week.sessions)
    return TemplateGrid(title, days, tuple(rows))


#: Swaps listed by name for a phase; more are counted instead.
MAX_LISTED_SWAPS = 6


def phase_changes(program: Program) -> list[Detail]:
    """What each later phase swaps, against the phase before it, one line per swap.

    Printing each phase as a full grid would let the overview run to a second page; the
    swaps say the same in a few lines (the week pages carry every detail).
    """
    reference = list(_reference_weeks(program).items())
    changes = []
    for (_, before), (phase, week) in itertools.pairwise(reference):
        swaps = []
        old_sessions = {s.day: s for s in before.sessions}
        for session in week.sessions:
            old = old_sessions.get(session.day)
            old_entries = {e.label: e for e in old.exercises} if old else {}
            for entry in session.exercises:
                was = old_entries.get(entry.label)
                if was is None:
                    swaps.append(f"{DAY_NAMES[session.day]} {entry.label}: {entry.name} (new)")
                elif was.exercise_id != entry.exercise_id:
                    swaps.append(
                        f"{DAY_NAMES[session.day]} {entry.label}: {entry.name} replaces {was.name}"
                    )
        label = f"{_phase_label(week)} ({_phase_span(program, [phase])})"
        total = sum(len(s.exercises) for s in week.sessions)
        if {s.day for s in week.sessions} != set(old_sessions):
            text = "the training days change; the week pages show the sessions"
        elif len(swaps) > MAX_LISTED_SWAPS:
            # A long list would push the overview onto a second page and move every week.
            text = f"{len(swaps)} of {total} exercises change; the week pages show them"
        else:
            text = "; ".join(swaps) if swaps else "no exercise changes"
        changes.append(Detail(label, text))
    return changes


def timeline(program: Program, per_row: int = 13) -> list[TimelineRow]:
    """The weeks in rows of ``per_row``, each row with its phases spanning their weeks."""
    rows = []
    for start in range(0, len(program.weeks), per_row):
        weeks = tuple(program.weeks[start : start + per_row])
        phases: list[PhaseCell] = []
        for week in weeks:
            label = _phase_label(week)
            if phases and phases[-1].label == label:
                phases[-1] = PhaseCell(label, phases[-1].span + 1)
            else:
                phases.append(PhaseCell(label, 1))
        rows.append(TimelineRow(weeks, tuple(phases)))
    return rows


def _muscle_name(muscle: str) -> str:
    return VOCABULARY.name("muscles", muscle)


def _uncounted(program: Program, catalogue: Catalogue) -> dict[str, float]:
    """Per muscle, the sets of the first build week that the weekly ceiling does not count:
    in a glute programme, half the glute sets of its squats, lunges and hinges
    (``rules.volume.ceiling_half_sets``)."""
    build = next((w for w in program.weeks if not w.deload), None)
    if build is None:
        return {}
    work = [
        (exercise, e.sets)
        for s in build.sessions
        for e in s.exercises
        if (exercise := catalogue.get(e.exercise_id)) is not None
    ]
    full, counted = weekly_sets(work), ceiling_sets(work, program.profile.goal)
    return {m: full[m] - counted.get(m, 0.0) for m in full if full[m] > counted.get(m, 0.0)}


def volume_rows(program: Program, catalogue: Catalogue) -> list[VolumeRow]:
    """Each trained muscle's planned weekly sets against its target, largest target first.
    The band ends at the level's ceiling, reaching further by the sets the ceiling does not
    count (:func:`_uncounted`), so that the bar and the band count sets alike."""
    ceiling = MAX_WEEKLY_SETS[program.profile.level]
    uncounted = _uncounted(program, catalogue)
    muscles = list(program.weekly_targets)
    muscles += [m for m, sets in program.weekly_sets.items() if m not in muscles and sets >= 1]
    rows = [
        VolumeRow(
            label=_muscle_name(m),
            planned=program.weekly_sets.get(m, 0.0),
            target=program.weekly_targets.get(m, 0),
            ceiling=ceiling + uncounted.get(m, 0.0),
        )
        for m in muscles
    ]
    return sorted(rows, key=lambda r: (-r.target, -r.planned, r.label))


def main_lifts(program: Program, catalogue: Catalogue, limit: int = 6) -> list[LiftSeries]:
    """The main lifts' load in each week (their heaviest that week); reps if unloaded."""
    order: list[str] = []
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                exercise = catalogue.get(entry.exercise_id)
                main = is_main_lift(exercise) if exercise else entry.plates is not None
                if main and entry.exercise_id not in order:
                    order.append(entry.exercise_id)
    series = []
    for exercise_id in order[:limit]:
        entries_by_week = [
            [e for s in w.sessions for e in s.exercises if e.exercise_id == exercise_id]
            for w in program.weeks
        ]
        loaded = any(e.load is not None for entries in entries_by_week for e in entries)
        values: list[float | None] = []
        name, unit = exercise_id, program.profile.units.value
        for entries in entries_by_week:
            if not entries:
                values.append(None)
                continue
            name = entries[0].name
            if loaded:
                loads = [e.load for e in entries if e.load is not None]
                values.append(max(loads) if loads else None)
                unit = entries[0].load_unit.value if entries[0].load_unit else unit
            else:
                values.append(float(max(e.target_reps for e in entries)))
                unit = "s" if entries[0].timed else "reps"
        series.append(LiftSeries(name, unit, tuple(values)))
    return series


def _names(ids: Iterable[str], catalogue: Catalogue) -> str:
    return ", ".join(
        catalogue[i].name if i in catalogue else i.replace("_", " ").capitalize() for i in ids
    )


def sentences(phrases: Iterable[str]) -> str:
    """Phrases run together as sentences, each ending with a full stop unless it has one.

    >>> sentences(["Hips square", "Slow down on the way down."])
    'Hips square. Slow down on the way down.'
    """
    texts = (phrase.strip() for phrase in phrases)
    return " ".join(t if t.endswith((".", "!", "?")) else f"{t}." for t in texts if t)


def _why(entry: ExerciseEntry) -> str:
    """An entry's reason without the exercise's name in front: the guide heads it already."""
    name, colon, rest = entry.reason.partition(": ")
    return rest if colon and name == entry.name else entry.reason


def guide(program: Program, catalogue: Catalogue) -> list[GuideEntry]:
    """Every exercise of the programme, in order of first appearance."""
    used: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                days = used.setdefault(entry.exercise_id, [])
                day = DAY_NAMES[session.day][:3]
                if day not in days:
                    days.append(day)
                names.setdefault(entry.exercise_id, entry.name)
                reasons.setdefault(entry.exercise_id, _why(entry))
    weekday_order = [DAY_NAMES[d][:3] for d in Weekday]
    entries = []
    for exercise_id, days in used.items():
        days.sort(key=weekday_order.index)
        exercise = catalogue.get(exercise_id)
        if exercise is None:
            entries.append(
                GuideEntry(
                    exercise_id,
                    names[exercise_id],
                    False,
                    used=", ".join(days),
                    why=reasons[exercise_id],
                )
            )
            continue
        entries.append(
            GuideEntry(
                id=exercise_id,
                name=exercise.name,
                found=True,
                primary=", ".join(_muscle_name(m) for m in exercise.primary_muscles),
                secondary=", ".join(_muscle_name(m) for m in exercise.secondary_muscles),
                equipment=", ".join(VOCABULARY.name("equipment", e) for e in exercise.equipment),
                used=", ".join(days),
                why=reasons[exercise_id],
                steps=exercise.steps,
                cues=sentences(exercise.cues),
                mistakes=sentences(exercise.mistakes),
                variations=" · ".join(
                    f"{label}: {_names(ids, catalogue)}"
                    for label, ids in (("Easier", exercise.easier), ("Harder", exercise.harder))
                    if ids
                ),
            )
        )
    return entries
