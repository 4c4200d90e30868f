"""Reading untrusted files within bounds: size, nesting, YAML aliases, finite numbers.

Every file a user hands the application is read through here before it is parsed, and
parsed here before any model sees it, so that no file can make the parser recurse, hang
or fill the memory. Each refusal is an :class:`InputError` naming the file, the line or
the field, and the fix.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml


class InputError(ValueError):
    """Input that cannot be used; the message names the field or file and the fix."""


# --- reading untrusted files, bounded ----------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """How much the boundary reads of one kind of file before it refuses the file."""

    #: The largest file, in bytes.
    max_bytes: int
    #: The deepest nesting of lists and mappings (a profile needs four).
    max_depth: int = 24
    #: Nodes that YAML aliases may add once expanded: enough for ``<<: *defaults`` in a
    #: roster, far too few for an alias bomb.
    max_alias_nodes: int = 20_000


_MIB = 1024 * 1024
#: A profile, a defaults file or a roster row's JSON: a page of YAML.
PROFILE_LIMITS = Limits(max_bytes=_MIB)
#: A roster: thousands of clients.
ROSTER_LIMITS = Limits(max_bytes=16 * _MIB)
#: A programme written by ``plan --json``: 52 weeks of six sessions.
PROGRAM_LIMITS = Limits(max_bytes=16 * _MIB)
#: A replan log: a year of sets, several times over.
LOG_LIMITS = Limits(max_bytes=8 * _MIB)
#: A trainer's catalogue, or an imported one.
CATALOGUE_LIMITS = Limits(max_bytes=8 * _MIB)
#: A source database handed to ``exercises import``.
SOURCE_LIMITS = Limits(max_bytes=32 * _MIB)


def read_limited(path: Path, what: str, limits: Limits) -> str:
    """The UTF-8 text of the regular file ``path``, no larger than ``limits.max_bytes``.

    Refuses a folder, a device or pipe, a larger file and bytes that are not UTF-8 text,
    each with an :class:`InputError` naming the file and the fix. A leading byte-order
    mark is dropped.
    """
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(f"{path}: not a regular file; give the path of the {what}")
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError as error:
        raise InputError(
            f"{path}: cannot read the {what}, no such file; check the path to it"
        ) from error
    except IsADirectoryError as error:
        raise InputError(f"{path}: is a folder; give the path of the {what} file") from error
    except OSError as error:
        raise InputError(f"{path}: cannot read the {what} ({error.strerror})") from error
    if len(data) > limits.max_bytes:
        raise InputError(
            f"{path}: the {what} is over {limits.max_bytes // _MIB} MiB, the most accepted; "
            "check that this is the right file, or split it"
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: cannot read the {what}: not UTF-8 text at byte {error.start} "
            "(a binary file?); save it as UTF-8 text"
        ) from error


_YAML_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _BoundedLoader(_YAML_BASE):  # type: ignore[misc]
    """PyYAML's safe loader that measures the document before building it.

    Dates stay text, so that ``2027-02-30`` reaches the model and is refused there by
    field name rather than by the YAML library; a key given twice is refused rather than
    silently replaced by the later one.
    """

    limits = Limits(max_bytes=0)
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _YAML_BASE.yaml_implicit_resolvers.items()
    }

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        _measure_nodes(node, self.limits)
        return self.construct_document(node)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, Hashable) and key in seen:
                raise InputError(
                    f"line {line}: key {str(key)[:80]!r} is given twice (first at line "
                    f"{seen[key]}); keep one of them"
                )
            if isinstance(key, Hashable):
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


_BoundedLoader.add_constructor(_TIMESTAMP, _YAML_BASE.construct_scalar)


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _measure_nodes(root: Any, limits: Limits) -> None:
    """Refuse a YAML node graph too deep, self-referring or too large once aliases expand.

    Walks each distinct node once, without recursion, so an alias bomb costs no more to
    measure than its own few hundred bytes.
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            height[key] = 1 + max((height[id(child)] for child in children), default=0)
            continue
        if key in size:
            continue
        if key in on_path:
            raise InputError(f"line {node.start_mark.line + 1}: an alias refers to itself")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    if height[id(root)] > limits.max_depth:
        raise InputError(
            f"nested {height[id(root)]} levels deep, more than the {limits.max_depth} accepted; "
            "a profile needs no more than four"
        )
    if size[id(root)] - len(size) > limits.max_alias_nodes:
        raise InputError(
            f"its aliases (*name) expand to over {limits.max_alias_nodes} more values; "
            "write the values out, or repeat fewer of them"
        )


def parse_yaml(text: str, source: str, limits: Limits = PROFILE_LIMITS) -> Any:
    """YAML (or JSON) text parsed within ``limits``; an :class:`InputError` names ``source``,
    the line when there is one, and the fix."""
    loader = _BoundedLoader(text)
    loader.limits = limits
    try:
        data = loader.get_single_data()
    except InputError as error:
        raise InputError(f"{source}: {error}") from error
    except yaml.YAMLError as error:
        if "nesting depth" in str(error):  # libyaml's own limit, before ours is reached
            raise InputError(
                f"{source}: nested more than {limits.max_depth} levels deep; simplify it"
            ) from error
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise InputError(f"{source}: not valid YAML or JSON{where}; fix the syntax there") from (
            error
        )
    except (RecursionError, ValueError, TypeError, OverflowError) as error:
        raise InputError(
            f"{source}: not valid YAML or JSON ({type(error).__name__}); "
            "fix the value it names or simplify the file"
        ) from error
    finally:
        loader.dispose()
    check_tree(data, source, limits)
    return data


def _refuse_constant(name: str) -> Any:
    raise InputError(f"{name} is not a number this tool accepts; give a finite number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise InputError(f"key {key[:80]!r} is given twice; keep one of them")
        data[key] = value
    return data


def parse_json(text: str, source: str, limits: Limits, *, finite: bool = True) -> Any:
    """JSON text parsed within ``limits``: no key twice in one object, and no ``NaN`` or
    ``Infinity`` unless ``finite`` is false; an :class:`InputError` names ``source``, the
    position and the fix.

    ``finite=False`` is for a reader that judges the numbers itself: ``check`` reports a
    load of NaN as a violation located to its set rather than refusing the whole file.

    >>> parse_json('{"load": NaN}', "plan.json", PROGRAM_LIMITS)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    thrustplan.app.inputs.bounded.InputError: plan.json: NaN is not a number this tool ...
    >>> parse_json('{"load": NaN}', "plan.json", PROGRAM_LIMITS, finite=False)
    {'load': nan}
    """
    constant = _refuse_constant if finite else float
    try:
        data = json.loads(text, parse_constant=constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno} "
            f"({error.msg}); fix the syntax there"
        ) from error
    except InputError as error:
        raise InputError(f"{source}: {error}") from error
    except RecursionError as error:
        raise InputError(
            f"{source}: nested more than {limits.max_depth} levels deep; simplify the file"
        ) from error
    except ValueError as error:  # an integer of thousands of digits
        raise InputError(f"{source}: a value is out of range ({error}); fix it") from error
    check_tree(data, source, limits, finite=finite)
    return data


def _field_name(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path) or "the top level"


def check_tree(data: Any, source: str, limits: Limits, *, finite: bool = True) -> None:
    """Refuse parsed data nested deeper than ``limits.max_depth`` or, when ``finite``,
    holding a number that is not finite (``.inf``, ``.nan``, ``1e400``); the message
    names the field."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > limits.max_depth:
            raise InputError(
                f"{source}: {_field_name(path[:3])}...: nested more than {limits.max_depth} "
                "levels deep; simplify it"
            )
        if finite and isinstance(value, float) and not math.isfinite(value):
            raise InputError(
                f"{source}: {_field_name(path)}: {value} is not a finite number; "
                "give a plain number"
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, float) and not math.isfinite(key):
                    raise InputError(
                        f"{source}: {_field_name(path)}: key {key} is not a finite number; "
                        "give a plain number"
                    )
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
