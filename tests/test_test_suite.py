"""The test suite's own shape: profiles and programmes are built in one factories module,
other shared helpers live in helper modules named for their purpose, and no test module
reaches into another."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).parent
FACTORIES = "tests.factories"


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(TESTS.glob("*.py")):
        yield path.name, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.Module) -> Iterator[str]:
    """Every module a file imports, with ``from a import b`` giving both a and a.b."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _is_test_module(name: str) -> bool:
    parts = name.split(".")
    return parts[-1].startswith("test_") and (len(parts) == 1 or parts[0] == "tests")


def _calls_to(tree: ast.Module, owner: str) -> Iterator[int]:
    """Lines that call ``owner(...)`` or ``owner.model_validate(...)``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        direct = isinstance(func, ast.Name) and func.id == owner
        validate = (
            isinstance(func, ast.Attribute)
            and func.attr == "model_validate"
            and isinstance(func.value, ast.Name)
            and func.value.id == owner
        )
        if direct or validate:
            yield node.lineno


def test_the_walk_sees_every_test_module() -> None:
    names = {name for name, _ in _modules()}
    assert {"factories.py", "test_test_suite.py", "test_rulebook.py"} <= names


def test_no_test_module_imports_another_test_module() -> None:
    found = [
        f"{name} imports {module}"
        for name, tree in _modules()
        for module in _imported(tree)
        if _is_test_module(module)
    ]
    assert found == [], "move shared helpers to tests/factories.py: " + "; ".join(found)


#: The helper modules of the tests folder, one purpose each: profile and programme
#: builders, running the command line against hostile input, the web workspace's fixtures.
HELPERS = {"tests.factories", "tests.hostile_cli", "tests.web_factory"}


def test_helpers_from_the_tests_folder_come_from_the_helper_modules() -> None:
    found = [
        f"{name} imports {module}"
        for name, tree in _modules()
        for module in _imported(tree)
        if module.split(".")[0] == "tests"
        and module not in HELPERS
        and ".".join(module.split(".")[:2]) not in HELPERS
    ]
    assert found == [], "; ".join(found)


def test_every_helper_module_is_used() -> None:
    imported = {module for _, tree in _modules() for module in _imported(tree)}
    helper_files = {f"tests.{path.stem}" for path in TESTS.glob("*.py")}
    helper_files = {name for name in helper_files if not _is_test_module(name)}
    assert helper_files == HELPERS
    assert imported >= HELPERS


def test_profiles_are_built_only_by_the_factories() -> None:
    found = [
        f"{name}:{line}"
        for name, tree in _modules()
        if name != "factories.py"
        for line in _calls_to(tree, "ClientProfile")
    ]
    assert found == [], "build profiles with tests.factories.profile: " + ", ".join(found)


def test_the_checks_catch_what_they_look_for() -> None:
    tree = ast.parse(
        "from tests.test_render import page_texts\n"
        "import test_checker\n"
        "from tests import helpers\n"
        "p = ClientProfile.model_validate({})\n"
    )
    imported = list(_imported(tree))
    assert [m for m in imported if _is_test_module(m)] == ["tests.test_render", "test_checker"]
    assert "tests.helpers" in imported
    assert list(_calls_to(tree, "ClientProfile")) == [4]
