import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, Q, When
from django.utils import timezone
from django_countries import countries

from community.library.models import (
    Clause,
    ClauseKind,
    CpvCode,
    Lot,
    Stage,
    Tender,
    TenderDocument,
    TenderTag,
)
from community.library.models.cpv import normalise_code
from community.models import Member, Organisation
from community.uploads import ALLOWED_TEXT, check_upload
from resources.models import Topic

DEADLINE_WINDOWS = {
    "7": ("Closing within a week", 7),
    "30": ("Closing within a month", 30),
    "90": ("Closing within three months", 90),
}
SORTS = {"newest": "Newest first", "closing": "Closing soonest"}
MAX_ADDITIONAL_CODES = 20


class CpvCodeField(forms.CharField):
    """A CPV code typed as notices write it (``30213100-6``) or as the picker fills it."""

    widget = forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "data-cpv-picker": ""}
    )

    def __init__(self, **kwargs):
        # Used for a model's foreign key too (a lot's code), whose own form field options a
        # typed code has no use for.
        for option in ("queryset", "limit_choices_to", "to_field_name", "blank"):
            kwargs.pop(option, None)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, CpvCode):
            return value.code
        if isinstance(value, str) and value.isdigit() and len(value) == 8:
            return value
        return super().prepare_value(value)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        code = normalise_code(value)
        found = CpvCode.objects.filter(code=code).first() if code else None
        if found is None:
            raise forms.ValidationError(
                f"“{value}” is not a CPV 2008 code. Codes have eight digits, like 30213100 "
                "(portable computers); search for one by its name."
            )
        return found


class CpvCodeListField(forms.CharField):
    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            items = value.all() if hasattr(value, "all") else value
            return " ".join(item.code if isinstance(item, CpvCode) else str(item) for item in items)
        return super().prepare_value(value)

    def clean(self, value):
        value = super().clean(value) or ""
        words = value.replace(",", " ").replace(";", " ").split()
        if len(words) > MAX_ADDITIONAL_CODES:
            raise forms.ValidationError(f"Give at most {MAX_ADDITIONAL_CODES} additional codes.")
        codes = {word: normalise_code(word) for word in words}
        found = {c.code: c for c in CpvCode.objects.filter(code__in=filter(None, codes.values()))}
        unknown = [word for word, code in codes.items() if code not in found]
        if unknown:
            raise forms.ValidationError(
                "Not CPV 2008 codes: " + ", ".join(unknown) + ". Use eight-digit codes."
            )
        return list(found.values())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TenderForm(forms.ModelForm):
    main_cpv = CpvCodeField(
        label="Main CPV code",
        help_text="Eight digits, e.g. 30213100 for portable computers. Type words to search.",
    )
    notice_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Public notice",
        help_text="The notice's address, e.g. on TED.",
    )
    additional_cpv = CpvCodeListField(
        required=False,
        label="Additional CPV codes",
        help_text="Separated by spaces, e.g. 30231300 48820000.",
    )

    class Meta:
        model = Tender
        fields = [
            "title",
            "buyer",
            "buyer_name",
            "country",
            "main_cpv",
            "additional_cpv",
            "procedure",
            "stage",
            "estimated_value",
            "currency",
            "publication_date",
            "clarification_deadline",
            "submission_deadline",
            "award_date",
            "contract_start",
            "contract_end",
            "summary",
            "criteria",
            "inspired_by",
            "notice_url",
            "tags",
            "co_editors",
            "visibility",
        ]
        widgets = {
            "publication_date": DateInput(),
            "award_date": DateInput(),
            "contract_start": DateInput(),
            "contract_end": DateInput(),
            "clarification_deadline": DateTimeInput(),
            "submission_deadline": DateTimeInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "criteria": forms.Textarea(attrs={"rows": 10}),
            "inspired_by": forms.CheckboxSelectMultiple,
            "co_editors": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "tags": "Words that help members find it, separated by commas.",
            "visibility": "Who may see this tender and its documents.",
            "co_editors": "Colleagues who may edit the tender and add documents with you.",
            "submission_deadline": "Date and time, in your own time zone.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = Organisation.objects.confirmed()
        self.fields["buyer"].empty_label = "Not in the list: name it below"
        self.fields["inspired_by"].queryset = self.fields["inspired_by"].queryset.live().public()
        self.fields["inspired_by"].required = False
        # Co-editors come from the owner's organisation: they share the tender on its behalf.
        owner = self.instance.owner if self.instance.pk else None
        organisation = self.instance.organisation if self.instance.pk else None
        if organisation is None and user is not None:
            member = getattr(user, "member", None)
            organisation = member.organisation if member else None
        colleagues = Member.objects.active().filter(organisation=organisation)
        self.fields["co_editors"].queryset = (
            get_user_model()
            .objects.filter(member__in=colleagues)
            .exclude(pk=getattr(owner or user, "pk", None))
            .order_by("first_name", "last_name")
        )
        self.fields["co_editors"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["co_editors"].required = False

    def clean_estimated_value(self):
        value = self.cleaned_data.get("estimated_value")
        if value is not None and value < 0:
            raise forms.ValidationError("The value cannot be negative.")
        return value

    def clean_tags(self):
        # Each tag is a row of its own, with a column of fixed length: the tags field knows
        # nothing of it, and PostgreSQL would refuse a longer tag with a server error.
        tags = self.cleaned_data.get("tags") or []
        limit = TenderTag._meta.get_field("name").max_length
        too_long = [tag for tag in tags if len(tag) > limit]
        if too_long:
            raise forms.ValidationError(
                f"A tag can be at most {limit} characters long: shorten "
                f"“{too_long[0][:40]}…” or split it at commas."
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("buyer") and not (cleaned.get("buyer_name") or "").strip():
            self.add_error("buyer", "Choose the buying organisation or write its name below.")
        publication = cleaned.get("publication_date")
        for name in ("clarification_deadline", "submission_deadline"):
            deadline = cleaned.get(name)
            if publication and deadline and timezone.localdate(deadline) < publication:
                self.add_error(name, "This deadline is before the publication date.")
        clarification, submission = (
            cleaned.get("clarification_deadline"),
            cleaned.get("submission_deadline"),
        )
        if clarification and submission and clarification > submission:
            self.add_error(
                "clarification_deadline", "Clarifications must close before submissions do."
            )
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", "The contract cannot end before it starts.")
        return cleaned


LotFormSet = forms.inlineformset_factory(
    Tender,
    Lot,
    fields=["title", "cpv"],
    field_classes={"cpv": CpvCodeField},
    labels={"title": "Lot title", "cpv": "Lot CPV code", "DELETE": "Remove this lot"},
    extra=2,
    max_num=50,
    can_delete=True,
)


class DocumentForm(forms.ModelForm):
    file = forms.FileField(
        help_text=f"{ALLOWED_TEXT}; its content is checked, not only its name.",
    )

    class Meta:
        model = TenderDocument
        fields = ["kind", "title", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class VersionForm(forms.Form):
    file = forms.FileField(
        label="New version", help_text=f"{ALLOWED_TEXT}. The earlier versions stay available."
    )
    note = forms.CharField(
        required=False, max_length=255, label="What changed", help_text="e.g. Clarified lot 2."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class LibraryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words")
    country = forms.ChoiceField(required=False)
    stage = forms.ChoiceField(required=False, choices=[("", "Any stage"), *Stage.choices])
    cpv = CpvCodeField(
        required=False,
        label="CPV code",
        help_text="A division or group includes the codes below it.",
    )
    closing = forms.ChoiceField(
        required=False,
        label="Submission deadline",
        choices=[("", "Any time")] + [(k, label) for k, (label, _days) in DEADLINE_WINDOWS.items()],
    )
    tag = forms.ChoiceField(required=False)
    organisation = forms.ChoiceField(required=False)
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()), label="Sort by")

    def __init__(self, *args, tenders, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(tenders.values_list("country", flat=True))
        self.fields["country"].choices = [("", "Any country")] + [
            (code, name) for code, name in countries if code in present
        ]
        self.fields["tag"].choices = [("", "Any tag")] + [
            (tag.slug, tag.name)
            for tag in TenderTag.objects.filter(tagged_tenders__content_object__in=tenders)
            .distinct()
            .order_by("name")
        ]
        self.fields["organisation"].choices = [("", "Any organisation")] + [
            (str(org.pk), org.name)
            for org in Organisation.objects.filter(shared_tenders__in=tenders)
            .distinct()
            .order_by("name")
        ]

    def filter(self, tenders, now):
        data = self.cleaned_data
        for word in (data.get("q") or "").split()[:10]:
            tenders = tenders.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(criteria__icontains=word)
                | Q(buyer_name__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        if data.get("country"):
            tenders = tenders.filter(country=data["country"])
        if data.get("stage"):
            tenders = tenders.filter(stage=data["stage"])
        if data.get("cpv"):
            tenders = tenders.in_cpv(data["cpv"].code)
        if data.get("closing"):
            days = DEADLINE_WINDOWS[data["closing"]][1]
            tenders = tenders.closing_between(now, now + datetime.timedelta(days=days))
        if data.get("tag"):
            tenders = tenders.filter(tags__slug=data["tag"])
        if data.get("organisation"):
            tenders = tenders.filter(organisation_id=data["organisation"])
        if data.get("sort") == "closing":
            # Open deadlines first, soonest at the top; then the rest, newest first.
            return tenders.annotate(
                still_open=Case(When(submission_deadline__gte=now, then=0), default=1)
            ).order_by("still_open", "submission_deadline", "-created_at")
        return tenders.order_by("-created_at")

    @property
    def is_filtered(self):
        return self.is_bound and any(
            value for name, value in self.cleaned_data.items() if name != "sort"
        )


class OcdsImportForm(forms.Form):
    package = forms.FileField(
        label="OCDS package (JSON)",
        help_text="A release package or record package following OCDS 1.1, up to 5 MB. "
        "Tenders are created for your organisation, or updated where you shared them.",
    )


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["title", "kind", "text", "topics", "document"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "topics": forms.CheckboxSelectMultiple,
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, tender, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = tender.documents.all()
        self.fields["document"].empty_label = "Not from a document"
        self.fields["topics"].required = False


class ClauseFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Words")
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *ClauseKind.choices])
    topic = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "Any topic")] + [
            (topic.slug, topic.name) for topic in Topic.objects.order_by("name")
        ]

    def filter(self, clauses):
        data = self.cleaned_data
        for word in (data.get("q") or "").split()[:10]:
            clauses = clauses.filter(Q(title__icontains=word) | Q(text__icontains=word))
        if data.get("kind"):
            clauses = clauses.filter(kind=data["kind"])
        if data.get("topic"):
            clauses = clauses.filter(topics__slug=data["topic"])
        return clauses


class CompareForm(forms.Form):
    tender = forms.TypedMultipleChoiceField(coerce=int, label="Tenders to compare")

    def __init__(self, *args, tenders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tender"].choices = [(t.pk, t.title) for t in tenders]
        self.fields["tender"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["tender"].choices
        )

    def clean_tender(self):
        chosen = self.cleaned_data["tender"]
        if not 2 <= len(chosen) <= 3:
            raise forms.ValidationError("Choose two or three tenders to compare.")
        return chosen


class ClauseUseForm(forms.Form):
    tender = forms.ModelChoiceField(
        queryset=Tender.objects.none(),
        label="Your tender",
        empty_label="Choose one of your tenders",
    )

    def __init__(self, *args, tenders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tender"].queryset = tenders
