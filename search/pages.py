"""Wagtail pages as a search source, declared by the page models themselves.

What a page is searched by is its model's ``search_fields``, Wagtail's own declaration: the
title is the title, the introduction field the introduction, every other ``SearchField`` is
body text, and ``RelatedFields`` of named things (tags, topics) are tags. The site search, the
Wagtail admin's search and both engines all read that one list.

Who may see a page is ``page_audiences``, read by every engine: a live page without view
restrictions is public; a page behind a login restriction is for anyone logged in, behind a
groups restriction for those groups; a password, a draft or no address keeps it out.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from search.registry import PUBLIC, ContentSource, SearchDocument, register_audience_provider

LOGIN_AUDIENCE = "login"
SUPERUSER_AUDIENCE = "superuser"


def group_audience(group_id):
    return f"group{group_id}"


@register_audience_provider
def page_restriction_audiences(user):
    """Logged-in users see login-restricted pages; members of a group, its pages."""
    if not user.is_authenticated:
        return set()
    audiences = {LOGIN_AUDIENCE}
    if user.is_superuser:
        audiences.add(SUPERUSER_AUDIENCE)
    audiences.update(group_audience(pk) for pk in user.groups.values_list("pk", flat=True))
    return audiences


def restriction_audiences(restrictions):
    """Who passes every one of these view restrictions (a page's, or a collection's)."""
    audiences = {PUBLIC}
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            # Whoever knows the password may read it, but nobody is known to: never found.
            return ()
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            if PUBLIC in audiences:
                audiences = {LOGIN_AUDIENCE}
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            groups = {group_audience(pk) for pk in restriction.groups.values_list("pk", flat=True)}
            if PUBLIC in audiences or LOGIN_AUDIENCE in audiences:
                audiences = groups
            else:
                audiences &= groups
            # Wagtail lets superusers through every groups restriction.
            audiences.add(SUPERUSER_AUDIENCE)
    return tuple(sorted(audiences))


def page_audiences(page):
    if not page.live:
        return ()
    return restriction_audiences(page.get_view_restrictions())


class PageSource(ContentSource):
    """A page model in the site search.

    ``introduction`` names the field shown under a result; ``date`` an attribute giving the
    date shown with it; ``facets`` maps a facet name to a function of the page giving its
    values (the names of related topics, say).
    """

    def __init__(
        self,
        model,
        *,
        label,
        introduction="introduction",
        date=None,
        facets=None,
        key=None,
        refresh_on=None,
    ):
        super().__init__(model, label=label, key=key, refresh_on=refresh_on)
        self.introduction_field = introduction
        self.date_attribute = date
        self.facet_values = dict(facets or {})
        self.text_fields, self.tag_fields = declared_fields(model, introduction)

    def get_indexable_objects(self):
        return self.model.objects.live().prefetch_related(*self.tag_fields)

    def audiences(self, page):
        return page_audiences(page)

    def to_document(self, page):
        url = page.get_url()
        if not url:
            # A page outside every site has no address to link to.
            return None
        return SearchDocument(
            object_id=str(page.pk),
            title=page.title,
            url=url,
            introduction=self.introduction(page),
            body=self.body_text(page),
            tags=tuple(str(item) for name in self.tag_fields for item in getattr(page, name).all()),
            date=self.date(page),
            facets=tuple(
                (name, str(value))
                for name, values in self.facet_values.items()
                for value in values(page)
            ),
        )

    def introduction(self, page):
        return clean_text(getattr(page, self.introduction_field, "") or "")

    def body_text(self, page):
        return clean_text(" ".join(searchable_text(page, name) for name in self.text_fields))

    def date(self, page):
        if not self.date_attribute:
            return None
        value = getattr(page, self.date_attribute, None)
        if isinstance(value, datetime.datetime):
            return timezone.localdate(value)
        return value


def declared_fields(model, introduction_field):
    """The body text fields and the tag relations a model's ``search_fields`` declare."""
    text_fields, tag_fields = [], []
    for search_field in model.get_search_fields():
        if isinstance(search_field, index.SearchField):
            name = search_field.field_name
            if name not in ("title", introduction_field) and name not in text_fields:
                text_fields.append(name)
        elif isinstance(search_field, index.RelatedFields):
            related = [f.field_name for f in search_field.fields]
            if "name" in related and search_field.field_name not in tag_fields:
                tag_fields.append(search_field.field_name)
    return tuple(text_fields), tuple(tag_fields)


def searchable_text(instance, field_name):
    """A field's text as a search engine should read it: words only, no markup."""
    value = getattr(instance, field_name, None)
    if value is None:
        return ""
    try:
        field = instance._meta.get_field(field_name)
    except FieldDoesNotExist:
        return str(value)
    # StreamField and RichTextField know how to reduce their value to plain text; their
    # blocks decide what is worth searching (a paragraph's words, not an embed's address).
    if hasattr(field, "get_searchable_content"):
        return " ".join(str(part) for part in field.get_searchable_content(value) if part)
    return str(value)


def clean_text(text):
    """``text`` with every run of white space made one space (``split`` does it several times
    faster than a regular expression, for documents of many pages)."""
    return " ".join(text.split())


def listing_url(model):
    """For a browse link: the address of the first live, public page of ``model``, if any."""

    def url(request):
        page = model.objects.live().public().first()
        return page.get_url(request) if page else None

    return url


__all__ = ["LOGIN_AUDIENCE", "Page", "PageSource", "page_audiences", "restriction_audiences"]
