"""Profiles, what members choose to show, the photo, and the directory."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from community.models import ProfileField
from tests.community.test_access_matrix import PNG_PIXEL
from tests.factories import MemberFactory, OrganisationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def photo():
    return SimpleUploadedFile("face.png", PNG_PIXEL, content_type="image/png")


def profile_form(member, **changes):
    data = {
        "first_name": member.user.first_name,
        "last_name": member.user.last_name,
        "job_title": member.job_title,
        "country": str(member.country),
        "bio": member.bio,
        "photo_alt_text": member.photo_alt_text,
        "listed_in_directory": "on",
        "shared_fields": list(member.shared_fields),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_members_see_only_the_parts_of_a_profile_its_owner_shares(member_client):
    other = MemberFactory(
        job_title="Category manager ICT",
        bio="Secret bio words",
        user__email="jens@example.org",
        shared_fields=[ProfileField.JOB_TITLE],
    )

    page = member_client.get(reverse("community:profile", args=[other.pk])).content.decode()

    assert other.name in page
    assert str(other.organisation) in page
    assert "Category manager ICT" in page
    assert "Secret bio words" not in page
    assert "jens@example.org" not in page


def test_a_member_sees_all_of_their_own_profile_with_what_is_hidden_marked(member_client, member):
    member.shared_fields = []
    member.save()

    page = member_client.get(reverse("community:profile", args=[member.pk])).content.decode()

    assert member.bio in page
    assert "only you" in page


def test_a_member_who_is_not_listed_cannot_be_found_or_opened_by_others(member_client):
    hidden = MemberFactory(listed_in_directory=False, user__last_name="Verborgen")

    directory = member_client.get(reverse("community:directory")).content.decode()
    profile = member_client.get(reverse("community:profile", args=[hidden.pk]))

    assert "Verborgen" not in directory
    assert profile.status_code == 404


@pytest.mark.parametrize("status", ["pending", "rejected", "lapsed"])
def test_profiles_of_people_who_are_not_members_are_not_shown_to_members(member_client, status):
    other = MemberFactory(status=status)

    assert member_client.get(reverse("community:profile", args=[other.pk])).status_code == 404


def test_the_photo_is_served_only_to_members_and_only_when_shared(client, member):
    other = MemberFactory(photo=photo(), photo_alt_text="Portrait of Jens")
    url = reverse("community:profile_photo", args=[other.pk])

    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_PIXEL
    assert "private" in response["Cache-Control"]
    other.shared_fields = [ProfileField.JOB_TITLE]
    other.save()
    assert client.get(url).status_code == 404


def test_the_photo_file_is_not_under_the_public_media_folder(settings):
    member = MemberFactory(photo=photo(), photo_alt_text="Portrait")

    path = member.photo.path

    assert path.startswith(str(settings.PRIVATE_FILES_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


@override_settings(PRIVATE_FILES_ACCEL_REDIRECT_PREFIX="/_private/")
def test_in_production_the_web_server_sends_the_photo_after_the_check(member_client):
    other = MemberFactory(photo=photo(), photo_alt_text="Portrait")

    response = member_client.get(reverse("community:profile_photo", args=[other.pk]))

    assert response["X-Accel-Redirect"] == f"/_private/{other.photo.name}"
    assert response.content == b""


def test_a_member_edits_their_profile_and_chooses_what_others_see(member_client, member):
    topic = TopicFactory(name="Labour rights")

    response = member_client.post(
        reverse("community:edit_profile"),
        profile_form(
            member,
            job_title="Head of ICT procurement",
            topics=[topic.pk],
            shared_fields=[ProfileField.JOB_TITLE, ProfileField.TOPICS],
            photo=photo(),
            photo_alt_text="Marta smiling",
        ),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.job_title == "Head of ICT procurement"
    assert list(member.topics.all()) == [topic]
    assert member.shared_fields == ["job_title", "topics"]
    assert member.photo and member.photo_alt_text == "Marta smiling"


def test_a_photo_without_a_description_is_refused_and_the_form_keeps_what_was_typed(
    member_client, member
):
    response = member_client.post(
        reverse("community:edit_profile"),
        profile_form(member, bio="A brand new bio", photo=photo(), photo_alt_text=""),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in page
    assert "A brand new bio" in page
    member.refresh_from_db()
    assert member.bio != "A brand new bio"


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(member_client, member):
    fake = SimpleUploadedFile("face.png", b"<html><script>alert(1)</script>", "image/png")

    response = member_client.post(
        reverse("community:edit_profile"),
        profile_form(member, photo=fake, photo_alt_text="Me"),
    )

    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    member.refresh_from_db()
    assert not member.photo


@override_settings(MEMBER_PHOTO_MAX_UPLOAD_SIZE=10)
def test_an_oversized_photo_is_refused_with_the_limit(member_client, member):
    response = member_client.post(
        reverse("community:edit_profile"), profile_form(member, photo=photo(), photo_alt_text="Me")
    )

    assert "the limit is 10" in response.content.decode()


def test_the_directory_filters_by_country_and_organisation_kind(member_client):
    university = OrganisationFactory(
        name="University of Edinburgh", kind="university", country="GB"
    )
    city = OrganisationFactory(name="Barcelona City Council", kind="public_authority", country="ES")
    MemberFactory(organisation=university, user__last_name="Macleod")
    MemberFactory(organisation=city, user__last_name="Puigdemont")

    by_kind = member_client.get(reverse("community:directory"), {"kind": "university"})
    by_country = member_client.get(reverse("community:directory"), {"country": "ES"})
    by_words = member_client.get(reverse("community:directory"), {"q": "barcelona"})

    assert "Macleod" in by_kind.content.decode()
    assert "Puigdemont" not in by_kind.content.decode()
    assert "Puigdemont" in by_country.content.decode()
    assert "Macleod" not in by_country.content.decode()
    assert "Puigdemont" in by_words.content.decode()


def test_a_directory_filter_that_matches_nobody_says_so(member_client):
    response = member_client.get(reverse("community:directory"), {"q": "zzzyzzyva"})

    assert "No member matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"country": "XX"}, {"kind": "<script>"}, {"page": "-1"}, {"q": "x" * 500}, {"page": "abc"}],
)
def test_bad_directory_input_gets_a_page_not_an_error(member_client, query):
    response = member_client.get(reverse("community:directory"), query)

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_photo_in_another_image_format_is_refused_by_its_content(member_client, member):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="GIF")
    disguised = SimpleUploadedFile("face.png", buffer.getvalue(), content_type="image/png")

    response = member_client.post(
        reverse("community:edit_profile"),
        profile_form(member, photo=disguised, photo_alt_text="Me"),
    )

    assert "This is a GIF image" in response.content.decode()


def test_the_members_home_shows_what_is_new_in_each_part_of_the_area(member_client, member):
    from community.discussions.posting import start_thread
    from tests.factories import TenderFactory

    TenderFactory(title="Fresh laptop tender")
    TenderFactory(title="Another organisation's draft", visibility="organisation")
    from community.discussions.models import Category

    category = Category.objects.create(name="ICT criteria", slug="ict-criteria")
    start_thread(author=member.user, category=category, title="Verifying clauses", body="How?")

    page = member_client.get(reverse("community:home")).content.decode()

    assert "Fresh laptop tender" in page
    assert "Another organisation's draft" not in page
    assert "Verifying clauses" in page
