"""The phone-sized log page: one session's sets, each saved as soon as it is typed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from pydantic import BaseModel

from thrustplan.app.web.db.models import Trainer
from thrustplan.app.web.routers.view import render
from thrustplan.app.web.security import csrf_checked, database, page_trainer
from thrustplan.app.web.services import plans
from thrustplan.app.web.services.plans import NotFound

router = APIRouter(include_in_schema=False)
Me = Annotated[Trainer, Depends(page_trainer)]


@router.get("/plans/{plan_id}/log/{week}/{day}")
def log_page(request: Request, me: Me, plan_id: int, week: int, day: str) -> Response:
    db = database(request)
    plan = plans.get_plan(db, me.id, plan_id)
    program = plans.program_of(plan)
    session = next(
        (s for w in program.weeks if w.number == week for s in w.sessions if s.day.value == day),
        None,
    )
    if session is None:
        raise NotFound(f"week {week} {day}")
    done = {
        (s.exercise_id, s.set_number): s
        for s in plans.logged(db, me.id, plan_id)
        if s.week == week and s.day == day
    }
    return render(
        request,
        "log.html",
        trainer=me,
        plan=plan,
        client=plans.get_client(db, me.id, plan.client_id),
        week=week,
        day=day,
        session=session,
        done=done,
    )


class SetForm(BaseModel):
    """One set's row of the log page, as typed: blank load, reps or RIR clear them."""

    exercise_id: str
    set_number: int
    load: str = ""
    reps: str = ""
    rir: str = ""


@router.post("/plans/{plan_id}/log/{week}/{day}/set", dependencies=[Depends(csrf_checked)])
def save_set(
    request: Request, me: Me, plan_id: int, week: int, day: str, typed: Annotated[SetForm, Form()]
) -> Response:
    """Store one set as typed; the answer is the row's status line."""
    place = (week, day, typed.exercise_id, typed.set_number)
    values = {"load": typed.load, "reps": typed.reps, "rir": typed.rir}
    error = plans.save_set(database(request), me.id, plan_id, place, values)
    saved = "" if error else ("saved" if typed.reps.strip() else "cleared")
    return render(request, "set_status.html", error=error, saved=saved)
