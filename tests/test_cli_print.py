"""``thrustplan plan``'s printing options end to end, through typer's CliRunner.

One cheap programme (two weeks of three dumbbell sessions) is printed once with every
option; each test reads back one of its files. Refusals stop before the solve.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import icalendar
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.factories import pdf_images
from thrustplan.app.cli.app import app
from thrustplan.planner.output.charts import number
from thrustplan.planner.output.exports import EXTRA_COLUMNS
from thrustplan.planner.output.render import set_boxes_png
from thrustplan.planner.progression.replan import LOG_COLUMNS

runner = CliRunner()
NAME = 'Ana <img src="file:///etc/passwd">'
#: The logo's size in pixels, to find it among the PDF's images.
LOGO = (48, 4)
PROFILE = f"""\
name: '{NAME}'
goal: glutes
level: beginner
days_per_week: 3
session_minutes: 45
weeks: 2
equipment: [dumbbells, bench]
bodyweight: 68
start_date: 2027-01-04
trainer: {{name: North Street Strength, logo: brand/logo.png}}
"""


@dataclass(frozen=True)
class Printed:
    output: str
    pdf: Path
    html: str
    csv: str
    ics: bytes
    program: dict[str, Any]


def write_profile(folder: Path, text: str = PROFILE) -> Path:
    """A profile in ``folder`` with its logo beside it, in ``brand/``."""
    (folder / "brand").mkdir(parents=True, exist_ok=True)
    (folder / "brand" / "logo.png").write_bytes(set_boxes_png(1, 2, width=LOGO[0]))
    profile = folder / "ana.yaml"
    profile.write_text(text, encoding="utf-8")
    return profile


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The programme printed once with every option, from a profile in its own folder."""
    folder = tmp_path_factory.mktemp("print")
    profile = write_profile(folder / "clients")
    out = folder / "out"
    files = {kind: out / f"plan.{kind}" for kind in ("pdf", "html", "csv", "ics", "json")}
    result = runner.invoke(
        app,
        ["plan", str(profile), "-o", str(files["pdf"]), "--paper", "letter", "--units", "lb",
         "--theme", "ink", "--html", str(files["html"]), "--csv", str(files["csv"]),
         "--ics", str(files["ics"]), "--json", str(files["json"])],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return Printed(
        output=result.output,
        pdf=files["pdf"],
        html=files["html"].read_text(encoding="utf-8"),
        csv=files["csv"].read_text(encoding="utf-8"),
        ics=files["ics"].read_bytes(),
        program=json.loads(files["json"].read_text(encoding="utf-8")),
    )


def entries(program: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for w in program["weeks"] for s in w["sessions"] for e in s["exercises"]]


def test_the_pdf_is_letter_with_loads_in_pounds(printed: Printed) -> None:
    reader = PdfReader(printed.pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    loads = [e["load"] for e in entries(printed.program) if e["load"] is not None]
    assert loads, "the profile's body weight gives the hip thrust a starting load"
    for load in loads:
        assert f"{number(load)}lb" in text
    assert "kg" not in text
    assert f"({len(reader.pages)} pages)" in printed.output


def test_a_relative_logo_is_taken_from_the_profiles_folder(printed: Printed) -> None:
    assert LOGO in pdf_images(printed.pdf.read_bytes())


def test_the_html_is_self_contained_escaped_and_themed(printed: Printed) -> None:
    html = printed.html
    assert "Ana &lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    links = re.findall(r"""(?:src|href)="([^"]*)"|url\(["']?([^"')]*)""", html)
    targets = [src or url for src, url in links]
    assert targets and all(t.startswith("data:") for t in targets), targets
    assert any(t.startswith("data:image/png;base64,") for t in re.findall(r'src="([^"]*)"', html))
    assert 'Theme "ink"' in html, "the theme's stylesheet is applied"


def test_the_csv_has_the_logs_columns_and_one_row_per_prescribed_set(printed: Printed) -> None:
    header, *rows = list(csv.reader(io.StringIO(printed.csv)))
    assert tuple(header) == (*LOG_COLUMNS, *EXTRA_COLUMNS)
    assert len(rows) == sum(e["sets"] for e in entries(printed.program))
    units = {row[header.index("load_unit")] for row in rows if row[header.index("load")]}
    assert units == {"lb"}


def test_the_calendar_has_one_event_per_session(printed: Printed) -> None:
    calendar = icalendar.Calendar.from_ical(printed.ics)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    sessions = [s for w in printed.program["weeks"] for s in w["sessions"]]
    assert len(events) == len(sessions) == 6
    assert all(str(e["summary"]).startswith("Week ") for e in events)


def test_an_unknown_theme_exits_2_naming_the_choices(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    result = runner.invoke(app, ["plan", str(write_profile(tmp_path)), "-o", str(pdf),
                                 "--theme", "[neon]"])  # fmt: skip
    assert result.exit_code == 2
    assert "theme '[neon]': not a bundled theme (ink, warm) nor a .css file" in result.output
    assert not pdf.exists()


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("/etc/passwd", "trainer.logo: /etc/passwd is not a .png, .jpg, .jpeg or .svg file"),
        ("../" * 20 + "etc/passwd.png", "trainer.logo: /etc/passwd.png does not exist"),
        ("environ.png", "leads to /proc/"),
    ],
)
def test_a_logo_outside_the_allowed_places_exits_2_naming_the_field(
    tmp_path: Path, logo: str, message: str
) -> None:
    (tmp_path / "environ.png").symlink_to("/proc/self/environ")
    pdf = tmp_path / "x.pdf"
    profile = write_profile(tmp_path, PROFILE.replace("brand/logo.png", logo))
    result = runner.invoke(app, ["plan", str(profile), "-o", str(pdf)])
    assert result.exit_code == 2
    assert message in result.output and "trainer.logo" in result.output
    assert "Traceback" not in result.output
    assert not pdf.exists()


def test_a_logo_from_another_folder_needs_that_folder_allowed(tmp_path: Path) -> None:
    profile = write_profile(tmp_path / "clients", PROFILE.replace("brand/", "../brand/"))
    shared = tmp_path / "brand"
    write_profile(tmp_path)  # the logo, in tmp_path/brand, where clients/ does not reach
    pdf = tmp_path / "x.pdf"
    refused = runner.invoke(app, ["plan", str(profile), "-o", str(pdf)])
    assert refused.exit_code == 2
    assert f"trainer.logo: {shared / 'logo.png'} lies outside the folders" in refused.output
    assert "--logo-folder" in refused.output and not pdf.exists()
    allowed = runner.invoke(
        app, ["plan", str(profile), "-o", str(pdf), "--logo-folder", str(shared)]
    )
    assert allowed.exit_code == 0, allowed.output
    assert LOGO in pdf_images(pdf.read_bytes())
