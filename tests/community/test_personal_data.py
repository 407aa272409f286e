"""A member's data: downloaded whole, or deleted for good."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from community.models import Member, Organisation
from tests.factories import MemberFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def test_a_member_downloads_everything_the_site_holds_about_them_as_json(member_client, member):
    response = member_client.get(reverse("community:download_my_data"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == member.user.email
    assert data["membership"]["organisation"]["name"] == member.organisation.name
    assert data["membership"]["application"]["motivation"] == member.motivation
    assert data["membership"]["bio"] == member.bio


def test_an_applicant_can_download_their_data_too(client):
    applicant = MemberFactory(status="pending")
    client.force_login(applicant.user)

    data = json.loads(client.get(reverse("community:download_my_data")).content)

    assert data["membership"]["status"] == "Awaiting approval"


def test_deleting_the_account_needs_the_email_typed_and_keeps_it_on_a_mistake(
    member_client, member
):
    response = member_client.post(
        reverse("community:delete_account"), {"confirm_email": "someone@example.org"}
    )

    assert response.status_code == 200
    assert "That is not the address of this account." in response.content.decode()
    assert 'value="someone@example.org"' in response.content.decode()
    assert get_user_model().objects.filter(pk=member.user.pk).exists()


def test_deleting_the_account_removes_the_person_and_logs_them_out(member_client, member):
    response = member_client.post(
        reverse("community:delete_account"), {"confirm_email": member.user.email.upper()}
    )

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=member.user.pk).exists()
    assert not Member.objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in member_client.session
    # Their organisation stays: others work there too.
    assert Organisation.objects.filter(pk=member.organisation.pk).exists()


def test_a_deleted_members_name_disappears_from_the_directory(client, member):
    other = MemberFactory(user__last_name="Vanishing")
    client.force_login(other.user)
    client.post(reverse("community:delete_account"), {"confirm_email": other.user.email})
    client.force_login(member.user)

    page = client.get(reverse("community:directory")).content.decode()

    assert "Vanishing" not in page


def test_the_organisation_only_a_deleted_applicant_named_goes_with_them(client):
    applicant = MemberFactory(status="pending", organisation__is_confirmed=False)
    organisation = applicant.organisation
    client.force_login(applicant.user)

    client.post(reverse("community:delete_account"), {"confirm_email": applicant.user.email})

    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_a_superuser_cannot_delete_themselves_from_the_site(client):
    admin = SuperuserFactory()
    client.force_login(admin)

    response = client.post(reverse("community:delete_account"), {"confirm_email": admin.email})

    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=admin.pk).exists()
