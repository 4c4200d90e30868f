"""Rendering a page: the template with the signed-in trainer's CSRF token filled in."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """``name`` rendered with ``context``, the CSRF token and the request."""
    templates: Jinja2Templates = request.app.state.templates
    context.setdefault("trainer", None)
    context["csrf"] = request.state.session.csrf
    return templates.TemplateResponse(request, name, context, status_code=status)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"
