"""The roles the access matrix cannot name: a post's author, and those outside the area."""

import pytest
from django.urls import reverse

from tests.factories import PostFactory

AUTHOR_PAGES = ("edit_post", "delete_post")


@pytest.mark.parametrize("name", AUTHOR_PAGES)
def test_the_author_of_a_post_may_edit_and_delete_it(member_client, member, thread, name):
    post = PostFactory(thread=thread, author=member.user)

    response = member_client.get(reverse(f"community:discussions:{name}", args=[post.pk]))

    assert response.status_code == 200


def test_the_author_cannot_flag_their_own_post(member_client, member, thread):
    post = PostFactory(thread=thread, author=member.user)

    response = member_client.get(reverse("community:discussions:flag_post", args=[post.pk]))

    assert response.status_code == 404


def test_a_lapsed_author_can_no_longer_edit(client, member, thread):
    post = PostFactory(thread=thread, author=member.user)
    member.status = "lapsed"
    member.save()
    client.force_login(member.user)

    response = client.get(reverse("community:discussions:edit_post", args=[post.pk]))

    assert response.status_code == 403
