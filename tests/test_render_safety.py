"""Printing never runs markup from the data and never reads a file it was not given."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories import catalogue_program, pdf_images
from thrustplan.app.inputs import InputError, check_logo
from thrustplan.app.service import plan_to_files
from thrustplan.exercise_db.catalogue import Catalogue, builtin_catalogue
from thrustplan.planner.output.formats import Format
from thrustplan.planner.output.render import (
    TEMPLATE_DIR,
    Renderer,
    RenderError,
    package_fetcher,
    set_boxes_png,
)

PASSWD = Path("/etc/passwd")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return builtin_catalogue()


@pytest.fixture(scope="module")
def logos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one folder this module's renderer takes logos from."""
    return tmp_path_factory.mktemp("logos")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer()


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def png_file(path: Path) -> Path:
    path.write_bytes(set_boxes_png(1, 2, width=40))
    return path


def test_a_client_name_that_looks_like_markup_prints_as_text_and_embeds_nothing(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    name = '<img src="file:///etc/passwd">'
    program = catalogue_program(weeks=1, days=3, name=name)
    pdf = renderer.render(program, catalogue).pdf
    printed = text(pdf)
    assert name in printed
    assert printed.count(name) >= 4, "cover, running headers"
    # The only images are the set-box strips the templates draw themselves.
    assert pdf_images(pdf) == {(960, 4)}
    if PASSWD.is_file():
        assert PASSWD.read_bytes()[:20] not in pdf


def test_notes_and_names_with_markup_print_literally_in_html_too(
    renderer: Renderer, catalogue: Catalogue
) -> None:
    note = "<b>hold</b> & <script>alert(1)</script>"
    program = catalogue_program(weeks=1, days=3, name="<i>Ann</i>", note=note)
    html = renderer.render_html(program, catalogue)
    assert "<script>" not in html and "<i>Ann</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;i&gt;Ann&lt;/i&gt;" in html
    pdf_text = text(renderer.render(program, catalogue).pdf)
    assert "<b>hold</b> &" in pdf_text


def test_a_trainer_logo_is_drawn(renderer: Renderer, catalogue: Catalogue, logos: Path) -> None:
    logo = png_file(logos / "logo.png")
    pdf = renderer.render(catalogue_program(weeks=1, days=3, logo=logo), catalogue, logo=logo).pdf
    assert (40, 4) in pdf_images(pdf)


def test_an_svg_logo_cannot_pull_in_other_files(
    renderer: Renderer, catalogue: Catalogue, logos: Path
) -> None:
    logo = logos / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="10" height="10"><image xlink:href="file:///etc/passwd" width="10" '
        'height="10"/></svg>',
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match=re.escape("refused to fetch 'file:///etc/passwd'")):
        renderer.render(catalogue_program(weeks=1, days=3, logo=logo), catalogue, logo=logo)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: PASSWD, "is not a .png, .jpg, .jpeg or .svg file"),
        (lambda tmp: tmp / "missing.png", "does not exist"),
        (lambda tmp: _link(tmp / "logo.png", _write(tmp / "notes.txt", b"x")), "not an image"),
        (lambda tmp: _link(tmp / "logo.png", PASSWD), "lies outside"),
        (lambda tmp: _write(tmp / "logo.png", b"root:x:0:0"), "content is not one"),
        (lambda tmp: _mkdir(tmp / "logo.png"), "not a regular file"),
        (lambda tmp: _link(tmp / "logo.png", Path("/proc/self/environ")), "a system file"),
        (lambda tmp: png_file(_mkdir(tmp.parent / "elsewhere") / "logo.png"), "lies outside"),
        (lambda tmp: _link(tmp / "logo.png", png_file(tmp.parent / "out.png")), "lies outside"),
    ],
    ids=[
        "system file",
        "missing",
        "link to text",
        "link out",
        "not a png",
        "folder",
        "proc",
        "outside",
        "jump",
    ],
)
def test_a_logo_outside_the_allowed_place_is_refused_naming_the_field(
    tmp_path: Path, make: object, message: str
) -> None:
    assert callable(make)
    allowed = _mkdir(tmp_path / "allowed")
    with pytest.raises(InputError, match=rf"^trainer\.logo: .*{message}"):
        check_logo(make(allowed), [allowed])


def test_a_logo_inside_an_allowed_folder_is_taken(tmp_path: Path) -> None:
    logo = png_file(_mkdir(tmp_path / "brand" / "2026") / "logo.png")
    assert check_logo(logo, [tmp_path / "clients", tmp_path / "brand"]) == logo.resolve()
    message = rf"^trainer\.logo: {logo} lies outside .*--logo-folder$"
    with pytest.raises(InputError, match=message):
        check_logo(logo, [tmp_path / "clients"])


def test_a_refused_logo_stops_the_plan_before_anything_is_written(tmp_path: Path) -> None:
    profile = tmp_path / "client.yaml"
    profile.write_text(
        "name: Ann\ngoal: glutes\nlevel: beginner\ndays_per_week: 3\nsession_minutes: 45\n"
        "trainer: {logo: /etc/passwd}\n",
        encoding="utf-8",
    )
    targets = {Format.PDF: tmp_path / "plan.pdf", Format.HTML: tmp_path / "plan.html"}
    with pytest.raises(InputError, match=r"^trainer\.logo: /etc/passwd"):
        plan_to_files(profile, {}, targets)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["client.yaml"]


def test_the_fetcher_serves_templates_the_logo_and_data_only(tmp_path: Path) -> None:
    fetcher = package_fetcher()
    css = fetcher.fetch((TEMPLATE_DIR / "base.css").resolve().as_uri())
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    logo = png_file(tmp_path / "logo.png")
    refused = [
        PASSWD.as_uri(),
        logo.as_uri(),
        "http://example.com/logo.png",
        "https://example.com/logo.png",
        "ftp://example.com/logo.png",
        (TEMPLATE_DIR / ".." / "planner" / "output" / "render.py").as_uri(),
    ]
    for url in refused:
        with pytest.raises(RenderError, match="refused to fetch"):
            fetcher.fetch(url)
    fetcher.logo = logo.resolve()
    assert fetcher.fetch(logo.as_uri()).read().startswith(b"\x89PNG")
    assert fetcher.refused == refused


def test_a_theme_cannot_reach_outside_the_package(catalogue: Catalogue, tmp_path: Path) -> None:
    theme = tmp_path / "leak.css"
    theme.write_text('@import url("file:///etc/passwd");', encoding="utf-8")
    with pytest.raises(RenderError, match=re.escape("refused to fetch 'file:///etc/passwd'")):
        Renderer(theme=str(theme)).render(catalogue_program(weeks=1, days=3), catalogue)
    theme.write_text('.cover { background: url("http://example.com/x.png"); }', encoding="utf-8")
    with pytest.raises(RenderError, match=re.escape("refused to fetch 'http://example.com/x.png'")):
        Renderer(theme=str(theme)).render(catalogue_program(weeks=1, days=3), catalogue)


def _link(path: Path, target: Path) -> Path:
    path.symlink_to(target)
    return path


def _write(path: Path, body: bytes) -> Path:
    path.write_bytes(body)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path
