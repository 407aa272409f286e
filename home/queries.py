"""How pages are read for visitors: which ones they may see, and as their own types, in few
queries.

Every public page lists other pages (cards, menus, feeds), so this runs on every request: a
query saved here is saved on every page of the site.
"""

from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.query import ModelIterable
from django.db.models.signals import post_delete, post_save
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move


class _Restrictions:
    """The pages that carry a view restriction, read at most once in a request."""

    def __init__(self):
        self.pages = None

    def restricted_pages(self):
        if self.pages is None:
            self.pages = _read_restricted_pages()
        return self.pages


def _read_restricted_pages():
    pages = Page.objects.order_by().filter(view_restrictions__isnull=False).only("path", "depth")
    return list({page.pk: page for page in pages}.values())


# Set for the length of each request (home/apps.py). Wagtail reads every restriction each time
# a list of pages is filtered to the public ones, several times on one page; within a request
# the answer does not change, unless an editor changes a restriction or moves a page, which
# forgets it.
_request_restrictions = ContextVar("page_view_restrictions", default=None)


def _begin_request(**kwargs):
    _request_restrictions.set(_Restrictions())


def _end_request(**kwargs):
    _request_restrictions.set(None)


def _restrictions_changed(**kwargs):
    scope = _request_restrictions.get()
    if scope is not None:
        scope.pages = None


def connect():
    request_started.connect(_begin_request, dispatch_uid="home.queries.begin_request")
    request_finished.connect(_end_request, dispatch_uid="home.queries.end_request")
    post_save.connect(
        _restrictions_changed, sender=PageViewRestriction, dispatch_uid="home.queries.saved"
    )
    post_delete.connect(
        _restrictions_changed, sender=PageViewRestriction, dispatch_uid="home.queries.deleted"
    )
    post_page_move.connect(_restrictions_changed, dispatch_uid="home.queries.moved")


def restricted_pages():
    """The pages that carry a view restriction (each makes its part of the tree private)."""
    scope = _request_restrictions.get()
    if scope is None:
        return _read_restricted_pages()
    return scope.restricted_pages()


def note_restricted_pages(pages):
    """The restricted pages, read by a query that had other business (home/routing.py)."""
    scope = _request_restrictions.get()
    if scope is not None and scope.pages is None:
        scope.pages = list(pages)


def restrictions_on(page):
    """The restrictions on ``page`` or above it, as Wagtail's ``get_view_restrictions`` finds
    them for a page with no alias on its way (an alias takes its source's restrictions)."""
    above = [other.pk for other in restricted_pages() if page.path.startswith(other.path)]
    if not above:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(page__in=above)


def is_public(page):
    """Whether any visitor may see ``page``, read from the page and the restrictions alone."""
    return page.live and not any(page.path.startswith(other.path) for other in restricted_pages())


class SpecificJoinedIterable(ModelIterable):
    """Yields each page as its specific type, read from the rows joined in the same query."""

    def __iter__(self):
        joins = self.queryset._specific_joins
        annotations = list(self.queryset.query.annotations)
        for page in super().__iter__():
            yield _as_specific(page, joins, annotations)


def _as_specific(page, joins, annotations):
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    try:
        specific = getattr(page, joins[model])
    except (KeyError, ObjectDoesNotExist):
        # A type the query did not join: read on its own, as Wagtail would.
        specific = page.specific
    for name in annotations:
        setattr(specific, name, getattr(page, name))
    return specific


class SitePageQuerySet(PageQuerySet):
    def private_q(self):
        # Wagtail's condition (public(), not_public() and private() build on it), from the
        # restrictions read once for the request rather than on every call.
        q = Q()
        for page in restricted_pages():
            q |= self.descendant_of_q(page, inclusive=True)
        return q if q else Q(pk__in=[])

    def visible(self):
        """The pages any visitor may see."""
        return self.live().public()

    def for_cards(self):
        """What a card shows of each page of one type: its listing image comes in the same
        query, its stream fields stay behind. (The cards of a list read their images'
        renditions in one cache request: home/templatetags/card_tags.py.)"""
        return self.select_related("listing_image").defer_streamfields()

    def specific_joined(self, *models):
        """The pages as their specific types, in this one query, for cards.

        Wagtail's ``specific()`` adds a query for each page type in the results. Here the
        tables of the types a list expects (``models``) are joined instead, with their listing
        images and without their stream fields; a page of another type (or of a type that
        extends another page type rather than Page itself) is still read, on its own.
        """
        joins = {
            model: model._meta.get_ancestor_link(Page).remote_field.get_accessor_name()
            for model in models
            if model is not None and model is not Page and Page in model._meta.parents
        }
        related = [
            *joins.values(),
            *(
                f"{name}__listing_image"
                for model, name in joins.items()
                if any(field.name == "listing_image" for field in model._meta.fields)
            ),
        ]
        streams = [
            f"{name}__{field.name}"
            for model, name in joins.items()
            for field in model._meta.local_fields
            if isinstance(field, StreamField)
        ]
        clone = self.select_related(*related).defer(*streams)
        clone._iterable_class = SpecificJoinedIterable
        clone._specific_joins = joins
        return clone

    def _clone(self):
        clone = super()._clone()
        if hasattr(self, "_specific_joins"):
            clone._specific_joins = self._specific_joins
        return clone


def read_card_images_ahead(pages):
    """Looks up the card rendition of each page's listing image in one request to the cache
    (see ``read_renditions_ahead``), for a list of cards about to be drawn."""
    from home.models.media import read_renditions_ahead

    by_filter = {}
    for page in pages:
        image = getattr(page, "listing_image", None)
        if image is not None:
            by_filter.setdefault(page.card_image_filter, []).append(image)
    for spec, images in by_filter.items():
        read_renditions_ahead(images, spec)


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def site_pages():
    """Every page of the tree, read with the site's queryset."""
    return SitePageQuerySet(Page).order_by("path")


def visible_pages(ids, *, types):
    """The pages with these ids that any visitor may see, specific, in the order given.

    Editors choose pages once; a page unpublished or made private since then drops out
    here instead of leaking its title onto a public page. ``types``: the page types the pages
    are expected to be, read in the same query (see ``specific_joined``).
    """
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return []
    pages = site_pages().visible().filter(pk__in=ids).specific_joined(*types)
    visible = {page.pk: page for page in pages}
    return [visible[pk] for pk in ids if pk in visible]
