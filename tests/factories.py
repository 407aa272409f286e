"""Factories for the site's pages, media, topics and users.

Pages come out published the way an editor's "Publish" leaves them: a revision, ``live``,
``first_published_at`` set. Listings filter on ``.live().public()`` and feeds date items by
``first_published_at``, so a page saved without a revision would pass tests it should fail.
Pass ``live=False`` for a draft that was never published and ``private=True`` for a page
only logged-in visitors may see.
"""

import datetime
from types import SimpleNamespace

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, PageViewRestriction, Site

from home.models import HomePage, SiteDocument, SiteImage, StandardPage
from resources.models import (
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourceKind,
    ResourcePage,
    Topic,
)

PASSWORD = "correct-horse-battery-staple"


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def make_private(page):
    """Restrict ``page`` (and so everything under it) to logged-in visitors."""
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def publish_changes(page, **changes):
    """Publish a new revision of ``page`` with ``changes``, as an editor would."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class PublishedPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    live = True

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if extracted and hasattr(page, "tags"):
            page.tags.add(*extracted)

    @factory.post_generation
    def private(page, create, extracted, **kwargs):
        if create and extracted:
            make_private(page)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if not create:
            return
        # Saving first writes clustered relations (tags) even for drafts, which the
        # revision alone would keep out of the database until publication.
        instance.save()
        revision = instance.save_revision()
        if instance.live:
            revision.publish()
            instance.refresh_from_db()


class HomePageFactory(PublishedPageFactory):
    title = "Home"
    slug = "home"
    hero_heading = "European public buyers for fair ICT supply chains"
    introduction = "The SRPP Procura+ Interest Group brings public buyers together."

    class Meta:
        model = HomePage


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")
    body = factory.LazyFunction(lambda: paragraph("Who we are and what we do."))

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(PublishedPageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"News item {n}")
    date = factory.LazyFunction(timezone.localdate)
    introduction = factory.LazyAttribute(lambda page: f"What happened: {page.title}.")
    body = factory.LazyFunction(lambda: paragraph("The story in full."))

    class Meta:
        model = NewsPage


class EventIndexPageFactory(PublishedPageFactory):
    title = "Events"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Market engagement event {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=3))
    time_zone = "Europe/Brussels"
    venue_name = "De Vereeniging"
    venue_address = "Keizer Karelplein 2d\n6511 NH Nijmegen\nNetherlands"
    organiser = "ICLEI Europe"
    introduction = factory.LazyAttribute(lambda event: f"Come to {event.title}.")

    class Meta:
        model = EventPage


class ResourceIndexPageFactory(PublishedPageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Guidance note {n}")
    kind = ResourceKind.GUIDANCE
    publication_date = factory.LazyFunction(timezone.localdate)
    introduction = factory.LazyAttribute(lambda page: f"How to use {page.title}.")

    class Meta:
        model = ResourcePage

    @factory.post_generation
    def topics(page, create, extracted, **kwargs):
        if extracted:
            page.topics.set(extracted)


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    description = "What belongs under this topic."

    class Meta:
        model = Topic
        django_get_or_create = ("name",)


class SiteImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    description = "Buyers and suppliers talking at a market engagement event"
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = SiteImage


class SiteDocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="guidance.pdf", data=b"%PDF-1.4 test")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = SiteDocument


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Alex"
    last_name = "Jansen"
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True


class StaffUserFactory(UserFactory):
    """Staff come with a TOTP authenticator: the admin is closed to staff without one.

    ``user.totp_secret`` gives the secret, for tests that log in through the form.
    """

    class Meta:
        abstract = True

    @factory.post_generation
    def email_address(user, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"primary": True, "verified": True}
            )

    @factory.post_generation
    def second_factor(user, create, extracted, **kwargs):
        if create and extracted is not False:
            from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

            user.totp_secret = generate_totp_secret()
            TOTP.activate(user, user.totp_secret)


class EditorFactory(StaffUserFactory):
    """A comms staff member: Wagtail's "Editors" group, no superuser rights."""

    username = factory.Sequence(lambda n: f"editor{n}")

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="Editors"))


class SuperuserFactory(StaffUserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


def build_site_tree():
    """The standard tree: root → home (the default site's root) → news, events, resources and
    an about page. Wagtail's welcome page, installed by its migrations, is removed."""
    root = Page.get_first_root_node()
    # Deleting the welcome page takes its Site with it (the foreign key cascades).
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="SRPP Procura+ Interest Group",
    )
    return SimpleNamespace(
        site=site,
        home=home,
        news_index=NewsIndexPageFactory(parent=home),
        event_index=EventIndexPageFactory(parent=home),
        resource_index=ResourceIndexPageFactory(parent=home),
        about=StandardPageFactory(parent=home, title="About the group", slug="about"),
    )


# --- members area ---


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"City of Examplestad {n}")
    kind = "public_authority"
    country = "NL"
    website = "https://example.org/"

    class Meta:
        model = "community.Organisation"
        django_get_or_create = ("name",)


class MemberFactory(DjangoModelFactory):
    """An approved member with a confirmed email address, in the Members group.

    ``MemberFactory(status="pending")`` gives an applicant, ``"rejected"`` or ``"lapsed"`` a
    former one: the role follows the status, as the membership functions leave it.
    """

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"member{n}"))
    status = "active"
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "ICT buyer"
    country = "NL"
    bio = "I buy laptops and servers for the city."
    motivation = "To share tender documents with peers."
    privacy_consent_at = factory.LazyFunction(timezone.now)
    decided_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = "community.Member"
        skip_postgeneration_save = True

    @factory.post_generation
    def email_address(member, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=member.user,
                email=member.user.email,
                defaults={"primary": True, "verified": True},
            )

    @factory.post_generation
    def role(member, create, extracted, **kwargs):
        if create and member.status == "active":
            from community.membership import MEMBERS_GROUP

            member.user.groups.add(Group.objects.get(name=MEMBERS_GROUP))


class ModeratorFactory(MemberFactory):
    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"moderator{n}"))

    @factory.post_generation
    def moderator_role(member, create, extracted, **kwargs):
        if create:
            from community.membership import MODERATORS_GROUP

            member.user.groups.add(Group.objects.get(name=MODERATORS_GROUP))


class ApplicantFactory(MemberFactory):
    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"applicant{n}"))
    status = "pending"
    decided_at = None


# --- tender library ---


class TenderFactory(DjangoModelFactory):
    """A tender shared with all members by an approved member, for their organisation."""

    title = factory.Sequence(lambda n: f"Laptop framework {n} with labour-rights clauses")
    owner = factory.LazyAttribute(lambda tender: MemberFactory().user)
    organisation = factory.LazyAttribute(lambda tender: tender.owner.member.organisation)
    buyer = factory.LazyAttribute(lambda tender: tender.organisation)
    country = "ES"
    main_cpv_id = "30213100"
    procedure = "open"
    stage = "open_for_bids"
    summary = "Laptops for schools, with independent monitoring of working conditions."
    criteria = "Contract performance clause: the supplier discloses its factories."

    class Meta:
        model = "library.Tender"
        skip_postgeneration_save = True


class TenderDocumentFactory(DjangoModelFactory):
    tender = factory.SubFactory(TenderFactory)
    kind = "specification"
    title = factory.Sequence(lambda n: f"Technical specification {n}")

    class Meta:
        model = "library.TenderDocument"
        skip_postgeneration_save = True

    @factory.post_generation
    def versions(document, create, extracted, **kwargs):
        """``versions=[b"%PDF…", …]``: file contents, oldest first (one PDF by default);
        ``versions__file_type="docx"`` for another type."""
        if not create:
            return
        import hashlib

        from django.core.files.base import ContentFile
        from django.utils.text import slugify

        from community.library.models import DocumentVersion
        from tests.community.library.files import pdf

        file_type = kwargs.get("file_type", "pdf")
        stem = slugify(document.title) or "document"
        for number, content in enumerate(extracted or [pdf()], start=1):
            version = DocumentVersion(
                document=document,
                number=number,
                filename=f"{stem}-v{number}.{file_type}",
                file_type=file_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by=document.tender.owner,
            )
            version.file.save(version.filename, ContentFile(content), save=False)
            version.save()


# --- discussions ---


class CategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Supply-chain monitoring {n}")
    slug = factory.Sequence(lambda n: f"supply-chain-monitoring-{n}")
    description = "How members verify labour conditions after award."

    class Meta:
        model = "discussions.Category"
        django_get_or_create = ("slug",)


class ThreadFactory(DjangoModelFactory):
    """A thread with its opening post, started the way members start one (so its counters,
    the author's follow and read marker are as the site keeps them)."""

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"How did you verify clause {n} after award?")
    author = factory.LazyAttribute(lambda o: MemberFactory().user)
    body = "We audited the factory through Electronics Watch. How did others do it?"

    class Meta:
        model = "discussions.Thread"

    @classmethod
    def _create(cls, model_class, *, category, title, author, body, **kwargs):
        from community.discussions import posting

        thread = posting.start_thread(author=author, category=category, title=title, body=body)
        if kwargs:
            model_class.objects.filter(pk=thread.pk).update(**kwargs)
            thread.refresh_from_db()
        return thread


class PostFactory(DjangoModelFactory):
    """A reply, written through ``posting.reply``."""

    thread = factory.SubFactory(ThreadFactory)
    author = factory.LazyAttribute(lambda o: MemberFactory().user)
    body = "We asked for the supplier's list of factories and checked it each year."

    class Meta:
        model = "discussions.Post"

    @classmethod
    def _create(cls, model_class, *, thread, author, body, quoted=None, **kwargs):
        from community.discussions import posting

        post = posting.reply(author=author, thread=thread, body=body, quoted=quoted)
        if kwargs:
            model_class.objects.filter(pk=post.pk).update(**kwargs)
            post.refresh_from_db()
        return post


class FlagFactory(DjangoModelFactory):
    post = factory.SubFactory(PostFactory)
    flagged_by = factory.LazyAttribute(lambda o: MemberFactory().user)
    reason = "abuse"
    note = "Personal attack on another member."

    class Meta:
        model = "discussions.Flag"
