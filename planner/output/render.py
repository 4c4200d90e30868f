"""Print a programme: a PDF (WeasyPrint) or a screen page (HTML) from ``templates/``.

One :class:`Renderer` per process holds what is costly to set up (the Jinja environment,
the fonts and the compiled stylesheets) and renders any number of programmes::

    renderer = Renderer(paper="letter")
    result = renderer.render(program, catalogue, target=Path("plan.pdf"))
    result.pages        # page count, for reports and batch statistics
    result.bookmarks    # (label, first page) of the cover, overview, weeks and guide

:meth:`Renderer.render_pdf` returns just the bytes. Nothing is fetched from outside the
package: the URL fetcher serves the package's own template files, the one logo file
named in ``profile.trainer.logo`` and ``data:`` URIs, and refuses anything else with a
:class:`RenderError`. All text is HTML-escaped, so a client name or a note that looks
like markup prints as written.

The week pages are planned here, not left to chance: sessions are packed onto pages
from their printed height, measured with the font's own widths (:func:`plan_week_pages`),
so a week of up to four sessions of six or seven exercises takes one page, and where
each week starts is known before WeasyPrint runs. The cover and the overview are one
page each whatever the names and phases; the guide follows the last week.

Speed: a render costs about what WeasyPrint needs for the same pages of plain tables
(``benchmarks/render.py``); its time grows with the cells, lines and blocks laid out,
hardly with the text in them. What makes that so is written where it is done: four
cells a row, plain text in table cells, one image cell for a row's set boxes, chart
labels as HTML, our own user-agent stylesheet, margin boxes of fixed width, the XML
parser for our own markup and no garbage collection while a document is being built.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gc
import itertools
import math
import mimetypes
import re
import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import jinja2
from markupsafe import Markup

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.planner.output.charts import (
    LiftSeries,
    VolumeRow,
    lift_change,
    lift_chart,
    number,
    volume_chart,
    volume_value,
)
from thrustplan.planner.output.exports import session_date
from thrustplan.planner.output.files import write_atomically
from thrustplan.rules.populations import Caution
from thrustplan.rules.prescription import is_main_lift
from thrustplan.rules.profile import Units, Weekday
from thrustplan.rules.program import ExerciseEntry, Program, Session, Week
from thrustplan.rules.volume import MAX_WEEKLY_SETS

TEMPLATE_DIR = Path(str(resources.files("thrustplan.templates")))
THEME_DIR = TEMPLATE_DIR / "themes"
_ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")

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


class RenderError(ValueError):
    """A programme that cannot be printed as asked; the message names the field and the fix."""


@dataclass(frozen=True)
class RenderResult:
    """A rendered PDF and what a caller may want to report about it."""

    pdf: bytes
    #: Number of pages in the PDF.
    pages: int
    #: Top-level bookmarks as (label, first page, 1-based), in document order.
    bookmarks: tuple[tuple[str, int], ...]


# --- paper --------------------------------------------------------------------------


@dataclass(frozen=True)
class Paper:
    """A paper size: its stylesheet and the printable area the week pages are packed to."""

    name: str
    stylesheet: str
    #: Page height less the top and bottom margins of ``base.css``, in millimetres.
    content_height: float
    #: Page width less the side margins, in millimetres.
    content_width: float


#: Margins in ``base.css``: 13 mm top (running header), 10 mm bottom (page numbers),
#: 12 mm each side.
_MARGINS = 13.0 + 10.0
PAPERS = {
    "a4": Paper("a4", "paper-a4.css", 297.0 - _MARGINS, 210.0 - 24.0),
    "letter": Paper("letter", "paper-letter.css", 279.4 - _MARGINS, 215.9 - 24.0),
}

# Printed sizes in millimetres of the parts of a week page, matching ``base.css`` and
# measured from laid-out pages (tests/test_render_layout.py checks every week starts on
# the page planned for it).
WEEK_HEAD_MM = 9.8
TABLE_HEAD_MM = 4.6
#: A session's heading row (with the gap above it) and its notes row.
SESSION_MM = 6.2 + 6.75
#: Columns of the session table as fractions of the width (the set boxes take the rest),
#: and the padding in a cell.
COLUMNS = {"exercise": 0.32, "prescription": 0.18, "load": 0.18}
_CELL_PAD_MM = 1.9
#: Line heights: an 8 pt line at line-height 1.05 (exercise cell), 1.15 (other cells),
#: and a 6.5 pt line at 1.15; a row adds padding and a rule.
_NAME_LINE_MM, _LINE_MM, _SUB_LINE_MM, _ROW_PAD_MM = 2.97, 3.25, 2.64, 0.95
ROW_MIN_MM = 2 * _NAME_LINE_MM + _ROW_PAD_MM
#: The page's notes under the table: a 7 pt line and the space above the block.
_PAGE_NOTE_LINE_MM, _PAGE_NOTE_PAD_MM = 2.97, 2.2
#: Keep a little room so rounding in the estimate never pushes a row onto a new page.
_SLACK_MM = 3.0
#: Notes longer than this print once under the table, keyed by a letter, so that rows
#: stay two lines high and an instruction repeated on many rows prints once.
INLINE_NOTE_CHARS = 30
_PT = 25.4 / 72


class TextMeasure:
    """How many lines a text takes in a column, from the advance widths of DejaVu Sans.

    The widths come from the font files fontconfig would pick (the same files WeasyPrint
    uses); without them, a generous average width stands in. Lines break at spaces only,
    so the count never falls short of what Pango lays out.
    """

    _FILES: ClassVar[dict[bool, Path]] = {
        False: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        True: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    }

    def __init__(self) -> None:
        self._advances: dict[bool, tuple[dict[int, float], float]] = {}

    def _table(self, bold: bool) -> tuple[dict[int, float], float]:
        if bold not in self._advances:
            self._advances[bold] = self._read(bold)
        return self._advances[bold]

    def _read(self, bold: bool) -> tuple[dict[int, float], float]:
        fallback = 0.66 if bold else 0.6
        path = self._FILES[bold]
        if not path.is_file():
            return {}, fallback
        try:
            from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

            font = TTFont(str(path), lazy=True)
            upem = float(font["head"].unitsPerEm)
            metrics = font["hmtx"].metrics
            advances = {
                code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()
            }
        except Exception:  # an unreadable font only makes the estimate coarser
            return {}, fallback
        return advances, fallback

    def width(self, text: str, size_pt: float, *, bold: bool = False) -> float:
        """Width of ``text`` set in one line, in millimetres."""
        advances, fallback = self._table(bold)
        ems = sum(advances.get(ord(char), fallback) for char in text)
        return ems * size_pt * _PT

    def lines(self, text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
        """Lines ``text`` takes in a column ``width_mm`` wide, breaking at spaces."""
        if not text:
            return 0
        space = self.width(" ", size_pt, bold=bold)
        count = 0
        for paragraph in text.split("\n"):
            count += 1
            used = 0.0
            for word in paragraph.split(" "):
                word_width = self.width(word, size_pt, bold=bold)
                if used and used + space + word_width > width_mm:
                    count += 1
                    used = word_width
                else:
                    used += (space if used else 0.0) + word_width
        return count


MEASURE = TextMeasure()


# --- view model ---------------------------------------------------------------------


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


@dataclass
class View:
    """Everything the templates print, already worded; the templates add no logic."""

    title: str
    author: str
    subject: str
    created: str
    client: str
    #: The client's name on the cover: "l", "m", "s" or "xs", so it takes two lines at most.
    client_size: str
    #: The names as the running header and footer print them, cut to fit beside the rest.
    client_short: str
    trainer: str | None
    trainer_short: str
    logo_url: str | None
    accent: str
    headline: str
    details: list[Detail]
    units: str
    max_sets: int
    grid: TemplateGrid | None
    #: Later phases: what each swaps against the one before.
    phase_changes: list[Detail]
    timeline: list[TimelineRow]
    volume_svg: Markup | None
    #: The chart's muscle names and values, one line per bar.
    volume_labels: str
    volume_values: str
    lifts: list[LiftView]
    weeks: list[WeekView]
    guide: list[GuideEntry]
    total_weeks: int
    #: Safety pages for the client's limitations (pregnancy warning signs and the like).
    cautions: list[Caution] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


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


def _load_text(entry: ExerciseEntry, exercise: Exercise | None, units: str) -> tuple[str, str]:
    """The load as printed, and the line under it (plates, or what the load is on)."""
    if entry.load is not None:
        unit = entry.load_unit.value if entry.load_unit else units
        main = f"{number(entry.load)} {unit}"
        if entry.plates is not None:
            return main, format_plates(entry)
        detail = {
            "dumbbell": "each dumbbell",
            "side": "each side",
        }.get(entry.load_per or "", "")
        return main, detail
    if entry.band:
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


def _row(
    entry: ExerciseEntry, exercise: Exercise | None, units: str, next_label: str, width: float
) -> Row:
    load, load_detail = _load_text(entry, exercise, units)
    unit = " s" if entry.timed else ""
    if entry.superset and entry.rest_seconds == 0 and next_label:
        rest = f"→ {next_label}"
    else:
        rest = f"rest {format_rest(entry.rest_seconds)}" if entry.rest_seconds else "no rest"
    reps = f"{entry.reps_min}–{entry.reps_max}" if entry.reps_min != entry.reps_max else ""
    reps = f"{reps}{unit}, " if reps else ""
    # The rest shares the line under the sets and reps: a column of its own costs about
    # a twentieth of the render, as WeasyPrint's time grows with cells, not with text.
    detail = f"{reps}RIR {entry.rir}, {rest}"
    prescription = f"{entry.sets} × {entry.target_reps}{unit}\n{detail}"
    note, keyed = split_note(entry.notes)
    # The note line as it will print, with a stand-in for the key letter.
    shown = " · ".join(part for part in (note, "see note a" if keyed else "") if part)
    name_width = COLUMNS["exercise"] * width - _CELL_PAD_MM
    name_lines = MEASURE.lines(f"{entry.label}\u2002{entry.name}", name_width, 8, bold=True)
    name_lines += MEASURE.lines(shown, name_width, 6.5)
    load_width = COLUMNS["load"] * width - _CELL_PAD_MM
    load_height = _LINE_MM + MEASURE.lines(load_detail, load_width, 6.5) * _SUB_LINE_MM
    rx_width = COLUMNS["prescription"] * width - _CELL_PAD_MM
    rx_height = _LINE_MM + MEASURE.lines(detail, rx_width, 6.5) * _SUB_LINE_MM
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
            name_lines * _NAME_LINE_MM + _ROW_PAD_MM,
            load_height + _ROW_PAD_MM,
            rx_height + _ROW_PAD_MM,
        ),
    )


def _session_view(
    program: Program, week: Week, session: Session, catalogue: Catalogue, paper: Paper
) -> SessionView:
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
        rows.append(_row(entry, exercise, units, next_label, paper.content_width))
    date = session_date(program, week, session)
    title = DAY_NAMES[session.day] + (f" {format_date(date)}" if date else "")
    return SessionView(title, session.focus, session.estimated_minutes, tuple(rows))


def _notes_height(notes: Iterable[str], width: float) -> float:
    distinct = list(dict.fromkeys(notes))
    if not distinct:
        return 0.0
    lines = sum(MEASURE.lines(f"Note aa: {note}", width - 3, 7) for note in distinct)
    return _PAGE_NOTE_PAD_MM + lines * _PAGE_NOTE_LINE_MM


def plan_week_pages(sessions: Sequence[SessionView], paper: Paper) -> tuple[PageView, ...]:
    """Pack a week's sessions, in order, onto as few pages as their heights allow.

    When a week needs more than one page, its sessions are spread evenly (five sessions
    print three and two, not four and one), never splitting a session. Each page lists
    the long notes of its rows once, under the table, keyed a, b, c...
    """
    if not sessions:
        return (PageView(()),)
    first_room = paper.content_height - WEEK_HEAD_MM - TABLE_HEAD_MM - _SLACK_MM
    later_room = paper.content_height - TABLE_HEAD_MM - _SLACK_MM

    def height(page: Sequence[SessionView]) -> float:
        notes = (note for session in page for note in session.keyed)
        return sum(s.height for s in page) + _notes_height(notes, paper.content_width)

    def pack(limit: int) -> list[list[SessionView]]:
        pages: list[list[SessionView]] = [[]]
        for session in sessions:
            room = first_room if len(pages) == 1 else later_room
            page = pages[-1]
            if page and (height([*page, session]) > room or len(page) >= limit):
                pages.append([])
            pages[-1].append(session)
        return pages

    chosen = pack(len(sessions))
    if len(chosen) > 1:
        even = pack(math.ceil(len(sessions) / len(chosen)))
        if len(even) == len(chosen):
            chosen = even
    return tuple(_keyed_page(page) for page in chosen)


def _keyed_page(sessions: Sequence[SessionView]) -> PageView:
    """Give each distinct long note of the page a letter and point its rows to it."""
    letters: dict[str, str] = {}
    for session in sessions:
        for note in session.keyed:
            if note not in letters:
                letters[note] = _key_letter(len(letters))
    keyed_sessions = []
    for session in sessions:
        rows = []
        for row in session.rows:
            if row.keyed:
                pointer = f"see note {letters[row.keyed]}"
                note = f"{row.note} · {pointer}" if row.note else pointer
                row = replace(row, note=note)
            rows.append(row)
        keyed_sessions.append(replace(session, rows=tuple(rows)))
    notes = tuple((letter, note) for note, letter in letters.items())
    return PageView(tuple(keyed_sessions), notes)


def _key_letter(index: int) -> str:
    """a, b, ... z, then aa, ab...

    >>> _key_letter(0), _key_letter(25), _key_letter(26)
    ('a', 'z', 'aa')
    """
    letters = "abcdefghijklmnopqrstuvwxyz"
    if index < len(letters):
        return letters[index]
    return _key_letter(index // len(letters) - 1) + letters[index % len(letters)]


def _week_dates(program: Program, week: Week) -> str:
    dates = [d for s in week.sessions if (d := session_date(program, week, s)) is not None]
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    if first == last:
        return format_date(first, year=True)
    return f"{format_date(first)} – {format_date(last, year=True)}"


def _week_views(program: Program, catalogue: Catalogue, paper: Paper) -> list[WeekView]:
    views = []
    total = len(program.weeks)
    for week in program.weeks:
        sessions = [_session_view(program, week, s, catalogue, paper) for s in week.sessions]
        bookmark = f"Week {week.number} of {total}" + (": deload" if week.deload else "")
        views.append(
            WeekView(
                number=week.number,
                deload=week.deload,
                phase=week.phase,
                phase_name=week.phase_name,
                dates=_week_dates(program, week),
                bookmark=bookmark,
                pages=plan_week_pages(sessions, paper),
            )
        )
    return views


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


def _template_grid(program: Program) -> TemplateGrid | None:
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


def _phase_changes(program: Program) -> list[Detail]:
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


def _timeline(program: Program, per_row: int = 13) -> list[TimelineRow]:
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


def _volume_rows(program: Program) -> list[VolumeRow]:
    ceiling = MAX_WEEKLY_SETS[program.profile.level]
    muscles = list(program.weekly_targets)
    muscles += [m for m, sets in program.weekly_sets.items() if m not in muscles and sets >= 1]
    rows = [
        VolumeRow(
            label=_muscle_name(m),
            planned=program.weekly_sets.get(m, 0.0),
            target=program.weekly_targets.get(m, 0),
            ceiling=ceiling,
        )
        for m in muscles
    ]
    return sorted(rows, key=lambda r: (-r.target, -r.planned, r.label))


def _main_lifts(program: Program, catalogue: Catalogue, limit: int = 6) -> list[LiftSeries]:
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


def _guide(program: Program, catalogue: Catalogue) -> list[GuideEntry]:
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


def _dates(program: Program) -> str:
    dates = [
        d
        for w in program.weeks
        for s in w.sessions
        if (d := session_date(program, w, s)) is not None
    ]
    weeks = len(program.weeks)
    length = f"{weeks} week" + ("s" if weeks != 1 else "")
    if not dates:
        return length
    return (
        f"{format_date(min(dates), year=True)} to {format_date(max(dates), year=True)} ({length})"
    )


#: Cover name sizes in points, largest first, with their CSS class (base.css, "Cover").
CLIENT_SIZES = (("l", 30.0), ("m", 24.0), ("s", 18.0), ("xs", 14.0))


def _client_size(name: str, paper: Paper) -> str:
    """The largest cover size at which the client's name takes two lines at most."""
    for size_class, points in CLIENT_SIZES:
        if MEASURE.lines(name, paper.content_width, points, bold=True) <= 2:
            return size_class
    return CLIENT_SIZES[-1][0]


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis if cut.

    >>> shorten("Maximiliana Alexandra Konstantinopoulou", 25)
    'Maximiliana Alexandra…'
    >>> shorten("Ann Lee", 25)
    'Ann Lee'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;-") + "…"


def build_view(program: Program, catalogue: Catalogue, paper: Paper, logo_url: str | None) -> View:
    """Word every printed value of ``program``; the templates only lay them out."""
    profile = program.profile
    trainer = profile.trainer
    accent = trainer.accent if trainer and _ACCENT.match(trainer.accent) else "#1f4e79"
    days = [
        DAY_NAMES[d] for d in dict.fromkeys(s.day for w in program.weeks for s in w.sessions)
    ] or [DAY_NAMES[d] for d in profile.training_days]
    per_week = len(program.weeks[0].sessions) if program.weeks else profile.days_per_week
    equipment = [
        VOCABULARY.name("equipment", e) for e in profile.available_equipment - {"bodyweight"}
    ]
    goal, level = profile.goal.value, profile.level.value
    deloads = [str(w.number) for w in program.weeks if w.deload]
    details = [
        Detail("Goal", goal.capitalize()),
        Detail("Level", level.capitalize()),
        Detail("Dates", _dates(program)),
        Detail("Schedule", f"{per_week} sessions a week: {', '.join(days)}"),
        Detail("Session length", f"about {profile.session_minutes} minutes, warm-up included"),
        Detail("Split", program.split),
        Detail("Progression", program.progression),
        Detail("Deload weeks", ", ".join(deloads) if deloads else "none"),
        Detail("Equipment", ", ".join(sorted(equipment)) if equipment else "bodyweight only"),
        Detail("Units", "kilograms (kg)" if profile.units is Units.KG else "pounds (lb)"),
    ]
    if profile.limitations:
        details.append(
            Detail(
                "Taken into account",
                ", ".join(VOCABULARY.name("limitations", x) for x in profile.limitations),
            )
        )
    deload_weeks = frozenset(w.number for w in program.weeks if w.deload)
    volume = _volume_rows(program)
    weeks = len(program.weeks)
    trainer_name = trainer.name if trainer and trainer.name else None
    return View(
        title=f"Training programme: {profile.name}",
        author=trainer_name or "thrustplan",
        subject=(f"{weeks}-week {goal} programme, {per_week} sessions a week, for {profile.name}"),
        created=program.generated_at.isoformat(),
        client=profile.name,
        client_size=_client_size(profile.name, paper),
        client_short=shorten(profile.name, 60),
        trainer=trainer_name,
        trainer_short=shorten(trainer_name or "", 70),
        logo_url=logo_url,
        accent=accent,
        headline=f"{weeks} weeks · {per_week} sessions a week · {goal} · {level}",
        details=details,
        units=profile.units.value,
        max_sets=max(
            (e.sets for w in program.weeks for s in w.sessions for e in s.exercises), default=1
        ),
        grid=_template_grid(program),
        phase_changes=_phase_changes(program),
        timeline=_timeline(program),
        volume_svg=volume_chart(volume) if volume else None,
        volume_labels="\n".join(row.label for row in volume),
        volume_values="\n".join(volume_value(row) for row in volume),
        lifts=[
            LiftView(series.name, lift_change(series), lift_chart(series, deload_weeks))
            for series in _main_lifts(program, catalogue)
        ],
        weeks=_week_views(program, catalogue, paper),
        guide=_guide(program, catalogue),
        total_weeks=weeks,
        cautions=list(program.cautions),
    )


def set_boxes_png(sets: int, columns: int, width: int = 960) -> bytes:
    """A grey-on-white strip of ``columns`` write-in boxes, the last ``columns - sets`` shaded.

    The set boxes of a row are one table cell with this image stretched over it: one
    image drawn per row instead of a cell per set, which lays out and prints a tenth
    faster. The strip is 4 pixels high (rows stretch it) and 960 wide (a 0.14 mm rule
    on a 60 mm cell), 8-bit grey, a few hundred bytes.

    >>> set_boxes_png(3, 4)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    rule, shade, paper = 0x8A, 0xE6, 0xFF
    row = bytearray([paper] * width)
    start = round(width * sets / columns)
    row[start:] = bytes([shade]) * (width - start)
    for index in range(1, columns):
        middle = round(width * index / columns)
        row[middle - 1 : middle + 1] = bytes([rule, rule])
    raw = b"".join(b"\x00" + bytes(row) for _ in range(4))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, 4, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


@functools.cache
def set_boxes_css(columns: int) -> Markup:
    """CSS giving ``td.s1`` ... ``td.sN`` their strip of boxes, for ``columns`` set columns."""
    rules = []
    for sets in range(1, columns + 1):
        data = base64.b64encode(set_boxes_png(sets, columns)).decode("ascii")
        url = f"data:image/png;base64,{data}"
        rules.append(f'.log td.s{sets} {{ background-image: url("{url}"); }}')
    return Markup("\n".join(rules))


# --- resources ----------------------------------------------------------------------


def _load_weasyprint() -> Any:
    import weasyprint

    return weasyprint


def _html_class(weasyprint: Any) -> Any:
    """``weasyprint.HTML`` with our own user-agent stylesheet, when that can be done.

    WeasyPrint's own stylesheet has rules for every HTML element there is, all matched
    against every element of a programme, and gives *every* element a ``::marker`` and
    five footnote and note pseudo-elements. ``templates/user-agent.css`` keeps its rules
    for the elements our templates use: the same PDF in a tenth less time. The override
    uses a private hook; if a WeasyPrint release changes it, the stock class is used and
    only speed is lost.
    """
    try:
        from weasyprint import html as wp_html

        counter_style = wp_html.UA_COUNTER_STYLE
    except (ImportError, AttributeError):
        return weasyprint.HTML
    if not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    text = (TEMPLATE_DIR / "user-agent.css").read_text(encoding="utf-8")
    user_agent = weasyprint.CSS(string=text, counter_style=counter_style)

    class ProgramHTML(weasyprint.HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [user_agent]

    return ProgramHTML


#: What ``weasyprint.HTML.__init__`` sets once it has parsed a document.
_PARSED_ATTRIBUTES = {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}


def _fast_parse_works(html_class: Any) -> bool:
    """Whether :func:`parse_document` may build documents itself for this WeasyPrint."""
    try:
        import cssselect2  # type: ignore[import-untyped]  # noqa: F401

        probe = html_class(string="<html><body></body></html>")
    except Exception:
        return False
    return set(vars(probe)) == _PARSED_ATTRIBUTES


def parse_document(html_class: Any, markup: str, base_url: str, fetcher: Any, fast: bool) -> Any:
    """A WeasyPrint HTML document from our templates' output.

    The templates write well-formed markup (void elements closed, only numeric or XML
    entities, all data escaped), so the C XML parser reads it in milliseconds where the
    HTML5 parser, in Python, takes a tenth of the render. Markup the XML parser rejects
    (say, a control character in a name) goes through the HTML5 parser as usual; both
    give the same tree and the same PDF.
    """
    if fast:
        try:
            root = ElementTree.fromstring(markup)
        except ElementTree.ParseError:
            root = None
        if root is not None and root.tag == "html":
            import cssselect2

            document = html_class.__new__(html_class)
            document.base_url = base_url
            document.url_fetcher = fetcher
            document.media_type = "print"
            document.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                root, content_language=None
            )
            document.etree_element = document.wrapper_element.etree_element
            return document
    return html_class(string=markup, base_url=base_url, url_fetcher=fetcher)


def refusal(url: str) -> str:
    """The message for a URL the fetcher will not serve."""
    return (
        f"refused to fetch {url!r}: a programme may use only its own template files, "
        "the trainer.logo file and data: URIs"
    )


def package_fetcher(root: Path = TEMPLATE_DIR) -> Any:
    """A WeasyPrint URL fetcher that serves ``root``'s files, one logo and ``data:`` URIs.

    Anything else (another file, a link out of ``root``, any network address) raises a
    :class:`RenderError` naming the URL; the fetcher is set to make that stop the render.
    Set ``fetcher.logo`` to the resolved logo path to allow that one file.
    """
    root = root.resolve()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackageFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            # Errors are fatal: a refused resource stops the render with its message.
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.root = root
            self.logo: Path | None = None
            self.refused: list[str] = []
            self._cache: dict[Path, bytes] = {}

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path))
                resolved = path.resolve()
                inside = resolved.is_relative_to(self.root) and resolved.is_file()
                if inside or (self.logo is not None and resolved == self.logo):
                    body = self._cache.get(resolved)
                    if body is None:
                        body = resolved.read_bytes()
                        if inside:
                            self._cache[resolved] = body
                    kind = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": kind})
            self.refused.append(url)
            raise RenderError(refusal(url))

    return PackageFetcher()


def _read_theme(theme: str | None) -> tuple[str, str] | None:
    """(name, css) of a theme: a bundled name, or the path of a ``.css`` file."""
    if theme is None:
        return None
    bundled = THEME_DIR / f"{theme}.css"
    if re.fullmatch(r"[a-z0-9-]+", theme) and bundled.is_file():
        return theme, bundled.read_text(encoding="utf-8")
    path = Path(theme)
    if path.suffix == ".css" and path.is_file():
        return path.name, path.read_text(encoding="utf-8")
    names = ", ".join(sorted(p.stem for p in THEME_DIR.glob("*.css")))
    raise RenderError(f"theme {theme!r}: not a bundled theme ({names}) nor a .css file")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        # Everything is escaped, whatever the file is called: names and notes are data.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


# --- the renderer -------------------------------------------------------------------


class Renderer:
    """Renders programmes to PDF or HTML, reusing fonts and stylesheets between documents.

    ``paper`` is ``"a4"`` or ``"letter"``; ``theme`` is the name of a bundled theme
    (``templates/themes/<name>.css``) or the path of a stylesheet applied last. A
    renderer keeps per-document state while it works: use one per thread or process.

    A trainer's ``logo`` is printed as given: the application checks it first (where it
    may come from, what it holds), and it is the one file outside the package that the
    renderer will read.
    """

    def __init__(self, paper: str = "a4", theme: str | None = None) -> None:
        if paper.lower() not in PAPERS:
            raise RenderError(f"paper {paper!r}: use one of {', '.join(PAPERS)}")
        self.paper = PAPERS[paper.lower()]
        self._theme = _read_theme(theme)
        self._env = _environment()
        self._template = self._env.get_template("program.html")
        self._css_text = [
            (TEMPLATE_DIR / "base.css").read_text(encoding="utf-8"),
            (TEMPLATE_DIR / self.paper.stylesheet).read_text(encoding="utf-8"),
        ]
        if self._theme is not None:
            self._css_text.append(self._theme[1])
        self._screen_css = (TEMPLATE_DIR / "screen.css").read_text(encoding="utf-8")
        self._weasy: Any = None
        self._fast_parse = False

    def _setup(self) -> Any:
        """Load WeasyPrint, the fonts and the compiled stylesheets once, on first use."""
        if self._weasy is None:
            weasyprint = _load_weasyprint()
            from weasyprint.text.fonts import FontConfiguration

            font_config = FontConfiguration()
            fetcher = package_fetcher()
            base_url = TEMPLATE_DIR.resolve().as_uri() + "/"
            from weasyprint.urls import FatalURLFetchingError

            try:
                stylesheets = [
                    weasyprint.CSS(
                        string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_config
                    )
                    for css in self._css_text
                ]
            except FatalURLFetchingError as error:
                cause = error.__cause__
                raise RenderError(str(cause if cause is not None else error)) from error
            html_class = _html_class(weasyprint)
            self._fast_parse = _fast_parse_works(html_class)
            self._weasy = (html_class, font_config, fetcher, stylesheets, base_url)
        return self._weasy

    def _html(
        self, program: Program, catalogue: Catalogue, *, screen: bool, logo: Path | None
    ) -> str:
        logo_url = None
        if logo is not None:
            if screen:
                kind = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
                encoded = base64.b64encode(logo.read_bytes()).decode("ascii")
                logo_url = f"data:{kind};base64,{encoded}"
            else:
                logo_url = logo.as_uri()
        view = build_view(program, catalogue, self.paper, logo_url)
        styles = None
        if screen:
            css = [*self._css_text, self._screen_css]
            # The styles sit inside <style>: keep any "</" from closing it early.
            styles = Markup("\n".join(css).replace("</", "<\\/"))
        return self._template.render(
            v=view,
            styles=styles,
            paper=self.paper.name,
            nl="\n",
            set_boxes=set_boxes_css(view.max_sets),
        )

    def render_html(
        self, program: Program, catalogue: Catalogue, *, logo: Path | None = None
    ) -> str:
        """The programme as one self-contained HTML page for a screen (styles and logo inline)."""
        return self._html(program, catalogue, screen=True, logo=logo)

    def layout(self, program: Program, catalogue: Catalogue, *, logo: Path | None = None) -> Any:
        """The laid-out WeasyPrint document (pages and their boxes), not yet a PDF.

        For tests and tools that inspect where things landed; :meth:`render` writes it.
        """
        html_class, font_config, fetcher, stylesheets, base_url = self._setup()
        from weasyprint.urls import FatalURLFetchingError

        html = self._html(program, catalogue, screen=False, logo=logo)
        fetcher.logo = logo
        fetcher.refused.clear()
        try:
            parsed = parse_document(html_class, html, base_url, fetcher, self._fast_parse)
            document = parsed.render(stylesheets=stylesheets, font_config=font_config)
        except FatalURLFetchingError as error:
            cause = error.__cause__
            raise RenderError(str(cause if cause is not None else error)) from error
        finally:
            fetcher.logo = None
        if fetcher.refused:
            # WeasyPrint swallows some failures (an image inside an SVG logo); say so anyway.
            raise RenderError(refusal(fetcher.refused[0]))
        return document

    def render(
        self,
        program: Program,
        catalogue: Catalogue,
        target: Path | None = None,
        *,
        logo: Path | None = None,
    ) -> RenderResult:
        """Render the PDF, and write it atomically to ``target`` when given."""
        # A render allocates a few hundred thousand objects that all live until the PDF
        # is written: collecting garbage while they pile up costs a sixth of the time.
        collecting = gc.isenabled()
        gc.disable()
        fetcher = self._setup()[2]
        try:
            document = self.layout(program, catalogue, logo=logo)
            pdf = document.write_pdf()
            if fetcher.refused:
                # Images inside an SVG logo are fetched while drawing, and WeasyPrint
                # swallows their failure; refuse the document all the same.
                raise RenderError(refusal(fetcher.refused[0]))
            pages = len(document.pages)
            bookmarks = tuple(
                (label, place[0] + 1) for label, place, _, _ in document.make_bookmark_tree()
            )
            del document
        finally:
            if collecting:
                gc.enable()
        if target is not None:
            write_atomically(Path(target), pdf)
        return RenderResult(pdf=pdf, pages=pages, bookmarks=bookmarks)

    def render_pdf(
        self,
        program: Program,
        catalogue: Catalogue,
        target: Path | None = None,
        *,
        logo: Path | None = None,
    ) -> bytes:
        """The PDF's bytes; written atomically to ``target`` too when given."""
        return self.render(program, catalogue, target, logo=logo).pdf
