"""A trainer's afternoon in Debian's Chromium on a phone-sized screen, driven by Playwright:
sign in, add a client, generate and download a plan, swap an exercise, log a session."""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

from tests.web_factory import PASSWORD, free_port, make_trainer, start_server

CHROMIUM = "/usr/bin/chromium"
#: Chromium with nothing reaching past loopback (the machine's network is closed).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'browser.db'}"
    make_trainer(folder, url)
    port = free_port()
    server = start_server(folder, url, port)
    yield f"http://127.0.0.1:{port}"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    assert Path(CHROMIUM).exists(), "make system-deps installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=PHONE, accept_downloads=True, base_url=base_url)
        page = context.new_page()
        page.set_default_timeout(120_000)
        yield page
        browser.close()


def test_a_trainer_plans_edits_downloads_and_logs_from_a_phone(page: Page, tmp_path: Path) -> None:
    page.goto("/clients")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Email").fill("ann@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Clients")).to_be_visible()

    page.get_by_role("link", name="New client").click()
    page.get_by_label("Name", exact=True).fill("Maya Ortiz")
    page.get_by_label("Goal").select_option("glutes")
    page.get_by_label("Level").select_option("beginner")
    page.get_by_label("Days per week").fill("2")
    page.get_by_label("Minutes per session").fill("40")
    page.get_by_label("Weeks").fill("3")
    page.get_by_label("barbell", exact=True).check()
    page.get_by_label("bench", exact=True).check()
    page.get_by_label("dumbbells", exact=True).check()
    # Three choices, not a check box: "never" is kept as a choice of its own.
    page.get_by_label("Supersets").select_option("false")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Maya Ortiz")).to_be_visible()

    page.get_by_role("button", name="Generate plan").click()
    # htmx polls the job and moves to the plan once it exists.
    expect(page.get_by_role("heading", name="Maya Ortiz: version 1")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    saved = tmp_path / "plan.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    page.get_by_text("Edit the plan").click()
    swap = page.locator("form.edit", has=page.locator("select")).first
    chosen = swap.locator("select option").first.get_attribute("value")
    swap.get_by_role("button", name="Swap").click()
    expect(page.get_by_role("heading", name="Maya Ortiz: version 2")).to_be_visible()
    expect(page.get_by_text(f"for {chosen}")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Week 1 ")).first.click()
    first_set = page.locator("form.set").first
    first_set.get_by_label("Load").fill("20")
    first_set.get_by_label("Reps").fill("10")
    first_set.get_by_label("RIR").fill("2")
    first_set.get_by_label("RIR").press("Tab")
    expect(first_set.locator(".status")).to_have_text("saved")
    page.reload()
    expect(page.locator("form.set").first.get_by_label("Reps")).to_have_value("10")
