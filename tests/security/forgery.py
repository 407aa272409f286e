"""Every form that changes something, found by walking the URLconf, sent from another site:
without the CSRF token, and with a wrong one. Each is refused, and nothing in the database
changes."""

from django.apps import apps
from django.test import TestCase
from django.urls import resolve

from tests.security.crawl import crawl, distinct_forms
from tests.security.files import ocds_package, plain_file
from tests.security.html_forms import CSRF_FIELD
from tests.security.probe import Probe
from tests.security.world import build_world, urls_for

# Views that take a POST without a token on purpose, and why.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST without a session or a token; the
    # signed token in the address is the proof, and the only change is fewer emails.
    "community:discussions:unsubscribe",
}
WRONG_TOKEN = "x" * 64


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class ForgedRequests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def forms_of(self, people):
        seen, found = set(), []
        for role, user in people:
            probe = Probe(user)
            for form in distinct_forms(crawl(probe, urls_for(self.world, "a"), role=role), seen):
                if form.method == "post":
                    found.append((role, user, form))
        return found

    def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(self):
        people = self.world.people
        forms = self.forms_of(
            [
                ("visitor", None),
                ("member", people.member.user),
                ("moderator", people.moderator.user),
            ]
        )
        package = ocds_package(self.world.objects.a.tender)
        attacks = []
        for role, user, form in forms:
            if resolve(form.path).view_name in EXEMPT:
                continue
            attacker = Probe(user, enforce_csrf_checks=True)
            # The attacker's page cannot read the token, but the browser sends the cookie.
            attacker.client.get(form.page)
            attacks.append((role, attacker, form))
        before = row_counts()
        refused = []
        wrong = []
        for role, attacker, form in attacks:
            pairs = [(name, value) for name, value in form.values() if name != CSRF_FIELD]
            files = [plain_file(f, package) for f in form.file_fields]
            for token in (None, WRONG_TOKEN):
                sent = pairs if token is None else [*pairs, (CSRF_FIELD, token)]
                # Not undone: a forged request that got through must show in the counts.
                response = attacker.post(form.action, sent, files)
                if response.status_code == 403:
                    refused.append(form.action)
                else:
                    wrong.append(f"{role}: {form.action} answered {response.status_code}")

        self.assertEqual(wrong, [])
        self.assertGreater(len(refused), 40)
        self.assertEqual(row_counts(), before)
