"""Flags, the moderation queue, hiding posts and moderating threads, and the log of it all."""

from django.urls import reverse

from community.discussions.models import Flag, ModerationAction, Notification, Thread
from tests.factories import CategoryFactory, FlagFactory, PostFactory


def test_a_member_flags_a_post_with_a_reason_and_moderators_see_it_queued(
    client, member, moderator, thread
):
    post = PostFactory(thread=thread, body="Buy cheap watches")
    client.force_login(member.user)

    client.post(
        reverse("community:discussions:flag_post", args=[post.pk]),
        {"reason": "spam", "note": "Advert"},
    )
    client.force_login(moderator.user)
    queue = client.get(reverse("community:discussions:moderation_queue")).content.decode()

    assert Flag.objects.get().reason == "spam"
    assert "Spam or advertising" in queue


def test_members_cannot_see_the_moderation_queue(member_client):
    assert member_client.get(reverse("community:discussions:moderation_queue")).status_code == 404


def test_a_moderator_hides_a_post_with_a_reason_shown_in_its_place(
    client, member, moderator, thread, on_commit
):
    post = PostFactory(thread=thread, author=member.user, body="The canary zebra-7731")
    FlagFactory(post=post)
    client.force_login(moderator.user)

    on_commit(
        client.post,
        reverse("community:discussions:moderate_post", args=[post.pk]),
        {"reason": "Personal attack", "decision": "hide"},
    )

    post.refresh_from_db()
    assert post.is_hidden
    assert not Flag.objects.open().exists(), "hiding resolves the post's flags"
    as_moderator = client.get(thread.get_absolute_url()).content.decode()
    client.force_login(member.user)
    as_member = client.get(thread.get_absolute_url()).content.decode()
    assert "zebra-7731" in as_moderator
    assert "zebra-7731" not in as_member
    assert "Hidden by a moderator: Personal attack" in as_member


def test_the_author_of_a_hidden_post_is_told_why(client, member, moderator, thread, on_commit):
    post = PostFactory(thread=thread, author=member.user, body="Words")
    client.force_login(moderator.user)

    on_commit(
        client.post,
        reverse("community:discussions:moderate_post", args=[post.pk]),
        {"reason": "Personal attack", "decision": "hide"},
    )

    notification = Notification.objects.get(recipient=member.user, kind="moderation")
    client.force_login(member.user)
    page = client.get(reverse("community:discussions:notifications")).content.decode()
    assert notification.target.post == post
    assert "Personal attack" in page


def test_every_moderator_action_is_logged_with_who_what_when_and_why(
    moderator_client, moderator, thread
):
    elsewhere = CategoryFactory(slug="elsewhere", name="Elsewhere")
    url = reverse("community:discussions:moderate_thread", args=[thread.pk])

    moderator_client.post(url, {"action": "pin", "reason": "Useful for all"})
    moderator_client.post(url, {"action": "lock", "reason": "Heated"})
    moderator_client.post(url, {"action": "move", "category": elsewhere.pk, "reason": "Fits"})
    moderator_client.post(url, {"action": "close", "reason": "Answered"})

    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked, thread.is_closed) == (True, True, True)
    assert thread.category == elsewhere
    log = list(ModerationAction.objects.order_by("created_at", "pk"))
    assert [entry.kind for entry in log] == ["pin", "lock", "move", "close"]
    assert {entry.moderator for entry in log} == {moderator.user}
    assert [entry.reason for entry in log] == ["Useful for all", "Heated", "Fits", "Answered"]


def test_a_move_without_a_category_is_refused_with_a_message(moderator_client, thread):
    response = moderator_client.post(
        reverse("community:discussions:moderate_thread", args=[thread.pk]),
        {"action": "move", "reason": "Fits"},
    )

    assert "Choose the category" in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_members_cannot_moderate(member_client, thread):
    response = member_client.post(
        reverse("community:discussions:moderate_thread", args=[thread.pk]),
        {"action": "lock", "reason": "Because"},
    )

    assert response.status_code == 404
    assert Thread.objects.get(pk=thread.pk).is_locked is False


def test_staff_read_the_moderation_log_and_open_flags_in_the_admin(staff_client, moderator, thread):
    from community.discussions import moderation

    post = PostFactory(thread=thread)
    FlagFactory(post=PostFactory(thread=thread))
    moderation.hide_post(post, moderator=moderator.user, reason="Off topic entirely")

    log = staff_client.get(reverse("discussions_moderation_log:index")).content.decode()
    dashboard = staff_client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Off topic entirely" in log
    assert "Reported posts waiting for a moderator: 1" in dashboard
