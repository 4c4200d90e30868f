"""Everything the templates print, worded once: :func:`build_view` turns a programme into
a :class:`View` whose every value is text, so the templates add no logic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.planner.output.charts import lift_change, lift_chart, volume_chart, volume_value
from thrustplan.planner.output.exports import session_date
from thrustplan.planner.output.overview import (
    Detail,
    GuideEntry,
    LiftView,
    TemplateGrid,
    TimelineRow,
    guide,
    main_lifts,
    phase_changes,
    template_grid,
    timeline,
    volume_rows,
)
from thrustplan.planner.output.pages import week_views
from thrustplan.planner.output.paper import (
    FOOTER_PT,
    HEADER_PT,
    MEASURE,
    RUNNING_NAME_SHARE,
    Paper,
)
from thrustplan.planner.output.week_view import DAY_NAMES, WeekView, format_date
from thrustplan.rules.populations import Caution
from thrustplan.rules.profile import Units
from thrustplan.rules.program import Program

_ACCENT = re.compile(r"^#[0-9a-fA-F]{6}$")


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
    #: The sessions' real length and why, when a hard rule ends them early.
    session_length: str | None = None


def _session_length(program: Program) -> str:
    """The sessions' real length, the typical normal week's, against the client's minutes.

    A session takes the time its work needs, which can be less than the client has: the
    cover says what to expect rather than repeating the time allowed.
    """
    minutes = sorted(s.estimated_minutes for w in program.weeks if not w.deload for s in w.sessions)
    allowed = program.profile.session_minutes
    if not minutes:
        return f"up to {allowed} minutes, warm-up included"
    typical = minutes[len(minutes) // 2]
    return f"about {typical} of your {allowed} minutes, warm-up included"


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


def running_name(name: str, limit: int, paper: Paper, size_pt: float, *, bold: bool) -> str:
    """``name`` as a running header or footer prints it: cut at a word to ``limit``
    characters, and further, at any character, until it fits its margin box on one line."""
    width = RUNNING_NAME_SHARE * paper.content_width
    return MEASURE.fit(shorten(name, limit), width, size_pt, bold=bold)


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
        Detail("Session length", _session_length(program)),
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
    volume = volume_rows(program, catalogue)
    weeks = len(program.weeks)
    trainer_name = trainer.name if trainer and trainer.name else None
    return View(
        title=f"Training programme: {profile.name}",
        author=trainer_name or "thrustplan",
        subject=(f"{weeks}-week {goal} programme, {per_week} sessions a week, for {profile.name}"),
        created=program.generated_at.isoformat(),
        client=profile.name,
        client_size=_client_size(profile.name, paper),
        client_short=running_name(profile.name, 60, paper, HEADER_PT, bold=True),
        trainer=trainer_name,
        trainer_short=running_name(trainer_name or "", 70, paper, FOOTER_PT, bold=False),
        logo_url=logo_url,
        accent=accent,
        headline=f"{weeks} weeks · {per_week} sessions a week · {goal} · {level}",
        details=details,
        units=profile.units.value,
        max_sets=max(
            (e.sets for w in program.weeks for s in w.sessions for e in s.exercises), default=1
        ),
        grid=template_grid(program),
        phase_changes=phase_changes(program),
        timeline=timeline(program),
        volume_svg=volume_chart(volume) if volume else None,
        volume_labels="\n".join(row.label for row in volume),
        volume_values="\n".join(volume_value(row) for row in volume),
        lifts=[
            LiftView(series.name, lift_change(series), lift_chart(series, deload_weeks))
            for series in main_lifts(program, catalogue)
        ],
        weeks=week_views(program, catalogue, paper),
        guide=guide(program, catalogue),
        total_weeks=weeks,
        cautions=list(program.cautions),
        session_length=program.session_length,
    )
