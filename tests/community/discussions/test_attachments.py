"""Files on posts: the same checks, storage and privacy as tender documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from community.discussions.models import Attachment
from tests.community.library import files
from tests.factories import MemberFactory, TenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(db):
    from community.library.threads import start_tender_thread

    tender = TenderFactory()
    return start_tender_thread(tender, tender.owner)


def reply(client, thread, content, name, body="Here are our evaluation notes."):
    return client.post(
        reverse("community:discussions:reply", args=[thread.pk]),
        {"body": body, "action": "post", "attachment": SimpleUploadedFile(name, content)},
    )


def test_a_member_attaches_a_file_and_other_members_download_it(client, thread, settings):
    author = MemberFactory()
    client.force_login(author.user)

    reply(client, thread, files.odt("Notes"), "notes.odt")

    attachment = Attachment.objects.get()
    assert attachment.file.path.startswith(str(settings.PRIVATE_FILES_ROOT))
    client.force_login(MemberFactory().user)
    page = client.get(thread.get_absolute_url()).content.decode()
    url = reverse("community:discussions:attachment", args=[attachment.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_disguised_attachment_is_refused_with_the_reason_and_the_text_kept(client, thread):
    client.force_login(MemberFactory().user)

    response = reply(client, thread, files.HTML_PAGE, "notes.pdf", body="Kept words")

    page = response.content.decode()
    assert "its content is not a PDF" in page
    assert "Kept words" in page
    assert not Attachment.objects.exists()


def test_an_attachment_in_an_organisation_only_tenders_thread_stays_there(client):
    from community.library.threads import start_tender_thread

    tender = TenderFactory(visibility="organisation")
    thread = start_tender_thread(tender, tender.owner)
    client.force_login(tender.owner)
    reply(client, thread, files.pdf(), "draft.pdf")
    attachment = Attachment.objects.get()
    url = reverse("community:discussions:attachment", args=[attachment.pk])

    client.force_login(MemberFactory().user)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_file_of_a_hidden_post_goes_to_moderators_only(client, thread):
    from django.utils import timezone

    from tests.factories import ModeratorFactory

    client.force_login(MemberFactory().user)
    reply(client, thread, files.pdf(), "spam.pdf")
    attachment = Attachment.objects.get()
    attachment.post.hidden_at = timezone.now()
    attachment.post.save()
    url = reverse("community:discussions:attachment", args=[attachment.pk])

    assert client.get(url).status_code == 404
    client.force_login(ModeratorFactory().user)
    assert client.get(url).status_code == 200
