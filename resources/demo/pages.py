"""Writing the demo's page tree in two passes.

Pages point at each other both ways (the 2018 event links to the news story that links back to
it), so no order of creation resolves every reference. The first pass (``place``) finds each page
by its slug under its parent, or has the page's factory add it as a draft with what can be said
already; the second (``publish``) writes the full content, now that every page it refers to
exists, and publishes a revision.

A field the content leaves out keeps whatever the factory gives a new page, so content states
the empty values that matter, such as an online event's venue.
"""

import contextlib
import datetime
import json
from dataclasses import dataclass

from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from taggit.managers import TaggableManager
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from resources.demo.refs import UnknownKey

WELCOME_PAGE_SLUG = "home"  # the page wagtailcore's migrations install under the root


@dataclass(frozen=True)
class PagePlan:
    key: str
    parent: str  # the key of the parent page
    model: type[Page]
    fields: dict  # the page's fields by name, references unresolved; the slug is one of them
    first_published_at: datetime.datetime | None = None


def assign(instance, fields):
    """Set ``fields`` on a page or setting the way an editor's form would."""
    for name, value in _model_values(type(instance), fields).items():
        if isinstance(instance._meta.get_field(name), TaggableManager):
            getattr(instance, name).set(list(value))
        else:
            setattr(instance, name, value)


class PageTree:
    def __init__(self, *, objects, user):
        self.objects = objects
        self.pages = objects["page"]
        self.user = user

    # Pass one

    def place(self, plan):
        """Register the page ``plan`` describes, adding it as a draft if it is new.
        Returns True when it was added."""
        parent = self.objects.get("page", plan.parent)
        page = parent.get_children().filter(slug=plan.fields["slug"]).first()
        created = page is None
        self.pages[plan.key] = self._add(plan, parent) if created else _checked(page.specific, plan)
        return created

    def place_home(self, plan):
        """The site's root: an existing home page, or a new one that replaces Wagtail's welcome
        page as the default site's root. Returns True when it was added."""
        page = plan.model.objects.first()
        created = page is None
        welcome = None
        if created:
            welcome = _free_welcome_slug()
            page = self._add(plan, Page.get_first_root_node())
        self.pages[plan.key] = page
        _make_default_site_root(page)
        if welcome is not None and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
        return created

    def _add(self, plan, parent):
        from tests import factories

        factory = getattr(factories, f"{plan.model.__name__}Factory")
        ready = {}
        for name, value in plan.fields.items():
            # A field naming a page placed later waits for the second pass.
            with contextlib.suppress(UnknownKey):
                ready[name] = self.objects.resolve(value)
        return factory(parent=parent, live=False, **_model_values(plan.model, ready))

    # Pass two

    def publish(self, plan):
        """Write the page's content and publish it, unless the live version already says
        exactly that. Returns True when a new revision was published."""
        page = self.pages[plan.key]
        assign(page, self.objects.resolve(plan.fields))
        if _is_live_as_planned(page, plan.fields):
            return False
        if plan.first_published_at:
            # Publishing keeps a first-publication date it finds, so items carry their own.
            page.first_published_at = plan.first_published_at
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        return True


def _model_values(model, fields):
    # Child relations (related links, featured pages, attached documents) come as one dict of
    # field values per row.
    values = {}
    for name, value in fields.items():
        field = model._meta.get_field(name)
        values[name] = [field.related_model(**row) for row in value] if field.one_to_many else value
    return values


def _checked(page, plan):
    if not isinstance(page, plan.model):
        raise CommandError(
            f"The page at {page.url_path} is a {page.specific_class._meta.verbose_name}, "
            f"but the demo needs a {plan.model._meta.verbose_name} there. Move or rename it, "
            "then run the command again."
        )
    return page


def _free_welcome_slug():
    """Move Wagtail's welcome page out of the home page's way; it is deleted once no site
    points at it. Returns it, or None if there is none."""
    welcome = Page.get_first_root_node().get_children().filter(slug=WELCOME_PAGE_SLUG).first()
    if welcome is None:
        return None
    if not _is_bare_welcome_page(welcome):
        raise CommandError(
            f"There is already a page at /{WELCOME_PAGE_SLUG}/ under the root that is not "
            "Wagtail's welcome page. Move or rename it, then run the command again."
        )
    welcome.slug = "wagtail-welcome-page"
    welcome.save()
    return welcome


def _make_default_site_root(page):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = page
    site.site_name = site.site_name or "SRPP Procura+ Interest Group"
    site.save()


def _is_bare_welcome_page(page):
    # A plain Page with nothing under it: what Wagtail installs, never an editor's content.
    return page.specific_class is Page and page.numchild == 0


def _is_live_as_planned(page, fields):
    # Compared as revisions store them, minus what differs on every save (block ids, child
    # keys), so that running the loader again adds no revision to a page it would not change.
    revision = page.live_revision
    if not page.live or page.has_unpublished_changes or revision is None:
        return False
    # Revisions keep their content as JSON: dates and times become strings.
    planned = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
    live = revision.content
    names = ["tagged_items" if name == "tags" else name for name in fields]
    return all(
        _comparable(page, name, planned.get(name)) == _comparable(page, name, live.get(name))
        for name in names
    )


def _comparable(page, name, value):
    field = page._meta.get_field(name)
    if isinstance(field, StreamField) and isinstance(value, str):
        return _without_ids(json.loads(value or "[]"))
    if name == "tagged_items" or field.many_to_many:
        return sorted(json.dumps(_without_ids(item), sort_keys=True) for item in value or [])
    if field.one_to_many:  # child relations keep their order
        return [_without_ids(item) for item in value or []]
    return value


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in {"id", "pk"}}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value
