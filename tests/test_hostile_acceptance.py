"""Acceptance tests of issue 15 through the command line: ``check`` trusts nothing, and
print survives long and foreign text.

``check`` exits 1 (or 2, where the bounded reader refuses the file) on a programme with no
weeks or a week without sessions, on loads that are absurd, negative or not finite, and on
a field the schema does not know, naming it. ``plan`` prints long names, long trainer
names and long band colours inside the page, without spreading a week over more pages,
and prints CJK and emoji names with a Noto font that has their glyphs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from tests.hostile_cli import EXAMPLES, PLAN_LIMIT, PROFILE, thrustplan, write

PLAN = EXAMPLES / "logs" / "sample-plan.json"


# --- check trusts nothing ---------------------------------------------------------------


def broken(tmp_path: Path, change: str) -> Path:
    data = json.loads(PLAN.read_text())
    entries = [e for w in data["weeks"] for s in w["sessions"] for e in s["exercises"]]
    entry = next(e for e in entries if e["load"] is not None)
    if change == "no weeks":
        data["weeks"] = []
    elif change == "no sessions":
        data["weeks"][0]["sessions"] = []
    elif change == "huge load":
        entry["load"] = 1e9
    elif change == "negative load":
        entry["load"] = -20
    elif change == "extra field":
        entry["surprise"] = "ignored until now"
    text = json.dumps(data)
    if change in ("NaN load", "Infinity load"):
        value = change.split()[0]
        text = text.replace(f'"load": {entry["load"]}', f'"load": {value}', 1)
    path = tmp_path / "plan.json"
    path.write_text(text)
    return path


@pytest.mark.parametrize("change", ["no weeks", "no sessions", "huge load", "negative load"])
def test_check_fails_a_broken_programme(tmp_path: Path, change: str) -> None:
    broken(tmp_path, change)
    run = thrustplan("check", "plan.json", cwd=tmp_path)
    assert run.status == 1, run.text
    assert "every hard rule holds" not in run.text


@pytest.mark.parametrize("change", ["NaN load", "Infinity load"])
def test_check_reports_a_number_that_is_not_finite_where_it_is(tmp_path: Path, change: str) -> None:
    broken(tmp_path, change)
    run = thrustplan("check", "plan.json", cwd=tmp_path)
    assert run.status == 1, run.text
    assert "loads_in_range" in run.text
    assert change.split()[0].lower() in run.text.lower()
    assert "week 1" in run.text


def test_check_reports_a_field_the_schema_does_not_know(tmp_path: Path) -> None:
    broken(tmp_path, "extra field")
    run = thrustplan("check", "plan.json", cwd=tmp_path)
    assert run.status in (1, 2), run.text
    assert "surprise" in run.text


# --- print survives long and foreign text ----------------------------------------------


def render(tmp_path: Path, extra: str, name: str = "plan") -> Path:
    base = PROFILE.replace("weeks: 1", "weeks: 2")
    if extra.startswith("name:"):
        base = base.replace("name: Ana Ruiz\n", "")
    if extra.startswith("bands:"):
        base = base.replace("[bodyweight]", "[bands, mini_bands]")
    profile = write(tmp_path, f"{name}.yaml", base + extra)
    pdf = tmp_path / f"{name}.pdf"
    run = thrustplan("plan", str(profile), "-o", str(pdf), cwd=tmp_path, limit=PLAN_LIMIT)
    assert run.status == 0, run.text
    return pdf


def page_margins_are_blank(pdf: Path, page: int, tmp_path: Path) -> bool:
    """Whether the outer 3 mm of ``page`` hold no ink (nothing ran off the paper's edge)."""
    from PIL import Image

    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed"
    stem = tmp_path / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    image = Image.open(f"{stem}.png").convert("L")
    width, height = image.size
    edge = max(1, round(3 / 25.4 * 50))
    strips = [
        image.crop((0, 0, edge, height)),
        image.crop((width - edge, 0, width, height)),
    ]
    # The darkest grey in each strip: the first level of its histogram that any pixel has.
    darkest = [next(level for level, n in enumerate(s.histogram()) if n) for s in strips]
    return all(level > 200 for level in darkest)


def test_a_plain_plan_stays_on_the_page(tmp_path: Path) -> None:
    pdf = render(tmp_path, "")
    for page in range(1, len(pypdf.PdfReader(pdf).pages) + 1):
        assert page_margins_are_blank(pdf, page, tmp_path), f"ink at the edge of page {page}"


@pytest.mark.parametrize(
    "extra",
    [
        "name: " + "W" * 120 + "\n",
        "trainer: {name: " + "Coaching" * 15 + "}\n",
    ],
)
def test_long_names_stay_on_the_page(tmp_path: Path, extra: str) -> None:
    pdf = render(tmp_path, extra)
    for page in range(1, len(pypdf.PdfReader(pdf).pages) + 1):
        assert page_margins_are_blank(pdf, page, tmp_path), f"ink at the edge of page {page}"


def test_long_band_colours_do_not_spread_a_week(tmp_path: Path) -> None:
    kit = "bands: [{}]\n"
    short = render(tmp_path, kit.format("red, blue, black"), "short")
    long = render(tmp_path, kit.format(", ".join(["x" * 40] * 3)), "long")
    assert len(pypdf.PdfReader(long).pages) == len(pypdf.PdfReader(short).pages)


@pytest.mark.parametrize("name", ["山田 花子", "김지민", "Ana 💪🏽"])
def test_foreign_names_print_with_a_font_that_has_them(tmp_path: Path, name: str) -> None:
    profile = PROFILE.replace("Ana Ruiz", name)
    path = write(tmp_path, "p.yaml", profile)
    run = thrustplan("plan", str(path), "-o", "p.pdf", cwd=tmp_path, limit=PLAN_LIMIT)
    assert run.status == 0, run.text
    reader = pypdf.PdfReader(tmp_path / "p.pdf")
    resources = reader.pages[0].get("/Resources")
    font_dict = resources.get_object().get("/Font") if resources else None
    fonts = {str(font.get_object()["/BaseFont"]) for font in (font_dict or {}).values()}
    assert any("Noto" in font for font in fonts), fonts
