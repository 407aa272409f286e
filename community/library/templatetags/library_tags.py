from django import template

register = template.Library()


@register.simple_tag
def closes_in(tender):
    """Whole days until the tender's submissions close, or None once closed."""
    return tender.closes_in_days()
