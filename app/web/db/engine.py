"""Connecting to the database: SQLite (a file, in WAL mode) or PostgreSQL, and migrations."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

#: The database used when neither ``--db`` nor ``THRUSTPLAN_DB`` names one.
DEFAULT_URL = "sqlite:///thrustplan.db"


class DatabaseError(ValueError):
    """A database URL or file that cannot be used; the message names it and the fix."""


def normalise_url(url: str) -> str:
    """``url`` checked, with ``postgresql://`` meaning the psycopg 3 driver.

    >>> normalise_url("postgresql://localhost/test")
    'postgresql+psycopg://localhost/test'
    >>> normalise_url("sqlite:///plans.db")
    'sqlite:///plans.db'
    """
    try:
        parsed = make_url(url)
    except Exception as error:
        raise DatabaseError(
            f"--db {url!r}: not a database URL; give sqlite:///FILE or "
            "postgresql+psycopg://USER@HOST/NAME"
        ) from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"--db {url!r}: {parsed.get_backend_name()} is not supported; use SQLite or PostgreSQL"
        )
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets pages read while a worker writes; the busy timeout makes a writer wait
    # for another instead of failing at once; foreign keys are off by default in SQLite.
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


#: Execution option of the connections that write: on SQLite they begin IMMEDIATE.
WRITES = "thrustplan_writes"


def _sqlite_begin(connection: Any) -> None:
    # A writer takes the write lock when its transaction starts, not halfway through it,
    # so that two workers claiming jobs queue up instead of failing with "database is
    # locked". A reader begins deferred: in WAL mode it reads a snapshot and waits for no
    # one, so pages are not queued behind a worker's claim or behind each other.
    if connection.get_execution_options().get(WRITES):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode and immediate transactions."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        # As many kept connections as pages answered at once (the server's thread pool
        # runs 40): a connection made per request would pay for its pragmas each time.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=20,
            max_overflow=20,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _sqlite_connect(connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would send BEGIN itself; ours is BEGIN IMMEDIATE.
    connection.isolation_level = None


class Sessions:
    """Sessions of one engine: ``sessions()`` to read, ``sessions.begin()`` to write.

    A write session's transaction is committed when its block ends (rolled back on an
    error); on SQLite it holds the write lock from its start. A read session never
    writes: on SQLite it takes no lock at all.
    """

    def __init__(self, engine: Engine) -> None:
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{WRITES: True}), expire_on_commit=False
        )

    def __call__(self) -> Session:
        return self._read()

    def begin(self) -> AbstractContextManager[Session]:
        return self._write.begin()


def session_factory(engine: Engine) -> Sessions:
    return Sessions(engine)


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    folder = resources.files("thrustplan.app.web.db") / "migrations"
    config.set_main_option("script_location", str(folder))
    # Alembic's ini interpolation would read % in a password as a reference.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest schema (creating it when empty)."""
    from alembic import command

    command.upgrade(_alembic_config(normalise_url(url)), "head")


def backup_sqlite(url: str, target: Path) -> None:
    """Copy the SQLite database at ``url`` to ``target``, consistent even while in use."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise DatabaseError(
            f"db backup: {url} is not a SQLite file; back up PostgreSQL with pg_dump"
        )
    source_path = Path(parsed.database)
    if not source_path.is_file():
        raise DatabaseError(f"db backup: {source_path} does not exist; check --db")
    if target.exists():
        raise DatabaseError(f"db backup: {target} exists already; give a new file name")
    source = sqlite3.connect(source_path)
    try:
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
    finally:
        source.close()
