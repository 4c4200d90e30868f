"""The paper a programme prints on, the printed sizes of a week page, and a text measure.

The week pages are planned before WeasyPrint runs (:mod:`.pages`), so everything that
plan needs to know about the printed page is here: the printable area of each paper
size, the heights of the parts of a week page as ``base.css`` sets them, and
:class:`TextMeasure`, which counts the lines a text takes in a column from the font's
own advance widths.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Paper:
    """A paper size: its stylesheet and the printable area the week pages are packed to."""

    name: str
    stylesheet: str
    #: Page height less the top and bottom margins of ``base.css``, in millimetres.
    content_height: float
    #: Page width less the side margins, in millimetres.
    content_width: float


#: Margins in ``base.css``: 13 mm top (running header), 10 mm bottom (page numbers),
#: 12 mm each side.
_MARGINS = 13.0 + 10.0
PAPERS = {
    "a4": Paper("a4", "paper-a4.css", 297.0 - _MARGINS, 210.0 - 24.0),
    "letter": Paper("letter", "paper-letter.css", 279.4 - _MARGINS, 215.9 - 24.0),
}

# Printed sizes in millimetres of the parts of a week page, matching ``base.css`` and
# measured from laid-out pages (tests/test_render_layout.py checks every week starts on
# the page planned for it).
WEEK_HEAD_MM = 9.8
TABLE_HEAD_MM = 4.6
#: A session's heading row (with the gap above it) and its notes row.
SESSION_MM = 6.2 + 6.75
#: Columns of the session table as fractions of the width (the set boxes take the rest),
#: and the padding in a cell.
COLUMNS = {"exercise": 0.32, "prescription": 0.18, "load": 0.18}
CELL_PAD_MM = 1.9
#: Line heights: an 8 pt line at line-height 1.05 (exercise cell), 1.15 (other cells),
#: and a 6.5 pt line at 1.15; a row adds padding and a rule.
NAME_LINE_MM, LINE_MM, SUB_LINE_MM, ROW_PAD_MM = 2.97, 3.25, 2.64, 0.95
ROW_MIN_MM = 2 * NAME_LINE_MM + ROW_PAD_MM
#: The page's notes under the table: a 7 pt line and the space above the block.
PAGE_NOTE_LINE_MM, PAGE_NOTE_PAD_MM = 2.97, 2.2
#: Keep a little room so rounding in the estimate never pushes a row onto a new page.
SLACK_MM = 3.0
#: Millimetres in a typographic point.
_PT = 25.4 / 72


class TextMeasure:
    """How many lines a text takes in a column, from the advance widths of DejaVu Sans.

    The widths come from the font files fontconfig would pick (the same files WeasyPrint
    uses); without them, a generous average width stands in. Lines break at spaces only,
    so the count never falls short of what Pango lays out.
    """

    _FILES: ClassVar[dict[bool, Path]] = {
        False: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        True: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    }

    def __init__(self) -> None:
        self._advances: dict[bool, tuple[dict[int, float], float]] = {}

    def _table(self, bold: bool) -> tuple[dict[int, float], float]:
        if bold not in self._advances:
            self._advances[bold] = self._read(bold)
        return self._advances[bold]

    def _read(self, bold: bool) -> tuple[dict[int, float], float]:
        fallback = 0.66 if bold else 0.6
        path = self._FILES[bold]
        if not path.is_file():
            return {}, fallback
        try:
            from fontTools.ttLib import TTFont

            font = TTFont(str(path), lazy=True)
            upem = float(font["head"].unitsPerEm)
            metrics = font["hmtx"].metrics
            advances = {
                code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()
            }
        except Exception:  # an unreadable font only makes the estimate coarser
            return {}, fallback
        return advances, fallback

    def width(self, text: str, size_pt: float, *, bold: bool = False) -> float:
        """Width of ``text`` set in one line, in millimetres."""
        advances, fallback = self._table(bold)
        ems = sum(advances.get(ord(char), fallback) for char in text)
        return ems * size_pt * _PT

    def lines(self, text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
        """Lines ``text`` takes in a column ``width_mm`` wide, breaking at spaces."""
        if not text:
            return 0
        space = self.width(" ", size_pt, bold=bold)
        count = 0
        for paragraph in text.split("\n"):
            count += 1
            used = 0.0
            for word in paragraph.split(" "):
                word_width = self.width(word, size_pt, bold=bold)
                if used and used + space + word_width > width_mm:
                    count += 1
                    used = word_width
                else:
                    used += (space if used else 0.0) + word_width
        return count


MEASURE = TextMeasure()
