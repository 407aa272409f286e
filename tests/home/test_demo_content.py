"""``manage.py load_demo_content``: a complete, live demo site that a second run leaves as it
found it.

The demo is loaded once for the module, inside a transaction rolled back when the module is
done; each test runs in a savepoint within it, so tests that run the command again see a fresh
copy of the first load.
"""

import datetime
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home import demo
from home.demo import DEMO_ACCOUNTS_GROUP
from home.models import HomePage, NavigationSettings, SiteSettings, StandardPage
from resources.filters import ResourceFilterForm
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    Topic,
)
from tests.factories import UserFactory, publish_changes

PAGE_TYPES = (
    HomePage,
    StandardPage,
    NewsIndexPage,
    NewsPage,
    EventIndexPage,
    EventPage,
    ResourceIndexPage,
    ResourcePage,
)
PRESENTERS = {
    "ICLEI Europe",
    "Electronics Watch",
    "Aalborg Municipality (Denmark)",
    "Advanced Procurement for Universities and Colleges (APUC, Scotland)",
    "Barcelona City Council (Spain)",
    "Municipality of Haarlem (Netherlands)",
    "Partnership for IT-Procurement in French-speaking Switzerland",
    "Shared Service Organisation Noord & DUO (Netherlands)",
    "Circular Computing",
    "Dell",
    "HP",
}

pytestmark = pytest.mark.django_db


def load_demo(*args):
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        **{model.__name__: model.objects.count() for model in PAGE_TYPES},
        "pages": Page.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "tags": Tag.objects.count(),
        "topics": Topic.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)
    # Wagtail caches the site's root paths, which pointed at pages that are now rolled back.
    cache.clear()


@pytest.fixture
def nijmegen(demo_output):
    return EventPage.objects.get(slug="live-market-engagement-fair-ict-nijmegen-2018")


def test_every_page_type_exists_and_every_page_is_live(demo_output):
    for model in PAGE_TYPES:
        assert model.objects.exists(), f"no {model.__name__}"
    pages = Page.objects.filter(depth__gt=1)
    assert not pages.not_live().exists()
    assert not pages.filter(first_published_at__isnull=True).exists()
    assert not pages.filter(has_unpublished_changes=True).exists()


def test_home_page_replaces_wagtails_welcome_page_as_the_sites_root(demo_output):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page.specific_class is HomePage
    assert list(Page.objects.filter(depth=2)) == [site.root_page]
    home = HomePage.objects.get()
    assert home.figures[0].value["value"] == "EUR 50.3 billion"
    assert len(home.featured_pages()) == 3
    assert home.join_page.slug == "join"


def test_second_run_adds_nothing_and_changes_nothing_dated_absolutely(demo_output):
    before = counts()

    output = load_demo()

    assert counts() == before
    outcomes = dict(re.findall(r"^([\w ]+): \d+ \(0 created, (\d+) updated", output, re.M))
    # Recent news and upcoming events are dated from the day: a run after midnight moves them.
    del outcomes["News"], outcomes["Events"]
    assert {"Images", "Documents", "Topics", "Standard pages", "Home page"} <= outcomes.keys()
    assert set(outcomes.values()) == {"0"}, outcomes


def test_second_run_publishes_no_revision_of_an_unchanged_page(demo_output):
    # Resource pages carry no dates relative to today, so nothing about them changes.
    resource_ids = [str(pk) for pk in ResourcePage.objects.values_list("pk", flat=True)]
    revisions = Revision.page_revisions.filter(object_id__in=resource_ids)
    before = revisions.count()

    load_demo()

    assert revisions.count() == before


def test_running_later_moves_upcoming_events_so_they_stay_upcoming(demo_output):
    later = timezone.now() + datetime.timedelta(days=90)
    upcoming_now = EventPage.objects.filter(end__gte=timezone.now()).count()

    with mock.patch("django.utils.timezone.now", return_value=later):
        load_demo()

    assert EventPage.objects.filter(end__gte=later).count() == upcoming_now
    assert EventPage.objects.count() == 6


def test_there_are_upcoming_and_past_events(demo_output):
    now = timezone.now()
    assert EventPage.objects.live().filter(end__gte=now).count() >= 2
    assert EventPage.objects.live().filter(end__lt=now).count() >= 3
    online_only = EventPage.objects.filter(end__gte=now, venue_name="", venue_address="")
    assert online_only.exclude(online_url="").exists()


def test_nijmegen_event_has_one_session_per_presentation_each_with_slides(nijmegen):
    sessions = [block.value for block in nijmegen.agenda]

    assert len(sessions) == 11
    assert {session["speakers"][0]["organisation"] for session in sessions} == PRESENTERS
    for session in sessions:
        assert session["slides"] is not None, session["title"]
        assert session["start_time"] < session["end_time"]
    assert nijmegen.held_alongside == "EcoProcura 2018"
    assert nijmegen.local_start == datetime.datetime(2018, 10, 3, 13, 0, tzinfo=nijmegen.zone)


def test_slides_are_placeholder_pdfs(nijmegen):
    for block in nijmegen.agenda:
        with block.value["slides"].open_file() as pdf:
            assert pdf.read(5) == b"%PDF-"


def test_each_presentation_is_a_resource_from_the_event_with_its_slides(nijmegen):
    presentations = ResourcePage.objects.filter(kind=ResourceKind.PRESENTATION)
    slides = {block.value["slides"].pk for block in nijmegen.agenda}

    assert presentations.count() == 11
    assert set(presentations.values_list("source_event", flat=True)) == {nijmegen.pk}
    assert {p.documents.get().document_id for p in presentations} == slides


def test_every_resource_filter_option_lists_something(demo_output):
    items = ResourceIndexPage.objects.get().get_items()
    form = ResourceFilterForm(items=items)

    kinds = {value for value, _label in form.fields["kind"].choices if value}
    topics = {value for value, _label in form.fields["topic"].choices if value}
    assert kinds == set(ResourceKind.values)
    assert topics == set(Topic.objects.values_list("slug", flat=True))
    for name in ResourceFilterForm.filter_fields:
        options = [value for value, _label in form.fields[name].choices if value]
        assert len(options) >= 2, name
        for value in options:
            chosen = ResourceFilterForm({name: value}, items=items)
            assert chosen.is_valid(), (name, value, chosen.errors)
            assert chosen.filter(items).exists(), (name, value)


def test_some_tags_are_shared_by_news_events_and_resources(demo_output):
    def tag_names(model):
        return set(model.tags.through.objects.values_list("tag__name", flat=True))

    shared = tag_names(NewsPage) & tag_names(EventPage) & tag_names(ResourcePage)

    assert {"fair ICT", "market engagement", "labour rights"} <= shared


def test_every_image_in_use_has_alternative_text(demo_output):
    pages = [page for model in PAGE_TYPES for page in model.objects.all()]
    images = [page.listing_image for page in pages if page.listing_image]
    images.append(SiteSettings.load().default_share_image)

    assert len(images) > len(pages) / 2
    assert all(image.description.strip() for image in images)
    assert {(image.width, image.height) for image in images} == {(1200, 630)}


def test_all_streamfield_content_passes_the_validation_editors_face(demo_output):
    # Loading bypasses the admin forms; this holds the demo to the same block rules.
    pages = [*Page.objects.filter(depth__gt=1).specific(), NavigationSettings.load()]
    for page in pages:
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                field.stream_block.clean(getattr(page, field.name))


def test_menus_and_footer_point_at_the_demo_pages(demo_output):
    navigation = NavigationSettings.load()
    settings = SiteSettings.load()

    menu = [block.value["page"].slug for block in navigation.main_menu]
    footer = [block.value["page"].slug for block in navigation.footer_links]
    assert menu == ["news", "events", "resources", "about", "join"]
    assert footer == ["about", "contact", "accessibility-statement", "privacy"]
    assert settings.contact_email.endswith("@example.org")
    assert settings.hashtag == "#MakeICTFair"


def test_output_ends_with_the_admin_address_and_a_line_per_login(demo_output):
    admin = get_user_model().objects.get(username="admin")

    lines = demo_output.splitlines()
    assert "Admin: http://testserver/admin/" in lines
    assert "staff login: admin@example.org / procura-demo" in lines
    assert admin.is_superuser and admin.check_password("procura-demo")


def test_accounts_with_a_known_password_are_in_the_demo_accounts_group(demo_output):
    group = Group.objects.get(name=DEMO_ACCOUNTS_GROUP)

    assert group.user_set.filter(username="admin").exists()


def test_rerun_keeps_a_password_the_admin_changed_unless_told_otherwise(demo_output):
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("my-own-secret")
    admin.save()

    output = load_demo()
    admin.refresh_from_db()
    assert admin.check_password("my-own-secret")
    assert "my-own-secret" not in output
    assert "staff login: admin@example.org / (a password of its own, left unchanged)" in (
        output.splitlines()
    )

    output = load_demo("--admin-password", "new-demo-password")
    admin.refresh_from_db()
    assert admin.check_password("new-demo-password")
    assert "staff login: admin@example.org / new-demo-password" in output


def test_rerun_puts_back_what_an_editor_changed_and_says_so(demo_output):
    story = NewsPage.objects.get(slug="webinar-recap-labour-rights-ict-contracts")
    publish_changes(story, title="Edited by hand")
    before = counts()

    output = load_demo()

    story.refresh_from_db()
    assert story.title == "Webinar recap: putting labour rights into ICT contracts"
    assert "News: 9 (0 created, 1 updated, 8 unchanged) pages, all live" in output
    assert counts() == before


def test_refuses_production_settings_without_force(demo_output):
    before = counts()

    with (
        override_settings(SETTINGS_MODULE="config.settings.production"),
        pytest.raises(CommandError, match="--force"),
    ):
        load_demo()

    assert counts() == before


def test_force_under_production_settings_leaves_no_usable_demo_password(demo_output):
    get_user_model().objects.filter(username="admin").delete()

    with override_settings(SETTINGS_MODULE="config.settings.production"):
        output = load_demo("--force")

    accounts = Group.objects.get(name=DEMO_ACCOUNTS_GROUP).user_set.all()
    assert accounts.filter(username="admin").exists()
    assert not any(account.has_usable_password() for account in accounts)
    assert "procura-demo" not in output
    assert "staff login: admin@example.org / (no demo password under production settings: " in (
        output
    )


def test_force_under_production_settings_locks_an_account_left_with_the_demo_password(
    demo_output,
):
    admin = get_user_model().objects.get(username="admin")

    with override_settings(SETTINGS_MODULE="config.settings.production"):
        load_demo("--force")

    admin.refresh_from_db()
    assert not admin.has_usable_password()


def test_production_settings_take_no_admin_password(demo_output):
    with (
        override_settings(SETTINGS_MODULE="config.settings.production"),
        pytest.raises(CommandError, match="changepassword"),
    ):
        load_demo("--force", "--admin-password", "known-to-the-shell")


def test_a_later_contribution_runs_after_the_public_site_and_can_use_it(demo_output):
    seen = {}

    def build_members_area(run):
        seen.update(admin=run.shared["admin"], join=run.shared["pages"]["join"])
        run.demo_account(UserFactory(username="demo-member"), "member-demo")
        run.add_login("member", "demo-member@example.org", "member-demo")
        yield "Members", "1 (1 created)"

    with mock.patch.dict(demo._contributions):
        demo.register("late", build_members_area, order=80)
        output = load_demo()

    assert seen == {
        "admin": get_user_model().objects.get(username="admin"),
        "join": StandardPage.objects.get(slug="join"),
    }
    lines = output.splitlines()
    assert lines.index("Members: 1 (1 created)") > lines.index(
        "Site settings: contact info@example.org, hashtag #MakeICTFair"
    )
    assert lines[-1] == "member login: demo-member@example.org / member-demo"
    assert get_user_model().objects.get(username="demo-member").check_password("member-demo")


def test_a_page_of_every_type_renders(demo_output, client):
    for model in PAGE_TYPES:
        page = model.objects.first()
        response = client.get(page.url)
        assert response.status_code == 200, page.url_path
