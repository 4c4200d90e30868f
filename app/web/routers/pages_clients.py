"""Pages about clients: the list with its search, the profile form, and roster uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, UploadFile
from fastapi.responses import RedirectResponse

from thrustplan.app.web.db.models import Trainer
from thrustplan.app.web.routers.view import is_htmx, render
from thrustplan.app.web.security import csrf_checked, database, page_trainer
from thrustplan.app.web.services import plans, rosters
from thrustplan.app.web.services.profiles import (
    FORM_FIELDS,
    ProfileInvalid,
    form_values,
    profile_from_form,
)
from thrustplan.exercise_db.vocabulary import VOCABULARY
from thrustplan.rules.profile import SUPERSETS_UP_TO_MINUTES, Weekday

router = APIRouter(include_in_schema=False)
Me = Annotated[Trainer, Depends(page_trainer)]
Checked = [Depends(csrf_checked)]


def _choices() -> dict[str, list[str]]:
    """The words the form offers as check boxes and menus."""
    return {
        "days": [day.value for day in Weekday],
        "goal": ["glutes", "hypertrophy", "strength", "general"],
        "level": ["beginner", "intermediate", "advanced"],
        "units": ["kg", "lb"],
        "progression": ["", "linear", "double", "undulating", "block"],
        "equipment": sorted(VOCABULARY.ids("equipment")),
        "limitations": sorted(VOCABULARY.ids("limitations")),
    }


@router.get("/clients")
def client_list(request: Request, me: Me, q: str = "") -> Response:
    rows = plans.list_clients(database(request), me.id, q)
    name = "client_rows.html" if is_htmx(request) else "clients.html"
    return render(request, name, trainer=me, clients=rows, q=q)


def _form_page(
    request: Request, me: Me, values: dict[str, str], errors: dict[str, str], action: str
) -> Response:
    status = 422 if errors else 200
    return render(
        request,
        "client_form.html",
        status,
        trainer=me,
        values=values,
        errors=errors,
        action=action,
        fields=FORM_FIELDS,
        choices=_choices(),
        superset_minutes=SUPERSETS_UP_TO_MINUTES,
    )


async def _submitted(request: Request) -> tuple[dict[str, str], dict[str, str | list[str]]]:
    form = await request.form()
    raw: dict[str, str | list[str]] = {}
    for name in FORM_FIELDS:
        values = [v for v in form.getlist(name) if isinstance(v, str)]
        raw[name] = values if name in ("days", "equipment", "limitations") else "".join(values)
    shown = {k: "; ".join(v) if isinstance(v, list) else v for k, v in raw.items()}
    return shown, raw


@router.get("/clients/new")
def new_client_page(request: Request, me: Me) -> Response:
    blank = {name: "" for name in FORM_FIELDS} | {"weeks": "8", "units": "kg"}
    return _form_page(request, me, blank, {}, "/clients/new")


@router.post("/clients/new", dependencies=Checked)
async def new_client(request: Request, me: Me) -> Response:
    shown, raw = await _submitted(request)
    try:
        profile = profile_from_form(raw)
    except ProfileInvalid as error:
        return _form_page(request, me, shown, error.problems, "/clients/new")
    row = plans.add_client(database(request), me.id, profile)
    return RedirectResponse(f"/clients/{row.id}", status_code=303)


@router.get("/clients/{client_id}")
def client_page(request: Request, me: Me, client_id: int) -> Response:
    db = database(request)
    row = plans.get_client(db, me.id, client_id)
    return render(
        request,
        "client.html",
        trainer=me,
        client=row,
        history=plans.plan_history(db, me.id, client_id),
    )


@router.get("/clients/{client_id}/edit")
def edit_client_page(request: Request, me: Me, client_id: int) -> Response:
    row = plans.get_client(database(request), me.id, client_id)
    return _form_page(request, me, form_values(row.profile), {}, f"/clients/{client_id}/edit")


@router.post("/clients/{client_id}/edit", dependencies=Checked)
async def edit_client(request: Request, me: Me, client_id: int) -> Response:
    plans.get_client(database(request), me.id, client_id)
    shown, raw = await _submitted(request)
    try:
        profile = profile_from_form(raw)
    except ProfileInvalid as error:
        return _form_page(request, me, shown, error.problems, f"/clients/{client_id}/edit")
    plans.update_client(database(request), me.id, client_id, profile)
    return RedirectResponse(f"/clients/{client_id}", status_code=303)


@router.get("/roster")
def roster_page(request: Request, me: Me) -> Response:
    return render(request, "roster.html", trainer=me, rows=None, upload="", error="")


@router.post("/roster", dependencies=Checked)
async def roster_upload(request: Request, me: Me, roster: UploadFile) -> Response:
    data = await roster.read()
    try:
        upload = rosters.take_roster(database(request), me.id, roster.filename or "", data)
    except ValueError as error:
        return render(request, "roster.html", 422, trainer=me, rows=None, upload="", error=error)
    return RedirectResponse(f"/roster/{upload}", status_code=303)


@router.get("/roster/{upload}")
def roster_status(request: Request, me: Me, upload: str) -> Response:
    rows = rosters.roster_status(database(request), me.id, upload)
    name = "roster_rows.html" if is_htmx(request) else "roster.html"
    return render(request, name, trainer=me, rows=rows, upload=upload, error="")
