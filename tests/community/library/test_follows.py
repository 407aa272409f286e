"""Following CPV codes and tenders: members hear of what they may see, nothing more."""

import pytest
from django.core import mail
from django.urls import reverse

from community.discussions.models import Notification
from community.library.models import Tender
from tests.community.library.files import pdf
from tests.community.library.test_library import tender_form
from tests.factories import MemberFactory, TenderFactory

pytestmark = pytest.mark.django_db


def follow_code(client, code):
    return client.post(reverse("community:library:follow_cpv", args=[code]), {"action": "follow"})


def test_following_a_division_hears_of_a_tender_shared_below_it(
    client, django_capture_on_commit_callbacks
):
    follower = MemberFactory(user__email="follower@example.org")
    client.force_login(follower.user)
    follow_code(client, "30000000")
    sharer = MemberFactory()
    client.force_login(sharer.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community:library:share"), tender_form(main_cpv="30213100"))

    tender = Tender.objects.get()
    [notification] = Notification.objects.filter(recipient=follower.user)
    assert notification.kind == "tender_shared"
    assert notification.target == tender
    assert not Notification.objects.filter(recipient=sharer.user).exists()


def test_nobody_hears_of_a_tender_they_may_not_see(client, django_capture_on_commit_callbacks):
    outsider = MemberFactory()
    client.force_login(outsider.user)
    follow_code(client, "30213100")
    sharer = MemberFactory()
    colleague = MemberFactory(organisation=sharer.organisation)
    client.force_login(colleague.user)
    follow_code(client, "30213100")
    client.force_login(sharer.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:library:share"),
            tender_form(main_cpv="30213100", visibility="organisation"),
        )

    assert not Notification.objects.filter(recipient=outsider.user).exists()
    assert Notification.objects.filter(recipient=colleague.user).count() == 1


def test_followers_of_a_tender_hear_of_new_documents(client, django_capture_on_commit_callbacks):
    tender = TenderFactory()
    follower = MemberFactory()
    client.force_login(follower.user)
    client.post(reverse("community:library:follow", args=[tender.pk]), {"action": "follow"})
    client.force_login(tender.owner)

    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("community:library:add_document", args=[tender.pk]),
            {"kind": "notice", "title": "Notice", "file": SimpleUploadedFile("n.pdf", pdf())},
        )

    assert Notification.objects.get(recipient=follower.user).kind == "tender_updated"


def test_a_follow_form_never_redirects_off_the_site(client):
    client.force_login(MemberFactory().user)

    response = client.post(
        reverse("community:library:follow_cpv", args=["30000000"]),
        {"action": "follow", "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("community:library:cpv_search")


def test_an_unknown_code_cannot_be_followed(client):
    client.force_login(MemberFactory().user)

    response = client.post(reverse("community:library:follow_cpv", args=["99999999"]))

    assert response.status_code == 404
    assert not mail.outbox
