"""Hostile logos: an SVG is parsed safely and its ``<use>`` copies bounded; a PNG or JPEG
is measured from its header before the renderer decodes it (issue 15, "Hangs")."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.hostile_cli import PLAN_LIMIT, PROFILE, digest, refused, thrustplan, write
from thrustplan.app.inputs import InputError, check_logo

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels: its header, one empty row, its end."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + (chunk(b"IEND", b""))
    )


def jpeg_of(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header is rewritten to claim ``width`` x ``height``."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def nested_uses(levels: int) -> str:
    """The 1.7 KB SVG of the issue: each group uses the one before it ten times."""
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels):
        uses = f'<use xlink:href="#l{level - 1}"/>' * 10
        groups.append(f'<g id="l{level}">{uses}</g>')
    return f'{SVG_OPEN}<defs>{"".join(groups)}</defs><use href="#l{levels - 1}"/></svg>'


def logo(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "naming"),
    [
        ("a.svg", nested_uses(9), "nested"),
        (
            "b.svg",
            SVG_OPEN
            + '<g id="g">'
            + "<rect/>" * 5000
            + "</g>"
            + '<use href="#g"/>' * 10
            + "</svg>",
            "elements",
        ),
        (
            "c.svg",
            '<svg id="r" xmlns="http://www.w3.org/2000/svg"><use href="#r"/></svg>',
            "nested",
        ),
        (
            "d.svg",
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            + SVG_OPEN
            + "<text>&b;</text></svg>",
            "DTD or entities",
        ),
        (
            "e.svg",
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG_OPEN + "&x;</svg>",
            "DTD or entities",
        ),
        ("f.svg", SVG_OPEN + "<g>", "well-formed"),
        ("g.svg", '<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>', "root"),
        ("h.png", png_header(20000, 20000), "a side"),
        ("i.png", png_header(1, 90000), "pixels"),
        ("j.jpg", jpeg_of(30000, 10), "pixels"),
        ("k.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "that can be read"),
        ("l.jpg", b"GIF89a" + b"\0" * 64, "content is not one"),
    ],
)
def test_a_hostile_logo_is_refused(
    tmp_path: Path, name: str, content: bytes | str, naming: str
) -> None:
    path = logo(tmp_path, name, content)
    with pytest.raises(InputError, match=naming) as caught:
        check_logo(path, [tmp_path])
    assert str(caught.value).startswith("trainer.logo")


def test_an_svg_whose_tag_comes_after_two_kilobytes_is_accepted(tmp_path: Path) -> None:
    comment = "<!-- " + "made by hand " * 300 + "-->"
    path = logo(tmp_path, "late.svg", f'<?xml version="1.0"?>{comment}{SVG_OPEN}<rect/></svg>')
    assert check_logo(path, [tmp_path]) == path.resolve()


def test_an_svg_with_a_few_plain_uses_is_accepted(tmp_path: Path) -> None:
    content = SVG_OPEN + '<circle id="c" r="2"/>' + '<use href="#c" x="4"/>' * 20 + "</svg>"
    path = logo(tmp_path, "dots.svg", content)
    assert check_logo(path, [tmp_path]) == path.resolve()


def test_a_real_png_and_jpeg_are_accepted(tmp_path: Path) -> None:
    for name, kind in (("a.png", "PNG"), ("a.jpg", "JPEG")):
        buffer = io.BytesIO()
        Image.new("RGB", (400, 120), "white").save(buffer, kind)
        path = logo(tmp_path, name, buffer.getvalue())
        assert check_logo(path, [tmp_path]) == path.resolve()


def test_plan_refuses_a_use_bomb_logo_quickly(tmp_path: Path) -> None:
    logo(tmp_path, "logo.svg", nested_uses(9))
    profile = write(tmp_path, "P.yaml", PROFILE + "trainer: {name: Coach, logo: logo.svg}\n")
    refused("plan", "P.yaml", "-o", "x.pdf", cwd=tmp_path, inputs=[profile], naming="trainer.logo")
    assert not (tmp_path / "x.pdf").exists()


def test_plan_refuses_a_huge_png_logo_rather_than_dropping_it(tmp_path: Path) -> None:
    logo(tmp_path, "logo.png", png_header(20000, 20000))
    profile = write(tmp_path, "P.yaml", PROFILE + "trainer: {name: Coach, logo: logo.png}\n")
    before = digest([profile])
    run = thrustplan("plan", "P.yaml", "-o", "x.pdf", cwd=tmp_path, limit=PLAN_LIMIT)
    assert run.status == 2, run.text
    assert "trainer.logo" in run.err and "a side" in run.err
    assert digest([profile]) == before
