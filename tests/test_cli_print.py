"""``thrustplan plan``'s printing options end to end, through typer's CliRunner.

Refusals stop before the solve.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner.cli import app
from planner.render import set_boxes_png
from tests.test_render_safety import images

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


def write_profile(folder: Path, text: str = PROFILE) -> Path:
    """A profile in ``folder`` with its logo beside it, in ``brand/``."""
    (folder / "brand").mkdir(parents=True, exist_ok=True)
    (folder / "brand" / "logo.png").write_bytes(set_boxes_png(1, 2, width=LOGO[0]))
    profile = folder / "ana.yaml"
    profile.write_text(text, encoding="utf-8")
    return profile


def test_a_relative_logo_is_taken_from_the_profiles_folder(tmp_path: Path) -> None:
    pdf = tmp_path / "out" / "plan.pdf"
    result = runner.invoke(app, ["plan", str(write_profile(tmp_path / "clients")), "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert LOGO in images(pdf.read_bytes())


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
