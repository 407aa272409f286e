"""Serving a page with as few queries as the page tree allows."""

from django.db.models import F, Q
from django.http import Http404
from wagtail.models import Page

from home.queries import note_restricted_pages, restrictions_on


class PathRoutingMixin:
    """Routes a request down the tree with one query for the whole path.

    Wagtail routes one level at a time, reading the child by its slug and then the child's own
    table, and the privacy check before serving reads the page's ancestors and then their
    restrictions: eight queries for a page three levels down. Here the first page to route reads
    every page the rest of the path can name at once and hands them down; the page that is
    served is read as its own type, and its restrictions come from the ones read for the
    request. Each page still routes itself (a routable page's own addresses win over its
    children, as before), and a page reached any other way (a preview, the admin) checks its
    restrictions as Wagtail does.
    """

    def route(self, request, path_components):
        path = getattr(self, "_path_read", None)
        if path is None:
            path = self._path_read = _PathRead(self, path_components)
            # Wagtail takes an alias's restrictions from the page it copies: with an alias on
            # the way, Wagtail's own check decides.
            self._no_alias_on_path = not self.alias_of_id
        if not path_components:
            return super().route(request, path_components)
        child = path.pages.get((self.path, path_components[0]))
        if child is None:
            raise Http404
        child = _served(child) if child.pk == path.deepest else child.specific_deferred
        child._path_read = path
        child._cached_parent_obj = self  # what get_parent() returns, as Wagtail's route sets
        child._no_alias_on_path = self._no_alias_on_path and not child.alias_of_id
        return child.route(request, path_components[1:])

    def get_view_restrictions(self):
        if getattr(self, "_no_alias_on_path", False):
            return restrictions_on(self)
        return super().get_view_restrictions()


class _PathRead:
    """The pages the rest of a requested path may name, read in one query from ``top`` down.

    ``pages``: {(parent's path, slug): page}; ``deepest``: the id of the deepest page the path
    leads to, the one most likely served, which alone is read as its own type in full; the
    pages above it come as their types with only the fields every page has (the others are
    read if asked for).
    """

    def __init__(self, top, path_components):
        # One row per page the components may name, and one per page that carries a view
        # restriction (every page served needs those), joined to its restriction: no subquery.
        found = list(
            Page.objects.order_by()
            .filter(
                Q(
                    slug__in=path_components,
                    depth__gt=top.depth,
                    depth__lte=top.depth + len(path_components),
                    path__startswith=top.path,
                )
                | Q(view_restrictions__isnull=False)
            )
            .annotate(restriction=F("view_restrictions__id"))
        )
        note_restricted_pages({page.pk: page for page in found if page.restriction}.values())
        step = Page.steplen
        self.pages = {
            (page.path[:-step], page.slug): page
            for page in found
            if page.path.startswith(top.path) and len(page.path) > len(top.path)
        }
        self.deepest, parent_path = None, top.path
        for slug in path_components:
            page = self.pages.get((parent_path, slug))
            if page is None:
                break
            self.deepest, parent_path = page.pk, page.path


def _served(page):
    """``page`` as its own type, with what its template shows of the objects it points to
    (its ``served_with``: the listing image for link previews, say) read along."""
    model = page.specific_class
    if model is None:
        return page
    related = getattr(model, "served_with", ())
    return model._default_manager.select_related(*related).get(pk=page.pk)
