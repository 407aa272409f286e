"""Keeping an engine's copy of the content current as editors work.

Only engines with a copy of their own need this (``tracks_changes``); the database engine
reads Wagtail's index, which Wagtail keeps current itself, and checks visibility as it searches.

Pages enter, change and leave the search when they are published, unpublished, moved, renamed
(a new address for the whole subtree) or put behind a view restriction (the whole subtree), and
when they are deleted. Drafts never reach the index: it is refreshed from the database, which
holds the live version.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search.engines import get_engine
from search.registry import registry

logger = logging.getLogger(__name__)

SUBTREE_CHUNK_SIZE = 500


def connect():
    page_published.connect(page_changed, dispatch_uid="site_search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="site_search.page_unpublished")
    post_page_move.connect(subtree_changed, dispatch_uid="site_search.post_page_move")
    page_slug_changed.connect(subtree_changed, dispatch_uid="site_search.page_slug_changed")
    post_save.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="site_search.restriction_saved",
    )
    post_delete.connect(
        restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="site_search.restriction_deleted",
    )
    for source in registry.sources():
        # One receiver per model rather than one for all: a receiver for every model would stop
        # Django from bulk-deleting anything without loading it first.
        post_delete.connect(
            object_deleted, sender=source.model, dispatch_uid=f"site_search.delete.{source.key}"
        )
        if not issubclass(source.model, Page):
            # Other content is visible as soon as it is saved; pages only once published.
            post_save.connect(
                object_saved, sender=source.model, dispatch_uid=f"site_search.save.{source.key}"
            )


def page_changed(sender, instance, **kwargs):
    after_commit(lambda engine: sync_pages([instance.pk], engine))


def subtree_changed(sender, instance, **kwargs):
    after_commit(lambda engine: sync_subtree(instance.pk, engine))


def restriction_changed(sender, instance, **kwargs):
    page_id = instance.page_id
    after_commit(lambda engine: sync_subtree(page_id, engine))


def object_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return  # Loading fixtures: a rebuild follows.
    source = registry.source_for_model(sender)
    pk = instance.pk
    after_commit(lambda engine: engine.update(source, source.model._default_manager.filter(pk=pk)))


def object_deleted(sender, instance, **kwargs):
    source = registry.source_for_model(sender)
    pk = instance.pk
    after_commit(lambda engine: engine.remove(source, [pk]))


def after_commit(work):
    """Run ``work(engine)`` once the change is committed, so it reads what was saved."""
    engine = get_engine()
    if not engine.tracks_changes:
        return
    transaction.on_commit(lambda: run_safely(work, engine))


def run_safely(work, engine):
    try:
        work(engine)
    except Exception:
        # A search index that is down or behind must never turn an editor's publish into an
        # error page: the change is already saved, the index catches up at the next change or
        # rebuild, and the log says what went wrong.
        logger.exception("Could not bring the search index up to date")


def sync_pages(page_ids, engine):
    pages = Page.objects.filter(pk__in=page_ids).specific()
    by_source = {}
    for page in pages:
        source = registry.source_for(page)
        if source is not None:
            by_source.setdefault(source, []).append(page)
    for source, source_pages in by_source.items():
        engine.update(source, source_pages)


def sync_subtree(page_id, engine):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return  # Deleted with its subtree; the deletions removed the entries.
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    for start in range(0, len(ids), SUBTREE_CHUNK_SIZE):
        sync_pages(ids[start : start + SUBTREE_CHUNK_SIZE], engine)
