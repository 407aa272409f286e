"""Keeping the index current as people work.

Pages enter, change and leave the search when they are published, unpublished, moved, renamed
(a new address for the whole subtree) or put behind a view restriction (the whole subtree), and
when they are deleted; other content when it is saved or deleted, and when something its
entry shows changes (``ContentSource.refresh_on``). Drafts never reach the index: entries are
written from the database, which holds the live version.

The database's entries are written at once, inside the change's own transaction, and again
once it commits: by then everything saved after the object itself (its tags, its documents) is
there too. The external engine hears of the change only after the commit.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import index
from search.engines import get_engine
from search.registry import registry

logger = logging.getLogger(__name__)

SUBTREE_CHUNK_SIZE = 500


def connect():
    page_published.connect(page_changed, dispatch_uid="site_search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="site_search.page_unpublished")
    post_page_move.connect(subtree_changed, dispatch_uid="site_search.post_page_move")
    page_slug_changed.connect(subtree_changed, dispatch_uid="site_search.page_slug_changed")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"site_search.restriction_{name}",
        )
    watched = set()
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
        watched.update(model for model in source.refresh_on if not issubclass(model, Page))
    for model in watched:
        label = model._meta.label_lower
        post_save.connect(
            related_changed, sender=model, dispatch_uid=f"site_search.related_saved.{label}"
        )
        post_delete.connect(
            related_changed, sender=model, dispatch_uid=f"site_search.related_deleted.{label}"
        )


def page_changed(sender, instance, **kwargs):
    sync_pages([instance.pk])


def subtree_changed(sender, instance, **kwargs):
    sync_subtree(instance.pk)


def restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync_subtree(instance.page_id)


def object_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return  # Loading fixtures: a rebuild follows.
    source = registry.source_for_model(sender)
    changed(source, [instance.pk])
    refresh_dependents(instance)


def object_deleted(sender, instance, **kwargs):
    source = registry.source_for_model(sender)
    pk = instance.pk
    safely(lambda: index.remove(source, [pk]))
    after_commit(lambda engine: index.push(engine, source.key, [pk]))
    refresh_dependents(instance)


def related_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_dependents(instance)


def refresh_dependents(obj):
    for source, objects in registry.dependents(obj):
        changed(source, [item.pk for item in objects])


def changed(source, pks):
    """Write these objects' entries now and again after the commit, then tell the engine."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return

    def write():
        index.write(source, source.model._default_manager.filter(pk__in=pks))

    safely(write)

    def after(engine):
        write()
        if engine is not None:
            index.push(engine, source.key, pks)

    after_commit(after, always=True)


def sync_pages(page_ids):
    pages = Page.objects.filter(pk__in=page_ids).specific()
    by_source = {}
    for page in pages:
        source = registry.source_for(page)
        if source is not None:
            by_source.setdefault(source, []).append(page.pk)
        for dependent_source, objects in registry.dependents(page):
            changed(dependent_source, [item.pk for item in objects])
    for source, pks in by_source.items():
        changed(source, pks)


def sync_subtree(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return  # Deleted with its subtree; the deletions removed the entries.
    ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    for start in range(0, len(ids), SUBTREE_CHUNK_SIZE):
        sync_pages(ids[start : start + SUBTREE_CHUNK_SIZE])


def after_commit(work, *, always=False):
    """Run ``work(engine)`` once the change is committed, so it reads what was saved.

    ``engine`` is the external engine, or ``None`` when searches are answered by the database
    alone (then only work that says ``always`` runs).
    """
    engine = get_engine()
    if not engine.tracks_changes:
        if not always:
            return
        engine = None
    transaction.on_commit(lambda: safely(lambda: work(engine)))


def safely(work):
    try:
        # In a savepoint: a failed index write must not break the change's own transaction.
        with transaction.atomic():
            work()
    except Exception:
        # A search index that is behind must never turn an editor's publish or a member's post
        # into an error page: the change is already saved, a rebuild brings the index back,
        # and the log says what went wrong.
        logger.exception("Could not bring the search index up to date")
