"""Starting threads, replying, quoting, editing, deleting, reading: what members see."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from community.discussions import posting
from community.discussions.models import Post, PostRevision, Thread
from tests.factories import CategoryFactory, PostFactory, ThreadFactory

THREAD = "community:discussions:thread"


def thread_url(thread, **query):
    url = reverse(THREAD, args=[thread.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# Starting and replying


def test_member_starts_a_thread_in_a_category(member_client, member, category):
    response = member_client.post(
        reverse("community:discussions:new_thread", args=[category.slug]),
        {"title": "  Which  auditor did you use? ", "body": "We used **RBA**.", "action": "post"},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert thread.title == "Which auditor did you use?"
    assert thread.author == member.user
    assert thread.post_count == 1
    assert "<strong>RBA</strong>" in thread.posts.get().body_html


def test_preview_renders_the_post_without_posting_it(member_client, category):
    response = member_client.post(
        reverse("community:discussions:new_thread", args=[category.slug]),
        {"title": "A question", "body": "Is *this* right?", "action": "preview"},
    )

    assert response.status_code == 200
    assert "<em>this</em>" in response.content.decode()
    assert "Is *this* right?" in response.content.decode(), "the text stays in the box"
    assert not Thread.objects.exists()


def test_member_replies_and_the_thread_moves_to_the_top(member_client, member, category):
    older = ThreadFactory(category=category, title="Older thread")
    newer = ThreadFactory(category=category, title="Newer thread")
    Thread.objects.filter(pk=older.pk).update(last_post_at=timezone.now() - timedelta(days=2))
    Thread.objects.filter(pk=newer.pk).update(last_post_at=timezone.now() - timedelta(days=1))

    member_client.post(
        reverse("community:discussions:reply", args=[older.pk]),
        {"body": "Here is how we did it.", "action": "post"},
    )

    older.refresh_from_db()
    assert older.post_count == 2
    assert list(Thread.objects.by_activity()) == [older, newer]


def test_a_locked_thread_refuses_a_reply_with_a_message_and_keeps_the_text(member_client, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    response = member_client.post(
        reverse("community:discussions:reply", args=[thread.pk]),
        {"body": "My carefully written answer", "action": "post"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "locked by a moderator" in page
    assert "My carefully written answer" in page
    assert thread.posts.count() == 1


def test_a_closed_thread_says_so_instead_of_offering_a_reply_box(member_client, thread):
    Thread.objects.filter(pk=thread.pk).update(is_closed=True)

    page = member_client.get(thread_url(thread)).content.decode()

    assert "This thread is closed" in page
    assert 'name="body"' not in page


@override_settings(DISCUSSIONS_POST_MAX_LENGTH=20_000)
def test_a_100000_character_post_is_refused_with_a_message_and_kept(member_client, thread):
    text = "x" * 100_000

    response = member_client.post(
        reverse("community:discussions:reply", args=[thread.pk]),
        {"body": text, "action": "post"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "at most 20,000 characters" in page
    assert text in page
    assert thread.posts.count() == 1


@override_settings(DISCUSSIONS_POST_RATE=(2, 600))
def test_posting_over_the_rate_limit_is_refused_with_a_message_and_the_text_kept(
    member_client, thread
):
    url = reverse("community:discussions:reply", args=[thread.pk])
    for n in range(2):
        member_client.post(url, {"body": f"Reply {n}", "action": "post"})

    response = member_client.post(url, {"body": "One too many", "action": "post"})

    page = response.content.decode()
    assert "Please wait a few minutes" in page
    assert "One too many" in page
    assert thread.posts.count() == 3


def test_an_empty_or_garbled_form_is_answered_never_a_500(member_client, thread, category):
    for url, data in [
        (reverse("community:discussions:reply", args=[thread.pk]), {}),
        (reverse("community:discussions:reply", args=[thread.pk]), {"body": "x", "quote": "abc"}),
        (reverse("community:discussions:new_thread", args=[category.slug]), {"title": "\x00"}),
        (thread_url(thread, page="last"), None),
        (thread_url(thread, post="nonsense"), None),
    ]:
        response = member_client.post(url, data) if data is not None else member_client.get(url)
        assert response.status_code in {200, 302}, url


# Quoting


def test_a_reply_quotes_a_post(member_client, thread):
    quoted = thread.posts.get()

    member_client.post(
        reverse("community:discussions:reply", args=[thread.pk]),
        {"body": "Agreed.", "quote": quoted.pk, "action": "post"},
    )

    reply = thread.posts.last()
    assert reply.quoted == quoted
    page = member_client.get(thread_url(thread)).content.decode()
    assert "wrote:" in page


def test_a_quote_of_a_hidden_post_does_not_reveal_it(member_client, member, thread, moderator):
    secret = PostFactory(thread=thread, body="The canary zebra-7731")
    PostFactory(thread=thread, body="Quoting it", quoted=secret)
    Post.objects.filter(pk=secret.pk).update(hidden_at=timezone.now(), hidden_reason="Abuse")

    page = member_client.get(thread_url(thread)).content.decode()

    assert "zebra-7731" not in page
    assert "Quoted a post that is no longer shown" in page


def test_a_member_cannot_start_a_quote_of_a_hidden_post(member_client, thread):
    secret = PostFactory(thread=thread, body="The canary zebra-7731")
    Post.objects.filter(pk=secret.pk).update(hidden_at=timezone.now(), hidden_reason="Abuse")

    response = member_client.get(
        reverse("community:discussions:reply", args=[thread.pk]) + f"?quote={secret.pk}"
    )

    assert "zebra-7731" not in response.content.decode()


# Editing and deleting


def test_the_author_edits_their_post_which_is_marked_edited_and_keeps_its_earlier_text(
    member_client, member, thread
):
    post = PostFactory(thread=thread, author=member.user, body="First version")

    member_client.post(
        reverse("community:discussions:edit_post", args=[post.pk]),
        {"body": "Second version", "action": "post"},
    )

    post.refresh_from_db()
    assert post.body == "Second version"
    assert post.is_edited
    assert list(post.revisions.values_list("body", flat=True)) == ["First version"]
    assert "edited" in member_client.get(thread_url(thread)).content.decode()


def test_earlier_versions_are_for_moderators_only(client, member, moderator, thread):
    post = PostFactory(thread=thread, author=member.user, body="First version")
    posting.edit(post, body="Second version")
    url = reverse("community:discussions:post_history", args=[post.pk])

    client.force_login(member.user)
    as_author = client.get(url)
    client.force_login(moderator.user)
    as_moderator = client.get(url)

    assert as_author.status_code == 404
    assert "First version" in as_moderator.content.decode()


def test_another_member_cannot_edit_or_delete_a_post(member_client, thread):
    post = thread.posts.get()

    for name in ("edit_post", "delete_post"):
        url = reverse(f"community:discussions:{name}", args=[post.pk])
        assert member_client.post(url, {"body": "Vandalised", "action": "post"}).status_code == 404
    post.refresh_from_db()
    assert post.body != "Vandalised"
    assert not post.is_deleted


def test_a_deleted_post_is_shown_as_deleted_in_place(member_client, member, thread):
    post = PostFactory(thread=thread, author=member.user, body="Regrettable words")
    PostFactory(thread=thread, body="A reply to it")

    member_client.post(reverse("community:discussions:delete_post", args=[post.pk]))

    page = member_client.get(thread_url(thread)).content.decode()
    assert "This post was deleted by its author" in page
    assert "Regrettable words" not in page
    assert "A reply to it" in page
    assert PostRevision.objects.get(post=post).body == "Regrettable words"


# Lists, pages and unread markers


def test_thread_lists_paginate_and_say_when_empty(member_client, category):
    empty = CategoryFactory(slug="empty")
    for n in range(21):
        ThreadFactory(category=category, title=f"Thread {n}")

    first = member_client.get(reverse("community:discussions:category", args=[category.slug]))
    second = member_client.get(
        reverse("community:discussions:category", args=[category.slug]) + "?page=2"
    )
    nothing = member_client.get(reverse("community:discussions:category", args=[empty.slug]))

    assert len(first.context["page_obj"].object_list) == 20
    assert len(second.context["page_obj"].object_list) == 1
    assert "No threads in" in nothing.content.decode()


def test_a_thread_list_marks_what_is_new_since_the_members_last_visit(
    member_client, member, thread
):
    index = reverse("community:discussions:index")
    member_client.get(thread_url(thread))

    read = member_client.get(index).context["page_obj"].object_list[0]
    PostFactory(thread=thread, body="Something new")
    unread = member_client.get(index).context["page_obj"].object_list[0]

    assert read.is_new is False
    assert unread.is_new is True


def test_a_thread_opens_at_the_first_unread_post(member_client, member, thread):
    for n in range(24):
        PostFactory(thread=thread, body=f"Reply {n}")
    posting.mark_read(member.user, thread, thread.posts.all()[21].created_at)

    response = member_client.get(thread_url(thread))

    assert response.context["page_obj"].number == 2
    assert response.context["first_unread"] == thread.posts.all()[22]
    assert 'id="unread"' in response.content.decode()


def test_a_thread_paginates_its_posts(member_client, thread):
    for n in range(25):
        PostFactory(thread=thread, body=f"Reply {n}")

    response = member_client.get(thread_url(thread, page=2))

    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(response.context["page_obj"].object_list) == 6


# Threads about other things


def test_a_thread_can_be_about_any_object_once(category, member, home_page):
    thread = posting.start_thread_about(
        home_page,
        category=category,
        title="Continue the conversation",
        body="Thoughts?",
        author=member.user,
    )
    again = posting.start_thread_about(
        home_page, category=category, title="A second one", body="?", author=member.user
    )

    assert thread == again
    assert posting.thread_about(home_page).subject == home_page


def test_a_post_offers_a_quote_only_where_the_thread_takes_replies(member_client):
    post = PostFactory()
    quote = reverse("community:discussions:reply", args=[post.thread.pk]) + f"?quote={post.pk}"
    assert quote in member_client.get(thread_url(post.thread)).content.decode()

    Thread.objects.filter(pk=post.thread.pk).update(is_locked=True)

    assert quote not in member_client.get(thread_url(post.thread)).content.decode()
