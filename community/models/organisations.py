from django.db import models
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    PUBLIC_AUTHORITY = "public_authority", "Public authority"
    CENTRAL_PURCHASING_BODY = "central_purchasing_body", "Central purchasing body"
    UNIVERSITY = "university", "University or college"
    HOSPITAL = "hospital", "Hospital or health service"
    NETWORK = "network", "Network"
    SUPPLIER = "supplier", "Supplier"
    CIVIL_SOCIETY = "civil_society", "Civil society"


class OrganisationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(is_confirmed=True)


class Organisation(index.Indexed, models.Model):
    """A body members work for: a city, a university, a purchasing consortium, a network."""

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="The organisation's name as its members would write it, with the country in "
        "brackets where the name alone is ambiguous.",
    )
    kind = models.CharField(
        max_length=32,
        choices=OrganisationKind.choices,
        help_text="What sort of body it is; members filter the directory by it.",
    )
    country = CountryField(help_text="Where the organisation is based.")
    website = models.URLField(blank=True, help_text="Its home page, starting with https://.")
    is_confirmed = models.BooleanField(
        default=True,
        help_text="Named by an applicant and not yet checked by staff when off. Approving the "
        "application confirms it; until then it is offered to nobody else.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("is_confirmed"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("is_confirmed"),
    ]

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
