"""Writing the demo's page tree in two passes.

Pages point at each other both ways (the 2018 event links to the news story that links back to
it), so no order of creation resolves every reference. The first pass (``place``) finds each page
by its slug under its parent, or adds it as a draft; the second (``publish``) writes the full
content, now that every page it refers to exists, and publishes a revision.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from resources.demo.specs import Doc, Ref

PAGE_LINK = re.compile(r'<a page="([\w-]+)">(.*?)</a>', re.DOTALL)
WELCOME_PAGE_SLUG = "home"  # the page wagtailcore's migrations install under the root


@dataclass
class PagePlan:
    key: str
    parent: str  # the key of the parent page
    model: type[Page]
    slug: str
    fields: dict  # values may hold Ref and Doc, and rich text with <a page="key">
    children: dict = field(default_factory=dict)  # relation -> (child model, field, refs)
    tags: tuple[str, ...] | None = None
    first_published_at: datetime.datetime | None = None


class PageTree:
    def __init__(self, *, user, documents):
        self.user = user
        self.documents = documents
        self.pages = {}

    # Pass one

    def place(self, plan):
        """Register the page ``plan`` describes, adding it as a draft if it is new.
        Returns True when it was added."""
        parent = self.page(plan.parent)
        page = parent.get_children().filter(slug=plan.slug).first()
        if page is not None:
            self.pages[plan.key] = self._checked(page.specific, plan)
            return False
        page = plan.model(slug=plan.slug, live=False)
        self._assign(page, plan, strict=False)
        parent.add_child(instance=page)
        self.pages[plan.key] = page
        return True

    def place_home(self, plan):
        """The site's root: an existing home page, or a new one that replaces Wagtail's welcome
        page as the default site's root. Returns True when it was added."""
        page = plan.model.objects.first()
        created = page is None
        welcome = None
        if created:
            welcome = _free_welcome_slug()
            page = plan.model(slug=plan.slug, live=False)
            self._assign(page, plan, strict=False)
            Page.get_first_root_node().add_child(instance=page)
        self.pages[plan.key] = page
        _make_default_site_root(page)
        if welcome is not None and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
        return created

    # Pass two

    def publish(self, plan):
        """Write the page's content and publish it, unless the live version already says
        exactly that. Returns True when a new revision was published."""
        page = self.page(plan.key)
        self._assign(page, plan, strict=True)
        for relation, (model, name, refs) in plan.children.items():
            setattr(page, relation, [model(**{name: self.resolve(ref)}) for ref in refs])
        if plan.tags is not None:
            page.tags.set(list(plan.tags))
        if _is_live_as_planned(page, plan):
            return False
        if plan.first_published_at:
            # Publishing keeps a first-publication date it finds, so items carry their own.
            page.first_published_at = plan.first_published_at
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        return True

    # Resolving references

    def page(self, key, strict=True):
        try:
            return self.pages[key]
        except KeyError:
            if strict:
                raise CommandError(f"The demo content refers to an unknown page “{key}”.") from None
            return None

    def resolve(self, value, strict=True):
        if isinstance(value, Ref):
            return self.page(value.key, strict)
        if isinstance(value, Doc):
            try:
                return self.documents[value.key]
            except KeyError:
                raise CommandError(
                    f"The demo content refers to an unknown document “{value.key}”."
                ) from None
        if isinstance(value, str):
            return PAGE_LINK.sub(lambda match: self._link(match, strict), value)
        if isinstance(value, dict):
            return {name: self.resolve(item, strict) for name, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.resolve(item, strict) for item in value)
        return value

    def _link(self, match, strict):
        key, text = match.groups()
        page = self.page(key, strict)
        if page is None:
            return text  # the first pass writes the words; the second adds the link
        return f'<a linktype="page" id="{page.pk}">{text}</a>'

    # Shared by both passes

    def _assign(self, page, plan, *, strict):
        for name, value in self.resolve(plan.fields, strict).items():
            setattr(page, name, value)

    @staticmethod
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


def _is_live_as_planned(page, plan):
    # Compared as revisions store them, minus what differs on every save (block ids, child
    # keys), so that running the loader again adds no revision to a page it would not change.
    revision = page.live_revision
    if not page.live or page.has_unpublished_changes or revision is None:
        return False
    names = [*plan.fields, *plan.children]
    if plan.tags is not None:
        names.append("tagged_items")
    # Revisions keep their content as JSON: dates and times become strings.
    planned = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
    live = revision.content
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
