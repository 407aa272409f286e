"""Each tender has its discussion thread, seen by exactly those who see the tender."""

import pytest
from django.urls import reverse

from community.library.threads import start_tender_thread, thread_of
from tests.community.library.test_library import tender_form
from tests.factories import MemberFactory, TenderFactory

pytestmark = pytest.mark.django_db


def test_sharing_a_tender_opens_its_thread(client):
    member = MemberFactory()
    client.force_login(member.user)

    client.post(reverse("community:library:share"), tender_form())

    from community.library.models import Tender

    tender = Tender.objects.get()
    thread = thread_of(tender)
    assert thread is not None and thread.title == tender.title
    page = client.get(reverse("community:library:tender", args=[tender.pk])).content.decode()
    assert thread.get_absolute_url() in page


def test_the_thread_of_an_organisation_only_tender_is_hidden_from_other_organisations(client):
    tender = TenderFactory(visibility="organisation", title="Draft smartphone tender")
    thread = start_tender_thread(tender, tender.owner)
    colleague = MemberFactory(organisation=tender.organisation)
    outsider = MemberFactory()

    client.force_login(outsider.user)
    hidden = client.get(thread.get_absolute_url())
    listing = client.get(reverse("community:discussions:index")).content.decode()
    client.force_login(colleague.user)
    shown = client.get(thread.get_absolute_url())

    assert hidden.status_code == 404
    assert "Draft smartphone tender" not in listing
    assert shown.status_code == 200
