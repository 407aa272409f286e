"""Every public page of the site, in the states a visitor can bring it to.

Read from the database rather than listed by hand, so a page type, listing, filter or tag added
later is checked without anyone remembering to add it here.
"""

import itertools
from urllib.parse import urlencode

from django.template.loader import render_to_string
from taggit.models import Tag
from wagtail.models import Site

from resources.models.listing import IndexPage
from resources.views import TAGGED_MODELS

MISSING_PATH = "/this-page-does-not-exist/"
SERVER_ERROR_PATH = "/__server-error-page__/"

GROUPS = (
    "page tree",
    "filtered listings",
    "tags",
    "empty states",
    "error pages",
    "search",
    "accounts",
    "members area",
    "applicant",
)
# Who the pages of a group are visited as: a demo account (see community/demo.py), or a
# visitor when the group is not named here.
LOGINS = {"members area": "member@example.org", "applicant": "applicant@example.org"}
DEMO_PASSWORD = "procura-demo"
# An entry ``(label, path, SUBMIT)`` is visited, then its form sent as it stands: the page
# checked is the answer, a refused form with its error messages.
SUBMIT = "submit"


def site_pages():
    """``{group: [(label, path) or (label, path, SUBMIT), …]}`` for every group in
    ``GROUPS``."""
    site = Site.objects.get(is_default_site=True)
    pages = list(
        site.root_page.get_descendants(inclusive=True).live().public().specific().order_by("path")
    )
    indexes = [page for page in pages if isinstance(page, IndexPage)]
    tags = _visible_tags()
    return {
        "page tree": [(f"{page._meta.verbose_name}: {page.title}", page.url) for page in pages],
        "filtered listings": [item for index in indexes for item in _filtered(index)],
        "tags": [("tag index", "/tags/")]
        + [(f"tag: {tag.name}", f"/tags/{tag.slug}/") for tag in tags],
        "empty states": [item for index in indexes for item in _empty(index)],
        "error pages": [
            ("page not found", MISSING_PATH),
            ("unknown tag", "/tags/no-such-tag/"),
            ("server error", SERVER_ERROR_PATH),
        ],
        "search": [
            ("search form", "/search/"),
            ("search results", "/search/?q=procurement"),
            ("search without results", "/search/?q=zzzyzzyva"),
        ],
        **_members_pages(),
    }


def _library_pages():
    from django.urls import reverse

    from community.library.models import Tender

    tender = Tender.objects.filter(
        documents__isnull=False, owner__email=LOGINS["members area"]
    ).first()
    document = tender.documents.first()
    library = reverse("community:library:library")
    compare = urlencode(
        {
            "tender": list(
                Tender.objects.filter(visibility="members").values_list("pk", flat=True)[:2]
            )
        },
        doseq=True,
    )
    return [
        ("tender library", library),
        ("tender library by CPV division", f"{library}?cpv=30000000&sort=closing"),
        ("tender library, no match", f"{library}?q=zzzyzzyva"),
        ("tender library, bad CPV code", f"{library}?cpv=12345678"),
        ("a tender", reverse("community:library:tender", args=[tender.pk])),
        ("share a tender", reverse("community:library:share")),
        ("share a tender refused", reverse("community:library:share") + "?e=1", SUBMIT),
        ("edit a tender", reverse("community:library:edit", args=[tender.pk])),
        ("add a document", reverse("community:library:add_document", args=[tender.pk])),
        (
            "add a document refused",
            reverse("community:library:add_document", args=[tender.pk]) + "?e=1",
            SUBMIT,
        ),
        ("new version", reverse("community:library:replace_document", args=[document.pk])),
        ("withdraw a tender", reverse("community:library:withdraw", args=[tender.pk])),
        ("clause bank", reverse("community:library:clauses")),
        ("a clause", reverse("community:library:clause", args=[tender.clauses.first().pk])),
        ("save a clause", reverse("community:library:save_clause", args=[tender.pk])),
        ("compare tenders", f"{reverse('community:library:compare')}?{compare}"),
        ("compare refused", f"{reverse('community:library:compare')}?tender={tender.pk}"),
        ("deadlines calendar", reverse("community:library:calendar")),
        ("import from OCDS", reverse("community:library:import")),
    ]


def _members_pages():
    from django.urls import reverse

    from community.models import Member, OrganisationKind

    other = Member.objects.in_directory().exclude(user__email=LOGINS["members area"]).first()
    own = Member.objects.get(user__email=LOGINS["members area"])
    directory = reverse("community:directory")
    return {
        "accounts": [
            ("login", reverse("account_login")),
            ("login refused", reverse("account_login") + "?form=empty", SUBMIT),
            ("application form", reverse("account_signup")),
            ("application refused", reverse("account_signup") + "?form=empty", SUBMIT),
            ("password reset", reverse("account_reset_password")),
            ("invitation that cannot be used", "/members/invitation/no-such-invitation/"),
        ],
        "members area": [
            ("members' home", reverse("community:home")),
            ("directory", directory),
            ("directory by kind", f"{directory}?kind={OrganisationKind.PUBLIC_AUTHORITY}"),
            ("directory, no match", f"{directory}?q=zzzyzzyva"),
            ("another member's profile", reverse("community:profile", args=[other.pk])),
            ("own profile", reverse("community:profile", args=[own.pk])),
            ("edit profile", reverse("community:edit_profile")),
            ("my data", reverse("community:my_data")),
            ("delete account", reverse("community:delete_account")),
            ("delete account refused", reverse("community:delete_account") + "?e=1", SUBMIT),
            ("email addresses", reverse("account_email")),
            ("password change", reverse("account_change_password")),
            ("second factor", reverse("mfa_index")),
            *_library_pages(),
        ],
        "applicant": [
            ("awaiting approval", reverse("community:awaiting_approval")),
            ("applicant's data", reverse("community:my_data") + "?as=applicant"),
        ],
    }


def _discussion_pages():
    from django.urls import reverse

    from community.discussions.models import Category, Thread

    thread = Thread.objects.filter(posts__hidden_at__isnull=False).first() or Thread.objects.first()
    category = Category.objects.first()
    empty = Category.objects.filter(threads__isnull=True).first()
    pages = [
        ("discussions", reverse("community:discussions:index")),
        ("notifications", reverse("community:discussions:notifications")),
        ("notification settings", reverse("community:discussions:notification_settings")),
    ]
    if category:
        pages += [
            ("discussion category", category.get_absolute_url()),
            ("new thread", reverse("community:discussions:new_thread", args=[category.slug])),
            (
                "new thread refused",
                reverse("community:discussions:new_thread", args=[category.slug]) + "?e=1",
                SUBMIT,
            ),
        ]
    if empty:
        pages.append(("discussion category without threads", empty.get_absolute_url()))
    if thread:
        pages += [
            ("thread with a hidden post", thread.get_absolute_url()),
            ("reply", reverse("community:discussions:reply", args=[thread.pk])),
        ]
    return pages


def server_error_html():
    """The 500 page as Django's error handler renders it: with no context at all."""
    return render_to_string("500.html")


def _visible_tags():
    used = set()
    for model in TAGGED_MODELS:
        visible = model.objects.live().public()
        used.update(
            model.tags.through.objects.filter(content_object__in=visible).values_list(
                "tag_id", flat=True
            )
        )
    return list(Tag.objects.filter(pk__in=used).order_by("slug"))


def _choices(form, name):
    return [value for value, _label in form.fields[name].choices if value]


def _form(index, data=None):
    items = index.get_items()
    return index.filter_form_class(data, items=items), items


def _filtered(index):
    """The listing with each filter set on its own, to the first value it offers."""
    form, items = _form(index)
    listed = [(index.title, index.url)]
    for name in form.fields:
        values = _choices(form, name)
        if values:
            query = urlencode({name: values[0]})
            listed.append((f"{index.title} by {name}", f"{index.url}?{query}"))
    if items.count() > index.per_page:
        listed.append((f"{index.title}, page 2", f"{index.url}?page=2"))
    return listed


def _empty(index):
    """The listing filtered to nothing, and with a value it does not offer."""
    form, items = _form(index)
    states = [(f"{index.title}, unknown tag", f"{index.url}?tag=no-such-tag")]
    names = [name for name in form.fields if _choices(form, name)]
    for first, second in itertools.combinations(names, 2):
        for pair in itertools.product(_choices(form, first), _choices(form, second)):
            data = dict(zip((first, second), pair, strict=True))
            bound, _ = _form(index, data)
            if bound.is_valid() and not bound.filter(items).exists():
                states.append((f"{index.title}, no match", f"{index.url}?{urlencode(data)}"))
                return states
    return states
