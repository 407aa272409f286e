"""Who may download a Wagtail document, and where its file lives.

A document is as private as its collection and as the pages that use it; every download goes
through Wagtail's view, and the files sit where no web server location reaches them.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import (
    SiteDocumentFactory,
    StandardPageFactory,
    UserFactory,
    make_private,
)

pytestmark = pytest.mark.django_db


def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Members' papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def page_using(document, parent, **options):
    return StandardPageFactory(
        parent=parent,
        body=[{"type": "documents", "value": {"heading": "", "documents": [document.pk]}}],
        **options,
    )


def sends_to_login(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_a_document_of_a_login_restricted_collection_is_kept_out_of_media_root(client):
    document = SiteDocumentFactory(collection=restricted_collection())

    response = client.get(document.url)

    stored_at = Path(document.file.path)
    assert not stored_at.is_relative_to(settings.MEDIA_ROOT)
    assert stored_at.is_relative_to(settings.PRIVATE_FILES_ROOT)
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    assert sends_to_login(response)


def test_every_document_is_kept_out_of_media_root_so_a_later_restriction_holds():
    document = SiteDocumentFactory()

    assert not Path(document.file.path).is_relative_to(settings.MEDIA_ROOT)


def test_a_logged_in_visitor_downloads_a_document_of_a_login_restricted_collection(client):
    document = SiteDocumentFactory(collection=restricted_collection())
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_a_document_no_page_uses_in_a_public_collection_downloads_for_anyone(client):
    document = SiteDocumentFactory()

    response = client.get(document.url)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_restricted_document_is_sent_private_to_whoever_may_have_it(client):
    document = SiteDocumentFactory(collection=restricted_collection())
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_with_an_internal_location_the_web_server_sends_the_document(client, settings):
    settings.PRIVATE_FILES_ACCEL_REDIRECT_PREFIX = "/_private/"
    document = SiteDocumentFactory(collection=restricted_collection())
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_private/{document.file.name}"
    assert response.content == b""
    assert "private" in response["Cache-Control"]


def test_a_document_used_only_on_a_login_restricted_page_is_refused_to_visitors(client, home_page):
    document = SiteDocumentFactory()
    page = page_using(document, home_page)
    make_private(page)

    response = client.get(document.url)

    assert sends_to_login(response)


def test_a_document_used_only_on_a_login_restricted_page_downloads_once_logged_in(
    client, home_page
):
    document = SiteDocumentFactory()
    make_private(page_using(document, home_page))
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 200


def test_a_document_under_a_restricted_section_is_as_private_as_the_section(client, home_page):
    section = StandardPageFactory(parent=home_page)
    make_private(section)
    document = SiteDocumentFactory()
    page_using(document, section)

    response = client.get(document.url)

    assert sends_to_login(response)


def test_a_document_used_only_on_a_group_restricted_page_is_refused_to_other_members(
    client, home_page
):
    document = SiteDocumentFactory()
    page = page_using(document, home_page)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Board")])
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 403


def test_a_document_used_only_on_a_draft_is_refused_to_visitors(client, home_page):
    document = SiteDocumentFactory()
    page_using(document, home_page, live=False)

    response = client.get(document.url)

    assert sends_to_login(response)


def test_a_document_used_only_on_a_draft_is_refused_to_logged_in_people_who_cannot_edit_it(
    client, home_page
):
    document = SiteDocumentFactory()
    page_using(document, home_page, live=False)
    client.force_login(UserFactory())

    response = client.get(document.url)

    assert response.status_code == 403


def test_editors_of_a_draft_download_its_documents(client, home_page, editor):
    document = SiteDocumentFactory()
    page_using(document, home_page, live=False)
    client.force_login(editor)

    response = client.get(document.url)

    assert response.status_code == 200


def test_a_document_also_used_on_a_live_public_page_stays_public(client, home_page):
    document = SiteDocumentFactory()
    page_using(document, home_page, live=False)
    make_private(page_using(document, home_page))
    page_using(document, home_page)

    response = client.get(document.url)

    assert response.status_code == 200


def test_a_page_made_private_after_publishing_takes_its_documents_with_it(client, home_page):
    document = SiteDocumentFactory()
    page = page_using(document, home_page)
    assert client.get(document.url).status_code == 200

    make_private(page)

    assert sends_to_login(client.get(document.url))


def test_the_collection_still_restricts_a_document_used_on_a_public_page(client, home_page):
    document = SiteDocumentFactory(collection=restricted_collection())
    page_using(document, home_page)

    response = client.get(document.url)

    assert sends_to_login(response)


def test_the_admin_says_a_document_is_as_private_as_the_draft_using_it(
    client, home_page, superuser
):
    document = SiteDocumentFactory()
    page_using(document, home_page, live=False, title="Unannounced report")
    client.force_login(superuser)

    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))

    assert response.status_code == 200
    assert "Who can download it" in response.content.decode()
    assert "Only people who may see “Unannounced report” (not published)" in (
        response.content.decode()
    )


def test_the_admin_says_a_public_document_downloads_for_anyone(client, superuser):
    document = SiteDocumentFactory()
    client.force_login(superuser)

    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))

    assert "Anyone who has the link." in response.content.decode()


# Migrating back and forth empties the tables; serialized_rollback puts back what the
# migrations made (the root collection, the editors' group) for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_documents_uploaded_before_the_move_leave_media_root():
    executor = MigrationExecutor(connection)
    executor.migrate([("home", "0001_initial")])
    old_apps = executor.loader.project_state([("home", "0001_initial")]).apps
    name = storages["default"].save("documents/old-minutes.pdf", ContentFile(b"%PDF-1.4 old"))
    old_apps.get_model("home", "SiteDocument").objects.create(
        title="Old minutes", file=name, collection_id=Collection.get_first_root_node().pk
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert not storages["default"].exists(name)
    assert storages["private"].open(name).read() == b"%PDF-1.4 old"
