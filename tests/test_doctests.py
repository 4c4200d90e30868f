"""Run the examples in every docstring of the installed packages.

Collected here, by the modules' installed names, so that each module is imported once
as ``thrustplan.<folder>...`` exactly as the programme imports it.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("thrustplan.exercise_db", "thrustplan.rules", "thrustplan.planner", "thrustplan.app")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        names.append(package)
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            names.append(info.name)
    return sorted(names)


def _docstrings() -> list[tuple[str, str]]:
    """(module, qualified name) of every docstring that holds examples."""
    finder = doctest.DocTestFinder()
    found = []
    for name in _modules():
        module = importlib.import_module(name)
        found += [(name, test.name) for test in finder.find(module) if test.examples]
    return sorted(found)


DOCSTRINGS = _docstrings()


def test_examples_are_found() -> None:
    modules = {module for module, _ in DOCSTRINGS}
    assert "thrustplan.rules.strength" in modules
    assert len(DOCSTRINGS) > 50


@pytest.mark.parametrize(("module", "name"), DOCSTRINGS)
def test_docstring_examples(module: str, name: str) -> None:
    finder = doctest.DocTestFinder()
    (test,) = [t for t in finder.find(importlib.import_module(module)) if t.name == name]
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
