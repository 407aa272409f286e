"""Members' Markdown renders, and nothing in it runs: the XSS corpus in posts and titles, on
the thread, in the notification list and in the emails."""

import pytest
from django.core import mail
from django.urls import reverse

from community.discussions import markup
from tests.factories import PostFactory, ThreadFactory
from tests.security import corpus
from tests.security.corpus import XSS_CORPUS


def assert_inert(html):
    corpus.assert_inert(html, strict=True)


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_markdown_renders_every_payload_inert(payload):
    assert_inert(markup.render(payload))


def test_links_get_nofollow_ugc_noopener():
    html = markup.render("[the criteria](https://example.org/criteria)")

    assert 'href="https://example.org/criteria"' in html
    assert 'rel="nofollow ugc noopener"' in html


def test_broken_markdown_still_renders_as_text():
    html = markup.render("**not closed _nor this [link](https://example.org\n\n> > >\n|a|b\n|-")

    assert "not closed" in html


def test_unusual_unicode_survives():
    text = "Zero\u200bwidth, right\u202eto-left, emoji 🧑‍💻, combining é, null-ish \ufeff"

    assert "🧑‍💻" in markup.render(text)


def test_a_mention_of_nobody_is_plain_text():
    html = markup.render("Thanks @nobody.here", mentions={})

    assert "<a" not in html
    assert "@nobody.here" in html


def test_an_email_address_is_not_a_mention():
    html = markup.render("Write to marta@example.org", mentions={"example.org": "/x/"})

    assert 'class="mention"' not in html


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_payloads_in_titles_and_posts_are_inert_on_the_thread_page(
    payload, member_client, member, category
):
    thread = ThreadFactory(category=category, title=payload, body=payload)
    PostFactory(thread=thread, body=payload)

    html = member_client.get(reverse("community:discussions:thread", args=[thread.pk])).content

    assert_inert(html.decode())


def test_payloads_are_inert_in_the_notification_list_and_emails(
    member_client, member, category, on_commit
):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    thread = ThreadFactory(category=category, title=payload, author=member.user)
    on_commit(PostFactory, thread=thread, body=f"{payload} @{member.user.username}")

    page = member_client.get(reverse("community:discussions:notifications")).content.decode()

    assert_inert(page)
    assert mail.outbox, "the mention was emailed at once"
    html_part = mail.outbox[-1].alternatives[0][0]
    assert_inert(html_part)


def test_the_check_itself_catches_live_markup():
    with pytest.raises(AssertionError):
        assert_inert('<p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a></p>')


@pytest.mark.parametrize("listing", ["discussions_thread", "discussions_post"])
def test_payloads_are_inert_in_the_admin(client, superuser, category, listing):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    thread = ThreadFactory(category=category, title=payload, body=payload)
    PostFactory(thread=thread, body=payload)
    client.force_login(superuser)

    page = client.get(reverse(f"{listing}:index")).content.decode()

    assert payload not in page
    assert "&lt;script&gt;" in page


def test_an_attachment_name_cannot_carry_markup(member_client, member, category):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.community.library.files import pdf

    thread = ThreadFactory(category=category)
    name = '"><img src=x onerror=alert(1)>.pdf'
    member_client.post(
        reverse("community:discussions:reply", args=[thread.pk]),
        {"body": "Attached.", "action": "post", "attachment": SimpleUploadedFile(name, pdf())},
    )

    html = member_client.get(reverse("community:discussions:thread", args=[thread.pk]))

    assert_inert(html.content.decode())
    stored = thread.posts.last().attachments.get().filename
    assert not set('<>"=') & set(stored), stored
