"""Site-wide settings editors change in the admin: the menus and the footer."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField

from home.blocks import LinkListBlock


@register_setting(icon="list-ul")
class NavigationSettings(BaseGenericSetting):
    main_menu = StreamField(
        LinkListBlock(),
        blank=True,
        help_text="The links across the top of every page, in order. Keep it to six or fewer.",
    )
    footer_links = StreamField(
        LinkListBlock(),
        blank=True,
        help_text="Links in the footer: about, contact, accessibility statement, privacy.",
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = "navigation"


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    footer_text = models.TextField(
        blank=True,
        help_text="A short line about the group shown in the footer of every page.",
    )
    contact_email = models.EmailField(blank=True, help_text="Public address for questions.")
    hashtag = models.CharField(
        max_length=60, blank=True, help_text="The campaign hashtag, with its #, e.g. #MakeICTFair."
    )
    default_share_image = models.ForeignKey(
        "home.SiteImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used in link previews for pages without a listing image.",
    )

    # Read with the settings, in the same query: every page's head may show it.
    select_related = ["default_share_image"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("contact_email"), FieldPanel("hashtag")],
            heading="Footer",
        ),
        FieldPanel("default_share_image"),
    ]

    class Meta:
        verbose_name = "site settings"
