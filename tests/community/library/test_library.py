"""The library list, its filters and sorts, and sharing, editing and withdrawing a tender."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community.library.models import CpvCode, Tender
from tests.factories import MemberFactory, OrganisationFactory, TenderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(MemberFactory().user)
    return client


def listed(client, **query):
    page = client.get(reverse("community:library:library"), query)
    assert page.status_code == 200
    return page.content.decode()


def test_the_cpv_vocabulary_is_loaded_with_its_hierarchy():
    laptops = CpvCode.objects.get(code="30213100")

    assert CpvCode.objects.count() == 9454
    assert laptops.label == "Portable computers"
    assert laptops.path == (
        "30000000 Office and computing machinery, equipment and supplies except furniture "
        "and software packages › 30200000 Computer equipment and supplies › 30210000 "
        "Data-processing machines (hardware) › 30213000 Personal computers › 30213100 "
        "Portable computers"
    )


def test_the_cpv_picker_finds_codes_by_words_and_by_digits(reader):
    url = reverse("community:library:cpv_search")
    by_words = reader.get(url, {"q": "portable computers", "format": "json"})
    by_digits = reader.get(url, {"q": "4882", "format": "json"})
    page = reader.get(url, {"q": "portable computers"}).content.decode()

    assert by_words.json()["results"][0]["code"] == "30213100"
    assert "Personal computers" in by_words.json()["results"][0]["path"]
    assert by_digits.json()["results"][0]["code"] == "48820000"
    assert "30213000 Personal computers › 30213100 Portable computers" in page


@pytest.mark.parametrize("query", ["", "%", "x" * 500, "<script>", "'; drop table", "\x00"])
def test_the_cpv_picker_answers_nonsense_with_an_empty_list(reader, query):
    url = reverse("community:library:cpv_search")
    response = reader.get(url, {"q": query, "format": "json"})

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert reader.get(url, {"q": query}).status_code == 200


def test_a_division_includes_every_code_below_it():
    laptops = TenderFactory(title="Laptops", main_cpv_id="30213100")
    servers = TenderFactory(title="Servers", main_cpv_id="48820000")
    with_extra = TenderFactory(title="Desks with laptops", main_cpv_id="39121100")
    with_extra.additional_cpv.add("30213100")

    found = set(Tender.objects.in_cpv("30000000"))

    assert found == {laptops, with_extra}
    assert set(Tender.objects.in_cpv("48000000")) == {servers}


def test_filters_combine_country_stage_cpv_tag_and_organisation(reader):
    barcelona = OrganisationFactory(name="Barcelona City Council", country="ES")
    match = TenderFactory(
        title="Matching tender", country="ES", stage="awarded", organisation=barcelona
    )
    match.tags.add("labour rights")
    match.save()
    TenderFactory(title="Other country", country="DK", stage="awarded")
    TenderFactory(title="Other stage", country="ES", stage="planning")

    page = listed(
        reader,
        country="ES",
        stage="awarded",
        cpv="30000000",
        tag="labour-rights",
        organisation=barcelona.pk,
    )

    assert "Matching tender" in page
    assert "Other country" not in page
    assert "Other stage" not in page


def test_closing_soonest_lists_open_deadlines_first_and_highlights_them(reader):
    now = timezone.now()
    TenderFactory(title="Closes in a month", submission_deadline=now + datetime.timedelta(30))
    TenderFactory(title="Closes in three days", submission_deadline=now + datetime.timedelta(3))
    TenderFactory(title="Closed last week", submission_deadline=now - datetime.timedelta(7))

    page = listed(reader, sort="closing")

    assert page.index("Closes in three days") < page.index("Closes in a month")
    assert page.index("Closes in a month") < page.index("Closed last week")
    assert "deadline--soon" in page
    assert "(in 2 days)" in page or "(in 3 days)" in page


def test_the_deadline_window_keeps_only_tenders_closing_within_it(reader):
    now = timezone.now()
    TenderFactory(title="Closes next week", submission_deadline=now + datetime.timedelta(6))
    TenderFactory(title="Closes next quarter", submission_deadline=now + datetime.timedelta(80))

    page = listed(reader, closing="7")

    assert "Closes next week" in page
    assert "Closes next quarter" not in page


def test_the_list_paginates_and_says_so_when_nothing_matches(reader):
    for _ in range(21):
        TenderFactory()

    assert "?page=2" in listed(reader)
    assert "No tender matches these filters." in listed(reader, q="zzzyzzyva")


@pytest.mark.parametrize(
    "query",
    [
        {"cpv": "99999999"},
        {"cpv": "<script>alert(1)</script>"},
        {"stage": "nonsense"},
        {"closing": "-1"},
        {"page": "999"},
        {"organisation": "'; --"},
        {"q": "x" * 300},
    ],
)
def test_bad_filter_input_gets_a_page_with_a_message_not_an_error(reader, query):
    page = listed(reader, **query)

    assert "<script>alert(1)" not in page


def tender_form(**changes):
    data = {
        "title": "Laptops for schools",
        "buyer": "",
        "buyer_name": "Ajuntament de Barcelona",
        "country": "ES",
        "main_cpv": "30213100-6",
        "additional_cpv": "48820000",
        "procedure": "open",
        "stage": "open_for_bids",
        "estimated_value": "1200000",
        "currency": "EUR",
        "publication_date": "2026-10-01",
        "submission_deadline": "2026-12-15T14:00",
        "summary": "Laptops with monitoring of working conditions.",
        "criteria": "Suppliers join Electronics Watch.",
        "tags": "labour rights, laptops",
        "visibility": "members",
        "lots-TOTAL_FORMS": "2",
        "lots-INITIAL_FORMS": "0",
        "lots-MIN_NUM_FORMS": "0",
        "lots-MAX_NUM_FORMS": "50",
        "lots-0-title": "Teacher laptops",
        "lots-0-cpv": "30213100",
        "lots-1-title": "",
        "lots-1-cpv": "",
    }
    data.update(changes)
    return data


def test_a_member_shares_a_tender_for_their_organisation(client):
    member = MemberFactory()
    client.force_login(member.user)

    response = client.post(reverse("community:library:share"), tender_form())

    tender = Tender.objects.get()
    assert response["Location"] == reverse("community:library:tender", args=[tender.pk])
    assert tender.owner == member.user
    assert tender.organisation == member.organisation
    assert tender.main_cpv_id == "30213100"
    assert [c.code for c in tender.additional_cpv.all()] == ["48820000"]
    assert [lot.title for lot in tender.lots.all()] == ["Teacher laptops"]
    assert sorted(tag.name for tag in tender.tags.all()) == ["labour rights", "laptops"]
    assert tender.events.get().action == "shared"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"main_cpv": "12345678"}, "main_cpv", "is not a CPV 2008 code"),
        ({"additional_cpv": "30213100 nonsense"}, "additional_cpv", "Not CPV 2008 codes"),
        ({"estimated_value": "-5"}, "estimated_value", "cannot be negative"),
        (
            {"submission_deadline": "2026-09-01T12:00"},
            "submission_deadline",
            "before the publication date",
        ),
        ({"buyer_name": ""}, "buyer", "Choose the buying organisation"),
        ({"lots-0-cpv": "1"}, "lots-0-cpv", "is not a CPV 2008 code"),
        ({"tags": "laptops, " + "x" * 101}, "tags", "at most 100 characters"),
    ],
)
def test_a_refused_tender_says_what_to_fix_next_to_the_field_and_keeps_the_rest(
    client, changes, field, message
):
    client.force_login(MemberFactory().user)

    response = client.post(reverse("community:library:share"), tender_form(**changes))

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert "Laptops with monitoring of working conditions." in page
    assert not Tender.objects.exists()


def test_a_co_editor_edits_and_the_history_says_who(client):
    tender = TenderFactory()
    co_editor = MemberFactory(user__first_name="Lars", user__last_name="Nielsen")
    tender.co_editors.add(co_editor.user)
    client.force_login(co_editor.user)
    data = tender_form(title="Laptops for schools, second call")

    client.post(reverse("community:library:edit", args=[tender.pk]), data)

    tender.refresh_from_db()
    assert tender.title == "Laptops for schools, second call"
    page = client.get(reverse("community:library:tender", args=[tender.pk])).content.decode()
    assert "Lars Nielsen edited" in page


def test_withdrawing_takes_the_tender_out_of_the_list(client):
    tender = TenderFactory(title="To be withdrawn")
    client.force_login(tender.owner)

    client.post(reverse("community:library:withdraw", args=[tender.pk]))

    tender.refresh_from_db()
    assert tender.is_withdrawn
    client.force_login(MemberFactory().user)
    assert "To be withdrawn" not in listed(client)


def test_the_owner_names_colleagues_as_co_editors_and_only_colleagues(client):
    owner = MemberFactory()
    colleague = MemberFactory(organisation=owner.organisation, user__first_name="Núria")
    stranger = MemberFactory(user__first_name="Stranger")
    client.force_login(owner.user)

    form = client.get(reverse("community:library:share")).content.decode()
    client.post(reverse("community:library:share"), tender_form(co_editors=[colleague.user.pk]))
    refused = client.post(
        reverse("community:library:share"), tender_form(co_editors=[stranger.user.pk])
    )

    assert "Núria" in form and "Stranger" not in form
    assert list(Tender.objects.get().co_editors.all()) == [colleague.user]
    assert refused.status_code == 200 and "field--error" in refused.content.decode()
