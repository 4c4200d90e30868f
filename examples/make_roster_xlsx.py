"""Write examples/roster.xlsx from examples/roster.csv (same columns, same cells).

Run from the repository root: ``python examples/make_roster_xlsx.py``. Whole numbers are
stored as numbers, as a spreadsheet user would type them; everything else as text.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def cell(text: str) -> str | int | float | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return text


def main() -> None:
    with (HERE / "roster.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "clients"
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([cell(value) for value in row])
    book.save(HERE / "roster.xlsx")


if __name__ == "__main__":
    main()
