"""A category with a thread between two members, and the clients to read it as each role."""

import pytest

from tests.factories import CategoryFactory, ThreadFactory


@pytest.fixture
def category(db):
    return CategoryFactory(name="Supply-chain monitoring", slug="supply-chain-monitoring")


@pytest.fixture
def thread(category, other_member):
    return ThreadFactory(
        category=category,
        author=other_member.user,
        title="How do you verify clauses after award?",
        body="We audit through Electronics Watch.",
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator.user)
    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction (notifications, their emails) as it would commit."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
