"""WCAG 2.1 AA over every public page, checked in the browser.

Each page is loaded once: axe-core runs over it and the structure a screen reader relies on
(one h1, headings in order, language, link text, alternative text) is read from the same
visit. The tests below then assert on what was recorded, one rule each; the same visits also
show whether any page has the browser contact another site, which a public body's visitors
should not have to accept.
"""

import re

import pytest

from tests.browser.audit import all_audits
from tests.browser.checks import describe_axe_violations
from tests.browser.chromium import PHONE, focused
from tests.browser.site_pages import GROUPS

pytestmark = pytest.mark.browser

# Link text that says nothing when a screen reader lists the links of a page.
VAGUE_LINK_TEXT = {
    "click here",
    "here",
    "link",
    "more",
    "more info",
    "learn more",
    "read more",
    "continue reading",
    "details",
    "this page",
}


def report(problems, what):
    return f"{len(problems)} page(s) {what}:\n" + "\n".join(problems)


@pytest.mark.parametrize("group", GROUPS)
def test_pages_have_no_wcag_a_or_aa_violations(audits, group):
    assert audits[group], f"No pages found for '{group}': is the demo content loaded?"
    problems = [
        f"{audit.name}:\n{audit.error or describe_axe_violations(audit.violations)}"
        for audit in audits[group]
        if audit.error or audit.violations
    ]

    assert not problems, report(problems, "fail axe-core's WCAG 2.0/2.1 A and AA rules")


def test_contrast_of_all_text_can_be_measured(audits):
    # Contrast comes from the design's colour pairs; text over a background image or a
    # gradient escapes both the design and the checker, so it must not appear.
    problems = [
        f"  {audit.name}: {target} ({reason})"
        for audit in all_audits(audits)
        for target, reason in audit.unmeasured_contrast
    ]

    assert not problems, report(problems, "have text whose contrast cannot be measured")


def test_pages_answer_with_the_right_status(audits):
    problems = []
    for audit in all_audits(audits):
        expected = {
            "page not found": 404,
            "unknown tag": 404,
            "server error": 500,
            "invitation that cannot be used": 404,
        }.get(audit.label, 200)
        if audit.status != expected:
            problems.append(f"  {audit.name}: {audit.status}, expected {expected}")

    assert not problems, report(problems, "answer with an unexpected status")


def test_every_page_declares_its_language(audits):
    problems = [
        f"  {audit.name}: lang={audit.facts.get('lang')!r}"
        for audit in all_audits(audits)
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", audit.facts.get("lang", ""))
    ]

    assert not problems, report(problems, "lack a valid lang on <html>")


def test_every_page_has_exactly_one_h1(audits):
    problems = [
        f"  {audit.name}: {audit.facts.get('h1s')}"
        for audit in all_audits(audits)
        if len(audit.facts.get("h1s", [])) != 1
    ]

    assert not problems, report(problems, "do not have exactly one h1")


def test_every_page_has_a_title_naming_it_and_the_site(audits):
    problems = [
        f"  {audit.name}: {audit.facts.get('title')!r}"
        for audit in all_audits(audits)
        if not audit.facts.get("title", "").endswith("SRPP Procura+ Interest Group")
        or audit.facts.get("title", "").startswith("|")
    ]

    assert not problems, report(problems, "have a title that does not name the page and site")


def test_headings_never_skip_a_level(audits):
    problems = []
    for audit in all_audits(audits):
        headings = audit.facts.get("headings", [])
        if headings and headings[0][0] != 1:
            problems.append(f"  {audit.name}: the first heading is h{headings[0][0]}")
        for (previous, _), (level, text) in zip(headings, headings[1:], strict=False):
            if level > previous + 1:
                problems.append(f"  {audit.name}: h{previous} then h{level} “{text}”")

    assert not problems, report(problems, "skip heading levels")


def test_link_text_makes_sense_out_of_context(audits):
    problems = []
    for audit in all_audits(audits):
        for name, href in audit.facts.get("links", []):
            words = re.sub(r"[^\w\s]", "", name.lower()).strip()
            if not words or words in VAGUE_LINK_TEXT:
                problems.append(f"  {audit.name}: “{name}” → {href}")

    assert not problems, report(problems, "have links whose text says nothing on its own")


def test_every_image_has_alternative_text(audits):
    problems = [
        f"  {audit.name}: {src}"
        for audit in all_audits(audits)
        for src in audit.facts.get("imagesWithoutAlt", [])
    ]

    assert not problems, report(problems, "have images without an alt attribute")


def test_every_page_starts_with_a_skip_link_to_main(audits):
    problems = [
        f"  {audit.name}: first link {audit.facts.get('firstLink')}, "
        f"{audit.facts.get('mainCount')} main element(s)"
        for audit in all_audits(audits)
        if audit.label != "server error"
        and (
            not audit.facts.get("firstLink")
            or audit.facts["firstLink"][0] != "#main"
            or audit.facts.get("mainCount") != 1
        )
    ]

    assert not problems, report(problems, "do not start with a skip link to a single main")


def test_error_pages_keep_the_site_navigation(audits):
    problems = [
        f"  {audit.name}: {audit.facts.get('menuLinks')} main menu links"
        for audit in audits["error pages"]
        if audit.label != "server error" and audit.facts.get("menuLinks", 0) < 3
    ]

    assert not problems, report(problems, "leave the visitor without the main menu")


def test_pages_load_nothing_from_other_sites(audits):
    problems = [
        f"  {audit.name}: {url}" for audit in all_audits(audits) for url in audit.blocked_requests
    ]

    assert not problems, report(problems, "make the browser contact other sites")


# Interactive checks: what the keyboard does, on a few representative pages.


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert focused(page)["href"] == "#main"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 1, "The skip link stays off screen on focus"

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    page.keyboard.press("Tab")
    assert focused(page)["inMain"], f"Tab after the skip link went to {focused(page)}"


FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    return [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow,
            style.backgroundColor, style.color, style.textDecorationLine, style.borderColor]
        .join('|');
}"""


def longest_listing(site_pages):
    """A listing with filters and, if any has them, more pages: the most controls to Tab to."""
    listings = site_pages["filtered listings"]
    paged = [path for label, path in listings if label.endswith(", page 2")]
    return paged[0].split("?")[0] if paged else listings[0][1]


@pytest.mark.parametrize("where", ["home page", "listing"])
def test_every_focusable_element_shows_visible_focus(page, site_pages, where):
    path = "/" if where == "home page" else longest_listing(site_pages)
    page.goto(path)
    reached = 0
    problems = []
    for _ in range(100):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("document.activeElement")
        first_visit = page.evaluate(
            """el => {
                window.focusVisited = window.focusVisited || new WeakSet();
                if (el === document.body || window.focusVisited.has(el)) return false;
                window.focusVisited.add(el);
                return true;
            }""",
            element,
        )
        if not first_visit:
            break
        reached += 1
        when_focused = page.evaluate(FOCUS_STYLE, element)
        page.evaluate("el => el.blur()", element)
        when_not = page.evaluate(FOCUS_STYLE, element)
        # Put focus back where the keyboard had it, so the next Tab moves on from here.
        page.evaluate("el => el.focus({focusVisible: true})", element)
        if when_focused == when_not:
            problems.append("  " + page.evaluate("el => el.outerHTML.slice(0, 120)", element))

    assert reached > 5, f"Tab reached only {reached} elements on {path}"
    assert not problems, f"Focus is invisible on {path} for:\n" + "\n".join(problems)


def test_menu_works_with_the_keyboard_alone_on_a_phone(open_page):
    page = open_page(viewport=PHONE)
    page.goto("/")
    toggle = page.locator(".main-nav__toggle")
    first_link = page.locator("#main-menu a").first
    assert toggle.is_visible(), "The menu button is hidden at 375 px"
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not first_link.is_visible(), "The menu is open before it is asked for"

    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('main-nav__toggle')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Tab")
    assert not focused(page)["inMenu"], "Tab goes into the closed menu's hidden links"
    page.keyboard.press("Shift+Tab")

    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert first_link.is_visible()

    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not first_link.is_visible()

    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page)["inMenu"], "Tab from the open menu's button does not reach its links"

    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('main-nav__toggle')"), (
        "Escape should hand focus back to the menu button"
    )
    assert not page.errors, page.errors
