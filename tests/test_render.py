"""The printed programme, read back from the PDF: text, pages, bookmarks and metadata."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.factories import catalogue_program
from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.planner.output.charts import number
from thrustplan.planner.output.render import (
    PAPERS,
    Renderer,
    RenderError,
    RenderResult,
    build_view,
    format_plates,
    format_rest,
    set_boxes_png,
)
from thrustplan.planner.output.set_boxes import set_boxes_css
from thrustplan.rules.profile import Units
from thrustplan.rules.program import ExerciseEntry, Program

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "profiles"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return builtin_catalogue()


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def four_weeks(renderer: Renderer, catalogue: Catalogue) -> tuple[Program, RenderResult]:
    program = catalogue_program(weeks=4, days=4)
    return program, renderer.render(program, catalogue)


def squeeze(text: str) -> str:
    """Text without any whitespace, so words broken over lines still match."""
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def entries(program: Program) -> Iterator[tuple[int, str, ExerciseEntry]]:
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                yield week.number, session.day.value, entry


def test_the_pdf_holds_every_exercise_and_load_of_its_week(
    four_weeks: tuple[Program, RenderResult],
) -> None:
    program, result = four_weeks
    texts = page_texts(result.pdf)
    starts = {label: page for label, page in result.bookmarks}
    for week in program.weeks:
        label = next(k for k in starts if k.startswith(f"Week {week.number} of"))
        page = squeeze(texts[starts[label] - 1])
        for session in week.sessions:
            for entry in session.exercises:
                assert squeeze(entry.name) in page, (week.number, entry.name)
                if entry.load is not None:
                    assert squeeze(f"{number(entry.load)} kg") in page, (week.number, entry.name)
                if entry.plates is not None:
                    assert squeeze(format_plates(entry)) in page, entry.name
                assert squeeze(f"{entry.sets} × {entry.target_reps}") in page
                if entry.rest_seconds:
                    rest = f"RIR {entry.rir}, rest {format_rest(entry.rest_seconds)}"
                    assert squeeze(rest) in page, (week.number, entry.name)


def test_pages_are_as_designed(
    four_weeks: tuple[Program, RenderResult], catalogue: Catalogue
) -> None:
    """Cover, two overview pages, each week on the pages planned for it, then the guide."""
    program, result = four_weeks
    view = build_view(program, catalogue, PAPERS["a4"], None)
    expected = [("Cover", 1), ("Overview", 2), ("Volume and progression", 3)]
    page = 4
    for week in view.weeks:
        expected.append((week.bookmark, page))
        page += len(week.pages)
    expected.append(("Exercise guide", page))
    assert list(result.bookmarks) == expected
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) == result.pages
    guide_pages = result.pages - page + 1
    assert 1 <= guide_pages <= len(view.guide) // 3 + 1


def test_a_twelve_week_four_day_programme_fits_in_24_pages(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    result = renderer.render(catalogue_program(weeks=12, days=4), catalogue)
    assert result.pages <= 24
    week_starts = [page for label, page in result.bookmarks if label.startswith("Week ")]
    assert week_starts == list(range(4, 16)), "one page per week"


def test_bookmarks_name_the_cover_overview_weeks_and_guide(
    four_weeks: tuple[Program, RenderResult],
) -> None:
    _, result = four_weeks
    outline = PdfReader(io.BytesIO(result.pdf)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == [
        "Cover",
        "Overview",
        "Volume and progression",
        "Week 1 of 4",
        "Week 2 of 4",
        "Week 3 of 4",
        "Week 4 of 4: deload",
        "Exercise guide",
    ]
    exercises = outline[-1]
    assert isinstance(exercises, list) and "Barbell hip thrust" in [
        i.title for i in exercises if not isinstance(i, list)
    ]


def test_metadata_names_the_programme_trainer_and_subject(
    four_weeks: tuple[Program, RenderResult],
) -> None:
    _, result = four_weeks
    info = PdfReader(io.BytesIO(result.pdf)).metadata
    assert info is not None
    assert info.title == "Training programme: Alex Morgan"
    assert info.author == "Sam Rivera Coaching"
    assert info.subject == "4-week glutes programme, 4 sessions a week, for Alex Morgan"


def test_every_page_after_the_cover_has_the_running_header_and_page_number(
    four_weeks: tuple[Program, RenderResult],
) -> None:
    _, result = four_weeks
    texts = page_texts(result.pdf)
    total = len(texts)
    assert "page 1 of" not in texts[0] or "Alex Morgan" in texts[0]
    for index, text in enumerate(texts[1:], start=2):
        assert "Alex Morgan" in text
        assert f"page {index} of {total}" in text
    assert "Week 2 of 4" in texts[4]
    assert "Exercise guide" in texts[-1]


def test_deload_weeks_are_marked_in_words(four_weeks: tuple[Program, RenderResult]) -> None:
    _, result = four_weeks
    texts = page_texts(result.pdf)
    starts = dict(result.bookmarks)
    assert "DELOAD" in texts[starts["Week 4 of 4: deload"] - 1]
    assert "DELOAD" not in texts[starts["Week 3 of 4"] - 1]
    assert "DELOAD" in texts[1], "the overview's phase table marks the deload week"


def test_a_pound_programme_prints_its_loads_in_pounds(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    program = catalogue_program(weeks=1, days=3, units=Units.LB)
    text = squeeze(page_texts(renderer.render(program, catalogue).pdf)[3])
    loads = [e.load for _, _, e in entries(program) if e.load is not None]
    assert loads
    for load in loads:
        assert squeeze(f"{number(load)} lb") in text
    assert "kg" not in text


def test_the_guide_covers_each_exercise_with_steps_cues_mistakes_and_variations(
    four_weeks: tuple[Program, RenderResult], catalogue: Catalogue
) -> None:
    program, result = four_weeks
    starts = dict(result.bookmarks)
    guide = squeeze(" ".join(page_texts(result.pdf)[starts["Exercise guide"] - 1 :]))
    used = {e.exercise_id for _, _, e in entries(program)}
    for exercise_id in used:
        exercise = catalogue[exercise_id]
        assert squeeze(exercise.name) in guide
        for text in (*exercise.steps[:1], *exercise.cues[:1], *exercise.mistakes[:1]):
            assert squeeze(text) in guide, (exercise_id, text)
        for variation in (*exercise.easier, *exercise.harder):
            assert squeeze(catalogue[variation].name) in guide


def test_the_pdf_embeds_only_dejavu_sans(four_weeks: tuple[Program, RenderResult]) -> None:
    _, result = four_weeks
    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(result.pdf)).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for font in (font_dict or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVu-Sans", "DejaVu-Sans-Bold"}


def test_render_writes_the_file_atomically(
    renderer: Renderer, catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "plan.pdf"
    pdf = renderer.render(catalogue_program(weeks=1, days=3), catalogue, target).pdf
    assert target.read_bytes() == pdf
    assert pdf.startswith(b"%PDF-")
    assert [p.name for p in target.parent.iterdir()] == ["plan.pdf"]


def test_the_same_programme_renders_to_the_same_bytes(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    program = catalogue_program(weeks=1, days=3)
    assert renderer.render(program, catalogue).pdf == renderer.render(program, catalogue).pdf


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sets_the_page_size(catalogue: Catalogue, paper: str, size: tuple[int, int]) -> None:
    pdf = Renderer(paper=paper).render(catalogue_program(weeks=1, days=3), catalogue).pdf
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_a_bundled_theme_is_one_more_stylesheet(catalogue: Catalogue) -> None:
    pdf = Renderer(theme="ink").render(catalogue_program(weeks=1, days=3), catalogue).pdf
    assert "Week 1 of 1" in page_texts(pdf)[3]


def test_a_theme_file_is_applied_last(catalogue: Catalogue, tmp_path: Path) -> None:
    theme = tmp_path / "big.css"
    theme.write_text(".week-title { font-size: 30pt; }", encoding="utf-8")
    renderer = Renderer(theme=str(theme))
    assert renderer.render(catalogue_program(weeks=1, days=3), catalogue).pages >= 5


def test_unknown_paper_and_theme_are_refused_with_the_choices() -> None:
    with pytest.raises(RenderError, match="paper 'a5': use one of a4, letter"):
        Renderer(paper="a5")
    with pytest.raises(RenderError, match=r"theme 'neon'.*ink"):
        Renderer(theme="neon")


def test_html_output_is_one_self_contained_page(renderer: Renderer, catalogue: Catalogue) -> None:
    program = catalogue_program(weeks=2, days=3)
    html = renderer.render_html(program, catalogue)
    assert html.startswith("<!DOCTYPE html>")
    assert "@media screen" in html and "<svg" in html
    assert "file:" not in html
    for _, _, entry in entries(program):
        assert entry.name in html


def test_a_generated_programme_renders_end_to_end(renderer: Renderer, catalogue: Catalogue) -> None:
    from thrustplan.app.inputs import load_profile
    from thrustplan.planner.pipeline import generate_program

    profile = load_profile(EXAMPLES / "full-gym.yaml").model_copy(update={"weeks": 4})
    program = generate_program(profile, catalogue)
    result = renderer.render(program, catalogue)
    texts = page_texts(result.pdf)
    starts = dict(result.bookmarks)
    assert [label for label, _ in result.bookmarks][3:7] == [
        week.bookmark for week in build_view(program, catalogue, PAPERS["a4"], None).weeks
    ]
    # Week 1 may run to a second page: its first-week notes say where each load comes from.
    week_one = squeeze("".join(texts[starts["Week 1 of 4"] - 1 : starts["Week 2 of 4"] - 1]))
    for session in program.weeks[0].sessions:
        for entry in session.exercises:
            assert squeeze(entry.name) in week_one
    assert result.pages <= 3 + 4 * 2 + 6
    # The guide says why each exercise was chosen: the reason where it first appears.
    guide = squeeze("".join(texts[starts["Exercise guide"] - 1 :]))
    first_reasons: dict[str, str] = {}
    for week in program.weeks:
        for session in week.sessions:
            for entry in session.exercises:
                first_reasons.setdefault(entry.exercise_id, entry.reason)
    for reason in first_reasons.values():
        assert squeeze(reason.partition(": ")[2]) in guide


def test_our_markup_reads_as_xml_and_prints_as_the_html5_parser_would(catalogue: Catalogue) -> None:
    """The renderer parses its own markup with the XML parser; the PDF must not change."""
    program = catalogue_program(weeks=1, days=3, name='Zoë "Z" <O\'Neil> & co', note="a < b & c")
    fast, slow = Renderer(), Renderer()
    fast._setup()
    slow._setup()
    slow._fast_parse = False
    assert fast._fast_parse
    assert fast.render(program, catalogue).pdf == slow.render(program, catalogue).pdf


def test_our_user_agent_stylesheet_prints_as_weasyprints_own(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """templates/user-agent.css holds the stock rules of every element the templates use."""
    from thrustplan.planner.output import weasy

    logo = tmp_path / "logo.png"
    logo.write_bytes(set_boxes_png(1, 2))
    program = catalogue_program(weeks=4, days=3, logo=logo)
    ours = Renderer().render(program, catalogue, logo=logo).pdf
    monkeypatch.setattr(weasy, "html_class", lambda weasyprint, css: weasyprint.HTML)
    assert Renderer().render(program, catalogue, logo=logo).pdf == ours


def test_text_the_xml_parser_refuses_still_prints(renderer: Renderer, catalogue: Catalogue) -> None:
    # A profile refuses control characters in names; a note from a trainer's catalogue
    # or an older programme file can still carry one.
    program = catalogue_program(weeks=1, days=3, note="hold\x0bthen lower")
    assert renderer.render(program, catalogue).pages >= 5


def test_later_phases_list_their_swaps_and_count_many(catalogue: Catalogue) -> None:
    program = catalogue_program(weeks=12, days=4)
    for week in program.weeks[4:8]:
        entry = week.sessions[0].exercises[1]
        entry.exercise_id, entry.name = "sliding_leg_curl", "Sliding leg curl"
    for week in program.weeks[8:]:
        for session in week.sessions:
            for entry in session.exercises:
                entry.exercise_id, entry.name = "glute_bridge", "Glute bridge"
    view = build_view(program, catalogue, PAPERS["a4"], None)
    assert view.grid is not None and view.grid.title == "Phase 1: Accumulation (weeks 1–4)"
    assert [c.label for c in view.phase_changes] == [
        "Phase 2: Intensification (weeks 5–8)",
        "Phase 3: Realisation (weeks 9–12)",
    ]
    assert view.phase_changes[0].value == "Monday 2: Sliding leg curl replaces Romanian deadlift"
    assert view.phase_changes[1].value.startswith("24 of 24 exercises change")


def test_long_names_are_cut_for_the_running_header(catalogue: Catalogue) -> None:
    name = "Maximiliana Alexandra Konstantinopoulou-Vanderbilt de la Fuente y Montenegro"
    view = build_view(catalogue_program(weeks=1, days=3, name=name), catalogue, PAPERS["a4"], None)
    assert view.client == name
    assert view.client_short == "Maximiliana Alexandra Konstantinopoulou-Vanderbilt de la…"
    assert view.client_size == "xs", "three lines at 18 pt, two at 14 pt"
    short = build_view(catalogue_program(weeks=1, days=3), catalogue, PAPERS["a4"], None)
    assert short.client_size == "l"


def test_an_exercise_missing_from_the_catalogue_still_prints(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    program = catalogue_program(weeks=1, days=3)
    entry = program.weeks[0].sessions[0].exercises[1]
    entry.exercise_id, entry.name = "gym_special_press", "Gym special press"
    texts = page_texts(renderer.render(program, catalogue).pdf)
    assert "Gym special press" in texts[3]
    guide = squeeze(" ".join(texts[4:]))
    assert squeeze("Gym special press") in guide and squeeze("not in the catalogue") in guide


def test_set_boxes_are_a_grey_png_strip_with_the_unused_boxes_shaded() -> None:
    strip = Image.open(io.BytesIO(set_boxes_png(2, 5, width=100)))
    assert (strip.format, strip.mode, strip.size) == ("PNG", "L", (100, 4))
    rows = [[strip.getpixel((x, y)) for x in range(100)] for y in range(4)]
    assert all(row == rows[0] for row in rows)
    rules = {19, 20, 39, 40, 59, 60, 79, 80}
    expected = [0x8A if x in rules else 0xFF if x < 40 else 0xE6 for x in range(100)]
    assert rows[0] == expected


def test_set_boxes_css_gives_each_set_count_its_strip_as_a_data_uri() -> None:
    css = str(set_boxes_css(4))
    uris = re.findall(
        r'\.log td\.s(\d) \{ background-image: url\("data:image/png;base64,([^"]+)"\); \}', css
    )
    assert [sets for sets, _ in uris] == ["1", "2", "3", "4"]
    for sets, data in uris:
        strip = Image.open(io.BytesIO(base64.b64decode(data)))
        assert strip.size == (960, 4)
        assert strip.getpixel((959, 0)) == (0xFF if sets == "4" else 0xE6)


def test_the_glute_band_reaches_as_far_as_the_ceiling_counts(catalogue: Catalogue) -> None:
    # A glute programme's squats, lunges and hinges count half toward the glutes' weekly
    # ceiling; the chart's bar counts them in full, so the band reaches further by the
    # half the ceiling leaves out, and the bar stays inside it (28.5 sets against 22).
    from thrustplan.app.inputs import load_profile
    from thrustplan.planner.output.overview import volume_rows
    from thrustplan.planner.pipeline import generate_program
    from thrustplan.rules.volume import MAX_WEEKLY_SETS

    panel = Path(__file__).resolve().parent / "panel"
    profile = load_profile(panel / "glutes-intermediate-full-gym.yaml")
    program = generate_program(profile.model_copy(update={"weeks": 4}), catalogue)
    rows = {row.label: row for row in volume_rows(program, catalogue)}
    ceiling = MAX_WEEKLY_SETS[profile.level]
    glutes = rows["Gluteus maximus"]
    assert glutes.planned > ceiling and glutes.planned <= glutes.ceiling
    assert all(r.ceiling == ceiling for label, r in rows.items() if label != "Gluteus maximus")
