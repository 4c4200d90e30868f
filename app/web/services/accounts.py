"""Trainers' accounts: Argon2 passwords, API tokens, the signing key, login rate limits."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from thrustplan.app.web.db import store
from thrustplan.app.web.db.models import Trainer, utcnow
from thrustplan.app.web.db.store import Database

_HASHER = PasswordHasher()
#: Shortest password accepted.
MIN_PASSWORD = 8
#: A hash to verify against when no trainer has the email, so that an unknown email
#: costs the same time as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """A refused account change; the message names the field and the fix."""


def hash_token(token: str) -> str:
    """What is stored of an API token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def normal_email(email: str) -> str:
    return email.strip().lower()


def add_user(db: Database, email: str, name: str | None, password: str) -> Trainer:
    """A new trainer with an Argon2 hash of ``password``; refused if the email is taken."""
    email = normal_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(f"EMAIL {email!r}: give an address such as ann@example.com")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: use at least {MIN_PASSWORD} characters")
    with db.sessions.begin() as session:
        if store.trainer_by_email(session, email) is not None:
            raise AccountError(f"EMAIL {email}: a trainer with this email exists already")
        name = (name or email.split("@")[0]).strip()[:120]
        return store.add_trainer(session, email, name, _HASHER.hash(password))


def new_token(db: Database, email: str) -> str:
    """A new API token for the trainer with ``email``; only its hash is stored."""
    token = "tp_" + secrets.token_urlsafe(32)
    with db.sessions.begin() as session:
        trainer = store.trainer_by_email(session, normal_email(email))
        if trainer is None:
            raise AccountError(
                f"EMAIL {email}: no such trainer; add one with `thrustplan users add`"
            )
        store.add_token(session, trainer.id, hash_token(token))
    return token


def authenticate(db: Database, email: str, password: str) -> Trainer | None:
    """The trainer whose email and password these are, or ``None``."""
    with db.sessions() as session:
        trainer = store.trainer_by_email(session, normal_email(email))
    try:
        _HASHER.verify(trainer.password_hash if trainer else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return trainer


def trainer_for_token(db: Database, token: str) -> Trainer | None:
    with db.sessions() as session:
        return store.trainer_by_token(session, hash_token(token))


def trainer_by_id(db: Database, trainer_id: int) -> Trainer | None:
    with db.sessions() as session:
        return store.trainer_by_id(session, trainer_id)


#: How long a page takes the signed-in trainer's row as last read.
SIGNED_IN_SECONDS = 30.0
_signed_in: dict[tuple[object, int], tuple[float, Trainer]] = {}


def signed_in_trainer(db: Database, trainer_id: int) -> Trainer | None:
    """The trainer a session cookie names, read again at most every
    :data:`SIGNED_IN_SECONDS`: every page asks, and a trainer's row changes only
    through the command line."""
    key, now = (db.engine.url, trainer_id), time.monotonic()
    seen = _signed_in.get(key)
    if seen is not None and now - seen[0] < SIGNED_IN_SECONDS:
        return seen[1]
    trainer = trainer_by_id(db, trainer_id)
    if trainer is not None:
        if len(_signed_in) >= 4096:
            _signed_in.clear()
        _signed_in[key] = (now, trainer)
    return trainer


def signing_key(db: Database) -> str:
    """The key cookies are signed with: ``THRUSTPLAN_SECRET``, else one kept in the database.

    Kept, so that sessions survive a restart and every server sharing a database agrees.
    """
    if os.environ.get("THRUSTPLAN_SECRET"):
        return os.environ["THRUSTPLAN_SECRET"]
    with db.sessions.begin() as session:
        key = store.setting(session, "signing_key")
        if key is None:
            key = secrets.token_urlsafe(48)
            store.put_setting(session, "signing_key", key)
        return key


@dataclass
class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds, per address and per
    email, counted in the database: every page process and every server sharing it sees
    the same failures, so ``--processes N`` does not allow N times the guesses."""

    db: Database
    attempts: int = 5
    window: float = 300.0

    @staticmethod
    def _keys(address: str, email: str) -> tuple[str, str]:
        return (
            hashlib.sha256(f"ip:{address}".encode()).hexdigest(),
            hashlib.sha256(f"email:{normal_email(email)}".encode()).hexdigest(),
        )

    def blocked(self, address: str, email: str) -> bool:
        """Whether a login from ``address`` for ``email`` must wait."""
        since = utcnow() - dt.timedelta(seconds=self.window)
        with self.db.sessions.begin() as session:
            return any(
                store.login_failures_since(session, key, since) >= self.attempts
                for key in self._keys(address, email)
            )

    def failed(self, address: str, email: str) -> None:
        """Count a failed login; failures older than the window are dropped, so the
        table holds a few minutes of them at most."""
        now = utcnow()
        with self.db.sessions.begin() as session:
            store.forget_login_failures(session, before=now - dt.timedelta(seconds=self.window))
            for key in self._keys(address, email):
                store.add_login_failure(session, key, now)
