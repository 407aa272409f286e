"""Every admin listing of the members area opens, with items in it, for staff."""

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets

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


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_page_a_listing_offers_for_an_item_opens(
    client, superuser, one_of_everything, listing
):
    # A listing without an edit view (posts, flags, the log) still has these, and Wagtail's
    # own views link to the edit view of what they show.
    model = next(v.model for v in viewsets.viewsets if getattr(v, "name", None) == listing)
    item = model._default_manager.order_by("pk").first()
    client.force_login(superuser)
    urls = []
    for view in ("inspect", "history", "usage"):
        try:
            urls.append(reverse(f"{listing}:{view}", args=[item.pk]))
        except NoReverseMatch:
            continue  # not offered for this listing

    answers = {url: client.get(url).status_code for url in urls}

    assert urls
    assert answers == dict.fromkeys(urls, 200)
