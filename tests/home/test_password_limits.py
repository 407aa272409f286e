"""Guessing the password of a private page or document collection is limited like a login."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

RIGHT = "open-sesame"


@pytest.fixture
def page_form(home_page):
    """Posts to the password form of a private page: ``page_form(password, page=…)``."""
    page = StandardPageFactory(parent=home_page, title="Board minutes")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=RIGHT
    )

    def post(client, password, *, page=page, address="192.0.2.1"):
        url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
        data = {"password": password, "return_url": page.url}
        return client.post(url, data, REMOTE_ADDR=address)

    return post


@pytest.fixture
def collection_form(db):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=RIGHT
    )

    def post(client, password, *, address="192.0.2.1"):
        url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
        return client.post(url, {"password": password, "return_url": "/"}, REMOTE_ADDR=address)

    return post


def guess_wrong(post, client, times=5, **options):
    for attempt in range(times):
        assert post(client, f"guess-{attempt}", **options).status_code == 200


def test_a_private_page_takes_its_password_after_a_few_wrong_ones(client, page_form):
    guess_wrong(page_form, client, times=4)

    response = page_form(client, RIGHT)

    assert response.status_code == 302


def test_five_wrong_page_passwords_lock_the_form_even_against_the_right_one(client, page_form):
    guess_wrong(page_form, client)

    response = page_form(client, RIGHT)

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "Try again in 15 minutes." in response.content.decode()
    assert response["Retry-After"] == "900"


def test_another_page_under_the_same_restriction_buys_no_more_guesses(client, page_form, home_page):
    guess_wrong(page_form, client)
    other_page = StandardPageFactory(parent=home_page)

    response = page_form(client, RIGHT, page=other_page)

    assert response.status_code == 429


def test_the_lock_is_for_the_guessing_address_only(client, page_form):
    guess_wrong(page_form, client, address="192.0.2.1")

    response = page_form(client, RIGHT, address="198.51.100.7")

    assert response.status_code == 302


def test_five_wrong_collection_passwords_lock_the_form_even_against_the_right_one(
    client, collection_form
):
    guess_wrong(collection_form, client)

    response = collection_form(client, RIGHT)

    assert response.status_code == 429
    assert "Try again in 15 minutes." in response.content.decode()


def test_a_private_collection_takes_its_password_after_a_few_wrong_ones(client, collection_form):
    guess_wrong(collection_form, client, times=4)

    response = collection_form(client, RIGHT)

    assert response.status_code == 302
