"""New members' first posts can wait for a moderator before others see them (a setting)."""

import pytest
from django.urls import reverse

from community.discussions.models import Flag, Post
from community.discussions.posting import HELD_REASON
from tests.factories import MemberFactory, ModeratorFactory, TenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    from community.library.threads import start_tender_thread

    tender = TenderFactory()
    return start_tender_thread(tender, tender.owner)


def post_reply(client, thread, body):
    client.post(
        reverse("community:discussions:reply", args=[thread.pk]), {"body": body, "action": "post"}
    )
    return Post.objects.filter(body=body).get()


def test_with_the_setting_a_new_members_first_post_waits_in_the_moderators_queue(
    client, thread, settings
):
    settings.DISCUSSIONS_HOLD_FIRST_POSTS = 1
    newcomer = MemberFactory()
    client.force_login(newcomer.user)

    first = post_reply(client, thread, "My first words")
    second = post_reply(client, thread, "My second words")

    assert first.is_hidden and first.hidden_reason == HELD_REASON
    assert Flag.objects.open().filter(post=first, reason="held").exists()
    assert second.is_hidden  # nothing of theirs has been let through yet
    client.force_login(MemberFactory().user)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "My first words" not in page
    client.force_login(ModeratorFactory().user)
    queue = client.get(reverse("community:discussions:moderation_queue")).content.decode()
    assert "held for a check" in queue


def test_without_the_setting_posts_appear_at_once(client, thread, settings):
    settings.DISCUSSIONS_HOLD_FIRST_POSTS = 0
    client.force_login(MemberFactory().user)

    post = post_reply(client, thread, "Straight through")

    assert not post.is_hidden
    assert not Flag.objects.exists()


def test_members_cannot_report_a_post_as_held(client, thread):
    client.force_login(MemberFactory().user)

    form = client.get(
        reverse("community:discussions:flag_post", args=[thread.posts.first().pk])
    ).content.decode()

    assert 'value="held"' not in form
