"""Browser tests: a real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Without Chromium or the playwright package the tests are skipped with a visible
reason, except in CI (CI=true), where they must run and fail loudly instead.
"""

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls that the
# fixtures make (demo data, flushing) would otherwise be refused as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path(os.environ.get("ENKELT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ASSETS_STAMP = ROOT / "enkelt" / "core" / "static_build" / ".built"
AXE_FILE = ROOT / "enkelt" / "core" / "static_build" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo"  # noqa: S105 - contract.md: every demo user has this password


def _unavailable(reason: str) -> None:
    """Skip with a reason outside CI; in CI a missing browser is an error."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    print(f"\nbrowser tests skipped: {reason}")
    pytest.skip(reason)


def _ensure_assets() -> None:
    """The pages load DKFDS and axe-core from the static build; build it once if missing."""
    if ASSETS_STAMP.exists() and AXE_FILE.exists():
        return
    try:
        subprocess.run(
            ["node", "scripts/build-assets.mjs"],  # noqa: S607 - node from PATH, as make does
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", "") or exc
        pytest.fail(
            "front-end assets are missing (enkelt/core/static_build/.built) and "
            f"`node scripts/build-assets.mjs` failed: {detail}. Run `make assets` "
            "(needs `npm ci`) before the browser tests.",
            pytrace=False,
        )
    if not AXE_FILE.exists():
        pytest.fail(f"front-end build did not produce {AXE_FILE}", pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        _unavailable(
            f"{CHROMIUM} not found; install Debian chromium "
            "(apt-get install chromium chromium-driver) to run the browser tests"
        )
    _ensure_assets()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    """The contract's demo municipalities and users, committed so the live server sees them."""
    from enkelt.demo.loaders import load_all as load_demo

    load_demo()


@pytest.fixture
def site(live_server: Any, demo_data: None) -> str:
    """Base URL of the live server, with demo data loaded."""
    return str(live_server.url)


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """Factory for isolated browser contexts (own cookies); closed after the test."""
    contexts: list[Any] = []

    def make(locale: str = "da-DK", **options: Any) -> Any:
        context = browser.new_context(locale=locale, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., Any]) -> Any:
    """A page in a Danish browser (da-DK), the default audience."""
    return new_context("da-DK").new_page()


@pytest.fixture
def page_en(new_context: Callable[..., Any]) -> Any:
    """A page in an English browser (en-US, Accept-Language: en-US)."""
    return new_context("en-US").new_page()


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    at {target}: {node['html'][:160]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    ... and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture
def assert_axe_clean(site: str) -> Callable[[Any], None]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; fail listing each violation.

    The site's CSP forbids inline scripts, so `add_script_tag(content=...)` is blocked;
    axe is loaded from the server's own static URL instead, which `script-src 'self'` allows.
    """
    from django.templatetags.static import static

    axe_url = site + static("vendor/axe-core/axe.min.js")

    def check(page: Any) -> None:
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=axe_url)
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {
                    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
                });
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, html: n.html})),
                }));
            }""",
            AXE_TAGS,
        )
        assert not result, (
            f"axe-core found {len(result)} WCAG 2.1 AA violation(s) on {page.url}:\n"
            + format_violations(result)
        )

    return check


@pytest.fixture
def log_in(site: str) -> Callable[..., None]:
    """Log in through the real allauth form at /accounts/login/."""

    def do(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
        from playwright.sync_api import expect

        page.goto(f"{site}/accounts/login/")
        page.locator("input[name='login']").fill(username)
        page.locator("input[name='password']").fill(password)
        page.locator("form:has(input[name='password']) [type='submit']").first.click()
        expect(page).not_to_have_url(f"{site}/accounts/login/")

    return do


@pytest.fixture
def expect_danish_ui() -> Callable[[Any, str], None]:
    """Assert a Danish UI string (from the .po catalogue) is shown on the page.

    Kept apart so a missing translation reads as such, not as a broken page.
    """

    def check(page: Any, text: str) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
        from playwright.sync_api import expect

        expect(page.locator("html")).to_have_attribute("lang", "da")
        try:
            page.get_by_text(text, exact=True).first.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeoutError:
            raise AssertionError(
                f"Danish UI text {text!r} is not shown on {page.url}: is it translated in "
                "locale/da/LC_MESSAGES/django.po and compiled (make install / msgfmt)?"
            ) from None

    return check
