"""Every package the code imports is declared in pyproject.toml, not borrowed from another.

A package that only arrives as somebody else's dependency (WeasyPrint's fontTools, say)
can vanish in that package's next release; declaring it keeps the install honest.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("exercise_db", "rules", "planner", "app")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra, packages in project.get("optional-dependencies", {}).items():
        if extra != "dev":  # test tools may not be what the code leans on
            wanted += packages
    names = set()
    for item in wanted:
        names.add(_normalise(re.split(r"[\s\[<>=!~;]", item, maxsplit=1)[0]))
        # dask[distributed] declares the distributed package by its extra's name.
        extras = re.search(r"\[(.*?)\]", item)
        names |= {_normalise(e) for e in extras.group(1).split(",")} if extras else set()
    return names


def _imported() -> dict[str, str]:
    """Top-level modules imported by the code, each with one place that imports it."""
    found: dict[str, str] = {}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    found.setdefault(top, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_imported_package_is_declared() -> None:
    declared = _declared()
    owners = packages_distributions()
    missing = []
    for module, where in sorted(_imported().items()):
        if module in sys.stdlib_module_names or module in {"thrustplan", "__future__"}:
            continue
        distributions = {_normalise(d) for d in owners.get(module, [module])}
        if not distributions & declared:
            missing.append(f"{module} ({where}) from {sorted(distributions)}")
    assert missing == [], "declare these in pyproject.toml"
