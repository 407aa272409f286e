"""Each tender's discussion thread, started with the tender."""

from django.urls import reverse

CATEGORY_NAME = "Shared tenders"
CATEGORY_SLUG = "shared-tenders"


def tender_category():
    from community.discussions.models import Category

    category, _created = Category.objects.get_or_create(
        slug=CATEGORY_SLUG,
        defaults={
            "name": CATEGORY_NAME,
            "description": "One thread per shared tender: questions, lessons, what to reuse.",
        },
    )
    return category


def start_tender_thread(tender, author):
    from community.discussions.posting import start_thread_about

    url = reverse("community:library:tender", args=[tender.pk])
    return start_thread_about(
        tender,
        category=tender_category(),
        title=tender.title[:200],
        body=f"The discussion of the tender [{tender.title}]({url}): questions for "
        f"{tender.buyer_display}, how the criteria worked, what you would reuse.",
        author=author,
    )


def thread_of(tender):
    from community.discussions.posting import thread_about

    return thread_about(tender)
