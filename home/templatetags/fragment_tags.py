"""Parts of a page's template kept between requests (home/fragments.py)."""

from django import template
from wagtail.models import Page, Site

from home import fragments
from home.queries import is_public

register = template.Library()


@register.tag
def kept(parser, token):
    """``{% kept "name" page [vary …] %}…{% endkept %}``: what is between, kept between
    requests for ``page`` (a public page: for any other it is rendered every time), the
    request's site and each ``vary`` value given (a value of None: rendered every time).

    For what depends on nothing but the page's published content and what an editor may
    change elsewhere (its stream fields, its tags, the pages listed with it), and on the
    values named: never on the clock or the visitor. Whatever of the request it shows (a
    filter's values from the query string) must be among the values named.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name, a page and what it varies on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, *(parser.compile_filter(bit) for bit in bits[1:]))


class KeptNode(template.Node):
    def __init__(self, nodelist, name, page, *vary):
        self.nodelist = nodelist
        self.name = name
        self.page = page
        self.vary = vary

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        vary = [value.resolve(context) for value in self.vary]
        if (
            not isinstance(page, Page)
            or page.pk is None
            or not is_public(page)
            or any(value is None for value in vary)
        ):
            return self.nodelist.render(context)
        site = Site.find_for_request(request) if request is not None else None
        parts = (site.pk if site else None, page.pk, *vary)
        return fragments.get_or_set(
            request,
            f"page:{self.name.resolve(context)}",
            parts,
            lambda: self.nodelist.render(context),
        )
