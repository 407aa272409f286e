"""Every page works within its own Content-Security-Policy: the browser refuses nothing.

The accessibility visits let axe-core in past the policy, so this visits the pages again with
the policy enforced, recording each violation the browser reports.
"""

import pytest

from tests.browser.audit import log_in
from tests.browser.chromium import DESKTOP, keep_on_site
from tests.browser.site_pages import GROUPS, LOGINS

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
    window.policyViolations = [];
    document.addEventListener('securitypolicyviolation', event => {
        window.policyViolations.push(`${event.effectiveDirective} refused ${event.blockedURI}`);
    });
"""


def violations_on(browser, live_site, login, paths):
    context = browser.new_context(base_url=live_site.url, viewport=DESKTOP)
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    keep_on_site(context, live_site)
    page = context.new_page()
    found = {}
    try:
        if login:
            log_in(page, login)
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("load")
            if reported := page.evaluate("() => window.policyViolations"):
                found[path] = reported
    finally:
        context.close()
    return found


@pytest.mark.parametrize("login", [None, *dict.fromkeys(LOGINS.values())])
def test_no_page_breaks_its_content_security_policy(browser, live_site, site_pages, login):
    paths = [
        path
        for group in GROUPS
        if LOGINS.get(group) == login
        for _label, path, *_action in site_pages[group]
    ]
    assert paths

    found = violations_on(browser, live_site, login, dict.fromkeys(paths))

    assert not found, "The browser refused:\n" + "\n".join(
        f"  {path}: {'; '.join(reported)}" for path, reported in found.items()
    )
