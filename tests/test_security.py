"""What a probe of the site as an attacker found, each kept closed.

The findings about documents, page passwords and headers are tested with the code that closes
them, in tests/home/; the demo loader's refusal of production settings in
tests/home/test_demo_content.py.
"""

import logging
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.factories import PASSWORD, ApplicantFactory, EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "pytest-django", "playwright", "ruff", "djhtml", "feedparser"}


def totp_code(user):
    return format_hotp_value(hotp_value(user.totp_secret, int(time.time()) // 30))


def stays_on_this_site(response):
    return all(urlsplit(url).netloc in ("", "testserver") for url, _ in response.redirect_chain)


def pins(lock_file):
    text = (BASE_DIR / lock_file).read_text()
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", text, re.MULTILINE))


@pytest.mark.parametrize("login", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_every_admin_login_locks_after_five_wrong_passwords(client, login):
    editor = EditorFactory(email="editor@example.org")
    form = client.get(login, follow=True).redirect_chain[-1][0]
    for _attempt in range(5):
        client.post(form, {"login": editor.email, "password": "guess"})

    response = client.post(form, {"login": editor.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_staff_login_with_a_foreign_next_address_ends_on_this_site(client, site_tree):
    editor = EditorFactory(email="editor@example.org")
    form = client.get("/admin/login/?next=https://evil.example/", follow=True).redirect_chain[-1][0]
    client.post(form, {"login": editor.email, "password": PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(editor)}, follow=True)

    assert response.redirect_chain
    assert stays_on_this_site(response)
    assert response.status_code == 200


@pytest.mark.parametrize("factory", [MemberFactory, ApplicantFactory], ids=["member", "applicant"])
def test_a_login_without_next_lands_on_a_page_that_exists(client, site_tree, factory):
    person = factory(user__email="person@example.org")

    response = client.post(
        reverse("account_login"), {"login": person.user.email, "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain
    assert response.status_code == 200
    assert stays_on_this_site(response)


def test_a_staff_login_without_next_lands_on_a_page_that_exists(client, site_tree):
    editor = EditorFactory(email="editor@example.org")
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(editor)}, follow=True)

    assert response.status_code == 200
    assert stays_on_this_site(response)


def test_a_request_for_a_host_the_site_does_not_serve_logs_one_line(client, settings, caplog):
    settings.ALLOWED_HOSTS = ["procuraplus-ict.example.org"]

    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="scanner.example")

    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert "scanner.example" in record.getMessage()
    assert "\n" not in logging.Formatter().format(record)


def test_the_admin_dashboard_calls_no_third_party(client, site_tree, superuser):
    client.force_login(superuser)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html
    assert "w-upgrade" not in html


def test_production_installs_no_test_tools():
    production = pins("requirements.lock")

    assert "django" in production
    assert not TEST_TOOLS & production.keys()


def test_development_installs_the_test_tools_at_the_versions_production_runs():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")

    assert development.keys() >= TEST_TOOLS
    assert {name: development.get(name) for name in production} == production
