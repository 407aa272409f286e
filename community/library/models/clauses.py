from django.conf import settings
from django.db import models
from django.utils import timezone


class ClauseKind(models.TextChoices):
    AWARD_CRITERION = "award_criterion", "Award criterion"
    TECHNICAL_SPECIFICATION = "technical_specification", "Technical specification"
    CONTRACT_PERFORMANCE = "contract_performance", "Contract performance clause"
    SELECTION_CRITERION = "selection_criterion", "Selection criterion"


class Clause(models.Model):
    """A passage of a member's tender saved for reuse: a criterion, a requirement, a clause.

    It is seen by whoever may see the tender it came from, no one else.
    """

    title = models.CharField(max_length=200, help_text="A short name, e.g. 'Factory disclosure'.")
    text = models.TextField(max_length=10000, help_text="The passage, as the tender words it.")
    kind = models.CharField(max_length=32, choices=ClauseKind.choices)
    topics = models.ManyToManyField(
        "resources.Topic",
        blank=True,
        related_name="+",
        help_text="What it addresses: labour rights, supply-chain monitoring…",
    )
    tender = models.ForeignKey("library.Tender", on_delete=models.CASCADE, related_name="clauses")
    document = models.ForeignKey(
        "library.TenderDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clauses",
        help_text="The document of the tender it is taken from, if any.",
    )
    used_in = models.ManyToManyField(
        "library.Tender",
        blank=True,
        related_name="reused_clauses",
        help_text="Other tenders that used this clause.",
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]

    def __str__(self):
        return self.title
