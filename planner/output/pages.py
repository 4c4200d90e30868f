"""The week pages, planned before WeasyPrint runs: sessions packed onto pages by height.

Each session's printed height is known from its rows (:mod:`.week_view`), so a week of
up to four sessions of six or seven exercises takes one page, and where each week
starts is known before the document is laid out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.planner.output.exports import session_date
from thrustplan.planner.output.paper import (
    MEASURE,
    PAGE_NOTE_LINE_MM,
    PAGE_NOTE_PAD_MM,
    SLACK_MM,
    TABLE_HEAD_MM,
    WEEK_HEAD_MM,
    Paper,
)
from thrustplan.planner.output.week_view import (
    PageView,
    SessionView,
    WeekView,
    format_date,
    session_view,
)
from thrustplan.rules.program import Program, Week


def _notes_height(notes: Iterable[str], width: float) -> float:
    distinct = list(dict.fromkeys(notes))
    if not distinct:
        return 0.0
    lines = sum(MEASURE.lines(f"Note aa: {note}", width - 3, 7) for note in distinct)
    return PAGE_NOTE_PAD_MM + lines * PAGE_NOTE_LINE_MM


def plan_week_pages(
    sessions: Sequence[SessionView], paper: Paper, remark: str | None = None
) -> tuple[PageView, ...]:
    """Pack a week's sessions, in order, onto as few pages as their heights allow.

    When a week needs more than one page, its sessions are spread evenly (five sessions
    print three and two, not four and one), never splitting a session. Each page lists
    the long notes of its rows once, under the table, keyed a, b, c...; the first page
    also prints ``remark`` there, and has that much less room.
    """
    if not sessions:
        return (PageView((), remark=remark),)
    remark_room = _notes_height([remark] if remark else [], paper.content_width)
    first_room = paper.content_height - WEEK_HEAD_MM - TABLE_HEAD_MM - SLACK_MM - remark_room
    later_room = paper.content_height - TABLE_HEAD_MM - SLACK_MM

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
    pages = [_keyed_page(page) for page in chosen]
    pages[0] = replace(pages[0], remark=remark)
    return tuple(pages)


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


def week_views(program: Program, catalogue: Catalogue, paper: Paper) -> list[WeekView]:
    """Every week of ``program`` as printed: its heading, dates, bookmark and pages."""
    views = []
    total = len(program.weeks)
    for week in program.weeks:
        sessions = [session_view(program, week, s, catalogue, paper) for s in week.sessions]
        bookmark = f"Week {week.number} of {total}" + (": deload" if week.deload else "")
        views.append(
            WeekView(
                number=week.number,
                deload=week.deload,
                phase=week.phase,
                phase_name=week.phase_name,
                dates=_week_dates(program, week),
                bookmark=bookmark,
                # A week whose sessions a hard rule ends early says why, beside their
                # printed lengths; a deload is short by design.
                pages=plan_week_pages(
                    sessions, paper, None if week.deload else program.session_length
                ),
            )
        )
    return views
