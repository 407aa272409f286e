"""The site's authentication backend reads a user's permissions in one statement: the same set
Django's own backend gives, their own and their groups', and nothing else."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Group, Permission

from community.backends import MemberAuthenticationBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request reads it: no permissions remembered."""
    return type(user).objects.get(pk=user.pk)


def permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def backend():
    return MemberAuthenticationBackend()


def test_a_users_own_and_their_groups_permissions_and_no_one_elses(backend):
    user, someone_else = UserFactory(), UserFactory()
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(permission("change_member"), permission("view_member"))
    user.groups.add(reviewers)
    user.user_permissions.add(permission("view_member"), permission("add_tag"))
    someone_else.user_permissions.add(permission("delete_member"))

    names = backend.get_all_permissions(fresh(user))

    assert names == {
        "community.change_member",
        "community.view_member",
        "taggit.add_tag",
    }
    assert names == ModelBackend().get_all_permissions(fresh(user))


def test_they_are_read_once_per_request(backend, django_assert_num_queries):
    user = fresh(UserFactory())
    with django_assert_num_queries(1):
        backend.get_all_permissions(user)
        backend.get_all_permissions(user)
        assert not backend.has_perm(user, "community.change_member")


def test_a_group_taken_away_counts_from_the_next_request(backend):
    user = UserFactory()
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(permission("change_member"))
    user.groups.add(reviewers)
    assert backend.has_perm(fresh(user), "community.change_member")

    user.groups.remove(reviewers)

    assert not backend.has_perm(fresh(user), "community.change_member")


def test_superusers_hold_every_permission_and_inactive_users_none(backend):
    superuser = UserFactory(is_superuser=True)
    assert len(backend.get_all_permissions(fresh(superuser))) == Permission.objects.count()

    inactive = UserFactory(is_active=False)
    inactive.user_permissions.add(permission("change_member"))
    assert backend.get_all_permissions(fresh(inactive)) == set()
    assert backend.get_all_permissions(AnonymousUser()) == set()
