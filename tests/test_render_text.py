"""Long and foreign text prints inside its boxes: laid-out boxes and page images.

Each case is a name, a trainer name or a band colour as long as a profile allows, or a
name in a script DejaVu Sans cannot set. The laid-out document is checked box by box
(nothing leaves the page's content area or its table cell, the running header and footer
stay in their margin boxes), the page packing is checked against the plan made from the
text measure, and the page images are checked for ink in the side margins.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.factories import catalogue_program
from tests.test_render_layout import (
    PX_PER_MM,
    descendants,
    overflows,
    planned_starts,
    read_pgm,
)
from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.planner.output.paper import FONT_FILES, MEASURE
from thrustplan.planner.output.render import PAPERS, Renderer, build_view
from thrustplan.rules.program import Program

#: The longest a profile allows: 120 characters for names, 40 for a band colour.
LONG_NAME = "W" * 120
LONG_TRAINER = "Coaching" * 15
LONG_BAND = "x" * 40
EPSILON = 0.04


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return builtin_catalogue()


def _with_long_bands(program: Program) -> None:
    """Every second row of every session a band exercise in a 40-letter colour."""
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises[::2]:
                entry.load, entry.load_unit, entry.plates, entry.load_per = None, None, None, None
                entry.band = LONG_BAND


Change = Callable[[Program], None]
#: Each case: the client's name, the trainer's name, and a change to the programme.
CASES: dict[str, tuple[str, str, Change | None]] = {
    "long name": (LONG_NAME, "Sam Rivera Coaching", None),
    "long spaced name": (("Maximiliana Konstantinopoulou " * 5)[:120], "Sam Rivera", None),
    "long trainer": ("Alex Morgan", LONG_TRAINER, None),
    "long band colours": ("Alex Morgan", "Sam Rivera Coaching", _with_long_bands),
    "japanese": ("山田 花子", "山田トレーニング", None),
    "korean": ("김지민", "Sam Rivera Coaching", None),
    "emoji": ("Ana 💪🏽", "Sam Rivera Coaching", None),
    "long japanese": ("山田花子" * 30, "Sam Rivera Coaching", None),
}


def _program(case: str) -> Program:
    name, trainer, change = CASES[case]
    program = catalogue_program(weeks=2, days=4, name=name, trainer_name=trainer)
    if change is not None:
        change(program)
    return program


def margin_overflows(document: Any) -> list[str]:
    """Text of the running header and footer that leaves its margin box."""
    problems = []
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.children:
            if type(box).__name__ != "MarginBox":
                continue
            left = box.content_box_x()
            right = left + box.width
            for inner in descendants(box):
                if type(inner).__name__ != "TextBox":
                    continue
                end = inner.position_x + inner.width
                if inner.position_x < left - EPSILON or end > right + EPSILON:
                    problems.append(f"page {number}: {inner.text!r} leaves its margin box")
    return problems


def rows_taller_than_planned(document: Any, program: Program, catalogue: Catalogue) -> list[str]:
    """Exercise rows laid out taller than the page planner measured them."""
    actual = []
    for page in document.pages:
        for box in descendants(page._page_box):
            if type(box).__name__ != "TableRowBox" or box.element is None:
                continue
            first = box.element.find("td")
            if first is not None and first.get("class") == "name":
                actual.append(box.height / PX_PER_MM)
    view = build_view(program, catalogue, PAPERS["a4"], None)
    planned = [r.height for w in view.weeks for p in w.pages for s in p.sessions for r in s.rows]
    assert len(actual) == len(planned)
    return [f"{a:.2f} > {p:.2f}" for p, a in zip(planned, actual, strict=True) if a > p + 0.2]


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_stays_in_its_boxes(catalogue: Catalogue, case: str) -> None:
    program = _program(case)
    document = Renderer().layout(program, catalogue)
    assert overflows(document) == []
    assert margin_overflows(document) == []
    assert rows_taller_than_planned(document, program, catalogue) == []
    marks = [(label, target[0] + 1) for label, target, _, _ in document.make_bookmark_tree()]
    assert marks[:2] == [("Cover", 1), ("Overview", 2)], "the cover takes one page"
    assert marks[3:] == planned_starts(program, catalogue, "a4")


@pytest.mark.parametrize("case", ["long name", "long trainer", "long band colours", "emoji"])
def test_page_images_keep_the_side_margins_blank(
    catalogue: Catalogue, tmp_path: Path, case: str
) -> None:
    pdf = tmp_path / "plan.pdf"
    Renderer().render_pdf(_program(case), catalogue, pdf)
    dpi = 40
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == len(PdfReader(pdf).pages)
    for image in pages:
        width, _, pixels = read_pgm(image)
        strip = range(round(1 * dpi / 25.4), round(11 * dpi / 25.4))
        for x in [*strip, *(width - 1 - s for s in strip)]:
            assert min(pixels[x::width]) >= 250, f"{case}, {image.name}: ink at x={x}"


def test_long_band_colours_print_small_under_the_word_band(catalogue: Catalogue) -> None:
    view = build_view(_program("long band colours"), catalogue, PAPERS["a4"], None)
    rows = [r for w in view.weeks for p in w.pages for s in p.sessions for r in s.rows]
    assert {r.load for r in rows if LONG_BAND in r.load} == {f"band\n{LONG_BAND}"}
    short = catalogue_program(weeks=2, days=4)
    assert len(view.weeks[0].pages) == len(
        build_view(short, catalogue, PAPERS["a4"], None).weeks[0].pages
    )


@pytest.mark.parametrize(
    ("name", "font"), [("山田 花子", "NotoSansCJK"), ("Ana 💪🏽", "NotoColorEmoji")]
)
def test_foreign_names_are_measured_with_the_fallback_font(name: str, font: str) -> None:
    # DejaVu Sans lacks these characters; the estimate takes the fallback font's widths
    # (a full em for an ideograph, more for an emoji), never the narrow average.
    wide = name.split()[-1][0]
    assert MEASURE.width(wide, 10) >= 10 * 25.4 / 72
    assert any(font in path.name for paths in FONT_FILES.values() for path in paths)


def test_running_names_are_cut_to_fit_their_margin_boxes(catalogue: Catalogue) -> None:
    view = build_view(
        catalogue_program(weeks=1, days=3, name=LONG_NAME, trainer_name=LONG_TRAINER),
        catalogue,
        PAPERS["a4"],
        None,
    )
    room = 0.75 * PAPERS["a4"].content_width
    assert view.client_short.endswith("…") and view.trainer_short.endswith("…")
    assert MEASURE.width(view.client_short, 7, bold=True) <= room
    assert MEASURE.width(view.trainer_short, 6.5) <= room
