"""Listing filters. Choices come from what is actually listed, so no filter leads nowhere;
a value that is not among them gets a message and the unfiltered list."""

from urllib.parse import urlencode

from django import forms
from django.db import models
from django.db.models.functions import Cast, ExtractYear
from taggit.models import Tag


def _rows(filter_name, rows, value, label):
    """(filter, value, label) rows for one filter, to be read together with the others."""
    text = models.CharField()
    return (
        rows.order_by()
        .annotate(
            filter=models.Value(filter_name, output_field=text),
            choice=Cast(value, text),
            choice_label=Cast(label, text),
        )
        .values_list("filter", "choice", "choice_label")
    )


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

    def __init__(self, data=None, *, items, choices=None):
        """``choices``: what ``read_choices(items)`` gave before, if it was kept; else read."""
        super().__init__(data)
        self.choices = self.read_choices(items) if choices is None else choices
        self.set_choices(self.choices)

    def read_choices(self, items):
        """{filter: [(value, label)]}: every filter's choices in one query, a union of
        (filter, value, label) rows."""
        first, *others = self.choice_rows(items)
        choices = {}
        for name, value, label in first.union(*others).order_by("choice_label"):
            choices.setdefault(name, []).append((value, label))
        return choices

    def choice_rows(self, items):
        through = items.model.tags.through
        tags = Tag.objects.filter(
            pk__in=through.objects.filter(content_object__in=items).values("tag_id")
        )
        # The year as the year filter reads it: a date-time's in the site's time zone, or an
        # event late on 31 December would be offered under a year that then finds nothing.
        year = ExtractYear(self.date_field)
        return [
            _rows("tag", tags, "slug", "name"),
            _rows("year", items.annotate(year=year), "year", "year"),
        ]

    def set_choices(self, choices):
        self.fields["tag"].choices = [("", "All tags"), *choices.get("tag", [])]
        years = sorted({int(value) for value, _ in choices.get("year", [])}, reverse=True)
        self.fields["year"].choices = [("", "All years")] + [(str(y), str(y)) for y in years]

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

    def fragment_key(self):
        """What the form as drawn varies with, for keeping it (``{% kept %}``): the values given
        for its filters, in a fixed order. None when a value cannot be used: the form is then
        drawn every time, so that no one fills the cache by asking for nonsense."""
        if not self.is_bound:
            return ""
        if not self.is_valid():
            return None
        pairs = [(k, v) for k, v in self.data.items() if k in self.fields and v]
        return urlencode(sorted(pairs))

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

    def __init__(self, data=None, *, items, choices=None):
        # Kinds and topics are read off the listed model, which imports this module.
        self.kind_choices = items.model._meta.get_field("kind").choices
        super().__init__(data, items=items, choices=choices)

    def choice_rows(self, items):
        topic_model = items.model._meta.get_field("topics").related_model
        topics = topic_model.objects.filter(resource_pages__in=items)
        return [
            *super().choice_rows(items),
            _rows("kind", items, "kind", "kind"),
            _rows("topic", topics, "slug", "name"),
        ]

    def set_choices(self, choices):
        super().set_choices(choices)
        kinds = {value for value, _ in choices.get("kind", [])}
        self.fields["kind"].choices = [("", "All kinds")] + [
            (value, label) for value, label in self.kind_choices if value in kinds
        ]
        self.fields["topic"].choices = [("", "All topics"), *choices.get("topic", [])]

    def filter_extra(self, items, data):
        if data.get("kind"):
            items = items.filter(kind=data["kind"])
        if data.get("topic"):
            items = items.filter(topics__slug=data["topic"])
        return items
