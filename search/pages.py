"""Wagtail pages as a search source: what any page model needs, for apps to configure.

A page is in the public search when it is live and neither it nor an ancestor has a view
restriction (password, login or groups). Restricted pages stay out of the index entirely
until an audience exists that may see them.
"""

import datetime
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail.models import Page

from search.registry import PUBLIC, ContentSource, SearchDocument, SearchResult, summarise

WHITESPACE = re.compile(r"\s+")


class PageSource(ContentSource):
    """A page model in the site search.

    ``text_fields`` are read into the body text in order (StreamField and rich text are
    reduced to plain text); ``tags`` names related managers whose items' names are indexed as
    tags; ``date`` names an attribute giving the date shown with a result.
    """

    def __init__(
        self,
        model,
        *,
        label,
        introduction="introduction",
        text_fields=("body",),
        tags=(),
        date=None,
        key=None,
    ):
        super().__init__(model, label=label, key=key)
        self.introduction_field = introduction
        self.text_fields = tuple(text_fields)
        self.tag_fields = tuple(tags)
        self.date_attribute = date

    @property
    def search_model(self):
        # Every page source is searched in one query over Page, not one query per model.
        return Page

    def get_indexable_objects(self):
        return self.model.objects.live().public().prefetch_related(*self.tag_fields)

    def is_indexable(self, page):
        return page.live and not page.get_view_restrictions().exists()

    def audiences(self, page):
        return (PUBLIC,)

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
        )

    def result_for(self, page):
        # Results need neither tags nor, when there is an introduction, the body.
        url = page.get_url()
        if not url:
            return None
        introduction = self.introduction(page)
        return SearchResult(
            kind=self.label,
            title=page.title,
            url=url,
            date=self.date(page),
            summary=summarise(introduction or self.body_text(page)),
        )

    def visible_q(self, audiences):
        if PUBLIC not in audiences:
            return None
        pages = Page.objects.all()
        return pages.live_q() & pages.exact_type_q(self.model) & ~pages.private_q()

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
    return WHITESPACE.sub(" ", text).strip()


def listing_url(model):
    """For a browse link: the address of the first live, public page of ``model``, if any."""

    def url(request):
        page = model.objects.live().public().first()
        return page.get_url(request) if page else None

    return url
