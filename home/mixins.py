"""Fields and behaviour several page types share."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel

from home.blocks import require_alt_text


class ListingFieldsMixin(models.Model):
    """What a page shows of itself in listings, feeds, search results and link previews."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="A sentence or two for listings, link previews and the top of the page.",
    )
    listing_image = models.ForeignKey(
        "home.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in listings and link previews. It needs a description (alternative "
        "text) in the image library.",
    )

    listing_panels = [FieldPanel("introduction"), FieldPanel("listing_image")]

    # How the page draws itself in a list (templates/includes/card.html): the card, and what
    # the card shows under the title, for page types that have more to say there.
    card_template = "includes/page_card.html"
    card_meta_template = None
    # The rendition of the listing image the card shows (includes/page_card.html), looked up
    # for a whole list of cards at once (home/queries.py).
    card_image_filter = "fill-640x360"
    # Read with the page when it is served (home/routing.py): the head's link preview shows it.
    served_with = ("listing_image",)

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.introduction

    @property
    def listing_kind(self):
        """What sort of item this is, for its card, if its type has sorts (resources do)."""
        # Every page answers, even with nothing: a template that asks a page for something it
        # lacks makes Django list all the page's attributes, a cost on every card.
        return ""

    def clean(self):
        super().clean()
        try:
            require_alt_text(self.listing_image)
        except ValidationError as error:
            raise ValidationError({"listing_image": error}) from error
