"""Logging in and out, passwords, the second factor for staff, and the limits on guessing."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from home.demo import DEMO_ACCOUNTS_GROUP
from tests.factories import PASSWORD, EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def current_code(secret):
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("admin_login", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_every_login_form_is_the_members_login(client, admin_login):
    response = client.get(f"{admin_login}?next=/admin/pages/")

    assert response.status_code in (301, 302)
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_an_anonymous_visit_to_the_admin_ends_on_the_login_form(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert b"Members' login" in response.content


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client):
    MemberFactory(user__email="target@example.org")
    for _attempt in range(5):
        assert log_in(client, "target@example.org", "wrong-password").status_code == 200

    response = log_in(client, "target@example.org")

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_a_staff_account_reaching_the_admin_through_its_login(client):
    editor = EditorFactory(email="editor@example.org")
    for _attempt in range(5):
        client.post(
            reverse("account_login") + "?next=/admin/",
            {"login": editor.email, "password": "guess"},
        )

    response = client.post(
        reverse("account_login") + "?next=/admin/", {"login": editor.email, "password": PASSWORD}
    )

    assert LOCKED in response.content.decode()


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client):
    MemberFactory(user__email="known@example.org")

    known = log_in(client, "known@example.org", "wrong-password").content.decode()
    unknown = log_in(client, "nobody@example.org", "wrong-password").content.decode()

    assert "not correct" in known
    assert known.replace("known@", "nobody@") == unknown.replace(
        csrf_token(unknown), csrf_token(known)
    )


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    MemberFactory(user__email="known@example.org")

    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_password_reset_mail_lets_a_member_choose_a_new_password(client):
    MemberFactory(user__email="forgetful@example.org")

    client.post(reverse("account_reset_password"), {"email": "forgetful@example.org"})

    [message] = mail.outbox
    assert "/accounts/password/reset/key/" in message.body


def test_staff_with_a_second_factor_are_asked_for_the_code_at_login(client):
    editor = EditorFactory(email="editor@example.org")

    response = log_in(client, editor.email)

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(editor.totp_secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client):
    editor = EditorFactory(second_factor=False)
    client.force_login(editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


@override_settings(STAFF_REQUIRE_SECOND_FACTOR=False)
def test_the_second_factor_requirement_can_be_switched_off_for_local_development(client):
    client.force_login(EditorFactory(second_factor=False))

    assert client.get("/admin/").status_code == 200


def test_members_can_turn_on_a_second_factor_too(client):
    member = MemberFactory(user__email="careful@example.org")
    log_in(client, member.user.email)

    # allauth asks for the password again before a second factor is added.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": PASSWORD})

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 200
    assert b"Authenticator" in response.content


@override_settings(DEMO_ACCOUNTS_CAN_LOG_IN=False)
def test_a_demo_account_cannot_log_in_where_demo_logins_are_off(client):
    member = MemberFactory(user__email="demo.member@example.org")
    member.user.groups.add(Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)[0])

    response = log_in(client, "demo.member@example.org")

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


@override_settings(DEMO_ACCOUNTS_CAN_LOG_IN=True)
def test_a_demo_account_can_log_in_where_demo_logins_are_on(client):
    member = MemberFactory(user__email="demo.member@example.org")
    member.user.groups.add(Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)[0])

    response = log_in(client, "demo.member@example.org")

    assert response.status_code == 302


def test_logging_out_is_a_post_from_the_header(member_client):
    page = member_client.get(reverse("community:home")).content.decode()
    assert f'action="{reverse("account_logout")}"' in page

    member_client.post(reverse("account_logout"))

    assert "_auth_user_id" not in member_client.session


def test_a_member_changes_their_email_address_with_confirmation(member_client, member):
    response = member_client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.org"}
    )

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["new.address@example.org"]
    member.user.refresh_from_db()
    assert member.user.email != "new.address@example.org"


def test_a_member_changes_their_password(member_client, member):
    response = member_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-passphrase-2026",
            "password2": "another-long-passphrase-2026",
        },
    )

    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("another-long-passphrase-2026")
