"""The shapes of the demo content: plain data the builders turn into pages, images and files.

Content refers to other content by key (``Ref("join")``, ``Doc("slides-iclei")``, or
``<a page="join">`` inside rich text), so the data reads without database ids and can name a page
before it exists.
"""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ref:
    """A page of the demo, by its key."""

    key: str


@dataclass(frozen=True)
class Doc:
    """A document of the demo, by its key."""

    key: str


@dataclass(frozen=True)
class ImageSpec:
    key: str
    title: str
    description: str  # the alternative text
    motif: str  # one of files.MOTIFS
    colours: tuple[str, ...]  # background first


@dataclass(frozen=True)
class DocumentSpec:
    """A placeholder PDF standing in for a real publication or slide deck."""

    key: str
    title: str
    organisation: str
    context: str  # where it comes from: an event, a series, a year
    description: str
    slides: bool = False  # landscape, like a slide deck


@dataclass(frozen=True)
class StandardPageSpec:
    key: str
    slug: str
    title: str
    introduction: str
    body: tuple
    image: str = ""


@dataclass(frozen=True)
class When:
    """An absolute date, or a number of days from the day the loader runs, so that
    "upcoming" events stay upcoming however long after writing the demo is loaded."""

    start_time: datetime.time
    end_time: datetime.time
    date: datetime.date | None = None
    days_from_today: int | None = None


@dataclass(frozen=True)
class Speaker:
    name: str
    organisation: str
    kind: str  # resources.blocks.SpeakerKind


@dataclass(frozen=True)
class Session:
    start: datetime.time
    end: datetime.time
    title: str
    description: str
    speaker: Speaker
    slides: str = ""  # a DocumentSpec key


SPEAKER_ROLES = {
    "network": "Network representative",
    "civil_society": "Civil-society representative",
    "public_authority": "Procurement representative",
    "supplier": "Company representative",
}


@dataclass(frozen=True)
class Presentation:
    """One talk at the 2018 live market engagement: a session on the event page, a slide
    deck, and a resource of its own."""

    key: str
    organisation: str
    kind: str  # resources.blocks.SpeakerKind
    start: datetime.time
    end: datetime.time
    title: str
    summary: str
    points: tuple[str, ...]
    topics: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def speaker(self):
        # Real people are not named in the demo: a role stands in for the name.
        return Speaker(SPEAKER_ROLES[self.kind], self.organisation, self.kind)


@dataclass(frozen=True)
class EventSpec:
    key: str
    slug: str
    title: str
    introduction: str
    when: When
    time_zone: str
    organiser: str
    body: tuple
    tags: tuple[str, ...]
    image: str = ""
    venue_name: str = ""
    venue_address: str = ""
    online_url: str = ""
    registration_url: str = ""
    held_alongside: str = ""
    sessions: tuple[Session, ...] = ()


@dataclass(frozen=True)
class ResourceSpec:
    key: str
    slug: str
    title: str
    kind: str  # resources.models.ResourceKind
    publication_date: datetime.date
    introduction: str
    body: tuple
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    documents: tuple[str, ...] = ()
    image: str = ""
    source_event: str = ""


@dataclass(frozen=True)
class NewsSpec:
    key: str
    slug: str
    title: str
    introduction: str
    body: tuple
    tags: tuple[str, ...]
    date: datetime.date | None = None
    days_ago: int | None = None  # for news that must stay recent, like a call for an event
    image: str = ""
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicSpec:
    name: str
    description: str


@dataclass(frozen=True)
class HomeSpec:
    title: str
    hero_heading: str
    introduction: str
    figures: tuple
    features: tuple[str, ...]
    body: tuple
    join_heading: str
    join_text: str
    join_page: str
    image: str = ""


@dataclass(frozen=True)
class IndexSpec:
    key: str
    model: str  # "news", "events" or "resources"
    slug: str
    title: str
    introduction: str
    empty_message: str
    image: str = ""


@dataclass(frozen=True)
class SiteSettingsSpec:
    footer_text: str
    contact_email: str
    hashtag: str
    share_image: str
    main_menu: tuple[tuple[str, str], ...] = field(default=())  # (page key, link text)
    footer_links: tuple[tuple[str, str], ...] = field(default=())


# Body blocks, written the way StreamField accepts them: (block type, value).


def heading(text):
    return ("heading", text)


def paragraph(*sentences_or_html):
    """One rich-text block; plain strings become paragraphs, HTML passes through."""
    parts = [s if s.lstrip().startswith("<") else f"<p>{s}</p>" for s in sentences_or_html]
    return ("paragraph", "".join(parts))


def bullets(*items, intro=""):
    html = f"<p>{intro}</p>" if intro else ""
    return ("paragraph", html + "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def call_to_action(title, text, page_key, link_text=""):
    return (
        "call_to_action",
        {
            "heading": title,
            "text": text,
            "link": {"page": Ref(page_key), "url": "", "text": link_text},
        },
    )


def documents(title, *keys):
    return ("documents", {"heading": title, "documents": [Doc(key) for key in keys]})
