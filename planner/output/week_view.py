"""The week pages' view model: each session's rows worded as printed, and measured.

A :class:`Row` holds an exercise's cells as the templates print them (multi-line cells
hold a newline) and the height it will take, measured with the font's own widths, so
that :mod:`.pages` can pack the sessions onto pages before WeasyPrint runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.planner.output.charts import number
from thrustplan.planner.output.exports import session_date
from thrustplan.planner.output.paper import (
    CELL_PAD_MM,
    COLUMNS,
    LINE_MM,
    MEASURE,
    NAME_LINE_MM,
    ROW_MIN_MM,
    ROW_PAD_MM,
    SESSION_MM,
    SUB_LINE_MM,
    Paper,
)
from thrustplan.rules.profile import Weekday
from thrustplan.rules.program import ExerciseEntry, Program, Session, Week
from thrustplan.rules.strength import implements_held

DAY_NAMES = {
    Weekday.MON: "Monday",
    Weekday.TUE: "Tuesday",
    Weekday.WED: "Wednesday",
    Weekday.THU: "Thursday",
    Weekday.FRI: "Friday",
    Weekday.SAT: "Saturday",
    Weekday.SUN: "Sunday",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Notes longer than this print once under the table, keyed by a letter, so that rows
#: stay two lines high and an instruction repeated on many rows prints once.
INLINE_NOTE_CHARS = 30


@dataclass(frozen=True)
class Row:
    """One printed exercise row of a session table; multi-line cells hold a newline."""

    label: str
    superset: bool
    name: str
    #: The short part of the notes, printed under the name.
    note: str
    #: The long part of the notes, printed once under the table and keyed by a letter.
    keyed: str
    sets: int
    #: "4 × 10", then the rep range, the RIR and the rest on a second line.
    prescription: str
    #: "82.5 kg", then the plates or what the load is on, on a second line.
    load: str
    height: float


@dataclass(frozen=True)
class SessionView:
    title: str
    focus: str
    minutes: int
    rows: tuple[Row, ...]
    #: The general warm-up before any set, for this day's focus.
    warm_up: str = ""

    @property
    def height(self) -> float:
        return SESSION_MM + sum(row.height for row in self.rows)

    @property
    def keyed(self) -> list[str]:
        return [row.keyed for row in self.rows if row.keyed]


@dataclass(frozen=True)
class PageView:
    """The sessions printed on one page of a week, and the notes keyed under them."""

    sessions: tuple[SessionView, ...]
    notes: tuple[tuple[str, str], ...] = ()
    #: Printed under the first page's table: why this week's sessions end early.
    remark: str | None = None


@dataclass(frozen=True)
class WeekView:
    number: int
    deload: bool
    phase: int
    phase_name: str
    dates: str
    bookmark: str
    #: The printed pages of the week.
    pages: tuple[PageView, ...]


def format_date(day: dt.date, *, year: bool = False) -> str:
    """``3 Mar`` or ``3 Mar 2025``, the same whatever the host's locale.

    >>> format_date(dt.date(2025, 3, 3), year=True)
    '3 Mar 2025'
    """
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def format_rest(seconds: int) -> str:
    """Rest as minutes and seconds.

    >>> format_rest(90), format_rest(120), format_rest(45)
    ('1:30', '2:00', '0:45')
    """
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_plates(entry: ExerciseEntry) -> str:
    """The plate breakdown of a barbell load, per side, with the bar.

    >>> from thrustplan.rules.program import PlateLoad
    >>> entry = ExerciseEntry(order=1, label="1", exercise_id="back_squat", name="Squat",
    ...     sets=3, reps_min=5, reps_max=8, target_reps=5, load=85, load_unit="kg",
    ...     plates=PlateLoad(bar=20, per_side=[25, 5, 2.5]), rest_seconds=120, rir=2)
    >>> format_plates(entry)
    'bar 20 + 25·5·2.5 a side'
    """
    if entry.plates is None:
        return ""
    if not entry.plates.per_side:
        return f"empty bar ({number(entry.plates.bar)})"
    plates = "·".join(number(p) for p in entry.plates.per_side)
    return f"bar {number(entry.plates.bar)} + {plates} a side"


def _load_text(
    entry: ExerciseEntry, exercise: Exercise | None, units: str, width: float
) -> tuple[str, str]:
    """The load as printed, and the line under it (plates, or what the load is on), for
    a column ``width`` millimetres wide."""
    if entry.load is not None:
        unit = entry.load_unit.value if entry.load_unit else units
        main = f"{number(entry.load)} {unit}"
        if entry.plates is not None:
            return main, format_plates(entry)
        if entry.load_per in ("dumbbell", "kettlebell") and exercise is not None:
            # One held in both hands or between the feet is not "each": a client reading
            # "each dumbbell" on a sumo squat would lift twice the load.
            count = "one" if implements_held(exercise) == 1 else "each"
            return main, f"{count} {entry.load_per}"
        return main, "each side" if entry.load_per == "side" else ""
    if entry.band:
        # A colour too long for the bold line prints small under the word, wrapped.
        if MEASURE.width(f"{entry.band} band", 8, bold=True) > width:
            return "band", entry.band
        return f"{entry.band} band", ""
    if exercise is not None and exercise.load_kind.external:
        # The RIR beside the reps says how heavy: the load that leaves that many in reserve.
        return "pick a load", ""
    return "bodyweight", ""


def split_note(notes: str, limit: int = INLINE_NOTE_CHARS) -> tuple[str, str]:
    """Split notes into a short part for the row and the rest, clause by clause.

    >>> split_note("pause 1 s at the top; starting load from your hip thrust x 0.4")
    ('pause 1 s at the top', 'starting load from your hip thrust x 0.4')
    >>> split_note("lower for 3 s")
    ('lower for 3 s', '')
    """
    clauses = [clause.strip() for clause in notes.split(";") if clause.strip()]
    inline: list[str] = []
    used = 0
    for index, clause in enumerate(clauses):
        used += len(clause) + (2 if inline else 0)
        if used > limit:
            return "; ".join(inline), "; ".join(clauses[index:])
        inline.append(clause)
    return "; ".join(inline), ""


def row_view(
    entry: ExerciseEntry, exercise: Exercise | None, units: str, next_label: str, width: float
) -> Row:
    """``entry`` worded as its table row prints, with the height the row takes on a page
    whose printable width is ``width`` millimetres; ``next_label`` is the superset partner
    a row without rest points to."""
    load_width = COLUMNS["load"] * width - CELL_PAD_MM
    load, load_detail = _load_text(entry, exercise, units, load_width)
    unit = " s" if entry.timed else ""
    if entry.superset and entry.rest_seconds == 0 and next_label:
        rest = f"→ {next_label}"
    else:
        rest = f"rest {format_rest(entry.rest_seconds)}" if entry.rest_seconds else "no rest"
    reps = f"{entry.reps_min}–{entry.reps_max}" if entry.reps_min != entry.reps_max else ""
    reps = f"{reps}{unit}, " if reps else ""
    # The rest shares the line under the sets and reps: a column of its own costs about
    # a twentieth of the render, as WeasyPrint's time grows with cells, not with text.
    # A hold has no reps to leave in reserve: it ends while the form is still good.
    effort = "in good form" if entry.timed else f"RIR {entry.rir}"
    detail = f"{reps}{effort}, {rest}"
    prescription = f"{entry.sets} × {entry.target_reps}{unit}\n{detail}"
    note, keyed = split_note(entry.notes)
    # The note line as it will print, with a stand-in for the key letter.
    shown = " · ".join(part for part in (note, "see note a" if keyed else "") if part)
    name_width = COLUMNS["exercise"] * width - CELL_PAD_MM
    name_lines = MEASURE.lines(f"{entry.label}\u2002{entry.name}", name_width, 8, bold=True)
    name_lines += MEASURE.lines(shown, name_width, 6.5)
    load_height = LINE_MM + MEASURE.lines(load_detail, load_width, 6.5) * SUB_LINE_MM
    rx_width = COLUMNS["prescription"] * width - CELL_PAD_MM
    rx_height = LINE_MM + MEASURE.lines(detail, rx_width, 6.5) * SUB_LINE_MM
    return Row(
        label=entry.label,
        superset=entry.superset is not None,
        name=entry.name,
        note=note,
        keyed=keyed,
        sets=entry.sets,
        prescription=prescription,
        load=f"{load}\n{load_detail}" if load_detail else load,
        height=max(
            ROW_MIN_MM,
            name_lines * NAME_LINE_MM + ROW_PAD_MM,
            load_height + ROW_PAD_MM,
            rx_height + ROW_PAD_MM,
        ),
    )


def session_view(
    program: Program, week: Week, session: Session, catalogue: Catalogue, paper: Paper
) -> SessionView:
    """``session`` of ``week`` as printed: its day and date, focus, length and rows."""
    units = program.profile.units.value
    rows = []
    for index, entry in enumerate(session.exercises):
        following = session.exercises[index + 1] if index + 1 < len(session.exercises) else None
        next_label = (
            following.label
            if following is not None and entry.superset and following.superset == entry.superset
            else ""
        )
        exercise = catalogue.get(entry.exercise_id)
        rows.append(row_view(entry, exercise, units, next_label, paper.content_width))
    date = session_date(program, week, session)
    title = DAY_NAMES[session.day] + (f" {format_date(date)}" if date else "")
    warm_up = session.warm_up or "warm up 5 min: easy cardio, then dynamic moves"
    return SessionView(title, session.focus, session.estimated_minutes, tuple(rows), warm_up)
