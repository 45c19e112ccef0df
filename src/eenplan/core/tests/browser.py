"""Browser-test helpers: Debian's chromium driven by Playwright, with axe-core injected.

Import `browser_page` into a test module to use it as a fixture.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

# Debian's chromium (the Playwright download does not work offline); EENPLAN_CHROMIUM overrides.
CHROMIUM = os.environ.get("EENPLAN_CHROMIUM") or shutil.which("chromium") or ""
AXE = Path(settings.PROJECT_DIR) / "node_modules" / "axe-core" / "axe.min.js"

RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


@pytest.fixture
def browser_page(monkeypatch):
    if not CHROMIUM or not AXE.exists():
        # `make test` installs both; a missing browser must not pass as a skipped test.
        pytest.fail("chromium or axe-core is missing: run `make test`, which installs them")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still work here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        # An init script is not subject to the page's CSP, so the strict policy stays on.
        context.add_init_script(script=AXE.read_text())
        page = context.new_page()
        csp_errors: list[str] = []
        page.on(
            "console",
            lambda message: (
                csp_errors.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        page.csp_errors = csp_errors  # type: ignore[attr-defined]
        yield page
        context.close()
        browser.close()
        # Queries made while Playwright's loop runs open their own connection; close it, or
        # PostgreSQL cannot drop the test database.
        connections.close_all()


def serious_violations(page):
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]


def screenshot(page, name):
    folder = os.environ.get("EENPLAN_SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
