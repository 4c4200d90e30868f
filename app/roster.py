"""Reading a roster: one client per row, from CSV, XLSX, YAML or JSON Lines.

A roster row holds the profile fields as columns. Cells are text, so they are turned into
profile values here, before :func:`thrustplan.rules.profile.parse_profile` validates them:

- an empty cell means "not given" (the defaults file or the profile default applies);
- list fields (``equipment``, ``days``, ``limitations``, ``exclude``, ``favourites``,
  ``dislikes``, ``bands``, ``dumbbells``, ``kettlebells``) are ``;``-separated;
- nested fields (``barbell``, ``rep_maxes``, ``trainer``) are either JSON in one cell
  (``{"bar": 20, "plates": {"20": 4}}``) or flattened with dots in the column name
  (``barbell.bar``, ``trainer.name``, ``rep_maxes.hip_thrust.weight``).

YAML rosters are a list of profile mappings (or a mapping with a ``clients:`` list);
JSON Lines rosters hold one profile object per line. Both may use the cell forms above.

Row numbers are what a person finds in the file: the spreadsheet row for CSV and XLSX
(the header is row 1, so the first client is row 2), the line for JSON Lines, and the
1-based position in the list for YAML.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thrustplan.app.inputs import (
    PROFILE_LIMITS,
    ROSTER_LIMITS,
    InputError,
    parse_json,
    parse_yaml,
    read_limited,
    resolve_logo,
)

#: Profile fields that hold a list; in a cell they are ``;``-separated.
LIST_FIELDS = frozenset(
    {
        "equipment",
        "days",
        "limitations",
        "exclude",
        "favourites",
        "dislikes",
        "bands",
        "dumbbells",
        "kettlebells",
    }
)
#: Profile fields that hold a mapping; in a cell they are JSON, or flattened with dots.
NESTED_FIELDS = frozenset({"barbell", "rep_maxes", "trainer"})
#: Keys of a defaults file that set how the batch prints rather than a profile field.
PRINT_SETTINGS = frozenset({"paper", "theme"})
#: The most clients one roster may hold; a larger roster is split into several runs.
MAX_ROWS = 10_000
#: The most columns a roster row may have: every profile field, flattened, fits.
MAX_COLUMNS = 200
SUFFIXES = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class RosterError(ValueError):
    """A roster or defaults file that cannot be read at all; the message names the file."""


@dataclass(frozen=True)
class RosterRow:
    """One client's row: where it is in the file and its profile fields, merged over defaults.

    ``problem`` is set when the row's cells could not even be turned into fields (such as
    bad JSON in a nested cell); the row is then reported as invalid.
    """

    row: int
    fields: dict[str, Any]
    problem: str | None = None

    @property
    def label(self) -> str:
        """The client's name if the row gives one, else ``row N``."""
        name = self.fields.get("name")
        return str(name).strip() if name not in (None, "") else f"row {self.row}"


@dataclass(frozen=True)
class Defaults:
    """Shared values from a ``--defaults`` file: profile fields and print settings."""

    profile: dict[str, Any]
    paper: str | None = None
    theme: str | None = None


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_value(field: str, value: Any) -> Any:
    """A cell turned into the value the profile field expects (see the module docstring)."""
    if isinstance(value, str):
        text = value.strip()
        if field in LIST_FIELDS:
            return [word.strip() for word in text.split(";") if word.strip()]
        if field in NESTED_FIELDS:
            try:
                return parse_json(text, field, PROFILE_LIMITS)
            except InputError as error:
                raise ValueError(
                    f'{error}; write it as JSON, e.g. {{"bar": 20}}, or use {field}.<key> columns'
                ) from error
        return text
    if isinstance(value, float) and value.is_integer():
        # Spreadsheets store 3 as 3.0; whole numbers go to the profile as integers.
        return int(value)
    return value


def _leaf_value(column: str, value: Any) -> Any:
    """A flattened cell (``barbell.plates``): JSON when it looks like an object or a list."""
    value = _cell_value("", value)
    if isinstance(value, str) and value[:1] in "{[":
        return parse_json(value, column, PROFILE_LIMITS)
    return value


def _set_path(target: dict[str, Any], path: list[str], value: Any, column: str) -> None:
    for key in path[:-1]:
        child = target.setdefault(key, {})
        if not isinstance(child, dict):
            raise ValueError(f"{column}: {key} is given both as a whole cell and by parts")
        target = child
    target[path[-1]] = value


def row_fields(cells: Mapping[str, Any]) -> dict[str, Any]:
    """A row's non-empty cells as profile fields; raises ``ValueError`` naming a bad cell."""
    fields: dict[str, Any] = {}
    for column, value in cells.items():
        if column is None or _is_blank(column) or _is_blank(value):
            continue
        key = str(column).strip()
        path = [part.strip() for part in key.split(".")]
        if len(path) == 1:
            fields[key] = _cell_value(key, value)
        else:
            _set_path(fields, path, _leaf_value(key, value), key)
    return fields


def merge_defaults(defaults: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Row fields over defaults; nested mappings (``trainer``, ``barbell``) merge per key."""
    merged: dict[str, Any] = dict(defaults)
    for key, value in fields.items():
        base = merged.get(key)
        if isinstance(base, dict) and isinstance(value, dict):
            merged[key] = merge_defaults(base, value)
        else:
            merged[key] = value
    if "days_per_week" in fields and "days" not in fields:
        # Weekdays from the defaults were chosen for their count; a row's own count wins.
        merged.pop("days", None)
    return merged


def _check_header(path: Path, names: list[str] | None) -> None:
    if not names:
        raise RosterError(f"{path}: no header row; the first row must name the profile fields")
    if len(names) == 1 and names[0].count(";") >= 2:
        raise RosterError(
            f"{path}: the header is separated by semicolons ({names[0][:60]!r}); save the "
            "roster as CSV with commas (in a spreadsheet: CSV, comma-separated), since "
            "semicolons separate the words of a list cell"
        )
    if len(names) > MAX_COLUMNS:
        raise RosterError(f"{path}: {len(names)} columns, more than the {MAX_COLUMNS} accepted")


def _counted(path: Path, records: Iterator[Any]) -> Iterator[Any]:
    """``records``, refused once there are more than :data:`MAX_ROWS`."""
    for count, record in enumerate(records, start=1):
        if count > MAX_ROWS:
            raise RosterError(f"{path}: over {MAX_ROWS} rows; split the roster into parts")
        yield record


def _read_csv(path: Path) -> list[tuple[int, dict[str, Any]]]:
    text = read_limited(path, "roster", ROSTER_LIMITS)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _check_header(path, list(reader.fieldnames or []))
    rows = []
    for record in _counted(path, reader):
        if None in record:
            extra = record.pop(None)
            if any(not _is_blank(v) for v in extra):
                record["__extra__"] = ";".join(extra)
        if all(_is_blank(v) for v in record.values()):
            continue
        # line_num is the line the record ended on; it is the spreadsheet row unless a
        # quoted cell spans lines.
        rows.append((reader.line_num, dict(record)))
    return rows


def _read_xlsx(path: Path) -> list[tuple[int, dict[str, Any]]]:
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise RosterError(
            f"{path}: reading XLSX needs openpyxl; install thrustplan[xlsx]"
        ) from error
    if path.stat().st_size > ROSTER_LIMITS.max_bytes:
        raise RosterError(f"{path}: over {ROSTER_LIMITS.max_bytes >> 20} MiB; split the roster")
    formulas = _sheet_rows(openpyxl, path, data_only=False)
    if not any(_is_formula(value) for row in formulas for value in row):
        return _sheet_records(path, formulas, formulas)
    # Formulas: take the values the spreadsheet saved with them, where it saved any.
    return _sheet_records(path, formulas, _sheet_rows(openpyxl, path, data_only=True))


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _sheet_rows(openpyxl: Any, path: Path, *, data_only: bool) -> list[tuple[Any, ...]]:
    """The first sheet's rows as values (or formulas), within the row and column limits."""
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
            return list(_counted(path, rows))
        finally:
            book.close()
    except RosterError:
        raise
    except Exception as error:  # openpyxl and its XML parser raise many kinds for a bad file
        raise RosterError(
            f"{path}: not a readable XLSX workbook ({type(error).__name__}); "
            "open it in a spreadsheet and save it again as .xlsx"
        ) from error


def _sheet_records(
    path: Path, formulas: list[tuple[Any, ...]], values: list[tuple[Any, ...]]
) -> list[tuple[int, dict[str, Any]]]:
    """Rows as ``{column: value}``; a formula saved without its value is a row problem."""
    header = values[0] if values else None
    if header is None or all(_is_blank(h) for h in header):
        raise RosterError(f"{path}: the first sheet has no header row")
    names = [None if _is_blank(h) else str(h).strip() for h in header]
    rows = []
    for number, (given, shown) in enumerate(zip(formulas[1:], values[1:], strict=False), 2):
        record = {n: v for n, v in zip(names, shown, strict=False) if n is not None}
        lost = [
            f"{n}: the formula {f!s:.40} has no saved value; type the value, or open the "
            "roster in a spreadsheet and save it"
            for n, f, v in zip(names, given, shown, strict=False)
            if n is not None and _is_formula(f) and v is None
        ]
        if lost:
            record["__formula__"] = lost[0]
        if all(_is_blank(v) for v in record.values()):
            continue
        rows.append((number, record))
    return rows


def _read_yaml(path: Path) -> list[tuple[int, dict[str, Any]]]:
    data = _load_yaml(path, "roster")
    if isinstance(data, dict) and "clients" in data:
        data = data["clients"]
    if not isinstance(data, list):
        raise RosterError(f"{path}: expected a list of clients (or a mapping with clients:)")
    return [
        (i, item if isinstance(item, dict) else {"__row__": item})
        for i, item in _counted(path, enumerate(data, start=1))
    ]


def _read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    lines = read_limited(path, "roster", ROSTER_LIMITS).splitlines()
    for number, line in _counted(path, enumerate(lines, start=1)):
        if not line.strip():
            continue
        try:
            item = parse_json(line, f"line {number}", PROFILE_LIMITS)
        except InputError as error:
            item = {"__json__": str(error)}
        rows.append((number, item if isinstance(item, dict) else {"__row__": item}))
    return rows


def _load_yaml(path: Path, what: str) -> Any:
    return parse_yaml(read_limited(path, what, ROSTER_LIMITS), str(path), ROSTER_LIMITS)


def _named(record: Mapping[str, Any]) -> dict[str, Any]:
    """Only the row's name, so that a row refused for another cell is still reported by it."""
    name = record.get("name")
    return {"name": name.strip()[:120]} if isinstance(name, str) and name.strip() else {}


def _to_row(number: int, record: dict[str, Any], defaults: Defaults, folder: Path) -> RosterRow:
    if "__json__" in record:
        return RosterRow(number, {}, str(record["__json__"]))
    if "__row__" in record:
        return RosterRow(number, {}, "expected a mapping of profile fields")
    if "__extra__" in record:
        return RosterRow(
            number, _named(record), "more cells than header columns; quote cells with commas"
        )
    if "__formula__" in record:
        return RosterRow(number, _named(record), str(record["__formula__"]))
    try:
        fields = row_fields(record)
    except ValueError as error:
        return RosterRow(number, _named(record), str(error))
    # A row's own logo is named as the roster's author sees it, beside the roster.
    fields = resolve_logo(fields, folder)
    return RosterRow(number, merge_defaults(defaults.profile, fields))


def read_roster(path: Path, defaults: Defaults | None = None) -> list[RosterRow]:
    """Every client row of the roster at ``path``, merged over ``defaults``.

    Raises :class:`RosterError` when the file itself cannot be read; a bad row is kept
    (with its ``problem``, or left for the profile check) so that it can be reported.
    """
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise RosterError(
            f"{path}: unknown roster type {path.suffix or '(none)'!r}; "
            f"use one of {', '.join(sorted(SUFFIXES))}"
        )
    if not path.is_file():
        raise RosterError(f"{path}: no such file; check the path to the roster")
    defaults = defaults or Defaults(profile={})
    try:
        records = {
            "csv": _read_csv,
            "xlsx": _read_xlsx,
            "yaml": _read_yaml,
            "jsonl": _read_jsonl,
        }[kind](path)
    except InputError as error:
        raise RosterError(str(error)) from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RosterError(f"{path}: cannot read the roster ({error})") from error
    return [_to_row(number, record, defaults, path.parent) for number, record in records]


def read_defaults(path: Path) -> Defaults:
    """Shared values from a YAML file; a relative ``trainer.logo`` is taken from its folder."""
    if not path.is_file():
        raise RosterError(f"{path}: no such file; check the path to the defaults")
    try:
        data = _load_yaml(path, "defaults")
    except InputError as error:
        raise RosterError(str(error)) from error
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RosterError(f"{path}: expected a mapping of shared profile fields")
    profile = resolve_logo({k: v for k, v in data.items() if k not in PRINT_SETTINGS}, path.parent)
    paper, theme = data.get("paper"), data.get("theme")
    return Defaults(
        profile=profile,
        paper=None if paper is None else str(paper),
        theme=None if theme is None else str(theme),
    )
