from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q, TextChoices
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from community.models import Member, Organisation, OrganisationKind, ProfileField
from resources.models import Topic

PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
NEW_ORGANISATION_ERROR = "Choose your organisation from the list, or give its name below."


class OrganisationChoiceMixin(forms.Form):
    """Pick a confirmed organisation, or name a new one for staff to check."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.confirmed(),
        required=False,
        empty_label="My organisation is not listed",
        help_text="The organisation you work for.",
    )
    # One of the two is needed: the template must not call either "optional".
    organisation.show_optional = False
    new_organisation_name = forms.CharField(
        max_length=200,
        required=False,
        label="Name of your organisation",
        help_text="Only if it is not in the list above.",
    )
    new_organisation_name.show_optional = False
    new_organisation_kind = forms.ChoiceField(
        choices=[("", "Choose…"), *OrganisationKind.choices],
        required=False,
        label="Kind of organisation",
    )
    new_organisation_website = forms.URLField(
        required=False, label="Organisation website", assume_scheme="https"
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation"):
            return cleaned
        name = " ".join((cleaned.get("new_organisation_name") or "").split())
        if not name:
            self.add_error("organisation", NEW_ORGANISATION_ERROR)
            return cleaned
        existing = Organisation.objects.filter(name__iexact=name).first()
        if existing:
            # Listed already, or named first by another applicant (staff then confirm it with
            # either application): the same organisation, not a second one.
            cleaned["organisation"] = existing
            return cleaned
        if not cleaned.get("new_organisation_kind"):
            self.add_error("new_organisation_kind", "Say what kind of organisation it is.")
        cleaned["new_organisation_name"] = name
        return cleaned

    def chosen_organisation(self, country):
        data = self.cleaned_data
        if data.get("organisation"):
            return data["organisation"]
        return Organisation.objects.create(
            name=data["new_organisation_name"],
            kind=data["new_organisation_kind"],
            country=country,
            website=data.get("new_organisation_website") or "",
            is_confirmed=False,
        )


class MemberDetailsMixin(forms.Form):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    country = LazyTypedChoiceField(
        choices=[("", "Choose…"), *countries], help_text="The country you work in."
    )
    job_title = forms.CharField(max_length=120, help_text="For example: ICT category manager.")
    privacy_consent = forms.BooleanField(
        label="I agree to the privacy notice",
        help_text="It explains what the group keeps about you and how to have it deleted.",
        error_messages={"required": "You can only join if you agree to the privacy notice."},
    )


class JoinForm(MemberDetailsMixin, OrganisationChoiceMixin):
    """The extra fields of allauth's sign-up form: the application to join.

    allauth adds email and password and creates the account; ``signup`` then files the
    application. An address that already has an account never reaches ``signup``: allauth
    answers it exactly as it answers a new one, and emails the owner instead.
    """

    motivation = forms.CharField(
        label="Why do you want to join?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What you buy, what you hope to share or learn. Staff read this when they "
        "review your application.",
    )

    def signup(self, request, user):
        data = self.cleaned_data
        user.first_name = data["first_name"]
        user.last_name = data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        Member.objects.create(
            user=user,
            status=Member.Status.PENDING,
            organisation=self.chosen_organisation(data["country"]),
            country=data["country"],
            job_title=data["job_title"],
            motivation=data["motivation"],
            privacy_consent_at=timezone.now(),
        )


class InvitationAcceptForm(MemberDetailsMixin, OrganisationChoiceMixin):
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("first_name", invitation.first_name)
        initial.setdefault("last_name", invitation.last_name)
        initial.setdefault("organisation", invitation.organisation)
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            probe = get_user_model()(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def account_data(self):
        data = self.cleaned_data
        return {
            "user_data": {"first_name": data["first_name"], "last_name": data["last_name"]},
            "member_data": {
                "organisation": self.chosen_organisation(data["country"]),
                "country": data["country"],
                "job_title": data["job_title"],
            },
            "password": data["password1"],
        }


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    shared_fields = forms.MultipleChoiceField(
        choices=ProfileField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What other members see",
        help_text="Your name and organisation are always shown to members. Nothing here is "
        "ever shown to visitors.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    remove_photo = forms.BooleanField(required=False, label="Remove my photo")

    class Meta:
        model = Member
        fields = [
            "job_title",
            "country",
            "bio",
            "topics",
            "photo",
            "photo_alt_text",
            "listed_in_directory",
            "shared_fields",
        ]
        labels = {
            "bio": "About me",
            "photo_alt_text": "Describe the photo",
            "listed_in_directory": "List me in the members' directory",
        }
        help_texts = {
            "job_title": "For example: ICT category manager.",
            "country": "The country you work in.",
            "bio": "A few sentences about your work and what you could share with peers.",
            "photo": "JPEG, PNG or WebP, up to 2 MB. Members see it only if you show it below.",
            "photo_alt_text": "What the photo shows, for people who cannot see it.",
            "listed_in_directory": "Unlisted, other members neither find you in the directory "
            "nor open your profile.",
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "photo": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.order_fields(["first_name", "last_name"])

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        limit = settings.MEMBER_PHOTO_MAX_UPLOAD_SIZE
        if photo and getattr(photo, "size", 0) > limit:
            raise forms.ValidationError(
                f"The photo is {filesizeformat(photo.size)}; the limit is "
                f"{filesizeformat(limit)}. Try a smaller image."
            )
        # Django has read the file with Pillow (a new upload has ``image``): judge the format
        # by its content, whatever the file is called.
        image = getattr(photo, "image", None)
        if image is not None and image.format not in PHOTO_FORMATS:
            raise forms.ValidationError(
                f"This is a {image.format} image; upload a JPEG, PNG or WebP photo instead."
            )
        return photo

    def clean(self):
        cleaned = super().clean()
        has_photo = (cleaned.get("photo") or self.instance.photo) and not cleaned.get(
            "remove_photo"
        )
        if has_photo and not cleaned.get("photo_alt_text", "").strip():
            self.add_error("photo_alt_text", "Describe the photo for people who cannot see it.")
        return cleaned

    def save(self, commit=True):
        member = super().save(commit=False)
        if self.cleaned_data.get("remove_photo") and member.photo:
            member.photo.delete(save=False)
            member.photo = ""
            member.photo_alt_text = ""
        user = member.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            member.save()
            self.save_m2m()
        return member


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Name, organisation or job")
    country = forms.ChoiceField(required=False, label="Country")
    kind = forms.ChoiceField(
        required=False,
        label="Kind of organisation",
        choices=[("", "Any kind"), *OrganisationKind.choices],
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        codes = set(members.values_list("organisation__country", flat=True))
        self.fields["country"].choices = [("", "Any country")] + [
            (code, name) for code, name in countries if code in codes
        ]

    def filter(self, members):
        data = self.cleaned_data
        if data.get("q"):
            for word in data["q"].split()[:10]:
                members = members.filter(
                    Q(user__first_name__icontains=word)
                    | Q(user__last_name__icontains=word)
                    | Q(organisation__name__icontains=word)
                    | Q(job_title__icontains=word)
                )
        if data.get("country"):
            members = members.filter(organisation__country=data["country"])
        if data.get("kind"):
            members = members.filter(organisation__kind=data["kind"])
        return members


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label="Type your email address to confirm",
        help_text="Deleting your account cannot be undone.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self):
        email = self.cleaned_data["confirm_email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError("That is not the address of this account.")
        return email


class DecisionForm(forms.Form):
    """Staff deciding on an application or a membership in the admin."""

    class Decision(TextChoices):
        APPROVE = "approve", "Approve: make them a member"
        REJECT = "reject", "Reject the application"
        LAPSE = "lapse", "End the membership (lapsed)"

    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.RadioSelect)
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. Included in the email the person receives.",
    )
