"""Who may see, edit and download a tender: owners, co-editors, their organisation, others.

The URL matrix (tests/community/test_access_matrix.py) covers every address for every role
on a tender shared with all members; these tests add the people a tender knows by name and
tenders shared with one organisation only.
"""

import pytest
from django.urls import reverse

from community.permissions import can_view_tender, visible_tenders
from tests.factories import EditorFactory, MemberFactory, TenderDocumentFactory, TenderFactory

pytestmark = pytest.mark.django_db

TENDER_URLS = ("tender", "download", "edit", "add_document", "withdraw")


@pytest.fixture
def private_tender():
    """Shared with its organisation only, with one document."""
    document = TenderDocumentFactory(tender__visibility="organisation")
    return document.tender


def urls_of(tender):
    document = tender.documents.get()
    version = document.versions.get()
    return {
        "tender": reverse("community:library:tender", args=[tender.pk]),
        "download": reverse("community:library:download", args=[version.pk]),
        "edit": reverse("community:library:edit", args=[tender.pk]),
        "add_document": reverse("community:library:add_document", args=[tender.pk]),
        "withdraw": reverse("community:library:withdraw", args=[tender.pk]),
        "new_version": reverse("community:library:replace_document", args=[document.pk]),
    }


def statuses(client, user, tender):
    client.force_login(user)
    return {name: client.get(url).status_code for name, url in urls_of(tender).items()}


def test_a_member_of_another_organisation_gets_404_everywhere_on_an_organisation_only_tender(
    client, private_tender
):
    outsider = MemberFactory()

    assert set(statuses(client, outsider.user, private_tender).values()) == {404}


def test_a_colleague_in_the_same_organisation_sees_and_downloads_but_does_not_edit(
    client, private_tender
):
    colleague = MemberFactory(organisation=private_tender.organisation)

    got = statuses(client, colleague.user, private_tender)

    assert got == {
        "tender": 200,
        "download": 200,
        "edit": 404,
        "add_document": 404,
        "withdraw": 404,
        "new_version": 404,
    }


@pytest.mark.parametrize("who", ["owner", "co-editor", "staff"])
def test_owner_co_editors_and_staff_may_do_everything(client, private_tender, who):
    if who == "owner":
        user = private_tender.owner
    elif who == "co-editor":
        user = MemberFactory().user
        private_tender.co_editors.add(user)
    else:
        user = EditorFactory()

    assert set(statuses(client, user, private_tender).values()) == {200}


def test_an_applicant_of_the_same_organisation_sees_nothing(client, private_tender):
    applicant = MemberFactory(status="pending", organisation=private_tender.organisation)

    got = statuses(client, applicant.user, private_tender)

    assert set(got.values()) == {302}


def test_a_withdrawn_tender_is_gone_for_members_but_not_for_its_owner(client):
    tender = TenderDocumentFactory().tender
    tender.withdrawn_at = tender.created_at
    tender.save()

    assert statuses(client, MemberFactory().user, tender)["download"] == 404
    assert statuses(client, tender.owner, tender)["download"] == 200


def test_the_list_rule_and_the_single_tender_rule_agree(private_tender):
    open_tender = TenderFactory()
    people = [
        MemberFactory().user,
        MemberFactory(organisation=private_tender.organisation).user,
        private_tender.owner,
        EditorFactory(),
        MemberFactory(status="lapsed").user,
    ]

    for person in people:
        listed = set(visible_tenders(person))
        for tender in (private_tender, open_tender):
            assert (tender in listed) == can_view_tender(person, tender), (person, tender)


def test_the_library_list_never_names_an_organisation_only_tender_to_outsiders(
    client, private_tender
):
    client.force_login(MemberFactory().user)

    page = client.get(reverse("community:library:library")).content.decode()

    assert private_tender.title not in page
    assert "0 tenders" in page
