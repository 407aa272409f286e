from wagtail.models import Page


def visible_pages(ids):
    """The pages with these ids that any visitor may see, specific, in the order given.

    Editors choose pages once; a page unpublished or made private since then drops out
    here instead of leaking its title onto a public page.
    """
    ids = list(ids)
    visible = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids).specific()}
    return [visible[pk] for pk in ids if pk in visible]
