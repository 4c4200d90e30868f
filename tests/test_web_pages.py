"""The server-rendered pages, against SQLite and a real PostgreSQL server."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.web_factory import BACKENDS, PASSWORD, PROFILE, Workspace, start_workspace
from thrustplan.app.web.db import store
from thrustplan.app.web.db.models import LoginFailure
from thrustplan.app.web.main import WebSettings, create_app
from thrustplan.app.web.services import plans
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.rules.profile import SUPERSETS_UP_TO_MINUTES
from thrustplan.rules.program import Program


@pytest.fixture(scope="module", params=BACKENDS)
def ws(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    yield from start_workspace(request.param, tmp_path_factory.mktemp(f"pages-{request.param}"))


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "every form carries its CSRF token"
    return found.group(1)


def sign_in(ws: Workspace, who: str) -> TestClient:
    browser = TestClient(ws.client.app)
    token = csrf_of(browser.get("/login").text)
    answer = browser.post(
        "/login",
        data={"email": f"{who}@example.com", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return browser


def form(profile: dict[str, Any]) -> dict[str, Any]:
    """The profile form's fields for ``profile``."""
    return {
        key: "; ".join(value) if isinstance(value, list) else str(value)
        for key, value in profile.items()
    }


def follow_job(browser: TestClient, page: str, timeout: float = 120) -> str:
    """The plan page a job page leads to, once the job is done."""
    job_id = page.rsplit("/", 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = browser.get(f"/jobs/{job_id}/status", headers={"HX-Request": "true"})
        if "HX-Redirect" in status.headers:
            return str(status.headers["HX-Redirect"])
        if "Refused" in status.text:
            return "refused: " + str(status.text)
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not done in {timeout} s")


@pytest.fixture(scope="module")
def ann(ws: Workspace) -> TestClient:
    return sign_in(ws, "ann")


@pytest.fixture(scope="module")
def planned(ws: Workspace, ann: TestClient) -> dict[str, Any]:
    """Ann's client made with the form and planned from its page: shared below."""
    token = csrf_of(ann.get("/clients/new").text)
    made = ann.post(
        "/clients/new", data={**form(PROFILE), "csrf_token": token}, follow_redirects=False
    )
    assert made.status_code == 303, made.text
    client_page = made.headers["location"]
    started = ann.post(f"{client_page}/plans", data={"csrf_token": token}, follow_redirects=False)
    assert started.status_code == 303
    plan_page = follow_job(ann, started.headers["location"])
    assert plan_page.startswith("/plans/"), plan_page
    return {
        "client": client_page,
        "plan": plan_page,
        "job": started.headers["location"],
        "csrf": token,
    }


def test_pages_need_a_signed_in_trainer(ws: Workspace) -> None:
    stranger = TestClient(ws.client.app)
    answer = stranger.get("/clients", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


def test_the_vendored_htmx_is_served_for_browsers_to_keep(ws: Workspace) -> None:
    first = ws.client.get("/static/htmx.min.js")
    assert first.status_code == 200 and first.headers["cache-control"] == "public, max-age=3600"
    again = ws.client.get("/static/htmx.min.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content


def test_a_wrong_password_is_refused_and_repeated_failures_wait(ws: Workspace) -> None:
    browser = TestClient(ws.client.app)
    token = csrf_of(browser.get("/login").text)
    attempt = {"email": "bob@example.com", "password": "wrong password", "csrf_token": token}
    codes = [browser.post("/login", data=attempt).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    right = {**attempt, "password": PASSWORD}
    assert browser.post("/login", data=right).status_code == 429, "the email waits, too"
    # Every test client comes from one address; let the other tests sign in again.
    with ws.db.sessions.begin() as session:
        store.forget_login_failures(session)


def test_failed_sign_ins_are_counted_across_processes(ws: Workspace) -> None:
    # A second page process on the same database (``serve --processes 2``) sees the
    # failures the first one counted: three here and two there make five, and the next
    # attempt waits on either.
    other = create_app(WebSettings(db_url=ws.url, workers=0), migrate=False)
    with TestClient(other) as second:
        first = TestClient(ws.client.app)
        tried = []
        for browser, times in ((first, 3), (second, 2)):
            token = csrf_of(browser.get("/login").text)
            attempt = {"email": "ann@example.com", "password": "not it", "csrf_token": token}
            tried += [browser.post("/login", data=attempt).status_code for _ in range(times)]
        assert tried == [400] * 5
        for browser in (first, second):
            token = csrf_of(browser.get("/login").text)
            attempt = {"email": "ann@example.com", "password": PASSWORD, "csrf_token": token}
            assert browser.post("/login", data=attempt).status_code == 429
    # Only digests of the address and the email are kept, and only for the window.
    with ws.db.sessions.begin() as session:
        keys = session.scalars(select(LoginFailure.key)).all()
        assert len(keys) == 10 and all(len(k) == 64 and "@" not in k for k in keys)
        store.forget_login_failures(session)


def test_a_form_without_its_csrf_token_is_refused(ws: Workspace, ann: TestClient) -> None:
    answer = ann.post("/clients/new", data=form(PROFILE), follow_redirects=False)
    assert answer.status_code == 403
    wrong = ann.post("/clients/new", data={**form(PROFILE), "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    assert ann.post("/logout", data={}).status_code == 403


def test_the_session_cookie_is_httponly_and_samesite(ws: Workspace) -> None:
    cookie = TestClient(ws.client.app).get("/login").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_the_profile_form_shows_field_named_errors_inline(ws: Workspace, ann: TestClient) -> None:
    token = csrf_of(ann.get("/clients/new").text)
    bad = {**form(PROFILE), "days_per_week": "9", "equipment": "barbel", "csrf_token": token}
    answer = ann.post("/clients/new", data=bad)
    assert answer.status_code == 422
    assert (
        'id="e-days_per_week">days_per_week: Input should be less than or equal to 6' in answer.text
    )
    assert "did you mean &#39;barbell&#39;" in answer.text
    assert 'value="9"' in answer.text, "what was typed stays in the form"


@pytest.mark.parametrize(("chosen", "kept"), [("", None), ("true", True), ("false", False)])
def test_the_supersets_choice_is_kept_as_chosen_and_shown_again(
    ws: Workspace, ann: TestClient, chosen: str, kept: bool | None
) -> None:
    # Left unset, short sessions pair and long ones do not: a choice of its own, which a
    # check box would have saved as "no".
    token = csrf_of(ann.get("/clients/new").text)
    data = {**form(PROFILE), "name": f"Superset {chosen or 'unset'}", "supersets": chosen}
    answer = ann.post("/clients/new", data=data | {"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303
    client_id = int(answer.headers["location"].rsplit("/", 1)[1])
    stored = ws.client.get(f"/api/v1/clients/{client_id}", headers=ws.api()).json()
    assert stored["profile"].get("supersets") == kept
    page = ann.get(f"/clients/{client_id}/edit").text
    assert f'<option value="{chosen}" selected>' in page
    assert f"for sessions of {SUPERSETS_UP_TO_MINUTES} minutes or less" in page


def test_a_client_name_full_of_html_prints_as_text(ws: Workspace, ann: TestClient) -> None:
    token = csrf_of(ann.get("/clients/new").text)
    name = '<script>alert("x")</script><b>Zoë</b>'
    made = ann.post("/clients/new", data={**form(PROFILE), "name": name, "csrf_token": token})
    assert made.status_code == 200
    for page in (made.text, ann.get("/clients").text, ann.get("/clients?q=zo").text):
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;Zoë&lt;/b&gt;" in page
        assert "<script>alert" not in page


def test_search_keeps_matching_clients(
    ws: Workspace, ann: TestClient, planned: dict[str, Any]
) -> None:
    found = ann.get("/clients?q=lindq", headers={"HX-Request": "true"})
    assert "Sam Lindqvist" in found.text and "<html" not in found.text
    assert "Sam Lindqvist" not in ann.get("/clients?q=nobody").text


def test_the_plan_page_shows_the_plan_and_every_download(
    ann: TestClient, planned: dict[str, Any]
) -> None:
    page = ann.get(planned["plan"]).text
    for fmt in ("pdf", "json", "csv", "ics"):
        assert f'{planned["plan"]}/download/{fmt}"' in page
    pdf = ann.get(f"{planned['plan']}/download/pdf")
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="sam-lindqvist-v1.pdf"'
    assert ann.get(f"{planned['plan']}/download/ics").content.startswith(b"BEGIN:VCALENDAR")
    view = ann.get(f"{planned['plan']}/view")
    assert (
        "Sam Lindqvist" in view.text
        and "script-src 'none'" in view.headers["content-security-policy"]
    )
    history = ann.get(planned["client"]).text
    assert "Version 1" in history and "planned from the profile" in history


def test_a_plan_is_stored_with_its_page_view(
    ws: Workspace, ann: TestClient, planned: dict[str, Any]
) -> None:
    """The swap choices are worked out by the worker that made the plan, and a page of a
    process that has not seen the plan yet shows them from the stored view."""
    plan_id = int(planned["plan"].rsplit("/", 1)[1])
    program = Program.model_validate(programme(ann, planned["plan"]))
    with ws.db.sessions() as session:
        trainer = store.trainer_by_email(session, "ann@example.com")
        assert trainer is not None
        stored_view = store.plan_file(session, trainer.id, plan_id, plans.VIEW_FILE)
    assert stored_view == plans.view_file(program)
    assert ann.get(f"{planned['plan']}/download/view").status_code == 404
    first = ann.get(planned["plan"]).text
    plans.forget_views()
    assert ann.get(planned["plan"]).text == first


def edit(ann: TestClient, planned: dict[str, Any], **fields: str) -> httpx2.Response:
    """The plan page's edit form posted with ``fields``; a queued edit's redirect is kept."""
    data = {**fields, "csrf_token": planned["csrf"]}
    return ann.post(f"{planned['plan']}/edit", data=data, follow_redirects=False)


def edit_refused(
    ann: TestClient, planned: dict[str, Any], fields: dict[str, str], why: str
) -> bool:
    """Whether the edit form posted with ``fields`` is refused (400) saying ``why``."""
    answer = edit(ann, planned, **fields)
    return answer.status_code == 400 and why in answer.text


def programme(browser: TestClient, plan_page: str) -> Any:
    """The plan's programme as its JSON download gives it."""
    return browser.get(f"{plan_page}/download/json").json()


def held(session: dict[str, Any], exercise_id: str) -> bool:
    return any(e["exercise_id"] == exercise_id for e in session["exercises"])


def days_holding(program: dict[str, Any], exercise_id: str) -> set[str]:
    """The days of the programme's sessions, in any week, that hold ``exercise_id``."""
    return {s["day"] for w in program["weeks"] for s in w["sessions"] if held(s, exercise_id)}


def every_session_holds(program: dict[str, Any], exercise_id: str, days: set[str]) -> bool:
    """Whether every session of the programme on one of ``days`` holds ``exercise_id``."""
    sessions = [s for w in program["weeks"] for s in w["sessions"] if s["day"] in days]
    return all(held(s, exercise_id) for s in sessions)


def test_a_swap_makes_a_new_version_and_a_ban_that_breaks_a_rule_is_refused(
    ann: TestClient, planned: dict[str, Any]
) -> None:
    page = ann.get(planned["plan"]).text
    assert "barbell_hip_thrust" in page
    answer = edit(ann, planned, exercise_id="barbell_hip_thrust", action="ban")
    refused = follow_job(ann, answer.headers["location"])
    assert refused.startswith("refused:")
    assert "hip_thrust_every_week" in refused and "A hip-thrust-family exercise" in refused

    swap = re.search(
        r'name="exercise_id" value="(\w+)">\s*<strong>[^<]*</strong>\s*'
        r'<select name="swap_for"[^>]*>\s*<option value="(\w+)"',
        page,
    )
    assert swap, "some exercise offers a swap"
    old, new = swap.groups()
    answer = edit(ann, planned, exercise_id=old, action="swap", swap_for=new)
    version_two = follow_job(ann, answer.headers["location"])
    shown = ann.get(version_two).text
    assert "version 2" in shown and f"swapped {old} for {new}" in shown
    before = programme(ann, planned["plan"])
    after = programme(ann, version_two)
    assert after["profile"]["exclude"][-1] == old
    # The new exercise is locked into every day the old one held, and is there.
    days = days_holding(before, old)
    locked = {e["day"] for e in after["profile"]["include"] if e["exercise"] == new}
    assert days and locked == days
    assert every_session_holds(after, new, days)
    not_offered = {"exercise_id": old, "action": "swap", "swap_for": "banana_press"}
    assert edit_refused(ann, planned, not_offered, "is not an alternative")


def test_an_exercise_locked_into_a_day_is_there_in_the_new_version(
    ann: TestClient, planned: dict[str, Any]
) -> None:
    before = programme(ann, planned["plan"])
    week = before["weeks"][0]["sessions"]
    # An exercise of the first session, locked into the last session's day.
    exercise, day = week[0]["exercises"][-1]["exercise_id"], week[-1]["day"]
    page = ann.get(planned["plan"]).text
    assert 'value="lock"' in page and f'<option value="{day}">' in page
    answer = edit(ann, planned, exercise_id=exercise, action="lock", day=day)
    version = follow_job(ann, answer.headers["location"])
    assert f"locked {exercise} into {day}" in ann.get(version).text
    after = programme(ann, version)
    assert {(e["exercise"], e.get("day")) for e in after["profile"]["include"]} >= {(exercise, day)}
    assert every_session_holds(after, exercise, {day})
    not_a_day = {"exercise_id": exercise, "action": "lock", "day": "sun"}
    assert edit_refused(ann, planned, not_a_day, "is not a training day of this plan")


def test_the_log_page_saves_each_set_and_feeds_the_next_block(
    ann: TestClient, planned: dict[str, Any]
) -> None:
    plan_json = programme(ann, planned["plan"])
    session = plan_json["weeks"][0]["sessions"][0]
    day, exercise = session["day"], session["exercises"][0]["exercise_id"]
    log_url = f"{planned['plan']}/log/1/{day}"
    page = ann.get(log_url).text
    assert f'hx-post="{log_url}/set"' in page
    htmx = {"HX-Request": "true", "X-CSRF-Token": planned["csrf"]}
    typed = {"exercise_id": exercise, "set_number": "1", "load": "", "reps": "10", "rir": "2"}
    # A loaded lift is logged with the load lifted, a rep-max test week included.
    load = "40" if builtin_catalogue()[exercise].load_kind.external else ""
    saved = ann.post(f"{log_url}/set", data={**typed, "load": load}, headers=htmx)
    assert saved.text.strip() == "saved"
    bad = ann.post(f"{log_url}/set", data={**typed, "set_number": "2", "reps": "500"}, headers=htmx)
    assert "reps 500 is impossible (allowed 0 to 100)" in bad.text
    assert 'value="10"' in ann.get(log_url).text, "a saved set is shown again"
    no_token = ann.post(f"{log_url}/set", data=typed, headers={"HX-Request": "true"})
    assert no_token.status_code == 403

    answer = ann.post(
        f"{planned['plan']}/next", data={"csrf_token": planned["csrf"]}, follow_redirects=False
    )
    next_plan = follow_job(ann, answer.headers["location"])
    assert "next block from 1 logged sets of version 1" in ann.get(next_plan).text


def test_a_roster_upload_plans_valid_rows_and_names_bad_ones(
    ws: Workspace, ann: TestClient
) -> None:
    roster = (
        "name,goal,level,days_per_week,session_minutes,weeks,equipment\n"
        "Roster One,glutes,beginner,2,40,2,barbell;bench\n"
        "Roster Two,glutes,beginner,9,40,2,barbell\n"
    )
    token = csrf_of(ann.get("/roster").text)
    answer = ann.post(
        "/roster",
        data={"csrf_token": token},
        files={"roster": ("clients.csv", roster.encode(), "text/csv")},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    deadline = time.monotonic() + 120
    while "queued" in (page := ann.get(answer.headers["location"]).text) or "running" in page:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    rows = re.findall(r'<tr class="(\w+)"><td>(\d+)</td>', page)
    assert rows == [("done", "2"), ("invalid", "3")]
    assert "days_per_week: Input should be less than or equal to 6" in page
    wrong = ann.post(
        "/roster", data={"csrf_token": token}, files={"roster": ("x.txt", b"a", "text/plain")}
    )
    assert wrong.status_code == 422 and "upload a .csv or .xlsx file" in wrong.text


def test_another_trainer_gets_404_on_every_page(ws: Workspace, planned: dict[str, Any]) -> None:
    bob = sign_in(ws, "bob")
    token = csrf_of(bob.get("/clients/new").text)
    plan, client, job = planned["plan"], planned["client"], planned["job"]
    plan_json = ws.client.get(f"/api/v1/plans/{plan.rsplit('/', 1)[1]}", headers=ws.api()).json()
    day = plan_json["weeks"][0]["sessions"][0]["day"]
    gets = [
        client,
        f"{client}/edit",
        plan,
        f"{plan}/view",
        f"{plan}/download/pdf",
        f"{plan}/download/json",
        f"{plan}/log/1/{day}",
        job,
        f"{job}/status",
    ]
    posts = [
        f"{client}/edit",
        f"{client}/plans",
        f"{plan}/next",
        f"{plan}/edit",
        f"{plan}/log/1/{day}/set",
    ]
    codes = {url: bob.get(url).status_code for url in gets}
    fields = {
        "csrf_token": token,
        "exercise_id": "x",
        "action": "ban",
        "set_number": "1",
        "reps": "1",
    }
    codes |= {f"POST {url}": bob.post(url, data=fields).status_code for url in posts}
    assert set(codes.values()) == {404}, codes
    assert "Sam Lindqvist" not in bob.get("/clients").text
