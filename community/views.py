import json

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from community import home_sections, membership, personal_data
from community.access import account_holders, members_only, public
from community.files import serve_private_file
from community.forms import (
    DeleteAccountForm,
    DirectoryFilterForm,
    InvitationAcceptForm,
    ProfileForm,
)
from community.models import Invitation, Member, ProfileField
from community.permissions import (
    can_delete_own_account,
    can_edit_profile,
    can_enter_area,
    can_view_profile,
    can_view_profile_field,
    can_view_profile_photo,
    membership_of,
)

DIRECTORY_PAGE_SIZE = 24
NEW_MEMBERS_SHOWN = 6


@members_only
def home(request):
    member = membership_of(request.user)
    new_members = (
        Member.objects.in_directory()
        .exclude(user=request.user)
        .select_related("user", "organisation")
        .order_by("-decided_at")[:NEW_MEMBERS_SHOWN]
    )
    return render(
        request,
        "community/home.html",
        {
            "member": member,
            "new_members": new_members,
            "sections": home_sections.sections_for(request),
        },
    )


@account_holders
def awaiting_approval(request):
    """Where applicants land: what happens next, or why the area is closed to them."""
    if can_enter_area(request.user):
        return redirect("community:home")
    member = membership_of(request.user)
    return render(request, "community/awaiting_approval.html", {"member": member})


@members_only
def directory(request):
    members = Member.objects.in_directory().select_related("user", "organisation")
    form = DirectoryFilterForm(request.GET or None, members=members)
    if form.is_bound and form.is_valid():
        members = form.filter(members)
    page = Paginator(members, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/directory.html",
        {
            "form": form,
            "page_obj": page,
            "query_string": query.urlencode(),
            "is_filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
        },
    )


def _member_or_404(user, pk):
    member = get_object_or_404(Member.objects.select_related("user", "organisation"), pk=pk)
    if not can_view_profile(user, member):
        raise Http404("No such member.")
    return member


@members_only
def profile(request, pk):
    member = _member_or_404(request.user, pk)
    shown = {
        field: can_view_profile_field(request.user, member, field) for field in ProfileField.values
    }
    return render(
        request,
        "community/profile.html",
        {
            "profile": member,
            "shown": shown,
            "is_own": member.user_id == request.user.pk,
        },
    )


@members_only
def profile_photo(request, pk):
    member = get_object_or_404(Member, pk=pk)
    if not can_view_profile_photo(request.user, member):
        raise Http404("No such photo.")
    return serve_private_file(member.photo)


@members_only
def my_profile(request):
    member = membership_of(request.user)
    if member is None:
        # Staff who never applied have no profile to show.
        messages.info(request, "Staff accounts have no member profile.")
        return redirect("community:home")
    return redirect("community:profile", pk=member.pk)


@members_only
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    member = membership_of(request.user)
    if member is None or not can_edit_profile(request.user, member):
        raise Http404("No profile to edit.")
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=member)
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile is saved.")
            return redirect("community:profile", pk=member.pk)
    else:
        form = ProfileForm(instance=member)
    return render(request, "community/profile_edit.html", {"form": form, "member": member})


@account_holders
def my_data(request):
    return render(
        request,
        "community/my_data.html",
        {"can_delete": can_delete_own_account(request.user)},
    )


@account_holders
def download_my_data(request):
    data = personal_data.export(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@account_holders
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if not can_delete_own_account(request.user):
        return render(request, "community/cannot_delete.html", status=403)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        membership.delete_account(user)
        messages.success(request, "Your account and your profile have been deleted.")
        return redirect("/")
    return render(request, "community/delete_account.html", {"form": form})


@public
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = Invitation.find_usable(token)
    if invitation is None:
        return render(request, "community/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        return render(request, "community/invitation_logged_in.html", {"invitation": invitation})
    from allauth.account.models import EmailAddress

    if EmailAddress.objects.filter(email__iexact=invitation.email).exists():
        # The address already has an account: joining is a decision for staff to make on it,
        # not something a link may do to an existing account.
        return render(
            request, "community/invitation_existing_account.html", {"invitation": invitation}
        )
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        member = membership.accept_invitation(invitation, **form.account_data())
        auth_login(request, member.user, backend="community.backends.MemberAuthenticationBackend")
        messages.success(request, "Welcome to the SRPP Procura+ Interest Group.")
        return redirect("community:home")
    return render(
        request, "community/accept_invitation.html", {"form": form, "invitation": invitation}
    )
