"""Who the search treats as a member.

Everyone logged in also holds the audiences of Wagtail's login and group restrictions
(``search.pages``); only those who may enter the members area hold ``members``.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from community.permissions import MEMBERS_AUDIENCE
from search.registry import PUBLIC, registry
from tests.factories import EditorFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "person, expected",
    [
        (lambda: AnonymousUser(), {PUBLIC}),
        (lambda: MemberFactory(status="pending").user, {PUBLIC}),
        (lambda: MemberFactory(status="rejected").user, {PUBLIC}),
        (lambda: MemberFactory(status="lapsed").user, {PUBLIC}),
        (lambda: MemberFactory().user, {PUBLIC, MEMBERS_AUDIENCE}),
        (lambda: EditorFactory(), {PUBLIC, MEMBERS_AUDIENCE}),
    ],
    ids=["visitor", "applicant", "rejected", "lapsed", "member", "staff"],
)
def test_only_people_who_may_enter_the_area_search_as_members(person, expected):
    audiences = registry.audiences_for(person())

    assert (MEMBERS_AUDIENCE in audiences) == (MEMBERS_AUDIENCE in expected)
    assert PUBLIC in audiences


def test_profiles_are_not_in_the_site_search():
    from community.models import Member

    assert registry.source_for_model(Member) is None
