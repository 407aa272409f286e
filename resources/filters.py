"""Listing filters. Choices come from what is actually listed, so no filter leads nowhere;
a value that is not among them gets a message and the unfiltered list."""

from urllib.parse import urlencode

from django import forms
from django.db import models
from taggit.models import Tag


def _years(items, field_name):
    """The distinct years of ``items``, newest first, read as the year filter reads them.

    The database reads a date-time's year in the site's time zone; reading it here in UTC
    would offer an event late on 31 December under a year that then finds nothing.
    """
    field = items.model._meta.get_field(field_name)
    if isinstance(field, models.DateTimeField):
        values = items.datetimes(field_name, "year", order="DESC")
    else:
        values = items.dates(field_name, "year", order="DESC")
    return [value.year for value in values]


class ListingFilterForm(forms.Form):
    date_field = None  # set by subclasses; the year filter reads it
    filter_fields = ("tag", "year")

    tag = forms.ChoiceField(
        required=False,
        label="Tag",
        error_messages={"invalid_choice": "There is nothing tagged “%(value)s” here."},
    )
    year = forms.TypedChoiceField(
        required=False,
        label="Year",
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "There is nothing from %(value)s here."},
    )

    def __init__(self, data=None, *, items):
        super().__init__(data)
        model = items.model
        through = model.tags.through
        tags = Tag.objects.filter(
            pk__in=through.objects.filter(content_object__in=items).values("tag_id")
        ).order_by("name")
        self.fields["tag"].choices = [("", "All tags")] + [(t.slug, t.name) for t in tags]
        self.fields["year"].choices = [("", "All years")] + [
            (str(y), str(y)) for y in _years(items, self.date_field)
        ]

    def has_active_filters(self):
        return any(self.cleaned_data.get(name) for name in self.filter_fields)

    def filter(self, items):
        if not self.is_bound or not self.is_valid():
            return items
        data = self.cleaned_data
        if data.get("tag"):
            items = items.filter(tags__slug=data["tag"])
        if data.get("year"):
            items = items.filter(**{f"{self.date_field}__year": data["year"]})
        return self.filter_extra(items, data).distinct()

    def filter_extra(self, items, data):
        return items

    def query_string_without_page(self):
        """The active filters as a query string, for pagination links that keep them."""
        if not self.is_bound:
            return ""
        pairs = [(k, v) for k, v in self.data.items() if k != "page" and k in self.fields and v]
        return urlencode(pairs)


class NewsFilterForm(ListingFilterForm):
    date_field = "date"


class EventFilterForm(ListingFilterForm):
    date_field = "start"


class ResourceFilterForm(ListingFilterForm):
    date_field = "publication_date"
    filter_fields = ("kind", "topic", "tag", "year")

    kind = forms.ChoiceField(
        required=False,
        label="Kind",
        error_messages={"invalid_choice": "“%(value)s” is not a kind of resource listed here."},
    )
    topic = forms.ChoiceField(
        required=False,
        label="Topic",
        error_messages={"invalid_choice": "There is no topic “%(value)s” here."},
    )
    field_order = ["kind", "topic", "tag", "year"]

    def __init__(self, data=None, *, items):
        super().__init__(data, items=items)
        # Kinds and topics are read off the listed model, which imports this module.
        model = items.model
        kinds = set(items.values_list("kind", flat=True))
        self.fields["kind"].choices = [("", "All kinds")] + [
            (value, label)
            for value, label in model._meta.get_field("kind").choices
            if value in kinds
        ]
        topic_model = model._meta.get_field("topics").related_model
        topics = topic_model.objects.filter(resource_pages__in=items).distinct()
        self.fields["topic"].choices = [("", "All topics")] + [(t.slug, t.name) for t in topics]

    def filter_extra(self, items, data):
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        if data.get("topic"):
            items = items.filter(topics__slug=data["topic"])
        return items
