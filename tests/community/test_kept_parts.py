"""Parts of the members' area's pages kept between requests (community/kept.py): each member
sees their own follows, edit links and choices, never another's; a change shows on the next
request; nobody gets from a kept part what they may not see.

Each test has someone else ask first, so that what they were shown is what is kept when the
person under test asks.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from community import kept
from community.discussions import follows, moderation, posting
from community.discussions.models import Notification
from community.library.models import TenderEvent, Visibility
from tests.factories import (
    MemberFactory,
    ModeratorFactory,
    NewsPageFactory,
    OrganisationFactory,
    PostFactory,
    TenderDocumentFactory,
    TenderFactory,
    ThreadFactory,
    build_site_tree,
)

COUNT = '<span class="account-links__count">{}</span>'

pytestmark = pytest.mark.django_db


def page_for(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def tender_url(tender):
    return reverse("community:library:tender", args=[tender.pk])


def test_each_member_sees_their_own_follows_on_a_tender(client, member, other_member):
    tender = TenderFactory()
    follows.follow(member.user, tender)

    follower = page_for(client, member.user, tender_url(tender))
    other = page_for(client, other_member.user, tender_url(tender))
    follower_again = page_for(client, member.user, tender_url(tender))

    assert "Stop following this tender" in follower
    assert "Stop following this tender" not in other
    assert "Follow this tender" in other
    assert "Stop following this tender" in follower_again


def test_only_the_tenders_editors_get_its_edit_links_whoever_asked_first(client, member):
    tender = TenderFactory(owner=member.user)
    document = TenderDocumentFactory(tender=tender, title="Specification for laptops")
    replace = reverse("community:library:replace_document", args=[document.pk])
    reader = MemberFactory()

    owner_page = page_for(client, member.user, tender_url(tender))
    reader_page = page_for(client, reader.user, tender_url(tender))
    owner_again = page_for(client, member.user, tender_url(tender))

    assert replace in owner_page
    assert replace in owner_again
    assert "Specification for laptops" in reader_page
    assert replace not in reader_page
    assert reverse("community:library:edit", args=[tender.pk]) not in reader_page


def test_an_edit_to_a_tender_shows_on_the_next_request(client, member):
    tender = TenderFactory(summary="Laptops for schools.")
    page_for(client, member.user, tender_url(tender))

    tender.summary = "Laptops and tablets for schools."
    tender.save()
    TenderDocumentFactory(tender=tender, title="Award notice")
    TenderEvent.objects.create(tender=tender, user=tender.owner, action="added a lot")
    page = page_for(client, member.user, tender_url(tender))

    assert "Laptops and tablets for schools." in page
    assert "Award notice" in page
    assert "added a lot" in page


def test_a_new_name_shows_on_the_tenders_page_at_once(client, member):
    tender = TenderFactory(owner=member.user)
    TenderEvent.objects.create(tender=tender, user=member.user, action="shared the tender")
    page_for(client, member.user, tender_url(tender))

    member.user.first_name = "Montserrat"
    member.user.save()

    assert "Montserrat Puig shared the tender" in page_for(client, member.user, tender_url(tender))


def test_a_tender_kept_for_its_organisation_is_never_shown_to_another(client, member):
    tender = TenderFactory(
        owner=member.user, visibility=Visibility.ORGANISATION, summary="Only for our council"
    )
    colleague = MemberFactory(organisation=member.organisation)
    outsider = MemberFactory()
    assert "Only for our council" in page_for(client, colleague.user, tender_url(tender))

    client.force_login(outsider.user)
    response = client.get(tender_url(tender))
    client.logout()
    visitor = client.get(tender_url(tender))

    assert response.status_code == 404
    assert "Only for our council" not in response.content.decode()
    assert "Only for our council" not in visitor.content.decode()


def test_a_tender_made_private_leaves_nothing_kept_for_others(client, member):
    tender = TenderFactory(owner=member.user, summary="Shared for a while")
    outsider = MemberFactory()
    assert "Shared for a while" in page_for(client, outsider.user, tender_url(tender))

    tender.visibility = Visibility.ORGANISATION
    tender.save()

    assert client.get(tender_url(tender)).status_code == 404


def test_the_library_filters_offer_each_member_only_what_they_may_see(client, member):
    council = OrganisationFactory(name="Nijmegen Municipality")
    insider = MemberFactory(organisation=council)
    private = TenderFactory(
        owner=insider.user, organisation=council, visibility=Visibility.ORGANISATION
    )
    private.tags.add("council secret")
    private.save()
    TenderFactory()
    library = reverse("community:library:library")

    inside = page_for(client, insider.user, library)
    outside = page_for(client, member.user, library)
    inside_again = page_for(client, insider.user, library)

    assert "council secret" in inside
    assert "council secret" in inside_again
    assert "council secret" not in outside
    assert "Nijmegen Municipality" not in outside


def test_a_new_tag_shows_in_the_library_filters_on_the_next_request(client, member):
    library = reverse("community:library:library")
    TenderFactory()
    page_for(client, member.user, library)

    tender = TenderFactory()
    tender.tags.add("repairability")
    tender.save()

    assert "repairability" in page_for(client, member.user, library)


def test_a_visitor_after_a_member_gets_no_members_part_of_a_public_page(client, member):
    news = NewsPageFactory(parent=build_site_tree().news_index)
    member_page = page_for(client, member.user, news.url)
    client.logout()

    visitor_page = client.get(news.url).content.decode()

    assert "Log out" in member_page
    assert "Log out" not in visitor_page
    assert reverse("community:home") not in visitor_page
    assert "account-links__count" not in visitor_page


def unread_reply(member):
    post = PostFactory(thread=ThreadFactory())
    Notification.objects.create(recipient=member.user, kind="reply", target=post)
    return post


def test_each_member_sees_their_own_unread_count(client, member, other_member):
    unread_reply(member)
    unread_reply(member)
    library = reverse("community:library:library")

    mine = page_for(client, member.user, library)
    theirs = page_for(client, other_member.user, library)
    mine_again = page_for(client, member.user, library)

    assert COUNT.format(2) in mine
    assert "account-links__count" not in theirs
    assert COUNT.format(2) in mine_again


def test_the_unread_count_follows_each_new_and_read_notification(client, member):
    library = reverse("community:library:library")
    unread_reply(member)
    assert COUNT.format(1) in page_for(client, member.user, library)

    unread_reply(member)
    assert COUNT.format(2) in page_for(client, member.user, library)

    read = Notification.objects.filter(recipient=member.user).first()
    read.read_at = timezone.now()
    read.save()
    assert COUNT.format(1) in page_for(client, member.user, library)


def test_a_post_hidden_by_a_moderator_leaves_the_count_on_the_next_request(client, member):
    library = reverse("community:library:library")
    moderator = ModeratorFactory()
    unread_reply(member)
    post = unread_reply(member)
    assert COUNT.format(2) in page_for(client, member.user, library)

    moderation.hide_post(post, moderator=moderator.user, reason="Spam")

    assert COUNT.format(1) in page_for(client, member.user, library)


def test_a_hidden_post_is_shown_to_moderators_only_whoever_asked_first(client, member):
    moderator = ModeratorFactory()
    post = PostFactory(body="Call me on my private number")
    moderation.hide_post(post, moderator=moderator.user, reason="Personal data")
    url = reverse("community:discussions:thread", args=[post.thread.pk])

    moderators_page = page_for(client, moderator.user, url)
    members_page = page_for(client, member.user, url)
    moderators_again = page_for(client, moderator.user, url)

    assert "Call me on my private number" in moderators_page
    assert "Call me on my private number" in moderators_again
    assert "Call me on my private number" not in members_page
    assert "Hidden by a moderator: Personal data" in members_page


def test_an_edited_post_shows_its_new_text_on_the_next_request(client, member):
    post = PostFactory(author=member.user, body="First thoughts")
    url = reverse("community:discussions:thread", args=[post.thread.pk])
    assert "First thoughts" in page_for(client, member.user, url)

    posting.edit(post, body="Second thoughts")

    assert "Second thoughts" in page_for(client, MemberFactory().user, url)


def test_a_request_that_changes_the_area_draws_nothing_kept_from_before(rf):
    request = rf.get("/members/")
    before = kept.generation(request)

    kept.area_changed()

    assert kept.generation(request) not in (None, before)
