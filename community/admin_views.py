"""Staff running membership from the Wagtail admin: decide, export, delete on request."""

import json

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder
from wagtail.admin.views import generic

from community import membership, personal_data
from community.forms import DecisionForm
from community.models import Member
from community.permissions import can_manage_memberships

DECISIONS = {
    DecisionForm.Decision.APPROVE: (membership.approve, "{} is now a member."),
    DecisionForm.Decision.REJECT: (membership.reject, "{}'s application was rejected."),
    DecisionForm.Decision.LAPSE: (membership.lapse, "{}'s membership has ended."),
}


def _member(request, pk):
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    return get_object_or_404(Member.objects.select_related("user", "organisation"), pk=pk)


def decide(request, pk):
    member = _member(request, pk)
    initial = {
        "decision": DecisionForm.Decision.APPROVE
        if member.status != Member.Status.ACTIVE
        else DecisionForm.Decision.LAPSE
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        action, done = DECISIONS[form.cleaned_data["decision"]]
        action(member, by=request.user, message=form.cleaned_data["message"])
        messages.success(request, done.format(member.name) + f" An email went to {member.email}.")
        return redirect("community_member:index")
    return TemplateResponse(
        request,
        "community/admin/decide.html",
        {"member": member, "form": form, "page_title": f"Decide: {member.name}"},
    )


def export_data(request, pk):
    member = _member(request, pk)
    response = HttpResponse(
        json.dumps(personal_data.export(member.user), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="member-{member.pk}-{stamp}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


def delete_account(request, pk):
    member = _member(request, pk)
    if member.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        name = member.name
        membership.delete_account(member.user)
        messages.success(request, f"{name}'s account and profile were deleted.")
        return redirect("community_member:index")
    return TemplateResponse(
        request,
        "community/admin/delete_account.html",
        {
            "member": member,
            "page_title": f"Delete account: {member.name}",
            "cancel_url": reverse("community_member:edit", args=[member.pk]),
        },
    )


def _reverse_or_none(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class ExistingViewsIndexView(generic.IndexView):
    """An admin listing whose viewset leaves some views out (no adding a member, no editing a
    log entry): it offers buttons only for the views that exist."""

    @cached_property
    def add_url(self):
        return _reverse_or_none(self.add_url_name) if self.add_url_name else None

    def get_edit_url(self, instance):
        return (
            _reverse_or_none(self.edit_url_name, quote(instance.pk)) if self.edit_url_name else None
        )

    def get_delete_url(self, instance):
        if not self.delete_url_name:
            return None
        return _reverse_or_none(self.delete_url_name, quote(instance.pk))


class LeavesOutViews:
    """A ModelViewSet mixin for listings that offer only some of Wagtail's views (posts are
    read in the admin, never edited there): ``left_out`` views get no address, and no other
    view asks for one. Wagtail's history, usage and inspect views link to the edit view of
    what they show, and fail with a server error where it does not exist."""

    left_out = ()

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in self.left_out]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in self.left_out:
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        if "edit" not in self.left_out:
            return super().url_finder_class
        if not self.inspect_view_enabled:
            return NullAdminURLFinder
        # Elsewhere in the admin (a thread's usage lists its posts), a link to the object
        # leads to where it is read instead.
        return type(
            "InspectURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )
