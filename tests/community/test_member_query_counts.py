"""What a member's request asks of the database: what every page costs a logged-in member
(the user with their membership, their permissions, the header's unread count)
stays the same however many notifications are waiting, the tender library's list the same
however many tenders it shows, and a thread the same however many posts.

Each count is of a second request, as in tests/test_query_counts.py: the first fills the parts
of pages kept between requests.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.discussions import follows, posting
from community.discussions.models import Notification
from tests.factories import (
    MemberFactory,
    NewsPageFactory,
    PostFactory,
    TenderFactory,
    ThreadFactory,
    build_site_tree,
)

# What a member's page asks beyond a visitor's: the user with their membership and the demo
# accounts' rule, their permissions, and how many notifications are unread. The session is
# read from the cache (SESSION_ENGINE), the database only when the cache has lost it. What
# those are about (posts with their threads, threads, the tenders threads are about and their
# co-editors) is read only when that changes: the count is kept (community/kept.py).
MEMBER_OVERHEAD = 3


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def unread_of_every_kind(member, count):
    """``count`` replies in a thread, in a thread about a tender, and new threads."""
    thread = ThreadFactory()
    tender = TenderFactory()
    tender_thread = posting.start_thread(
        author=tender.owner,
        category=thread.category,
        title=f"Questions on {tender.title}",
        body="Who else asked for factory lists?",
        subject=tender,
    )
    for _ in range(count):
        for target in (PostFactory(thread=thread), PostFactory(thread=tender_thread)):
            Notification.objects.create(recipient=member.user, kind="reply", target=target)
        Notification.objects.create(
            recipient=member.user, kind="new_thread", target=ThreadFactory(category=thread.category)
        )
    Notification.objects.create(recipient=member.user, kind="new_thread", target=tender_thread)


@pytest.fixture
def news_url(db):
    tree = build_site_tree()
    return NewsPageFactory(parent=tree.news_index).url


def test_a_members_public_page_costs_the_same_whatever_is_unread(client, member, news_url):
    visitor = queries_for(client, news_url)
    client.force_login(member.user)
    unread_of_every_kind(member, 1)
    few = queries_for(client, news_url)
    unread_of_every_kind(member, 6)
    many = queries_for(client, news_url)

    assert few == many, f"{few} queries with a few notifications unread, {many} with more"
    assert many <= visitor + MEMBER_OVERHEAD, f"{many} queries, {visitor} for a visitor"


def test_the_unread_count_is_the_members_own(client, member, news_url):
    unread_of_every_kind(member, 2)
    client.force_login(MemberFactory().user)
    assert "account-links__count" not in client.get(news_url).content.decode()
    client.force_login(member.user)
    page = client.get(news_url).content.decode()
    assert '<span class="account-links__count">7</span>' in page


def test_the_tender_library_costs_the_same_however_many_tenders(member_client, member):
    url = reverse("community:library:library")
    TenderFactory(owner=member.user)
    TenderFactory()
    few = queries_for(member_client, url)
    for _ in range(8):
        TenderFactory()
    TenderFactory(owner=member.user)
    many = queries_for(member_client, url)
    assert few == many, f"{few} queries for two tenders, {many} for eleven"
    assert many <= 6


def test_a_tender_costs_the_same_whatever_codes_are_followed(member_client, member):
    from community.library.models import CpvCode

    tender = TenderFactory()
    url = reverse("community:library:tender", args=[tender.pk])
    few = queries_for(member_client, url)
    for code in CpvCode.objects.filter(code__in=["30000000", "30200000", "30213100"]):
        follows.follow(member.user, code)
    many = queries_for(member_client, url)
    assert few == many
    assert many <= 10
    page = member_client.get(url).content.decode()
    assert page.count('value="unfollow">Stop following') == 3


def test_a_thread_costs_the_same_however_many_posts_a_page_shows(member_client, member):
    thread = ThreadFactory()
    url = reverse("community:discussions:thread", args=[thread.pk])
    PostFactory(thread=thread)
    few = queries_for(member_client, url)
    for _ in range(10):
        PostFactory(thread=thread)
    many = queries_for(member_client, url)
    assert few == many, f"{few} queries for a post, {many} for eleven"
    assert many <= 10


def test_a_thread_about_a_tender_costs_the_same_however_many_posts(member_client, member):
    tender = TenderFactory()
    thread = posting.start_thread(
        author=tender.owner,
        category=ThreadFactory().category,
        title=f"Questions on {tender.title}",
        body="Who else asked for factory lists?",
        subject=tender,
    )
    url = reverse("community:discussions:thread", args=[thread.pk])
    few = queries_for(member_client, url)
    for _ in range(10):
        PostFactory(thread=thread)
    many = queries_for(member_client, url)
    assert few == many, f"{few} queries for a post, {many} for eleven"
    assert many <= 12
