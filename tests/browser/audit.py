"""One visit to every public page, recording what the accessibility and HTML tests assert on.

A visit keeps the HTML as the server sent it (for the Nu Html Checker), axe-core's findings,
and the structure a screen reader relies on, read from the rendered page.
"""

from dataclasses import dataclass, field

from tests.browser.checks import run_axe, unmeasured_contrast
from tests.browser.chromium import keep_on_site
from tests.browser.site_pages import (
    DEMO_PASSWORD,
    GROUPS,
    LOGINS,
    SERVER_ERROR_PATH,
    SUBMIT,
    server_error_html,
)

PAGE_FACTS = """() => {
    const shown = el => !el.closest('[hidden], [aria-hidden="true"]')
        && getComputedStyle(el).display !== 'none'
        && getComputedStyle(el).visibility !== 'hidden';
    const squash = text => (text || '').replace(/\\s+/g, ' ').trim();
    const accessibleName = el => {
        const labelledBy = el.getAttribute('aria-labelledby');
        if (labelledBy) {
            return squash(labelledBy.split(/\\s+/)
                .map(id => (document.getElementById(id) || {}).textContent || '').join(' '));
        }
        if (el.getAttribute('aria-label')) return squash(el.getAttribute('aria-label'));
        const walk = node => {
            if (node.nodeType === Node.TEXT_NODE) return node.textContent;
            if (node.nodeType !== Node.ELEMENT_NODE) return '';
            if (node.getAttribute('aria-hidden') === 'true') return '';
            if (node.tagName === 'IMG') return ' ' + (node.getAttribute('alt') || '') + ' ';
            return Array.from(node.childNodes).map(walk).join('');
        };
        return squash(walk(el));
    };
    const firstLink = document.querySelector('body a[href]');
    return {
        lang: document.documentElement.getAttribute('lang') || '',
        title: squash(document.title),
        h1s: Array.from(document.querySelectorAll('h1')).map(h => squash(h.textContent)),
        headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
            .filter(shown)
            .map(h => [Number(h.tagName[1]), squash(h.textContent)]),
        links: Array.from(document.querySelectorAll('a[href]'))
            .filter(shown)
            .map(a => [accessibleName(a), a.getAttribute('href')]),
        imagesWithoutAlt: Array.from(document.querySelectorAll('img:not([alt])'))
            .map(img => img.getAttribute('src')),
        firstLink: firstLink ? [firstLink.getAttribute('href'), squash(firstLink.textContent)]
            : null,
        mainCount: document.querySelectorAll('main').length,
        menuLinks: document.querySelectorAll('nav[aria-label="Main"] a[href]').length,
    };
}"""


@dataclass
class PageAudit:
    group: str
    label: str
    path: str
    status: int | None = None
    html: str = ""
    violations: list = field(default_factory=list)
    unmeasured_contrast: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    blocked_requests: list = field(default_factory=list)
    error: str = ""

    @property
    def name(self):
        return f"{self.label} ({self.path})"


def audit_pages(browser, live_site, site_pages, axe_script, viewport):
    """``{group: [PageAudit, …]}`` for every page of ``site_pages``, each group visited as the
    person ``LOGINS`` names for it (a visitor by default)."""
    results = {group: [] for group in GROUPS}
    # Django answers a crash with templates/500.html rendered without context; serve that HTML
    # at an address of the site so that it is checked as a visitor would get it.
    error_html = server_error_html()
    for login in [None, *dict.fromkeys(LOGINS.values())]:
        groups = [group for group in GROUPS if LOGINS.get(group) == login]
        context = browser.new_context(base_url=live_site.url, viewport=viewport)
        context.set_default_timeout(15_000)
        blocked = keep_on_site(context, live_site)
        context.route(
            f"**{SERVER_ERROR_PATH}",
            lambda route: route.fulfill(status=500, body=error_html, content_type="text/html"),
        )
        page = context.new_page()
        try:
            if login:
                log_in(page, login)
            for group in groups:
                for label, path, *action in site_pages[group]:
                    audit = _audit(page, group, label, path, axe_script, submit=SUBMIT in action)
                    audit.blocked_requests = blocked[:]
                    blocked.clear()
                    results[group].append(audit)
        finally:
            context.close()
    return results


def log_in(page, email):
    page.goto("/accounts/login/")
    page.locator("main").get_by_label("Email").fill(email)
    page.locator("main").get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Log in").click()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"Could not log in as {email}: is the demo content loaded?")


def _audit(page, group, label, path, axe_script, *, submit=False):
    audit = PageAudit(group, label, path)
    try:
        response = page.goto(path)
        if submit:
            with page.expect_navigation() as navigation:
                page.locator("main form button[type=submit]").last.click()
            response = navigation.value
        audit.status = response.status
        audit.html = response.text()
        result = run_axe(page, axe_script)
        audit.violations = result["violations"]
        audit.unmeasured_contrast = unmeasured_contrast(result)
        audit.facts = page.evaluate(PAGE_FACTS)
    except Exception as error:  # one broken page must not hide the findings on the others
        audit.error = f"{type(error).__name__}: {error}"
    return audit


def all_audits(audits):
    return [audit for group in GROUPS for audit in audits[group]]
