"""Access rules for templates: the same functions as the views, never re-derived; and the
parts of the members' area's pages kept between requests (``{% kept_in_area %}``)."""

from django import template

from community import kept, permissions

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


@register.tag
def kept_in_area(parser, token):
    """``{% kept_in_area "name" value … %}…{% endkept_in_area %}``: what is between, kept
    between requests (community/kept.py) for the values named, until anything in the area
    changes.

    What is between must be the same for everyone who reaches it with those values: an object
    the view has checked the asker may see, with what changes among those who may, or one
    member (``"user:<id>"``). Never a CSRF token, a follow button or anything else of the
    asker's own, and nothing that changes with the clock.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and what it varies on")
    nodelist = parser.parse(("endkept_in_area",))
    parser.delete_first_token()
    return KeptInAreaNode(nodelist, *(parser.compile_filter(bit) for bit in bits[1:]))


class KeptInAreaNode(template.Node):
    def __init__(self, nodelist, name, *vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        if any(value is None for value in vary):
            return self.nodelist.render(context)
        return kept.get_or_set(
            context.get("request"),
            self.name.resolve(context),
            vary,
            lambda: self.nodelist.render(context),
        )
