"""Who is asking: signed session cookies and CSRF tokens for pages, Bearer tokens for the API.

The session cookie is signed (itsdangerous), HttpOnly and SameSite=Lax; it holds the
trainer's id and the session's CSRF token. Every form and every htmx request carries the
token back (a hidden field or the ``X-CSRF-Token`` header), and a state-changing request
without it is refused with 403.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thrustplan.app.web.db.models import Trainer
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.services import accounts

COOKIE = "thrustplan_session"
#: A session lasts two weeks from its last sign-in.
MAX_AGE = 14 * 24 * 3600


@dataclass
class PageSession:
    """What the session cookie holds."""

    trainer_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    changed: bool = False


class Sessions:
    """Reads and writes the signed session cookie."""

    def __init__(self, key: str, secure: bool = False) -> None:
        self._serializer = URLSafeTimedSerializer(key, salt="thrustplan-session")
        self.secure = secure

    def read(self, request: Request) -> PageSession:
        raw = request.cookies.get(COOKIE)
        if raw:
            try:
                data: Any = self._serializer.loads(raw, max_age=MAX_AGE)
                return PageSession(data.get("t"), str(data["c"]))
            except (BadSignature, KeyError, TypeError, AttributeError):
                pass
        return PageSession(changed=True)

    def write(self, response: Response, session: PageSession) -> None:
        value = self._serializer.dumps({"t": session.trainer_id, "c": session.csrf})
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="lax",
            secure=self.secure,
            path="/",
        )

    def header(self, session: PageSession) -> str:
        """The ``Set-Cookie`` header that stores ``session``."""
        carrier = Response()
        self.write(carrier, session)
        return carrier.headers["set-cookie"]


#: Answers that never set the session cookie: the API answers tokens, not cookies.
_NO_COOKIE = ("/api/", "/healthz", "/static/")


class SessionCookies:
    """ASGI middleware: reads the session cookie into ``request.state.session`` and,
    when the session changed, sets the cookie on the answer.

    Written against ASGI itself rather than as an ``http`` middleware function, whose
    wrapping of every answer in a stream costs each page a good part of its time.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        sessions: Sessions = request.app.state.sessions
        session = sessions.read(request)
        request.state.session = session
        if request.url.path.startswith(_NO_COOKIE):
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            # The answer starts once its handler has run: the session is final here.
            if message["type"] == "http.response.start" and session.changed:
                MutableHeaders(scope=message).append("set-cookie", sessions.header(session))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class LoginRequired(Exception):
    """A page asked for without a signed-in trainer; answered with the login page."""


def page_session(request: Request) -> PageSession:
    session: PageSession = request.state.session
    return session


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def page_trainer(request: Request) -> Trainer:
    """The signed-in trainer, or :class:`LoginRequired`."""
    session = page_session(request)
    trainer = None
    if session.trainer_id is not None:
        trainer = accounts.signed_in_trainer(database(request), session.trainer_id)
    if trainer is None:
        raise LoginRequired()
    return trainer


async def csrf_checked(request: Request) -> None:
    """Refuse (403) a form or htmx request whose CSRF token is missing or wrong."""
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        form = await request.form()
        value = form.get("csrf_token")
        sent = value if isinstance(value, str) else None
    expected = page_session(request).csrf
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "the form's security token is missing or stale; reload the page")


def api_trainer(request: Request) -> Trainer:
    """The trainer whose Bearer token the request carries, or 401."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    trainer = None
    if scheme.lower() == "bearer" and token.strip():
        trainer = accounts.trainer_for_token(database(request), token.strip())
    if trainer is None:
        raise HTTPException(
            401,
            "give a valid API token as 'Authorization: Bearer TOKEN' "
            "(make one with `thrustplan users token EMAIL`)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return trainer
