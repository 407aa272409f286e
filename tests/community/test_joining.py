"""Applying to join, confirming the address, waiting, and staff deciding."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from community import membership
from community.models import Member, Organisation
from community.permissions import can_enter_area
from tests.factories import PASSWORD, MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "fair-ict-supply-chains-2026"


def application(**changes):
    data = {
        "first_name": "Inês",
        "last_name": "Carvalho",
        "email": "ines.carvalho@example.org",
        "job_title": "Procurement officer",
        "country": "PT",
        "organisation": "",
        "new_organisation_name": "Câmara Municipal de Exemplo",
        "new_organisation_kind": "public_authority",
        "new_organisation_website": "https://exemplo.example.org",
        "motivation": "We are preparing a laptop framework with labour-rights clauses.",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "privacy_consent": "on",
    }
    data.update(changes)
    return data


def confirmation_link(message):
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_the_join_page_is_the_application_form(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    assert b"Apply to join the interest group" in response.content
    for field in ("organisation", "new_organisation_name", "motivation", "privacy_consent"):
        assert f'name="{field}"'.encode() in response.content


def test_applying_creates_a_pending_member_and_a_new_unconfirmed_organisation(client):
    response = client.post(reverse("account_signup"), application())

    assert response.status_code == 302
    member = Member.objects.get(user__email="ines.carvalho@example.org")
    assert member.status == Member.Status.PENDING
    assert member.user.get_full_name() == "Inês Carvalho"
    assert member.organisation.name == "Câmara Municipal de Exemplo"
    assert member.organisation.is_confirmed is False
    assert member.privacy_consent_at is not None
    assert not can_enter_area(member.user)


def test_applicant_is_told_on_screen_and_by_email_what_happens_next(client):
    response = client.post(reverse("account_signup"), application(), follow=True)

    assert b"What happens next" in response.content
    assert b"Staff review your application" in response.content
    [message] = mail.outbox
    assert message.to == ["ines.carvalho@example.org"]
    assert "What happens next" in message.body
    assert "/accounts/confirm-email/" in message.body


def test_applicant_can_pick_an_existing_organisation(client):
    organisation = OrganisationFactory(name="Barcelona City Council", country="ES")

    client.post(reverse("account_signup"), application(organisation=organisation.pk))

    member = Member.objects.get(user__email="ines.carvalho@example.org")
    assert member.organisation == organisation
    assert Organisation.objects.count() == 1


def test_an_unconfirmed_organisation_is_not_offered_to_the_next_applicant(client):
    client.post(reverse("account_signup"), application())

    response = client.get(reverse("account_signup"))

    assert "Câmara Municipal de Exemplo" not in response.content.decode()


def test_a_refused_application_keeps_what_was_typed_and_says_what_to_fix(client):
    response = client.post(
        reverse("account_signup"),
        application(new_organisation_name="", privacy_consent="", password2="different"),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose your organisation from the list, or give its name below." in page
    assert "You can only join if you agree to the privacy notice." in page
    assert 'value="Inês"' in page
    assert "We are preparing a laptop framework" in page
    assert 'value="ines.carvalho@example.org"' in page
    assert not get_user_model().objects.filter(email="ines.carvalho@example.org").exists()


def test_an_address_already_in_use_gets_the_same_answer_as_a_new_one(client):
    MemberFactory(user__email="taken@example.org")

    new = client.post(reverse("account_signup"), application(email="new@example.org"))
    taken = client.post(reverse("account_signup"), application(email="taken@example.org"))

    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert get_user_model().objects.filter(email="taken@example.org").count() == 1
    # The owner of the address hears about it; the person typing learns nothing.
    assert [message.to for message in mail.outbox] == [["new@example.org"], ["taken@example.org"]]


def test_applicant_who_confirms_their_address_is_logged_in_to_the_waiting_page(client):
    client.post(reverse("account_signup"), application())
    link = confirmation_link(mail.outbox[0])

    response = client.post(link, follow=True)

    assert EmailAddress.objects.get(email="ines.carvalho@example.org").verified
    assert response.redirect_chain[-1][0] == reverse("community:awaiting_approval")
    assert b"Your application is awaiting approval" in response.content


def test_applicant_logging_in_sees_the_wait_and_nothing_of_the_area(client):
    client.post(reverse("account_signup"), application())
    client.post(confirmation_link(mail.outbox[0]))
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "ines.carvalho@example.org", "password": STRONG_PASSWORD},
        follow=True,
    )

    assert b"Your application is awaiting approval" in response.content
    assert client.get(reverse("community:directory"))["Location"] == reverse(
        "community:awaiting_approval"
    )


def test_approval_makes_a_member_confirms_the_organisation_and_emails_them(
    client, staff, django_capture_on_commit_callbacks
):
    client.post(reverse("account_signup"), application())
    member = Member.objects.get(user__email="ines.carvalho@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        membership.approve(member, by=staff, message="Welcome to the group, Inês.")

    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert member.decided_by == staff
    assert member.organisation.is_confirmed
    assert can_enter_area(member.user)
    [message] = mail.outbox
    assert message.to == ["ines.carvalho@example.org"]
    assert "approved" in message.subject
    assert "Welcome to the group, Inês." in message.body


def test_rejection_emails_the_applicant_and_keeps_the_area_closed(
    staff, django_capture_on_commit_callbacks
):
    applicant = MemberFactory(status="pending")

    with django_capture_on_commit_callbacks(execute=True):
        membership.reject(applicant, by=staff, message="The group is for public buyers.")

    applicant.refresh_from_db()
    assert applicant.status == Member.Status.REJECTED
    assert not can_enter_area(applicant.user)
    [message] = mail.outbox
    assert "The group is for public buyers." in message.body


@pytest.mark.parametrize("decision", [membership.reject, membership.lapse])
def test_a_member_who_is_rejected_or_lapses_loses_access_in_an_open_session(
    client, staff, decision
):
    member = MemberFactory()
    client.force_login(member.user)
    assert client.get(reverse("community:directory")).status_code == 200

    decision(member, by=staff)

    response = client.get(reverse("community:directory"))
    assert response.status_code == 403
    assert b"closed to this account" in response.content


def test_taking_the_member_role_away_in_the_admin_closes_the_area(client):
    member = MemberFactory()
    client.force_login(member.user)

    member.user.groups.clear()

    assert client.get(reverse("community:home")).status_code == 403


def test_login_with_an_email_address_lands_a_member_on_the_members_home(client):
    MemberFactory(user__email="marta@example.org")

    response = client.post(
        reverse("account_login"), {"login": "marta@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("community:home")
    assert client.get(response["Location"]).status_code == 200
