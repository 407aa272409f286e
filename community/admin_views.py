"""Staff running membership from the Wagtail admin: decide, export, delete on request."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

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
