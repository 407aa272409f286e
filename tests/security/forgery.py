"""Every form that changes something, found by walking the URLconf, sent from another site:
without the CSRF token, and with a wrong one. Each is refused, and nothing in the database
changes."""

from django.apps import apps
from django.urls import resolve

from tests.security.crawl import distinct_forms
from tests.security.files import plain_file
from tests.security.html_forms import CSRF_FIELD
from tests.security.probe import Probe

# Views that take a POST without a token on purpose, and why.
EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail programs POST without a session or a token; the
    # signed token in the address is the proof, and the only change is fewer emails.
    "community:discussions:unsubscribe",
}
WRONG_TOKEN = "x" * 64


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class ForgeryAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def test_a_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing(self):
        seen = set()
        forms = [
            (role, user, form)
            for role, user in self.people()
            for form in distinct_forms(self.visits[role], seen)
            if form.method == "post"
        ]
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
            files = [plain_file(f, self.package) for f in form.file_fields]
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
