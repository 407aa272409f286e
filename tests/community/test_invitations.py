"""Staff invite someone by email; the link makes them a member at once, once, for 14 days."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community import membership
from community.models import Invitation, Member
from community.permissions import can_enter_area
from tests.factories import MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-fair-passphrase"


def acceptance(organisation, **changes):
    data = {
        "first_name": "Aoife",
        "last_name": "Byrne",
        "job_title": "Buyer",
        "country": "IE",
        "organisation": organisation.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_consent": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def invitation(superuser, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="Health Service Executive", country="IE")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = membership.invite(
            email="aoife@example.org",
            by=superuser,
            organisation=organisation,
            message="We met in Nijmegen.",
        )
    return invitation


def link_in(message):
    return re.search(r"https?://\S+/members/invitation/\S+/", message.body).group(0)


def test_the_invitation_email_carries_a_single_use_link_and_its_expiry(invitation):
    [message] = mail.outbox

    assert message.to == ["aoife@example.org"]
    assert "We met in Nijmegen." in message.body
    assert invitation.token in link_in(message)
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=14)) < datetime.timedelta(seconds=5)
    # Only a hash of the token is kept.
    assert invitation.token not in Invitation.objects.values_list("token_hash", flat=True)


def test_the_invitee_sets_a_password_and_is_a_member_at_once(client, invitation):
    url = reverse("community:accept_invitation", args=[invitation.token])

    response = client.post(url, acceptance(invitation.organisation))

    assert response["Location"] == reverse("community:home")
    member = Member.objects.get(user__email="aoife@example.org")
    assert member.status == Member.Status.ACTIVE
    assert member.organisation == invitation.organisation
    assert member.user.check_password(PASSWORD)
    assert can_enter_area(member.user)
    assert client.get(reverse("community:home")).status_code == 200


def test_the_link_works_only_once(client, invitation):
    url = reverse("community:accept_invitation", args=[invitation.token])
    client.post(url, acceptance(invitation.organisation))
    client.logout()

    response = client.get(url)

    assert response.status_code == 404
    assert b"This invitation cannot be used" in response.content


def test_the_link_expires_after_fourteen_days(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get(reverse("community:accept_invitation", args=[invitation.token]))

    assert response.status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 300, "%00", "../../etc/passwd"])
def test_a_made_up_link_is_refused_plainly(client, token):
    response = client.get(f"/members/invitation/{token}/")

    assert response.status_code == 404


def test_a_refused_acceptance_keeps_what_was_typed(client, invitation):
    url = reverse("community:accept_invitation", args=[invitation.token])

    response = client.post(url, acceptance(invitation.organisation, password2="something-else"))

    page = response.content.decode()
    assert "The two passwords differ." in page
    assert 'value="Aoife"' in page
    assert not Member.objects.filter(user__email="aoife@example.org").exists()


def test_an_invitation_to_an_address_with_an_account_does_not_take_it_over(client, invitation):
    MemberFactory(status="pending", user__email="aoife@example.org")

    response = client.post(
        reverse("community:accept_invitation", args=[invitation.token]),
        acceptance(invitation.organisation),
    )

    assert b"There is already an account for this address" in response.content
    assert Member.objects.get(user__email="aoife@example.org").status == "pending"
