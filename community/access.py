"""How a view of the members area declares its rule, and what each kind of visitor gets.

Every view in ``community.urls`` is wrapped by one of these decorators; the access matrix test
walks the URLconf and fails on a view that is not, so a new page cannot open by omission.

- ``members_only(view)``: approved members and staff. Anonymous visitors are sent to log in;
  applicants to the page that explains the wait; rejected and lapsed members get a 403 page
  that says why.
- ``account_holders(view)``: anyone logged in, whatever their membership (their own data).
- ``public(view)``: anyone; the view applies its own object rules (invitation links).

Object rules inside a view come from ``community.permissions`` and answer 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render

from community.permissions import can_enter_area, can_manage_own_data, is_awaiting_approval

RULE_ATTRIBUTE = "members_area_rule"


def _declare(view, rule):
    setattr(view, RULE_ATTRIBUTE, rule)
    return view


def members_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if can_enter_area(user):
            return view(request, *args, **kwargs)
        if is_awaiting_approval(user):
            return redirect("community:awaiting_approval")
        return render(request, "community/no_access.html", status=403)

    return _declare(wrapped, "members_only")


def account_holders(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage_own_data(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapped, "account_holders")


def public(view):
    return _declare(view, "public")
