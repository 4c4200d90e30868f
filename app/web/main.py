"""The FastAPI application: its routers, templates, session handling and job workers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from thrustplan.app.web.db.engine import DEFAULT_URL, make_engine, normalise_url, upgrade
from thrustplan.app.web.db.store import Database
from thrustplan.app.web.routers import (
    api_clients,
    api_plans,
    pages_auth,
    pages_clients,
    pages_log,
    pages_plans,
)
from thrustplan.app.web.routers.view import render
from thrustplan.app.web.security import LoginRequired, SessionCookies, Sessions
from thrustplan.app.web.services import accounts
from thrustplan.app.web.services.plans import NotFound
from thrustplan.app.web.services.worker import Supervisor, WorkerConfig

_HERE = Path(str(resources.files("thrustplan.app.web")))


@dataclass(frozen=True)
class WebSettings:
    """How the workspace runs; ``db_url`` defaults to ``THRUSTPLAN_DB``, then ``thrustplan.db``."""

    db_url: str = ""
    #: Worker processes making plans; 0 leaves the queue to other servers.
    workers: int = 2
    #: Cookies only over HTTPS; set when a TLS proxy stands in front.
    secure_cookies: bool = False
    lease_seconds: float = 30.0

    @property
    def url(self) -> str:
        return normalise_url(self.db_url or os.environ.get("THRUSTPLAN_DB") or DEFAULT_URL)


class CachedStatic(StaticFiles):
    """The package's stylesheet and htmx, which browsers may keep for an hour before they
    ask again (and then get 304 Not Modified while the file is unchanged)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response


def templates() -> Jinja2Templates:
    """The pages' templates, every value escaped unless marked safe."""
    loader = jinja2.FileSystemLoader(str(_HERE / "templates"))
    # The templates are the package's own: they change only with a new install, so no
    # page looks at their files again, and all are compiled before the first request
    # (rather than by each of the first requests at once).
    env = jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, auto_reload=False
    )
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    return Jinja2Templates(env=env)


def create_app(settings: WebSettings | None = None, migrate: bool = True) -> FastAPI:
    """The workspace, its database brought to the newest schema before it answers
    (unless ``migrate`` is false: a page process whose parent did it)."""
    settings = settings or WebSettings()
    if migrate:
        upgrade(settings.url)
    db = Database.of(make_engine(settings.url))
    config = WorkerConfig(settings.url, lease_seconds=settings.lease_seconds)
    supervisor = Supervisor(db, config, settings.workers)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if settings.workers:
            supervisor.start()
        try:
            yield
        finally:
            if settings.workers:
                supervisor.stop()
            db.engine.dispose()

    app = FastAPI(
        title="thrustplan workspace",
        summary="Clients, plans, edits and logs for trainers, over the thrustplan pipeline.",
        version="1",
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.templates = templates()
    app.state.sessions = Sessions(accounts.signing_key(db), settings.secure_cookies)
    app.state.limiter = accounts.LoginLimiter(db)
    app.state.supervisor = supervisor
    app.mount("/static", CachedStatic(directory=str(_HERE / "static")), name="static")
    for router in (api_clients, api_plans, pages_auth, pages_clients, pages_plans, pages_log):
        app.include_router(router.router)
    _add_session_handling(app)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        """200 while the server answers."""
        return {"status": "ok"}

    return app


def _add_session_handling(app: FastAPI) -> None:
    app.add_middleware(SessionCookies)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, _error: NotFound) -> Response:
        # Another trainer's row is answered exactly as a row that does not exist.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "not found"}, status_code=404)
        return render(request, "not_found.html", 404)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _error: LoginRequired) -> Response:
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)


def page_process_app() -> FastAPI:
    """The app of one page process of :func:`serve_processes`: its database from
    ``THRUSTPLAN_DB``, no job workers of its own (the parent process runs them)."""
    return create_app(WebSettings(workers=0), migrate=False)


def serve_processes(settings: WebSettings, host: str, port: int, processes: int) -> None:
    """Answer pages from ``processes`` server processes sharing one port, as a deployment
    on several cores does, with ``settings.workers`` job workers run by this process.

    The schema and the cookie signing key are made here first, so the page processes do
    not race to make them. Each process keeps its own cache of plan views and its own
    count of failed sign-ins.
    """
    import uvicorn

    upgrade(settings.url)
    db = Database.of(make_engine(settings.url))
    accounts.signing_key(db)
    config = WorkerConfig(settings.url, lease_seconds=settings.lease_seconds)
    supervisor = Supervisor(db, config, settings.workers)
    os.environ["THRUSTPLAN_DB"] = settings.url
    if settings.workers:
        supervisor.start()
    try:
        uvicorn.run(
            "thrustplan.app.web.main:page_process_app",
            factory=True,
            host=host,
            port=port,
            workers=processes,
            log_level="warning",
        )
    finally:
        if settings.workers:
            supervisor.stop()
        db.engine.dispose()
