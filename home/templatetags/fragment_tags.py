"""Parts of a page's template kept between requests (home/fragments.py)."""

from django import template
from wagtail.models import Page, Site

from home import fragments
from home.queries import is_public

register = template.Library()


@register.tag
def kept(parser, token):
    """``{% kept "name" page %}…{% endkept %}``: what is between, kept between requests for
    ``page`` (a public page: for any other it is rendered every time) and the request's site.

    For what depends on nothing but the page's published content and what an editor may
    change elsewhere (its stream fields, its tags, the pages listed with it), never on the
    clock, the visitor or the query string.
    """
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a page")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))


class KeptNode(template.Node):
    def __init__(self, nodelist, name, page):
        self.nodelist = nodelist
        self.name = name
        self.page = page

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if not isinstance(page, Page) or page.pk is None or not is_public(page):
            return self.nodelist.render(context)
        site = Site.find_for_request(request) if request is not None else None
        parts = (site.pk if site else None, page.pk)
        return fragments.get_or_set(
            request,
            f"page:{self.name.resolve(context)}",
            parts,
            lambda: self.nodelist.render(context),
        )
