"""The import graph points one way: data, then training knowledge, then planning, then
the application; and no two rooms of one package import each other round a loop.

The graph is read from the source with ``ast``, every ``import`` counted, including those
inside functions and under ``TYPE_CHECKING``: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Each top-level folder's layer; a module may import its own layer or one below it.
LAYERS = {"exercise_db": 0, "templates": 0, "rules": 1, "planner": 2, "app": 3}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every project module ``path`` imports (without the ``thrustplan.`` prefix)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names = [".".join([*base, node.module or ""]).rstrip(".")]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            if name.startswith("thrustplan."):
                yield name.removeprefix("thrustplan."), node.lineno
            elif name.split(".")[0] in LAYERS and not node.__dict__.get("level"):
                yield f"UNPREFIXED:{name}", node.lineno


def _edges() -> list[tuple[str, str, int]]:
    edges = []
    for folder in LAYERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = _module_name(path)
            edges += [(source, target, line) for target, line in _imports(path)]
    return edges


def _room(module: str) -> str:
    """The unit a loop is looked for between: a top-level folder's direct child."""
    return ".".join(module.split(".")[:2])


def test_the_graph_is_read() -> None:
    edges = _edges()
    assert len(edges) > 100
    assert ("planner.pipeline", "planner.model.solve") in {(a, b) for a, b, _ in edges}


def test_every_import_is_namespaced() -> None:
    bare = [f"{a}:{line} imports {b}" for a, b, line in _edges() if b.startswith("UNPREFIXED")]
    assert bare == [], "import the project as thrustplan.<folder>..."


def test_no_import_points_up() -> None:
    upward = [
        f"{source}:{line} imports {target}"
        for source, target, line in _edges()
        if LAYERS[target.split(".")[0]] > LAYERS[source.split(".")[0]]
    ]
    assert upward == []


def _find_loop(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (loop := visit(nxt)):
                return loop
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (loop := visit(node)):
            return loop
    return None


def test_no_loop_between_rooms() -> None:
    graph: dict[str, set[str]] = {}
    for source, target, _ in _edges():
        a, b = _room(source), _room(target)
        if a != b and a.split(".")[0] == b.split(".")[0]:
            graph.setdefault(a, set()).add(b)
    assert _find_loop(graph) is None


@pytest.mark.parametrize(
    ("graph", "loop"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ],
)
def test_loop_finder(graph: dict[str, set[str]], loop: list[str] | None) -> None:
    assert _find_loop(graph) == loop
