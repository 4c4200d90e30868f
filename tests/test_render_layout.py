"""Nothing printed runs off the page: laid-out boxes and page images, on A4 and Letter,
with long names, long band colours and names in scripts DejaVu Sans cannot set."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.factories import catalogue_program
from thrustplan.app.inputs import load_profile
from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.planner.output.paper import FONT_FILES, MEASURE
from thrustplan.planner.output.render import PAPERS, Renderer, build_view
from thrustplan.planner.output.week_view import row_view
from thrustplan.rules.profile import Units
from thrustplan.rules.program import ExerciseEntry, Program

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"
PX_PER_MM = 96 / 25.4
#: Rounding in the layout: a hundredth of a millimetre.
EPSILON = 0.04


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return builtin_catalogue()


@pytest.fixture(scope="module")
def generated(catalogue: Catalogue) -> Program:
    """A real plan with the generator's long notes and a seven-exercise session."""
    from thrustplan.planner.pipeline import generate_program

    profile = load_profile(EXAMPLES / "full-gym.yaml").model_copy(update={"weeks": 5})
    return generate_program(profile, catalogue)


def descendants(box: Any) -> Iterator[Any]:
    for child in getattr(box, "children", None) or ():
        yield child
        yield from descendants(child)


def content_area(page_box: Any) -> tuple[float, float, float, float]:
    left, top = page_box.content_box_x(), page_box.content_box_y()
    return left, top, left + page_box.width, top + page_box.height


def overflows(document: Any) -> list[str]:
    """Boxes whose edges pass the page's content area, or text running out of its cell."""
    problems = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, top, right, bottom = content_area(page_box)
        root = next(c for c in page_box.children if type(c).__name__ != "MarginBox")
        for box in [root, *descendants(root)]:
            kind = type(box).__name__
            x, y = box.position_x, box.position_y
            width, height = box.margin_width(), box.margin_height()
            if kind in ("TableBox", "TableCellBox", "BlockBox", "LineBox", "TextBox") and (
                x + width > right + EPSILON
                or y + height > bottom + EPSILON
                or x < left - EPSILON
                or y < top - EPSILON
            ):
                problems.append(f"page {number}: {kind} {getattr(box, 'element_tag', '')} out")
            if kind == "TableCellBox":
                cell_right = x + width
                for inner in descendants(box):
                    if type(inner).__name__ == "TextBox":
                        end = inner.position_x + inner.width
                        if end > cell_right + EPSILON:
                            problems.append(f"page {number}: {inner.text!r} runs out of its cell")
    return problems


def planned_starts(program: Program, catalogue: Catalogue, paper: str) -> list[tuple[str, int]]:
    view = build_view(program, catalogue, PAPERS[paper], None)
    starts, page = [], 4
    for week in view.weeks:
        starts.append((week.bookmark, page))
        page += len(week.pages)
    return [*starts, ("Exercise guide", page)]


CASES = [
    pytest.param("a4", Units.KG, id="a4-kg"),
    pytest.param("a4", Units.LB, id="a4-lb"),
    pytest.param("letter", Units.KG, id="letter-kg"),
    pytest.param("letter", Units.LB, id="letter-lb"),
]


@pytest.mark.parametrize(("paper", "units"), CASES)
def test_nothing_runs_off_the_page_and_weeks_start_where_planned(
    catalogue: Catalogue, paper: str, units: Units
) -> None:
    program = catalogue_program(weeks=4, days=4, units=units)
    document = Renderer(paper=paper).layout(program, catalogue)
    assert overflows(document) == []
    marks = [(label, target[0] + 1) for label, target, _, _ in document.make_bookmark_tree()]
    assert marks[3:] == planned_starts(program, catalogue, paper)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_generated_plan_lays_out_as_planned(
    catalogue: Catalogue, generated: Program, paper: str
) -> None:
    document = Renderer(paper=paper).layout(generated, catalogue)
    assert overflows(document) == []
    marks = [(label, target[0] + 1) for label, target, _, _ in document.make_bookmark_tree()]
    assert marks[3:] == planned_starts(generated, catalogue, paper)


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


def test_row_height_estimates_never_fall_short(catalogue: Catalogue, generated: Program) -> None:
    """The page planner's row heights match the laid-out rows, within a fifth of a mm."""
    document = Renderer().layout(generated, catalogue)
    assert rows_taller_than_planned(document, generated, catalogue) == []


def side_margin_ink(pdf: Path, folder: Path) -> list[str]:
    """Pages of ``pdf`` with ink in a side margin (1 to 11 mm from the paper's edge), or
    that lie on their side, from page images at 40 dpi."""
    dpi = 40
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), str(pdf), str(folder / "page")], check=True
    )
    pages = sorted(folder.glob("page-*.pgm"))
    assert len(pages) == len(PdfReader(pdf).pages)
    problems = []
    for image in pages:
        width, height, pixels = read_pgm(image)
        strip = range(round(1 * dpi / 25.4), round(11 * dpi / 25.4))
        inked = [
            x for x in [*strip, *(width - 1 - s for s in strip)] if min(pixels[x::width]) < 250
        ]
        if inked:
            problems.append(f"{image.name}: ink in the side margin at x={inked[0]}")
        if height <= width:
            problems.append(f"{image.name}: wider than tall")
    return problems


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(("paper", "units"), [CASES[0], CASES[3]])
def test_page_images_leave_the_side_margins_blank(
    catalogue: Catalogue, tmp_path: Path, paper: str, units: Units
) -> None:
    program = catalogue_program(weeks=2, days=4, units=units, name="Alexandra Morgan-Whitfield")
    pdf = tmp_path / "plan.pdf"
    Renderer(paper=paper).render(program, catalogue, pdf)
    assert len(PdfReader(pdf).pages) >= 6
    assert side_margin_ink(pdf, tmp_path) == []


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and grey bytes of a binary PGM (pdftoppm -gray)."""
    data = path.read_bytes()
    fields: list[bytes] = []
    index = 0
    while len(fields) < 4:
        while data[index : index + 1].isspace():
            index += 1
        start = index
        while not data[index : index + 1].isspace():
            index += 1
        fields.append(data[start:index])
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    pixels = data[index + 1 :]
    assert len(pixels) == width * height
    return width, height, pixels


def test_the_overflow_check_catches_a_table_wider_than_the_page(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    theme = tmp_path / "wide.css"
    theme.write_text("table.log { width: 130%; }", encoding="utf-8")
    document = Renderer(theme=str(theme)).layout(catalogue_program(weeks=1, days=3), catalogue)
    assert any("TableBox" in problem for problem in overflows(document))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_cover_stays_one_page_with_the_longest_name_and_every_kit(
    catalogue: Catalogue, paper: str
) -> None:
    from thrustplan.exercise_db.vocabulary import VOCABULARY

    name = ("Maximiliana Alexandra Konstantinopoulou-Vanderbilt de la Fuente " * 2)[:120]
    program = catalogue_program(weeks=2, days=4, name=name, trainer_name="North Street " * 9)
    program.profile = program.profile.model_copy(
        update={
            "equipment": sorted(VOCABULARY.ids("equipment")),
            "limitations": sorted(VOCABULARY.ids("limitations")),
        }
    )
    document = Renderer(paper=paper).layout(program, catalogue)
    marks = [(label, target[0] + 1) for label, target, _, _ in document.make_bookmark_tree()]
    assert marks[:2] == [("Cover", 1), ("Overview", 2)]
    assert overflows(document) == []


# --- long and foreign text ------------------------------------------------------------
# Each case is a name, a trainer name or a band colour as long as a profile allows, or a
# name in a script DejaVu Sans cannot set: the boxes, the running header and footer, the
# row heights the page planner measured, and the page images all stay within bounds.

#: The longest a profile allows: 120 characters for names, 40 for a band colour.
LONG_NAME = "W" * 120
LONG_TRAINER = "Coaching" * 15
LONG_BAND = "x" * 40


def _with_long_bands(program: Program) -> None:
    """Every second row of every session a band exercise in a 40-letter colour."""
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises[::2]:
                entry.load, entry.load_unit, entry.plates, entry.load_per = None, None, None, None
                entry.band = LONG_BAND


Change = Callable[[Program], None]
#: Each case: the client's name, the trainer's name, and a change to the programme.
TEXT_CASES: dict[str, tuple[str, str, Change | None]] = {
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
    name, trainer, change = TEXT_CASES[case]
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


@pytest.mark.parametrize("case", sorted(TEXT_CASES))
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
    Renderer().render(_program(case), catalogue, pdf)
    assert side_margin_ink(pdf, tmp_path) == []


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


@pytest.mark.parametrize(
    ("exercise_id", "per", "printed"),
    [
        ("dumbbell_sumo_squat", "dumbbell", "one dumbbell"),
        ("dumbbell_hip_thrust", "dumbbell", "one dumbbell"),
        ("dumbbell_bench_press", "dumbbell", "each dumbbell"),
        ("dumbbell_split_squat", "dumbbell", "each dumbbell"),
        ("kettlebell_swing", "kettlebell", "one kettlebell"),
        ("kettlebell_floor_press", "kettlebell", "each kettlebell"),
    ],
)
def test_a_dumbbell_load_says_how_many_are_held(
    catalogue: Catalogue, exercise_id: str, per: str, printed: str
) -> None:
    # The steps hold one dumbbell between the legs on a sumo squat: "each dumbbell" there
    # would have the client lift twice the load.
    entry = ExerciseEntry(
        order=1, label="1", exercise_id=exercise_id, name=exercise_id, sets=3, reps_min=8,
        reps_max=12, target_reps=8, load=20, load_unit="kg", load_per=per, rest_seconds=90,
        rir=2,
    )  # fmt: skip
    row = row_view(entry, catalogue[exercise_id], "kg", "", PAPERS["a4"].content_width)
    assert row.load == f"20 kg\n{printed}"


def test_a_hold_ends_in_good_form_rather_than_with_reps_in_reserve(catalogue: Catalogue) -> None:
    entry = ExerciseEntry(
        order=1, label="1", exercise_id="plank", name="Plank", sets=3, reps_min=20,
        reps_max=45, target_reps=30, timed=True, load=None, load_unit=None, rest_seconds=45,
        rir=2,
    )  # fmt: skip
    row = row_view(entry, catalogue["plank"], "kg", "", PAPERS["a4"].content_width)
    assert row.prescription == "3 × 30 s\n20–45 s, in good form, rest 0:45"
