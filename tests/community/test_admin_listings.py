"""Every admin listing of the members area opens, with items in it, for staff."""

import pytest
from django.urls import reverse

from community.discussions import moderation
from community.library.models import Clause
from community.membership import invite
from tests.factories import FlagFactory, MemberFactory, TenderDocumentFactory

pytestmark = pytest.mark.django_db

LISTINGS = (
    "community_member",
    "community_organisation",
    "community_invitation",
    "library_tender",
    "library_document",
    "library_clause",
    "discussions_category",
    "discussions_thread",
    "discussions_post",
    "discussions_flag",
    "discussions_moderation_log",
)


@pytest.fixture
def one_of_everything(superuser):
    MemberFactory(status="pending")
    invite(email="someone@example.org", by=superuser)
    document = TenderDocumentFactory()
    Clause.objects.create(
        title="Disclosure", kind="contract_performance", text="…", tender=document.tender
    )
    flag = FlagFactory()
    moderation.hide_post(flag.post, moderator=superuser, reason="Off topic")


@pytest.mark.parametrize("listing", LISTINGS)
def test_each_listing_opens_with_items_in_it(client, superuser, one_of_everything, listing):
    client.force_login(superuser)

    response = client.get(reverse(f"{listing}:index"))

    assert response.status_code == 200
