"""Staff running membership in the Wagtail admin."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from community.models import Invitation, Member
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(db):
    return MemberFactory(status="pending", user__first_name="Pia", user__last_name="Nieminen")


def test_the_dashboard_lists_applications_awaiting_a_decision(staff_client, applicant):
    page = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Applications awaiting a decision: 1" in page
    assert reverse("community_member:decide", args=[applicant.pk]) in page


def test_the_member_list_filters_by_status(staff_client, applicant):
    MemberFactory(user__last_name="Alreadymember")

    page = staff_client.get(reverse("community_member:index"), {"status": "pending"})

    assert "Nieminen" in page.content.decode()
    assert "Alreadymember" not in page.content.decode()


def test_staff_approve_an_application_with_a_message(
    staff_client, applicant, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("community_member:decide", args=[applicant.pk]),
            {"decision": "approve", "message": "Welcome aboard."},
        )

    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.ACTIVE
    assert applicant.decided_by == staff
    [message] = mail.outbox
    assert "Welcome aboard." in message.body


def test_staff_reject_an_application_without_a_message(
    staff_client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("community_member:decide", args=[applicant.pk]), {"decision": "reject"}
        )

    applicant.refresh_from_db()
    assert applicant.status == Member.Status.REJECTED
    assert len(mail.outbox) == 1


def test_a_decision_without_a_choice_is_refused_in_place(staff_client, applicant):
    response = staff_client.post(
        reverse("community_member:decide", args=[applicant.pk]), {"message": "Kept text"}
    )

    assert response.status_code == 200
    assert "Kept text" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == Member.Status.PENDING


def test_staff_invite_someone_and_the_email_goes_out(
    staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("community_invitation:add"),
            {"email": "new.person@example.org", "first_name": "New", "last_name": "Person"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@example.org"
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]


def test_staff_export_a_members_data_on_request(staff_client, applicant):
    response = staff_client.get(reverse("community_member:export", args=[applicant.pk]))

    assert json.loads(response.content)["account"]["email"] == applicant.user.email


def test_staff_delete_an_account_on_request(staff_client, applicant):
    staff_client.post(reverse("community_member:delete_account", args=[applicant.pk]))

    assert not get_user_model().objects.filter(pk=applicant.user.pk).exists()


def test_members_cannot_reach_the_membership_admin(member_client, applicant):
    for url in (
        reverse("community_member:index"),
        reverse("community_member:decide", args=[applicant.pk]),
        reverse("community_member:export", args=[applicant.pk]),
    ):
        response = member_client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or "/login/" in response["Location"]
