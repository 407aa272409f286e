"""Payloads already stored (every free-text field of tests/security/world.py holds one) are
inert wherever they are shown later, and come back exactly as they were written.

The visits of every address (suite.AttackTestCase) read each page as a visitor, a member and
a moderator: member directory, profiles, tenders, the clause bank, threads, notifications,
feeds, calendars, exports. Here also: the Wagtail admin's listings and pages for the members'
area, the search results' snippets, and every email the stored payloads travel in.
"""

import json

from bs4 import BeautifulSoup
from django.core import mail
from icalendar import Calendar
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from community import membership
from community.discussions import posting
from community.library.models import Tender
from community.membership import invite
from tests.factories import ApplicantFactory
from tests.security.corpus import HEADER_INJECTION, SCRIPT_PAYLOADS
from tests.urlconf import routes

# Pages where what members write is shown, each of which the visits must have read.
SHOWN_ON = [
    "community:home",
    "community:directory",
    "community:profile",
    "community:library:library",
    "community:library:tender",
    "community:library:clauses",
    "community:library:clause",
    "community:library:compare",
    "community:library:export",
    "community:library:export_tender",
    "community:library:deadlines",
    "community:discussions:index",
    "community:discussions:category",
    "community:discussions:thread",
    "community:discussions:notifications",
    "wagtail_serve",
    "resources:tag_detail",
]


# The admin's listings, and its forms and pages for one item (history and usage pages are in
# tests/community/test_admin_listings.py).
ADMIN_VIEWS = {"index", "index_results", "edit", "inspect"}


def text_of(html):
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def same_text(value):
    return " ".join(value.split())


class StoredPayloads:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def test_every_page_shows_stored_payloads_as_text(self):
        read = {visit.name for visit in self.visits["member"] if visit.status == 200}

        self.assertEqual([name for name in SHOWN_ON if name not in read], [])
        self.assertEqual(self.problems_on_the_way, [])

    def test_stored_payloads_come_back_exactly_as_written(self):
        objects = self.world.objects
        member = self.world.people.member
        probe = self.probe(member.user)
        shown = {
            f"/members/people/{member.pk}/": [
                member.job_title,
                member.user.last_name,
                member.organisation.name,
            ],
            f"/members/library/{objects.a.tender.pk}/": [
                objects.a.tender.title,
                objects.a.tender.summary,
                objects.a.document.title,
            ],
            f"/members/library/clauses/{objects.a.clause.pk}/": [objects.a.clause.title],
            f"/members/discussions/threads/{objects.a.thread.pk}/": [
                objects.a.thread.title,
                objects.category.name,
            ],
        }
        for url, texts in shown.items():
            page = text_of(probe.get(url).content.decode())
            for text in texts:
                self.assertIn(same_text(text), page, f"{text!r} is not shown as written at {url}")
        probe.assert_no_problems(self)

    def test_the_admin_shows_stored_payloads_as_text(self):
        probe = self.probe(self.world.people.superuser)
        models = {
            viewset.name: viewset.model
            for viewset in viewsets.viewsets
            if isinstance(viewset, ModelViewSet)
            and viewset.model._meta.app_label in ("community", "library", "discussions")
        }
        site = self.world.site
        urls = [
            f"/admin/pages/{site.tree.news_index.pk}/",
            f"/admin/pages/{site.news.pk}/edit/",
            f"/admin/pages/{site.event.pk}/edit/",
        ]
        for route in routes():
            namespace = route.namespaces[0] if route.namespaces else None
            view = route.name.rsplit(":", 1)[-1]
            if namespace not in models or view not in ADMIN_VIEWS:
                continue
            instance = models[namespace]._default_manager.order_by("pk").first()
            if instance is None and route.kwargs:
                continue
            path = route.route.replace("<int:pk>", str(getattr(instance, "pk", "")))
            urls.append("/" + path)
        for url in urls:
            response = probe.get(url)
            if response.status_code != 200:
                probe.note(url, f"the admin answered {response.status_code}")

        self.assertGreater(len(urls), 25)
        probe.assert_no_problems(self)

    def test_search_results_show_stored_payloads_as_text(self):
        for user in (None, self.world.people.member.user):
            probe = self.probe(user)
            for word in ("News", "Event", "Resource", "Tender", "Thread", "alert"):
                probe.get("/search/", {"q": word})
            probe.assert_no_problems(self)

    def test_emails_carry_stored_payloads_inert_with_clean_headers(self):
        people, objects = self.world.people, self.world.objects
        probe = self.probe(None)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            # B (whose name has a line break) replies to A's thread and mentions A.
            posting.reply(
                author=people.other.user,
                thread=objects.a.thread,
                body=f"{SCRIPT_PAYLOADS[1]} @{people.member.user.username}",
            )
        with self.captureOnCommitCallbacks(execute=True):
            applicant = ApplicantFactory(user__first_name=HEADER_INJECTION)
            membership.approve(applicant, by=people.superuser, message=SCRIPT_PAYLOADS[0])
            invite(
                email="new@example.org",
                by=people.superuser,
                first_name=HEADER_INJECTION,
                message=SCRIPT_PAYLOADS[2],
            )
        probe.client.post("/accounts/password/reset/", {"email": people.other.user.email})
        sent = len(mail.outbox)

        probe.check_mail("stored payloads in emails")

        self.assertGreaterEqual(sent, 4)
        probe.assert_no_problems(self)

    def test_calendars_and_exports_keep_payloads_exact_and_escaped(self):
        member = self.world.people.member.user
        probe = self.probe(member)
        token = self.world.objects.a.feed_token
        feed = probe.get(f"/members/library/calendar/{token}/deadlines.ics")
        calendar = Calendar.from_ical(feed.content)
        summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
        export = json.loads(probe.get("/members/library/ocds/").content)
        exported = {release["tender"]["title"] for release in export["releases"]}
        for tender in (self.world.objects.a.tender, self.world.objects.b.tender):
            # iCalendar has one way to write a line break in a text: "\r\n" comes back "\n".
            title = tender.title.replace("\r\n", "\n")
            self.assertTrue(
                any(summary.endswith(title) for summary in summaries),
                f"{title!r} is not whole in the calendar: {summaries}",
            )
            self.assertIn(tender.title, exported)
        for url in ("/events/calendar/", f"{self.world.site.event.url}calendar/"):
            probe.get(url)
        self.assertTrue(Tender.objects.filter(title__contains="\r\n").exists())
        probe.assert_no_problems(self)
