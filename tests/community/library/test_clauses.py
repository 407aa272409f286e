"""The clause bank: passages saved from tenders, seen by whoever may see their tender."""

import pytest
from django.urls import reverse

from community.library.models import Clause
from tests.factories import MemberFactory, TenderFactory, TopicFactory

pytestmark = pytest.mark.django_db


def save(client, tender, **fields):
    data = {
        "title": "Factory disclosure",
        "kind": "contract_performance",
        "text": "The supplier discloses the factories of final assembly within 30 days.",
        **fields,
    }
    return client.post(reverse("community:library:save_clause", args=[tender.pk]), data)


def test_a_member_saves_a_clause_from_a_tender_they_may_see(client):
    tender = TenderFactory()
    topic = TopicFactory(name="Supply-chain monitoring")
    reader = MemberFactory()
    client.force_login(reader.user)

    response = save(client, tender, topics=[topic.pk])

    clause = Clause.objects.get()
    assert response["Location"] == reverse("community:library:clause", args=[clause.pk])
    assert clause.tender == tender and clause.saved_by == reader.user
    assert list(clause.topics.all()) == [topic]


def test_a_refused_clause_keeps_what_was_typed(client):
    client.force_login(MemberFactory().user)

    response = save(client, TenderFactory(), kind="", text="Kept passage")

    assert response.status_code == 200
    assert "Kept passage" in response.content.decode()
    assert not Clause.objects.exists()


def test_the_bank_filters_by_kind_and_topic(client):
    topic = TopicFactory(name="Labour rights")
    tender = TenderFactory()
    labour = Clause.objects.create(
        title="Remedy plan", kind="award_criterion", text="…", tender=tender
    )
    labour.topics.add(topic)
    Clause.objects.create(
        title="Take-back", kind="technical_specification", text="…", tender=tender
    )
    client.force_login(MemberFactory().user)

    page = client.get(
        reverse("community:library:clauses"), {"kind": "award_criterion", "topic": topic.slug}
    ).content.decode()

    assert "Remedy plan" in page
    assert "Take-back" not in page


def test_a_clause_of_an_organisation_only_tender_stays_with_that_organisation(client):
    tender = TenderFactory(visibility="organisation")
    clause = Clause.objects.create(
        title="Secret clause", kind="award_criterion", text="…", tender=tender
    )
    client.force_login(MemberFactory().user)

    bank = client.get(reverse("community:library:clauses")).content.decode()
    detail = client.get(reverse("community:library:clause", args=[clause.pk]))

    assert "Secret clause" not in bank
    assert detail.status_code == 404


def test_two_or_three_tenders_compare_side_by_side(client):
    first = TenderFactory(criteria="Electronics Watch affiliation")
    second = TenderFactory(criteria="Take-back of used laptops")
    hidden = TenderFactory(visibility="organisation", criteria="Hidden criterion")
    client.force_login(MemberFactory().user)

    page = client.get(
        reverse("community:library:compare"), {"tender": [first.pk, second.pk]}
    ).content.decode()
    refused = client.get(
        reverse("community:library:compare"), {"tender": [first.pk, hidden.pk]}
    ).content.decode()

    assert "Electronics Watch affiliation" in page and "Take-back of used laptops" in page
    assert "Hidden criterion" not in refused
    assert "field--error" in refused


def test_only_who_saved_a_clause_removes_it(client):
    clause = Clause.objects.create(
        title="Mine",
        kind="award_criterion",
        text="…",
        tender=TenderFactory(),
        saved_by=MemberFactory().user,
    )
    client.force_login(MemberFactory().user)

    refused = client.post(reverse("community:library:delete_clause", args=[clause.pk]))
    client.force_login(clause.saved_by)
    allowed = client.post(reverse("community:library:delete_clause", args=[clause.pk]))

    assert refused.status_code == 404
    assert allowed.status_code == 302
    assert not Clause.objects.exists()


def test_a_member_marks_a_clause_as_used_in_their_own_tender(client):
    clause = Clause.objects.create(
        title="Factory disclosure", kind="contract_performance", text="…", tender=TenderFactory()
    )
    mine = TenderFactory(title="My printers tender")
    someone_elses = TenderFactory(title="Not mine")
    client.force_login(mine.owner)

    page = client.get(reverse("community:library:clause", args=[clause.pk])).content.decode()
    client.post(
        reverse("community:library:mark_clause_used", args=[clause.pk]), {"tender": mine.pk}
    )
    client.post(
        reverse("community:library:mark_clause_used", args=[clause.pk]),
        {"tender": someone_elses.pk},
    )

    assert "My printers tender" in page and "Not mine" not in page
    assert list(clause.used_in.all()) == [mine]
