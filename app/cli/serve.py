"""``thrustplan serve``, ``thrustplan db upgrade | backup`` and ``thrustplan users add | token``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from thrustplan.app.cli.app import app, fail, out_console, refused

if TYPE_CHECKING:
    from thrustplan.app.web.db.store import Database

DbUrl = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL: sqlite:///FILE or postgresql+psycopg://USER@HOST/NAME; "
        "default THRUSTPLAN_DB, else sqlite:///thrustplan.db.",
    ),
]

db_app = typer.Typer(help="The workspace's database.", no_args_is_help=True)
users_app = typer.Typer(help="Trainers who may sign in to the workspace.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")


def _web() -> None:
    """Stop with the install command when the web extra is missing."""
    try:
        import alembic  # noqa: F401
        import fastapi  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as error:
        fail(
            f"the web workspace needs its extra ({error.name} is missing): "
            "pip install 'thrustplan[web]'"
        )


def _url(db: str | None) -> str:
    from thrustplan.app.web.db.engine import DatabaseError
    from thrustplan.app.web.main import WebSettings

    try:
        return WebSettings(db_url=db or "").url
    except DatabaseError as error:
        fail(str(error))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbUrl = None,
    workers: Annotated[
        int, typer.Option(help="Worker processes making plans; 0 leaves jobs to other servers.")
    ] = 2,
    processes: Annotated[
        int,
        typer.Option(
            help="Server processes answering pages; one a core is what a deployment runs."
        ),
    ] = 1,
) -> None:
    """Run the trainer's web workspace; migrations are applied first."""
    _web()
    import uvicorn

    from thrustplan.app.web.main import WebSettings, create_app, serve_processes

    settings = WebSettings(db_url=_url(db), workers=max(workers, 0))
    out_console.print(f"thrustplan workspace on http://{host}:{port}/ ({settings.url})")
    if processes > 1:
        serve_processes(settings, host, port, processes)
        return
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@db_app.command("upgrade")
def db_upgrade(db: DbUrl = None) -> None:
    """Bring the database to the newest schema, creating it when empty."""
    _web()
    from thrustplan.app.web.db.engine import upgrade

    url = _url(db)
    upgrade(url)
    out_console.print(f"{url}: schema up to date")


@db_app.command("backup")
def db_backup(
    target: Annotated[Path, typer.Argument(help="File to write the copy to; must not exist.")],
    db: DbUrl = None,
) -> None:
    """Copy a SQLite database, consistently even while the server runs."""
    _web()
    from thrustplan.app.web.db.engine import DatabaseError, backup_sqlite

    with refused(DatabaseError):
        backup_sqlite(_url(db), target)
    out_console.print(f"backed up to {target}")


def _database(db: str | None) -> Database:
    from thrustplan.app.web.db.engine import make_engine, upgrade
    from thrustplan.app.web.db.store import Database

    url = _url(db)
    upgrade(url)
    return Database.of(make_engine(url))


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The trainer's email, used to sign in.")],
    name: Annotated[str | None, typer.Option(help="Name shown in the workspace.")] = None,
    db: DbUrl = None,
) -> None:
    """Add a trainer; the password is read from standard input (its first line)."""
    _web()
    from thrustplan.app.web.services.accounts import AccountError, add_user

    password = sys.stdin.readline().rstrip("\r\n")
    database = _database(db)
    with refused(AccountError):
        trainer = add_user(database, email, name, password)
    out_console.print(f"added {trainer.email} ({trainer.name})")


@users_app.command("token")
def users_token(
    email: Annotated[str, typer.Argument(help="The trainer's email.")],
    db: DbUrl = None,
) -> None:
    """Print a new API token for the trainer, on one line; only its hash is kept."""
    _web()
    from thrustplan.app.web.services.accounts import AccountError, new_token

    database = _database(db)
    with refused(AccountError):
        token = new_token(database, email)
    print(token)
