from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from community.access import members_only, public
from community.discussions import follows
from community.files import serve_private_file
from community.library import follows as library_follows
from community.library import ocds
from community.library.calendar import calendar_response
from community.library.forms import (
    ClauseFilterForm,
    ClauseForm,
    ClauseUseForm,
    CompareForm,
    DocumentForm,
    LibraryFilterForm,
    LotFormSet,
    OcdsImportForm,
    TenderForm,
    VersionForm,
)
from community.library.models import (
    Clause,
    CpvCode,
    DeadlineFeed,
    DocumentVersion,
    Tender,
    TenderDocument,
)
from community.library.threads import start_tender_thread, thread_of
from community.permissions import (
    can_delete_clause,
    can_download_tender_document,
    can_edit_tender,
    can_enter_area,
    can_save_clause,
    can_share_tender,
    can_view_clause,
    can_view_tender,
    can_withdraw_tender,
    membership_of,
    visible_clauses,
    visible_tenders,
)

PAGE_SIZE = 20
CPV_SUGGESTIONS = 20


def _tender_or_404(user, tender_id, rule=can_view_tender):
    # With its co-editors, which every rule about it reads (may this member see it, edit it,
    # withdraw it, save a clause from it): one query rather than one for each.
    tender = get_object_or_404(
        Tender.objects.select_related(
            "owner", "organisation", "buyer", "main_cpv"
        ).prefetch_related("co_editors"),
        pk=tender_id,
    )
    if not rule(user, tender):
        # Whether it exists or not, the answer is the same to someone who may not see it.
        raise Http404("No such tender.")
    return tender


@members_only
def library(request):
    now = timezone.now()
    tenders = visible_tenders(request.user).filter(withdrawn_at__isnull=True)
    if request.GET:
        form = LibraryFilterForm(request.GET, tenders=tenders)
        filters_kept_for = None
    else:
        # Unfiltered, the form's choices (read from the tenders this member may see) and the
        # form as drawn are kept for this member (templates/library/library.html): read only
        # when they are not.
        form = SimpleLazyObject(lambda: LibraryFilterForm(tenders=tenders))
        filters_kept_for = f"user:{request.user.pk}"
    if request.GET and form.is_valid():
        listed = form.filter(tenders, now)
    else:
        listed = tenders.order_by("-created_at")
    listed = listed.select_related("main_cpv", "organisation", "buyer")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "library/library.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "filters_kept_for": filters_kept_for,
            "is_filtered": bool(request.GET) and form.is_valid() and form.is_filtered,
            "can_share": can_share_tender(request.user),
            "now": now,
        },
    )


@members_only
def tender_detail(request, tender_id):
    tender = _tender_or_404(request.user, tender_id)
    # Read only when the page's parts kept between requests are not (templates/library/
    # tender_detail.html); a version's extracted text is for the search, not the page.
    versions = DocumentVersion.objects.defer("extracted_text").select_related("uploaded_by")
    documents = tender.documents.prefetch_related(Prefetch("versions", queryset=versions))
    # The main code and each above it, from the division down: its path and its follows.
    codes = list(library_follows.codes_above([tender.main_cpv_id]).order_by("code"))
    followed = follows.followed_among(request.user, codes)
    return render(
        request,
        "library/tender_detail.html",
        {
            "tender": tender,
            "main_cpv_path": " › ".join(str(code) for code in codes),
            "documents": documents,
            "lots": tender.lots.select_related("cpv"),
            "events": tender.events.select_related("user")[:50],
            "can_edit": can_edit_tender(request.user, tender),
            "can_withdraw": can_withdraw_tender(request.user, tender),
            "can_save_clause": can_save_clause(request.user, tender),
            "clauses": tender.clauses.all(),
            "thread": thread_of(tender),
            "following_tender": follows.is_following(request.user, tender),
            "cpv_codes": [(code, code.pk in followed) for code in codes],
        },
    )


@members_only
@require_http_methods(["GET", "POST"])
def share_tender(request):
    if not can_share_tender(request.user):
        return render(request, "library/cannot_share.html", status=403)
    return _edit(request, Tender(), created=True)


@members_only
@require_http_methods(["GET", "POST"])
def edit_tender(request, tender_id):
    tender = _tender_or_404(request.user, tender_id, can_edit_tender)
    return _edit(request, tender, created=False)


def _edit(request, tender, *, created):
    form = TenderForm(request.POST or None, instance=tender, user=request.user)
    lots = LotFormSet(request.POST or None, instance=tender, prefix="lots")
    if request.method == "POST" and form.is_valid() and lots.is_valid():
        with transaction.atomic():
            if created:
                member = membership_of(request.user)
                tender.owner = request.user
                tender.organisation = member.organisation
            tender = form.save()
            # Tags live in the tender's cluster (modelcluster): the form sets them on the
            # object after its first save, so they reach the database with a second one.
            tender.save()
            lots.instance = tender
            lots.save()
            tender.log("shared" if created else "edited", request.user)
            if created:
                start_tender_thread(tender, request.user)
                library_follows.tender_shared(tender, request.user)
        messages.success(request, "The tender is shared." if created else "Your changes are saved.")
        return redirect("community:library:tender", tender_id=tender.pk)
    return render(
        request,
        "library/tender_form.html",
        {"form": form, "lots": lots, "tender": tender, "created": created},
    )


@members_only
@require_http_methods(["GET", "POST"])
def withdraw_tender(request, tender_id):
    tender = _tender_or_404(request.user, tender_id, can_withdraw_tender)
    if request.method == "POST":
        tender.withdrawn_at = timezone.now()
        tender.save(update_fields=["withdrawn_at"])
        tender.log("withdrawn", request.user)
        messages.success(request, "The tender is withdrawn: other members no longer see it.")
        return redirect("community:library:library")
    return render(request, "library/withdraw.html", {"tender": tender})


@members_only
@require_http_methods(["GET", "POST"])
def add_document(request, tender_id):
    tender = _tender_or_404(request.user, tender_id, can_edit_tender)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            document = form.save(commit=False)
            document.tender = tender
            document.save()
            _store_version(document, form, request.user, note="")
            tender.log("added a document", request.user, document.title)
            library_follows.tender_updated(tender, request.user)
        messages.success(request, f"“{document.title}” is added.")
        return redirect("community:library:tender", tender_id=tender.pk)
    return render(request, "library/document_form.html", {"form": form, "tender": tender})


@members_only
@require_http_methods(["GET", "POST"])
def replace_document(request, document_id):
    document = get_object_or_404(TenderDocument.objects.select_related("tender"), pk=document_id)
    if not can_edit_tender(request.user, document.tender):
        raise Http404("No such document.")
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            version = _store_version(document, form, request.user, note=form.cleaned_data["note"])
            document.tender.log(
                "added a version", request.user, f"{document.title}, version {version.number}"
            )
            library_follows.tender_updated(document.tender, request.user)
        messages.success(request, f"Version {version.number} of “{document.title}” is added.")
        return redirect("community:library:tender", tender_id=document.tender.pk)
    return render(
        request,
        "library/version_form.html",
        {"form": form, "document": document, "tender": document.tender},
    )


def _store_version(document, form, user, *, note):
    checked = form.checked
    upload = form.cleaned_data["file"]
    last = document.versions.order_by("-number").first()
    version = DocumentVersion(
        document=document,
        number=(last.number + 1) if last else 1,
        filename=checked.name,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
        uploaded_by=user,
    )
    version.file.save(checked.name, upload, save=False)
    version.save()
    return version


@members_only
def download_version(request, version_id):
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__tender"), pk=version_id
    )
    if not can_download_tender_document(request.user, version.document):
        raise Http404("No such document.")
    return serve_private_file(version.file, download_name=version.filename, as_attachment=True)


@members_only
@require_GET
def cpv_search(request):
    """CPV codes by words or digits, each with its path: a page to look codes up without
    JavaScript, and JSON (``?format=json``) for the picker on the tender form."""
    query = request.GET.get("q", "")
    codes = list(CpvCode.objects.search(query, limit=CPV_SUGGESTIONS))
    if request.GET.get("format") == "json":
        return JsonResponse(
            {"results": [{"code": c.code, "label": c.label, "path": c.path} for c in codes]}
        )
    return render(request, "library/cpv_search.html", {"query": query[:100], "codes": codes})


@members_only
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """The member's private calendar address: shown, replaced or switched off."""
    feed = DeadlineFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("action") == "off":
            DeadlineFeed.objects.filter(user=request.user).delete()
            messages.success(request, "Your calendar address is switched off.")
        else:
            DeadlineFeed.renew_for(request.user)
            messages.success(
                request,
                "Your calendar has a new address. The old one, if any, no longer works."
                if feed
                else "Your calendar address is ready: add it to your calendar program.",
            )
        return redirect("community:library:calendar")
    address = (
        request.build_absolute_uri(reverse("community:library:deadlines", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "library/calendar.html", {"feed": feed, "address": address})


@public
@require_GET
def deadlines_feed(request, feed_token):
    """The calendar itself: the address is the key (calendar programs cannot log in), and the
    tenders are those its member may see today."""
    well_formed = len(feed_token) <= 64 and feed_token.replace("-", "").replace("_", "").isalnum()
    feed = (
        DeadlineFeed.objects.select_related("user").filter(token=feed_token).first()
        if well_formed
        else None
    )
    if feed is None or not can_enter_area(feed.user):
        raise Http404("No such calendar.")
    DeadlineFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    tenders = visible_tenders(feed.user).filter(withdrawn_at__isnull=True)
    return calendar_response(request, tenders.select_related("buyer"))


def _package_response(request, tenders, filename):
    uri = request.build_absolute_uri()
    package = ocds.release_package(ocds.tenders_for_export(tenders), uri=uri)
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@members_only
@require_GET
def export_library(request):
    """Every tender the member may see, as one OCDS release package."""
    tenders = visible_tenders(request.user).filter(withdrawn_at__isnull=True)
    return _package_response(request, tenders, "tender-library-ocds.json")


@members_only
@require_GET
def export_tender(request, tender_id):
    tender = _tender_or_404(request.user, tender_id)
    return _package_response(request, Tender.objects.filter(pk=tender.pk), f"{tender.ocid}.json")


@members_only
@require_http_methods(["GET", "POST"])
def import_ocds(request):
    if not can_share_tender(request.user):
        return render(request, "library/cannot_share.html", status=403)
    form = OcdsImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = ocds.import_package(form.cleaned_data["package"].read(), user=request.user)
    return render(request, "library/import.html", {"form": form, "report": report})


CLAUSE_PAGE_SIZE = 20


@members_only
def clause_bank(request):
    clauses = visible_clauses(request.user).select_related("tender").prefetch_related("topics")
    form = ClauseFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        clauses = form.filter(clauses)
    page = Paginator(clauses.distinct(), CLAUSE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    visible = visible_tenders(request.user).filter(withdrawn_at__isnull=True)
    return render(
        request,
        "library/clause_bank.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "compare_form": CompareForm(tenders=visible.order_by("title")),
        },
    )


@members_only
@require_http_methods(["GET", "POST"])
def save_clause(request, tender_id):
    tender = _tender_or_404(request.user, tender_id, can_save_clause)
    form = ClauseForm(request.POST or None, tender=tender)
    if request.method == "POST" and form.is_valid():
        clause = form.save(commit=False)
        clause.tender = tender
        clause.saved_by = request.user
        clause.save()
        form.save_m2m()
        messages.success(request, f"“{clause.title}” is in the clause bank.")
        return redirect("community:library:clause", clause_id=clause.pk)
    return render(request, "library/clause_form.html", {"form": form, "tender": tender})


@members_only
def clause_detail(request, clause_id):
    clause = get_object_or_404(Clause.objects.select_related("tender", "document"), pk=clause_id)
    if not can_view_clause(request.user, clause):
        raise Http404("No such clause.")
    used_in = clause.used_in.filter(pk__in=visible_tenders(request.user))
    return render(
        request,
        "library/clause_detail.html",
        {
            "clause": clause,
            "used_in": used_in,
            "can_delete": can_delete_clause(request.user, clause),
            "use_form": _clause_use_form(request, clause),
        },
    )


def _own_tenders(user, clause):
    return (
        visible_tenders(user)
        .filter(Q(owner=user) | Q(co_editors=user), withdrawn_at__isnull=True)
        .exclude(pk=clause.tender_id)
        .distinct()
        .order_by("title")
    )


def _clause_use_form(request, clause, data=None):
    tenders = _own_tenders(request.user, clause)
    return ClauseUseForm(data, tenders=tenders) if tenders.exists() else None


@members_only
@require_http_methods(["POST"])
def mark_clause_used(request, clause_id):
    """A member says which of their own tenders reused the clause."""
    clause = get_object_or_404(Clause.objects.select_related("tender"), pk=clause_id)
    if not can_view_clause(request.user, clause):
        raise Http404("No such clause.")
    form = _clause_use_form(request, clause, request.POST)
    if form is not None and form.is_valid():
        clause.used_in.add(form.cleaned_data["tender"])
        messages.success(request, f"“{clause.title}” is marked as used in your tender.")
    else:
        messages.error(request, "Choose one of your own tenders.")
    return redirect("community:library:clause", clause_id=clause.pk)


@members_only
@require_GET
def compare(request):
    visible = visible_tenders(request.user).filter(withdrawn_at__isnull=True)
    form = CompareForm(request.GET or None, tenders=visible.order_by("title"))
    tenders = []
    if form.is_bound and form.is_valid():
        chosen = visible.filter(pk__in=form.cleaned_data["tender"]).prefetch_related("clauses")
        tenders = sorted(chosen, key=lambda t: form.cleaned_data["tender"].index(t.pk))
    return render(request, "library/compare.html", {"form": form, "tenders": tenders})


@members_only
@require_http_methods(["POST"])
def delete_clause(request, clause_id):
    clause = get_object_or_404(Clause, pk=clause_id)
    if not (can_view_clause(request.user, clause) and can_delete_clause(request.user, clause)):
        raise Http404("No such clause.")
    clause.delete()
    messages.success(request, f"“{clause.title}” is removed from the clause bank.")
    return redirect("community:library:clauses")


@members_only
@require_http_methods(["POST"])
def follow_tender(request, tender_id):
    tender = _tender_or_404(request.user, tender_id)
    if request.POST.get("action") == "unfollow":
        follows.unfollow(request.user, tender)
        messages.success(request, "You no longer follow this tender.")
    else:
        follows.follow(request.user, tender)
        messages.success(request, "You will hear when documents are added to this tender.")
    return redirect("community:library:tender", tender_id=tender.pk)


@members_only
@require_http_methods(["POST"])
def follow_cpv(request, code):
    """Follow a CPV code: hear of every tender shared in it or below it."""
    cpv = get_object_or_404(CpvCode, code=code)
    if request.POST.get("action") == "unfollow":
        follows.unfollow(request.user, cpv)
        messages.success(request, f"You no longer follow {cpv}.")
    else:
        follows.follow(request.user, cpv)
        messages.success(request, f"You will hear of tenders shared in {cpv} and below it.")
    next_url = request.POST.get("next", "")
    # A path on this site only: redirect() would read any other word as a view's name.
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        return redirect(next_url)
    return redirect("community:library:cpv_search")
