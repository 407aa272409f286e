"""The site search's own tables.

``SearchEntry`` is the database engine's index and the source every other engine is filled
from: one row per item someone may find, written by ``search.index`` whenever the item
changes. The database stays the source of truth; the rows can always be rebuilt from it.
"""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index as wagtail_index


class SearchEntry(models.Model):
    """One findable item, as every engine indexes it.

    The ``*_stems`` columns hold the text's stems (see ``search.analysis``); the database
    engine's full-text index is built over them by the migrations (an FTS5 table on SQLite, a
    generated tsvector column on PostgreSQL), which is why they are not ordinary search fields.
    ``audiences`` holds the names of who may see the item as tokens; every search is
    filtered on them.
    """

    source = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=100)
    title = models.TextField()
    url = models.CharField(max_length=2000)
    date = models.DateField(null=True, blank=True)
    introduction = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True, help_text="One tag per line.")
    audiences = models.TextField()
    title_stems = models.TextField(blank=True)
    extra_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_entry_unique")
        ]
        indexes = [models.Index(fields=["date"], name="search_entry_date")]
        verbose_name_plural = "search entries"

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @property
    def tag_list(self):
        return [tag for tag in self.tags.split("\n") if tag]


class SearchFacet(models.Model):
    """One facet value of an entry (kind, topic, country, year…): what facets count."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="search_facet_value")]

    def __str__(self):
        return f"{self.name}={self.value}"


class SearchWord(models.Model):
    """A word that occurs in the index: where spelling suggestions come from.

    Words are added as items are indexed and only cleared by a rebuild; a suggestion is only
    ever offered after a search for it has found something the asker may see, so a word from
    content they may not see (or content since deleted) is never shown to them.
    """

    word = models.CharField(max_length=40, unique=True)
    initial = models.CharField(max_length=1, db_index=True)

    def __str__(self):
        return self.word


class SearchBacklog(models.Model):
    """A change the external engine (Elasticsearch) missed while it was unreachable.

    ``manage.py search_index --catch-up`` replays these from ``SearchEntry``; so does the next
    successful update.
    """

    source = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_backlog_unique")
        ]

    def __str__(self):
        return f"{self.source}:{self.object_id}"


class Synonym(wagtail_index.Indexed, models.Model):
    """Words that mean the same on this site, maintained by editors."""

    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text=(
            "Words or phrases that mean the same here, separated by commas, e.g. "
            "'smartphone, mobile phone, mobile device'. A search for any of them finds all."
        ),
    )

    panels = [FieldPanel("terms")]

    search_fields = [wagtail_index.SearchField("terms"), wagtail_index.AutocompleteField("terms")]

    class Meta:
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def term_list(self):
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        from django.core.exceptions import ValidationError

        from search.analysis import words

        terms = [" ".join(words(term)) for term in self.term_list]
        terms = [term for term in terms if term]
        if len(set(terms)) < 2:
            raise ValidationError(
                {"terms": "Give at least two different words or phrases, separated by commas."}
            )
        self.terms = ", ".join(dict.fromkeys(terms))


class QueryDay(models.Model):
    """How often a query was searched on a day, and how often it found nothing.

    Only the query's words are kept: never who searched, from where, or what they opened.
    """

    query = models.CharField(max_length=200)
    day = models.DateField(default=timezone.localdate)
    searches = models.PositiveIntegerField(default=0)
    without_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="query_day_unique")]
        indexes = [models.Index(fields=["day"], name="query_day_day")]

    def __str__(self):
        return f"{self.query} ({self.day})"
