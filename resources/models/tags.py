"""One tag vocabulary across news, events and resources: taggit's Tag, a through model each."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
