"""The layout at phone and desktop widths, and on paper.

Screenshots of the main page types at both widths are written on every run to
test-artifacts/screenshots/, where CI keeps them, so a change to the design can be looked at
without running the site.
"""

import pytest

from tests.browser.checks import describe_axe_violations, run_axe
from tests.browser.chromium import DESKTOP, PHONE

pytestmark = pytest.mark.browser

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
PRINTED_AWAY = (".skip-link", ".main-nav", ".site-search", ".breadcrumbs", ".tag-list")


def first_of(site_pages, kind):
    """The first page of a kind ("news page", …) in the page tree."""
    return next(path for label, path in site_pages["page tree"] if label.startswith(f"{kind}:"))


@pytest.fixture(scope="module")
def pages_to_show(site_pages):
    return {
        "home": "/",
        "news": first_of(site_pages, "news page"),
        "event": first_of(site_pages, "event page"),
        "resource": first_of(site_pages, "resource page"),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_main_page_types_fit_the_window_and_are_captured(
    open_page, pages_to_show, screenshot_dir, axe_script, width
):
    viewport = WIDTHS[width]
    page = open_page(viewport=viewport)
    problems = []
    for name, path in pages_to_show.items():
        page.goto(path)
        target = screenshot_dir / f"{name}-{viewport['width']}.png"
        page.screenshot(path=target, full_page=True)

        assert target.stat().st_size > 10_000, f"{target} is empty or blank"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > viewport["width"]:
            problems.append(f"{path}: scrolls sideways, {scroll_width} px wide")
        # The audit of every page runs at desktop width; the narrow layout gets its own look.
        violations = run_axe(page, axe_script)["violations"]
        if violations:
            problems.append(f"{path}:\n{describe_axe_violations(violations)}")

    assert not problems, f"At {viewport['width']} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", ["news", "resource"])
def test_articles_print_without_the_site_chrome(page, pages_to_show, screenshot_dir, kind):
    page.goto(pages_to_show[kind])
    page.emulate_media(media="print")

    shown = {
        selector: page.locator(selector).first.is_visible()
        for selector in PRINTED_AWAY
        if page.locator(selector).count()
    }
    assert not any(shown.values()), f"Printed with the page: {shown}"
    assert page.locator("h1").is_visible()
    assert page.locator("main .prose").first.is_visible()

    pdf = screenshot_dir / f"{kind}-print.pdf"
    page.pdf(path=pdf, format="A4")
    assert pdf.stat().st_size > 1_000
