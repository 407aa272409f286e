"""Every form a visitor or a member can reach, found by visiting every address of the URLconf,
submitted with hostile input in every field.

For each form: every payload in all its fields at once (the form comes back with errors,
and what was typed is shown escaped); then each field alone with a payload, a very long text
and a NUL byte, the rest of the form as the page filled it (so a form that accepts it
stores it, and the page it leads to shows it inert); choices answered with values that are
not among them; addresses to go to next pointed off the site. Each submission is undone
before the next, so every one meets the same site.
"""

from django.core.cache import cache
from django.db import transaction

from tests.security.corpus import (
    LONG,
    NUL,
    NUMBERS,
    PATHS,
    REDIRECT_PARAMETERS,
    REDIRECTS,
    SCRIPT_PAYLOADS,
    TEXT_PAYLOADS,
    rotation,
)
from tests.security.crawl import distinct_forms
from tests.security.files import plain_file


class FormAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def attack_forms(self, role, user, *, skip=frozenset()):
        probe = self.probe(user)
        forms = distinct_forms(self.visits[role], seen=set(skip))
        self.assertTrue(forms, f"No forms found as {role}")
        text_payloads = rotation(TEXT_PAYLOADS)
        wrong_choices = rotation([*NUMBERS, *PATHS, *SCRIPT_PAYLOADS, NUL])
        tried_fields = set()
        for form in forms:
            where = f"{role}: {form.method.upper()} {form.action} (form on {form.page})"
            every_field = form.typed_fields + form.chosen_fields
            if not every_field:
                self.send(probe, form, {}, where)
                continue
            for payload in SCRIPT_PAYLOADS:
                self.send(probe, form, dict.fromkeys(every_field, payload), where)
            for name in form.typed_fields:
                if name in REDIRECT_PARAMETERS:
                    for value in REDIRECTS:
                        self.send(probe, form, {name: value}, where)
            if form.fields_key in tried_fields:
                continue  # the same form at another address: one field at a time once is enough
            tried_fields.add(form.fields_key)
            one_row = form.one_row_fields
            for name in form.typed_fields:
                if name in one_row:
                    self.send(probe, form, {name: next(text_payloads)}, where)
            for name in form.unbounded_fields:
                if name in one_row:
                    for value in (LONG, NUL):
                        self.send(probe, form, {name: value}, where)
            for name in form.chosen_fields:
                if name in one_row:
                    self.send(probe, form, {name: next(wrong_choices)}, where)
        return probe, forms

    def send(self, probe, form, changes, where):
        """Submit ``form`` with ``changes`` over its own values (and a plain file where one is
        needed), then undo what it did."""
        pairs = [(name, changes.get(name, value)) for name, value in form.values()]
        present = {name for name, _value in pairs}
        pairs += [(name, value) for name, value in changes.items() if name not in present]
        files = [plain_file(f, self.package) for f in form.file_fields if f.required]
        label = f"{where} with {_short(changes)}"
        cache.clear()
        probe.log_in()
        with transaction.atomic():
            try:
                with self.captureOnCommitCallbacks(execute=True):
                    response = probe.submit(form, pairs, files, label=label)
            except Exception as error:  # what runs after the commit: notifications, emails
                probe.note(label, f"after the request: {error!r}")
            else:
                location = response.get("Location")
                if response.status_code in (301, 302, 303) and location.startswith("/"):
                    probe.get(location, label=f"{label}, then GET {location}")
            probe.check_mail(label)
            transaction.set_rollback(True)

    def test_visitors_forms_take_hostile_input_without_harm(self):
        probe, _forms = self.attack_forms("visitor", None)

        probe.assert_no_problems(self)

    def test_members_forms_take_hostile_input_without_harm(self):
        probe, forms = self.attack_forms("member", self.world.people.member.user)
        moderator, _more = self.attack_forms(
            "moderator", self.world.people.moderator.user, skip={f.key for f in forms}
        )

        probe.assert_no_problems(self)
        moderator.assert_no_problems(self)


def _short(changes):
    shown = {
        name: (value[:40] + "…" if len(value) > 40 else value) for name, value in changes.items()
    }
    if len(shown) > 2:
        return f"every field = {next(iter(shown.values()))!r}"
    return repr(shown)
