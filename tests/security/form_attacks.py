"""Every form a visitor or a member can reach, found by visiting every address of the URLconf,
submitted with hostile input in every field.

For each form: every payload in all its fields at once (the form comes back with errors,
and what was typed is shown escaped); then each field alone with a payload, the rest of the
form as the page filled it, so that a form that accepts it stores it, the page it leads to
shows it inert, and an edit form shows it again exactly as typed; a very long text and a NUL
byte in each field whose length the form does not state (Django checks both where it does);
choices answered with values that are not among them; addresses to go to next pointed off
the site. Each submission is undone before the next, so every one meets the same site.
"""

from django.core.cache import cache
from django.db import transaction
from taggit.utils import parse_tags

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
from tests.security.html_forms import parse_forms

# Fields whose value an edit form shows again: what a member typed to be kept.
EDITED = {"text", "textarea", "email", "url"}


class FormAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def attack_forms(self, role, user, *, skip=frozenset()):
        probe = self.probe(user)
        forms = distinct_forms(self.visits[role], seen=set(skip))
        self.assertTrue(forms, f"No forms found as {role}")
        text_payloads = rotation(TEXT_PAYLOADS)
        wrong_choices = rotation([*NUMBERS, *PATHS, *SCRIPT_PAYLOADS, NUL])
        # Of the same form at several addresses (sharing and editing a tender), the one the
        # page filled most gets one field at a time: what it stored can be read back.
        one_at_a_time = {}
        for form in sorted(forms, key=lambda f: -sum(bool(v) for v in f.filled_values)):
            one_at_a_time.setdefault(form.fields_key, form)
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
            if form is not one_at_a_time[form.fields_key]:
                continue  # the same form at another address: one field at a time once is enough
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
                    self.check_kept(probe, form, changes, label)
            probe.check_mail(label)
            transaction.set_rollback(True)

    def check_kept(self, probe, form, changes, label):
        """An edit form that took a value shows it again as typed: nothing cut, nothing
        changed on the way to the database and back."""
        if len(changes) != 1 or form.method != "post":
            return
        [(name, typed)] = changes.items()
        field = next((f for f in form.fields if f.name == name), None)
        if field is None or not field.value or field.kind not in EDITED or typed in (LONG, NUL):
            return  # a form that creates something shows it empty again
        page = probe.get(form.page, label=f"{label}, then GET {form.page}")
        again = [f for f in parse_forms(page.content.decode(), form.page) if f.key == form.key]
        shown = dict(again[0].values()).get(name) if again else None
        if shown is not None and _same(name, shown) != _same(name, typed):
            probe.note(label, f"{name} was saved as {shown[:80]!r}")

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


def _same(name, value):
    """A value as the form means it: tags are a list (shown quoted when they hold a space),
    and single-line fields lose their line breaks."""
    if name == "tags":
        return sorted(parse_tags(value))
    return " ".join(value.split())
