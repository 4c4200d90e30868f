"""Pages about plans: generating one, its progress, the plan itself, downloads and edits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from thrustplan.app.batch import slugify
from thrustplan.app.web.db.models import Job, Trainer
from thrustplan.app.web.routers.view import is_htmx, render
from thrustplan.app.web.security import csrf_checked, database, page_trainer
from thrustplan.app.web.services import plans
from thrustplan.app.web.services.plans import NotFound

router = APIRouter(include_in_schema=False)
Me = Annotated[Trainer, Depends(page_trainer)]
Checked = [Depends(csrf_checked)]
MEDIA = {
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar",
    "html": "text/html; charset=utf-8",
}


def _to_job(job: Job) -> Response:
    """After a form queues work, the browser goes on to the job's progress page."""
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/clients/{client_id}/plans", dependencies=Checked)
def generate(request: Request, me: Me, client_id: int) -> Response:
    return _to_job(plans.request_plan(database(request), me.id, client_id))


@router.get("/jobs/{job_id}")
def job_page(request: Request, me: Me, job_id: int) -> Response:
    db = database(request)
    job = plans.get_job(db, me.id, job_id)
    client = plans.get_client(db, me.id, job.client_id)
    return render(request, "job.html", trainer=me, job=job, client=client)


@router.get("/jobs/{job_id}/status")
def job_status(request: Request, me: Me, job_id: int) -> Response:
    """The progress box, polled by htmx; once the plan exists, htmx is sent to it."""
    job = plans.get_job(database(request), me.id, job_id)
    response = render(request, "job_status.html", trainer=me, job=job)
    if job.plan_id is not None and is_htmx(request):
        response.headers["HX-Redirect"] = f"/plans/{job.plan_id}"
    return response


@router.get("/plans/{plan_id}")
def plan_page(request: Request, me: Me, plan_id: int, error: str = "") -> Response:
    page = plans.plan_page(database(request), me.id, plan_id)
    return render(
        request,
        "plan.html",
        400 if error else 200,
        trainer=me,
        plan=page.plan,
        client=page.client,
        formats=page.view.formats,
        swaps=page.view.swaps,
        names=page.view.names,
        sessions=page.view.sessions,
        lock_days=page.lock_days,
        error=error,
    )


@router.get("/plans/{plan_id}/view")
def plan_view(request: Request, me: Me, plan_id: int) -> Response:
    """The plan's own HTML output, shown in a frame of the plan page."""
    data = plans.plan_file(database(request), me.id, plan_id, "html")
    # The output is ours, but it shows client-typed text: no script may run in it.
    headers = {"Content-Security-Policy": "script-src 'none'; object-src 'none'"}
    return HTMLResponse(data, headers=headers)


@router.get("/plans/{plan_id}/download/{fmt}")
def download(request: Request, me: Me, plan_id: int, fmt: str) -> Response:
    if fmt not in plans.DOWNLOADS:
        raise NotFound(fmt)
    db = database(request)
    plan, client = plans.plan_heading(db, me.id, plan_id)
    data = plans.plan_file(db, me.id, plan_id, fmt)
    name = f"{slugify(client.name)}-v{plan.version}.{fmt}"
    disposition = f'attachment; filename="{name}"'
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": disposition})


@router.post("/plans/{plan_id}/edit", dependencies=Checked)
def edit_plan(
    request: Request,
    me: Me,
    plan_id: int,
    exercise_id: Annotated[str, Form()],
    action: Annotated[str, Form()],
    swap_for: Annotated[str, Form()] = "",
    day: Annotated[str, Form()] = "",
) -> Response:
    """Ban an exercise, swap it for an alternative, or lock it into a day; the plan is
    solved again."""
    edit = plans.Edit(
        exercise_id, swap_for if action == "swap" else None, day if action == "lock" else None
    )
    if action == "swap" and not swap_for:
        return plan_page(request, me, plan_id, "choose what to swap it for")
    if action == "lock" and not day:
        return plan_page(request, me, plan_id, "choose the day to lock it into")
    try:
        job = plans.request_edit(database(request), me.id, plan_id, edit)
    except ValueError as error:
        return plan_page(request, me, plan_id, str(error))
    return _to_job(job)


@router.post("/plans/{plan_id}/next", dependencies=Checked)
def next_block(request: Request, me: Me, plan_id: int) -> Response:
    return _to_job(plans.request_next_block(database(request), me.id, plan_id))
