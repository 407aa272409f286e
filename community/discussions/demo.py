"""The discussions' demo content: categories, threads between the demo members (one continuing
the Nijmegen event), a flagged post, a hidden one, follows and the notifications they bring.

Safe to run again: categories and threads are found by slug and title, and a thread that
exists keeps its posts.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from community.discussions import follows, moderation, posting
from community.discussions.models import Category, Flag, Thread
from home.demo import register

CATEGORIES = (
    ("ict-criteria", "ICT criteria", "Social and environmental criteria in ICT tenders."),
    ("supply-chain-monitoring", "Supply-chain monitoring", "Verifying conditions after award."),
    ("market-engagement", "Market engagement", "Talking to suppliers before a tender."),
    ("tender-help", "Tender help", "Questions on a tender you are preparing."),
    ("events", "Events", "Following up the group's events."),
)

# (category, title, [(author email, text), …]); the first post opens the thread.
THREADS = (
    (
        "supply-chain-monitoring",
        "How do you verify labour-rights clauses after award?",
        [
            (
                "member@example.org",
                "Our laptop framework has a clause on **working hours** in final assembly. "
                "How do others check it once the contract runs? We rely on "
                "[Electronics Watch](https://electronicswatch.org/) monitoring reports.",
            ),
            (
                "fiona.mackay@example.org",
                "We ask the supplier for its list of factories every year and compare it with "
                "the monitoring reports. @member, do you share your findings with the supplier?",
            ),
            (
                "lars.nielsen@example.org",
                "Aalborg added a clause that the supplier must answer findings within 60 days.",
            ),
        ],
    ),
    (
        "market-engagement",
        "Which suppliers answered your market consultation?",
        [
            (
                "sanne.de.vries@example.org",
                "We are preparing a consultation on smartphones. Who answered yours, and what "
                "did you ask?",
            ),
            (
                "moderator@example.org",
                "The Nijmegen event had a session on this; the slides are on the event page.",
            ),
        ],
    ),
    (
        "events",
        "Continue the conversation: Live Market Engagement, Nijmegen",
        [
            (
                "moderator@example.org",
                "What did you take home from Nijmegen? Questions for the suppliers who "
                "presented are welcome here too.",
            ),
            ("member@example.org", "The traceability session was the most useful for us."),
        ],
    ),
)
FLAGGED_TEXT = "Buy cheap refurbished laptops at my shop, best prices, click here!"
HIDDEN_TEXT = "Supplier X's contact at the factory is called …, here is her phone number."


def build_discussions(run):
    users = {user.email: user for user in get_user_model().objects.filter(email__contains="@")}
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    yield "Discussion categories", str(len(categories))

    threads = []
    with transaction.atomic():
        for slug, title, posts in THREADS:
            if Thread.objects.filter(title=title).exists():
                continue
            (first_author, first_text), *replies = posts
            thread = posting.start_thread(
                author=users[first_author],
                category=categories[slug],
                title=title,
                body=first_text,
                subject=_nijmegen(run) if slug == "events" else None,
            )
            for author, text in replies:
                posting.reply(author=users[author], thread=thread, body=text)
            threads.append(thread)
        if threads:
            _moderated_posts(threads[0], users)
    moderator = users["moderator@example.org"]
    follows.follow(users["member@example.org"], categories["tender-help"])
    follows.follow(moderator, categories["supply-chain-monitoring"])
    yield "Threads", f"{Thread.objects.count()}, with a flagged post and a hidden one"


def _nijmegen(run):
    page = run.shared.get("pages", {}).get("event-nijmegen")
    if page is None or posting.thread_about(page) is not None:
        return None
    return page


def _moderated_posts(thread, users):
    moderator = users["moderator@example.org"]
    flagged = posting.reply(
        author=users["lars.nielsen@example.org"], thread=thread, body=FLAGGED_TEXT
    )
    moderation.flag_post(flagged, by=users["member@example.org"], reason=Flag.Reason.SPAM)
    hidden = posting.reply(
        author=users["sanne.de.vries@example.org"], thread=thread, body=HIDDEN_TEXT
    )
    moderation.flag_post(
        hidden, by=users["fiona.mackay@example.org"], reason=Flag.Reason.PERSONAL_DATA
    )
    moderation.hide_post(
        hidden, moderator=moderator, reason="It shared a worker's personal contact details."
    )


register("discussions", build_discussions, order=90)
