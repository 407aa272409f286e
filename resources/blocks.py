from django.core.exceptions import ValidationError
from django.db import models
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class SpeakerKind(models.TextChoices):
    PUBLIC_AUTHORITY = "public_authority", "Public authority"
    SUPPLIER = "supplier", "Supplier"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    NETWORK = "network", "Network"


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text="The speaker's name, or the organisation's.")
    organisation = blocks.CharBlock(max_length=200, required=False)
    kind = blocks.ChoiceBlock(
        choices=SpeakerKind.choices,
        help_text="Who they speak for: lets visitors tell buyers' and suppliers' talks apart.",
    )

    class Meta:
        icon = "user"


class SessionBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(help_text="Local time at the event.")
    end_time = blocks.TimeBlock(required=False)
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), default=[])
    slides = DocumentChooserBlock(
        required=False, help_text="The presentation shown in this session, if it may be shared."
    )

    class Meta:
        icon = "time"
        template = "blocks/session_block.html"

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if start and end and end <= start:
            raise blocks.StructBlockValidationError(
                block_errors={"end_time": ValidationError("The session ends before it starts.")}
            )
        return value
