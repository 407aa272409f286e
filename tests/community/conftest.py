"""People in every state the members area knows, for the tests of its rules."""

import pytest

from tests.factories import (
    ApplicantFactory,
    EditorFactory,
    MemberFactory,
    ModeratorFactory,
    SuperuserFactory,
)


@pytest.fixture
def member(db):
    return MemberFactory(user__first_name="Marta", user__last_name="Puig")


@pytest.fixture
def other_member(db):
    return MemberFactory(user__first_name="Jens", user__last_name="Madsen")


@pytest.fixture
def applicant(db):
    return ApplicantFactory()


@pytest.fixture
def moderator(db):
    return ModeratorFactory()


@pytest.fixture
def staff(db):
    return EditorFactory()


@pytest.fixture
def superuser(db):
    return SuperuserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
