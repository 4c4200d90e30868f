"""The ``thrustplan`` command-line application and its exit statuses.

Every command is a thin adapter over one library call; commands register themselves on
:data:`app` from their own modules.
"""

from __future__ import annotations

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


def fail(message: str, status: Exit = Exit.BAD_INPUT) -> NoReturn:
    """Print ``message`` for a person and exit with ``status``; never a traceback."""
    # The message quotes what the user gave ("theme '[/x]'"): print it as written.
    err_console.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(int(status))


@app.callback()
def _root() -> None:
    """Training programmes built around the hip thrust, printed as a PDF."""
