"""The login and logout pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse

from thrustplan.app.web.routers.view import render
from thrustplan.app.web.security import PageSession, csrf_checked, database, page_session
from thrustplan.app.web.services import accounts

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> Response:
    return RedirectResponse("/clients", status_code=303)


@router.get("/login")
def login_page(request: Request) -> Response:
    return render(request, "login.html", email="", error="")


@router.post("/login", dependencies=[Depends(csrf_checked)])
def login(
    request: Request,
    session: Annotated[PageSession, Depends(page_session)],
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Response:
    """Sign in; after five failures in five minutes (per address or email), wait."""
    limiter: accounts.LoginLimiter = request.app.state.limiter
    address = request.client.host if request.client else "?"
    if limiter.blocked(address, email):
        message = "too many failed sign-ins; wait five minutes and try again"
        return render(request, "login.html", 429, email=email, error=message)
    trainer = accounts.authenticate(database(request), email, password)
    if trainer is None:
        limiter.failed(address, email)
        message = "that email and password do not match; check both"
        return render(request, "login.html", 400, email=email, error=message)
    # A new token on sign-in, so that a token seen before it is worth nothing after.
    fresh = PageSession(trainer_id=trainer.id, changed=True)
    session.trainer_id, session.csrf, session.changed = fresh.trainer_id, fresh.csrf, True
    return RedirectResponse("/clients", status_code=303)


@router.post("/logout", dependencies=[Depends(csrf_checked)])
def logout(session: Annotated[PageSession, Depends(page_session)]) -> Response:
    fresh = PageSession(changed=True)
    session.trainer_id, session.csrf, session.changed = None, fresh.csrf, True
    return RedirectResponse("/login", status_code=303)
