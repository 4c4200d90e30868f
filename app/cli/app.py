"""The ``thrustplan`` command-line application and its exit statuses.

Every command is a thin adapter over one library call; commands register themselves on
:data:`app` from their own modules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape


class Exit(IntEnum):
    """Documented exit statuses, shared by every command."""

    OK = 0
    #: A check found violations, or some rows of a batch failed.
    FAILED = 1
    #: Bad input: a missing file, malformed YAML, an unknown word, a value out of range.
    BAD_INPUT = 2
    #: The request is valid but no plan can satisfy it; the message says what to change.
    INFEASIBLE = 3


app = typer.Typer(
    name="thrustplan",
    help="Training programmes built around the hip thrust, printed as a PDF.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Messages for people go to stderr, so that --json output on stdout stays clean. Text is
#: printed as written: names, paths and catalogue entries come from users and may hold
#: brackets that Rich would read as markup. A print that wants markup asks for it and
#: escapes what it quotes.
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)
out_console = Console(highlight=False, soft_wrap=True, markup=False)


#: Terminal escape sequences (colours, cursor moves, titles) and the control characters
#: left once they are gone, bar the newline and the tab.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: A message longer than this is cut: it quotes a user's value, which may be huge.
MAX_MESSAGE = 2000


def clean(text: str) -> str:
    """``text`` as it may reach a terminal: escape sequences and control characters
    removed, so that a name cannot recolour, move or retitle a person's terminal.

    Every print of text that came from a user (names, reasons, catalogue entries) goes
    through this.

    >>> clean("Ana \\x1b[31mRuiz\\x1b[0m\\a")
    'Ana Ruiz'
    """
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def fail(message: str, status: Exit = Exit.BAD_INPUT) -> NoReturn:
    """Print ``message`` for a person and exit with ``status``; never a traceback."""
    text = clean(message)
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + " [...]"
    # The message quotes what the user gave ("theme '[/x]'"): print it as written.
    err_console.print(f"[bold red]error:[/] {escape(text)}", markup=True, highlight=False)
    raise typer.Exit(int(status))


#: Errors a user can cause, by the module that raises them and the status they exit with.
#: Looked up in ``sys.modules`` so that the command line loads no solver or renderer just
#: to name their errors: an error can only come from a module already imported.
_KNOWN_ERRORS = (
    ("thrustplan.planner.model.solve", "InfeasibleRequest", Exit.INFEASIBLE),
    ("thrustplan.app.inputs", "InputError", Exit.BAD_INPUT),
    ("thrustplan.app.roster", "RosterError", Exit.BAD_INPUT),
    ("thrustplan.app.batch", "BatchError", Exit.BAD_INPUT),
    ("thrustplan.rules.profile", "ProfileError", Exit.BAD_INPUT),
    ("thrustplan.exercise_db.vocabulary", "UnknownWordError", Exit.BAD_INPUT),
    ("thrustplan.exercise_db.catalogue", "CatalogueError", Exit.BAD_INPUT),
    ("thrustplan.planner.output.render", "RenderError", Exit.BAD_INPUT),
    ("thrustplan.planner.output.exports", "ExportError", Exit.BAD_INPUT),
    ("thrustplan.planner.progression.replan", "LogError", Exit.BAD_INPUT),
)


def _status_of(error: Exception) -> Exit | None:
    for module_name, class_name, status in _KNOWN_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(error, getattr(module, class_name)):
            return status
    return None


@contextmanager
def refused(*errors: type[Exception]) -> Iterator[None]:
    """Run the block; one of ``errors`` raised in it is a user's mistake, said and exit 2."""
    try:
        yield
    except errors as error:
        fail(str(error))


@contextmanager
def exits() -> Iterator[None]:
    """Turn what the library raises into a message and a documented exit status.

    A user's mistake exits 2, an impossible request 3; anything else is our fault and
    exits 1 with a short message and a plea to report it, never a traceback.
    """
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except (RecursionError, MemoryError) as error:
        fail(
            f"the input is too large or nested too deeply ({type(error).__name__}); simplify it",
            Exit.BAD_INPUT,
        )
    except Exception as error:
        status = _status_of(error)
        if status is None:
            fail(
                f"unexpected {type(error).__name__}: {error}; nothing was written. "
                "Please report this with the command and its input files.",
                Exit.FAILED,
            )
        fail(str(error), status)


@app.callback()
def _root() -> None:
    """Training programmes built around the hip thrust, printed as a PDF."""
