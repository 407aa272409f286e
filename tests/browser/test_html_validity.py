"""The Nu Html Checker finds no error on any public page.

The HTML is what the server sent on the accessibility visits (before any script ran). All
pages go to one run of the checker, since Java takes seconds to start; the tests then read the
findings group by group.
"""

import pytest

from tests.browser.audit import all_audits
from tests.browser.checks import describe_html_errors, validate_html
from tests.browser.site_pages import GROUPS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def html_errors(audits, vnu_command):
    documents = {audit.path: audit.html for audit in all_audits(audits) if audit.html}
    return validate_html(documents, vnu_command)


@pytest.mark.parametrize("group", GROUPS)
def test_pages_are_valid_html(audits, html_errors, group):
    missing = [audit.name for audit in audits[group] if not audit.html]
    assert audits[group], f"No pages found for '{group}': is the demo content loaded?"
    assert not missing, f"These pages could not be fetched: {missing}"
    errors = {
        path: html_errors[path] for path in (a.path for a in audits[group]) if path in html_errors
    }

    assert not errors, "The Nu Html Checker reports errors:\n" + describe_html_errors(errors)


def test_checker_reports_nothing_it_could_not_place(audits, html_errors):
    known = {audit.path for audit in all_audits(audits)}
    stray = {name: errors for name, errors in html_errors.items() if name not in known}

    assert not stray, describe_html_errors(stray)
