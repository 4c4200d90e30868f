"""The paper a programme prints on, the printed sizes of a week page, and a text measure.

The week pages are planned before WeasyPrint runs (:mod:`.pages`), so everything that
plan needs to know about the printed page is here: the printable area of each paper
size, the heights of the parts of a week page as ``base.css`` sets them, and
:class:`TextMeasure`, which counts the lines a text takes in a column from the font's
own advance widths.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


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
#: The running header and footer print the client's and the trainer's names in margin
#: boxes three quarters of the content width wide, at 7 pt bold and 6.5 pt.
RUNNING_NAME_SHARE = 0.75
HEADER_PT, FOOTER_PT = 7.0, 6.5
#: Millimetres in a typographic point.
_PT = 25.4 / 72


#: Where the fonts of ``base.css`` live on Debian: DejaVu Sans first, then the fallbacks
#: for what it cannot set (Noto Sans CJK, Noto Color Emoji; ``make system-deps``). A
#: character takes the width it has in the first font that holds it, as in Pango.
FONT_FILES: dict[bool, tuple[Path, ...]] = {
    False: (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
    ),
    True: (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
        Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"),
    ),
}
#: The ellipsis that ends a cut text.
ELLIPSIS = "\u2026"


def _advances(path: Path) -> dict[int, float] | None:
    """Each character's advance width in ``path``, in ems; None when it cannot be read."""
    if not path.is_file():
        return None
    try:
        from fontTools.ttLib import TTFont

        # A collection (.ttc) holds one face per region; their advances are the same.
        font = TTFont(str(path), lazy=True, fontNumber=0)
        upem = float(font["head"].unitsPerEm)
        metrics = font["hmtx"].metrics
        return {code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
    except Exception:  # an unreadable font only makes the estimate coarser
        return None


class TextMeasure:
    """How many lines a text takes in a column, from the advance widths of the fonts.

    The widths come from the font files fontconfig would pick (the same files WeasyPrint
    uses); a fallback font is read only when a text holds a character DejaVu lacks.
    Without the files, a generous average width stands in (a full em for East Asian wide
    characters). Lines break at spaces, and a word wider than its column breaks between
    any two characters, as ``overflow-wrap: break-word`` in ``base.css`` makes Pango do;
    so the count never falls short of what Pango lays out.
    """

    def __init__(self, files: dict[bool, tuple[Path, ...]] = FONT_FILES) -> None:
        self._files = files
        self._tables: dict[tuple[bool, int], dict[int, float] | None] = {}

    def _table(self, bold: bool, index: int) -> dict[int, float] | None:
        if (bold, index) not in self._tables:
            self._tables[bold, index] = _advances(self._files[bold][index])
        return self._tables[bold, index]

    def _advance(self, char: str, bold: bool) -> float:
        code = ord(char)
        for index in range(len(self._files[bold])):
            table = self._table(bold, index)
            if table is not None and code in table:
                return table[code]
        if unicodedata.east_asian_width(char) in ("W", "F"):
            return 1.0
        return 0.66 if bold else 0.6

    def width(self, text: str, size_pt: float, *, bold: bool = False) -> float:
        """Width of ``text`` set in one line, in millimetres."""
        ems = sum(self._advance(char, bold) for char in text)
        return ems * size_pt * _PT

    def _pieces(self, word: str, width_mm: float, size_pt: float, bold: bool) -> list[float]:
        """The widths of the lines ``word`` takes: one when it fits the column, else as
        many characters a line as fit."""
        whole = self.width(word, size_pt, bold=bold)
        if whole <= width_mm:
            return [whole]
        pieces, used = [], 0.0
        for char in word:
            advance = self.width(char, size_pt, bold=bold)
            if used and used + advance > width_mm:
                pieces.append(used)
                used = 0.0
            used += advance
        return [*pieces, used]

    def lines(self, text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
        """Lines ``text`` takes in a column ``width_mm`` wide.

        >>> MEASURE.lines("Ann Lee", 50, 8)
        1
        >>> MEASURE.lines("W" * 120, 50, 8)  # no space to break at: broken anywhere
        8
        """
        if not text:
            return 0
        space = self.width(" ", size_pt, bold=bold)
        count = 0
        for paragraph in text.split("\n"):
            count += 1
            used = 0.0
            for word in paragraph.split(" "):
                pieces = self._pieces(word, width_mm, size_pt, bold)
                if used and used + space + pieces[0] > width_mm:
                    count += 1
                    used = 0.0
                count += len(pieces) - 1
                used = (
                    pieces[-1] if len(pieces) > 1 else used + (space if used else 0.0) + pieces[0]
                )
        return count

    def fit(self, text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> str:
        """``text`` as it fits one line ``width_mm`` wide: whole, or cut with an ellipsis.

        >>> MEASURE.fit("Ann Lee", 50, 8)
        'Ann Lee'
        >>> cut = MEASURE.fit("W" * 120, 50, 8)
        >>> cut.endswith(ELLIPSIS), MEASURE.width(cut, 8) <= 50
        (True, True)
        """
        if self.width(text, size_pt, bold=bold) <= width_mm:
            return text
        room = width_mm - self.width(ELLIPSIS, size_pt, bold=bold)
        kept, used = "", 0.0
        for char in text:
            used += self.width(char, size_pt, bold=bold)
            if used > room:
                break
            kept += char
        return kept.rstrip(" ,;-") + ELLIPSIS


MEASURE = TextMeasure()
