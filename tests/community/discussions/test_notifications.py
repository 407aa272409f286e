"""Follows, mentions and notifications: who hears of what, on the site and by email, and
never of something they may not see."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import permissions
from community.discussions import emails, follows, notifications, posting, tasks
from community.discussions.models import Delivery, Notification, Post
from tests.factories import PostFactory, ThreadFactory


def emails_to(member):
    return [message for message in mail.outbox if message.to == [member.user.email]]


def test_following_a_thread_brings_replies_on_the_site_and_by_email(
    member, member_client, thread, on_commit
):
    follows.follow(member.user, thread)

    reply = on_commit(PostFactory, thread=thread, body="Our answer")

    notification = Notification.objects.get(recipient=member.user)
    assert notification.kind == "reply"
    assert notification.target == reply
    (message,) = emails_to(member)
    assert "replied in" in message.subject
    assert message.alternatives[0][1] == "text/html"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert reverse("community:discussions:notification_settings") in message.body


def test_following_a_category_brings_its_new_threads(member, category, on_commit):
    follows.follow(member.user, category)

    thread = on_commit(ThreadFactory, category=category)

    assert Notification.objects.get(recipient=member.user, kind="new_thread").target == thread


def test_a_mention_notifies_the_member_and_links_to_them(member, thread, on_commit):
    post = on_commit(
        PostFactory, thread=thread, body=f"What do you think, @{member.user.username}?"
    )

    assert Notification.objects.get(recipient=member.user).kind == "mention"
    assert 'class="mention"' in post.body_html


def test_a_mention_of_a_member_who_does_not_exist_is_plain_text(thread, on_commit):
    post = on_commit(PostFactory, thread=thread, body="Thanks @nobody.at.all")

    assert 'class="mention"' not in post.body_html
    assert not Notification.objects.filter(kind="mention").exists()


def test_nobody_is_notified_of_their_own_post(member, thread, on_commit):
    follows.follow(member.user, thread)

    on_commit(PostFactory, thread=thread, author=member.user)

    assert not Notification.objects.filter(recipient=member.user).exists()


def test_nobody_is_notified_of_a_thread_they_may_not_see(member, thread, on_commit, monkeypatch):
    follows.follow(member.user, thread)
    monkeypatch.setattr(permissions, "can_view_thread", lambda user, thread: False)
    monkeypatch.setitem(permissions.SEE_RULES, "discussions.post", lambda user, post: False)

    on_commit(PostFactory, thread=thread)

    assert not Notification.objects.filter(recipient=member.user).exists()


def test_a_post_hidden_after_the_notification_drops_out_of_the_list_and_the_count(
    member, member_client, thread, on_commit
):
    follows.follow(member.user, thread)
    post = on_commit(PostFactory, thread=thread, body="Soon hidden")

    before = member_client.get(reverse("community:discussions:notifications"))
    Post.objects.filter(pk=post.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")
    after = member_client.get(reverse("community:discussions:notifications"))

    assert len(before.context["page_obj"].object_list) == 1
    assert len(after.context["page_obj"].object_list) == 0
    assert "account-links__count" not in after.content.decode()


def test_the_header_shows_the_unread_count_and_mark_all_read_clears_it(
    member, member_client, thread, on_commit
):
    follows.follow(member.user, thread)
    on_commit(PostFactory, thread=thread)
    on_commit(PostFactory, thread=thread)

    page = member_client.get(reverse("community:home")).content.decode()
    member_client.post(reverse("community:discussions:mark_notifications_read"))
    later = member_client.get(reverse("community:home")).content.decode()

    assert '<span class="account-links__count">2</span>' in page
    assert "account-links__count" not in later


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(
    member, member_client, thread, on_commit
):
    follows.follow(member.user, thread)
    post = on_commit(PostFactory, thread=thread)
    notification = Notification.objects.get(recipient=member.user)

    response = member_client.get(
        reverse("community:discussions:open_notification", args=[notification.pk])
    )

    notification.refresh_from_db()
    assert notification.is_read
    assert response["Location"] == post.get_absolute_url()


def test_another_members_notification_is_not_found(member_client, other_member, thread):
    notification = Notification.objects.create(
        recipient=other_member.user, kind="reply", target=thread.posts.get()
    )

    response = member_client.get(
        reverse("community:discussions:open_notification", args=[notification.pk])
    )

    assert response.status_code == 404


# Email choices


def test_a_member_who_chose_never_gets_no_email_but_sees_it_on_the_site(
    member, member_client, thread, on_commit
):
    member_client.post(
        reverse("community:discussions:notification_settings"),
        {kind.key: Delivery.NEVER for kind in notifications.kinds()},
    )
    follows.follow(member.user, thread)

    on_commit(PostFactory, thread=thread)

    assert Notification.objects.filter(recipient=member.user).exists()
    assert not emails_to(member)


def test_a_daily_digest_gathers_what_is_waiting_in_one_email(member, thread, on_commit):
    notifications.choose_delivery(member.user, "reply", Delivery.DAILY)
    follows.follow(member.user, thread)
    on_commit(PostFactory, thread=thread, body="One")
    on_commit(PostFactory, thread=thread, body="Two")
    assert not emails_to(member)

    tasks.enqueue_digests(Delivery.DAILY)

    (digest,) = emails_to(member)
    assert "2 new" in digest.subject
    assert not Notification.objects.filter(recipient=member.user, emailed_at=None).exists()
    tasks.enqueue_digests(Delivery.DAILY)
    assert len(emails_to(member)) == 1, "nothing is sent twice"


def test_the_one_click_unsubscribe_turns_that_kind_of_email_off(member, thread):
    token = emails.unsubscribe_token(member.user, ["reply"])
    url = reverse("community:discussions:unsubscribe", args=[token])

    asked = Client().get(url)
    done = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert "Stop these emails?" in asked.content.decode()
    assert done.status_code == 200
    assert notifications.delivery_for(member.user, "reply") == Delivery.NEVER
    assert notifications.delivery_for(member.user, "mention") == Delivery.IMMEDIATELY


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "e30:1abc:xyz"])
def test_a_broken_unsubscribe_link_says_so(db, client, token):
    response = client.post(reverse("community:discussions:unsubscribe", args=[token]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_email_task_skips_what_was_read_meanwhile(member, thread):
    post = posting.reply(author=thread.author, thread=thread, body="Hello")
    notification = Notification.objects.create(
        recipient=member.user, kind="reply", target=post, read_at=timezone.now()
    )

    sent = tasks.send_notification_email.call(notification.pk)

    assert sent is False
    assert not mail.outbox
