"""Access rules for templates: the same functions as the views, never re-derived."""

from django import template

from community import permissions

register = template.Library()


@register.filter
def shows(profile, field):
    """Whether the member lets other members see ``field`` of their profile."""
    return profile.shares(field)


@register.filter
def can_enter_area(user):
    return permissions.can_enter_area(user)


@register.simple_tag
def membership_of(user):
    return permissions.membership_of(user)
