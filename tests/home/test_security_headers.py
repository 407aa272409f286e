"""The security headers of the site's pages, and the inline code the policy allows."""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.template import loader

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


def test_a_page_allows_scripts_and_styles_from_the_site_only(client, home_page):
    response = client.get(home_page.url)

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_page_refuses_browser_features_and_other_origins(client, home_page):
    response = client.get(home_page.url)

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_not_found_page_carries_the_policy_too(client, site_tree):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]


def test_the_members_login_carries_the_policy(client):
    response = client.get("/accounts/login/")

    assert directives(response)["script-src"] == ["'self'"]


def test_no_page_script_runs_inline(client, home_page, news_index, standard_page):
    for page in (home_page, news_index, standard_page):
        html = client.get(page.url).content.decode()

        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (page.url, tag)


def test_the_standalone_error_page_style_is_allowed_by_its_hash():
    html = loader.get_template("500.html").render()
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)

    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()

    assert f"'sha256-{digest}'" in settings.CONTENT_SECURITY_POLICY["style-src"]


def test_the_wagtail_admin_keeps_its_inline_scripts_but_not_the_other_headers(
    client, site_tree, superuser
):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_a_feed_is_not_an_html_page_and_gets_no_page_policy(client, news_index):
    response = client.get(news_index.url + "feed/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
