"""The site search in the Wagtail admin: one "Search" menu with the search terms report,
synonyms and Wagtail's promoted search results.

Who may see what is decided here, with Wagtail's permissions (editorial work, not the members
area): the report needs ``site_search.view_queryday``, synonyms their model permissions, and
promotions Wagtail's own. Each can be given to a group in Settings > Groups.
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.contrib.search_promotions.wagtail_hooks import SearchPicksMenuItem
from wagtail.permissions import policy_registry

from search.admin_views import SearchTermsView, SynonymCreateView
from search.models import Synonym

SEARCH_MENU_HOOK = "register_site_search_menu_item"
SEARCH_TERMS_PERMISSION = "site_search.view_queryday"
# Wagtail's names for its menu items that this menu replaces.
PROMOTIONS_MENU_ITEM = "promoted-search-results"
WAGTAIL_SEARCH_TERMS_REPORT = "search-terms"


def may_read_search_terms(user):
    return user.has_perm(SEARCH_TERMS_PERMISSION)


def may_add_synonyms(user):
    return synonyms.permission_policy.user_has_permission(user, "add")


def may_promote(user):
    return policy_registry.get_by_type(SearchPromotion).user_has_any_permission(
        user, ["add", "change"]
    )


class SynonymViewSet(ModelViewSet):
    model = Synonym
    menu_label = "Synonyms"
    menu_order = 200
    icon = "resubmit"
    url_prefix = "search/synonyms"
    name = "site_search_synonym"
    add_view_class = SynonymCreateView
    list_display = ["terms"]
    search_fields = ["terms"]
    # A plain "contains" over a few hundred short rows: no search index to keep in step.
    search_backend_name = None
    # Terms are unique: a copy could only ever be refused.
    copy_view_enabled = False


synonyms = SynonymViewSet()


class SearchMenu(ViewSetGroup):
    menu_label = "Search"
    menu_icon = "search"
    menu_order = 270
    items = (synonyms,)
    submenu_hook = SEARCH_MENU_HOOK


@hooks.register("register_admin_viewset")
def register_search_menu():
    return SearchMenu()


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_search_terms(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_url():
    view = SearchTermsView.as_view(may_add_synonyms=may_add_synonyms, may_promote=may_promote)
    return [
        path(
            "search/terms/",
            user_passes_test(may_read_search_terms)(view),
            name="site_search_terms",
        )
    ]


@hooks.register(SEARCH_MENU_HOOK)
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        "Search terms",
        reverse("site_search_terms"),
        name="site-search-terms",
        icon_name="search",
        order=100,
    )


@hooks.register(SEARCH_MENU_HOOK)
def register_promotions_menu_item():
    # Wagtail's own item (and its permission check), moved from Settings to be with the rest.
    return SearchPicksMenuItem(
        "Promoted search results",
        reverse("wagtailsearchpromotions:index"),
        name=PROMOTIONS_MENU_ITEM,
        icon_name="pick",
        order=300,
    )


@hooks.register("construct_settings_menu")
def leave_promotions_to_the_search_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != PROMOTIONS_MENU_ITEM]


@hooks.register("construct_reports_menu")
def leave_search_terms_to_the_search_menu(request, menu_items):
    # Wagtail's report counts hits that only its own search views record; this site's searches
    # are logged as QueryDay rows, which the report above reads.
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_SEARCH_TERMS_REPORT]


@hooks.register("register_permissions")
def register_search_terms_permission():
    app_label, codename = SEARCH_TERMS_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
