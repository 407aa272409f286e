"""Every address of the site, found by walking the URLconf, asked with hostile query strings
and hostile values in its path.

Each query parameter a page's links and search forms use gets script payloads, numbers no
column holds, paths, NUL bytes and repeats; every page also gets a few that no link uses
(``?page=-1``, a 10 kB string, bytes that are not UTF-8). Ids in paths get numbers beyond
every integer column, tokens get garbage. And after logging in or out, ``next`` never leads
off the site, however it is written.
"""

from urllib.parse import quote

from django.db import transaction
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.corpus import (
    NUL,
    NUMBERS,
    PATHS,
    REDIRECT_PARAMETERS,
    REDIRECTS,
    SCRIPT_PAYLOADS,
    rotation,
)
from tests.security.crawl import query_parameters
from tests.security.html_forms import parse_forms
from tests.security.world import PAGE_SERVER, public_routes

# Asked of every page, whatever its links use.
EVERY_PAGE = [
    "page=-1&q=%3Cscript%3Ealert('xss')%3C%2Fscript%3E&next=%2F%2Fevil.example%2F"
    "&%ff=%ff&x=%00&%00=1&a&&=&q[]=1",
    "page=99999999999999999999&q=" + "A" * 10_000,
]
OUT_OF_RANGE = [99999999999999999999, 2**63, 2**31, 0]
BAD_TOKENS = ["x" * 300, "%00", "..%2F..%2Fetc%2Fpasswd", "%ff%fe", "%3Cscript%3E"]


class AddressAttacks:
    """Mixed into test_attack_suite.AttackSuite (see suite.AttackTestCase)."""

    def attack_query_strings(self, role, user):
        probe = self.probe(user)
        visits = self.visits[role]
        values = rotation([*SCRIPT_PAYLOADS, *NUMBERS, *PATHS[1:], "A" * 10_000])
        asked = []
        for visit in visits:
            queries = EVERY_PAGE if visit.status == 200 else EVERY_PAGE[:1]
            asked += [(visit.url, query) for query in queries]
        for path, names in sorted(query_parameters(visits).items()):
            for name in sorted(names):
                key = quote(name)
                hostile = [next(values), PATHS[0], NUL]
                if name in REDIRECT_PARAMETERS:
                    hostile += REDIRECTS
                asked += [(path, f"{key}={quote(value)}") for value in hostile]
                asked.append((path, f"{key}=1&{key}={quote(SCRIPT_PAYLOADS[0])}&{key}=-1"))
        for path, query in asked:
            probe.log_in()
            with transaction.atomic():
                probe.get(f"{path}?{query}", label=f"{role}: GET {path}?{query[:80]}")
                transaction.set_rollback(True)
        return probe, asked

    def test_hostile_query_strings_as_a_visitor(self):
        probe, asked = self.attack_query_strings("visitor", None)

        self.assertGreater(len(asked), 150)
        probe.assert_no_problems(self)

    def test_hostile_query_strings_as_a_member(self):
        probe, asked = self.attack_query_strings("member", self.world.people.member.user)

        self.assertGreater(len(asked), 250)
        probe.assert_no_problems(self)

    def test_ids_beyond_every_column_and_garbage_tokens_are_not_found(self):
        probe = self.probe(self.world.people.member.user)
        arguments = self.world.arguments("a")
        tried = 0
        for route in public_routes():
            if route.name == PAGE_SERVER or not route.kwargs:
                continue
            for name in route.kwargs:
                converter = type(route.converters.get(name)).__name__
                if converter == "IntConverter":
                    values = [str(number) for number in OUT_OF_RANGE]
                else:
                    values = BAD_TOKENS
                for value in values:
                    url = _with_segment(route, arguments, name, value)
                    probe.log_in()
                    with transaction.atomic():
                        response = probe.get(url)
                        transaction.set_rollback(True)
                    tried += 1
                    if response.status_code == 200 and converter == "IntConverter":
                        probe.note(f"GET {url}", "a page for an id that does not exist")

        self.assertGreater(tried, 100)
        probe.assert_no_problems(self)

    def test_after_logging_in_or_out_next_never_leads_off_the_site(self):
        member = self.world.people.member.user
        visitor = self.probe(None)
        for target in REDIRECTS:
            page = visitor.get("/accounts/login/", {"next": target})
            login = next(
                f
                for f in parse_forms(page.content.decode(), "/accounts/login/")
                if "password" in f.typed_fields
            )
            values = dict(login.values()) | {"login": member.email, "password": PASSWORD}
            with transaction.atomic():
                response = visitor.post(login.action, list(values.items()))
                transaction.set_rollback(True)
            if response.status_code != 302:
                visitor.note(f"log in with next={target!r}", f"answered {response.status_code}")
            visitor.client.logout()
            leaving = self.probe(member)
            leaving.post("/accounts/logout/", [("next", target)], label=f"log out, next={target!r}")
            visitor.problems += leaving.problems

        visitor.assert_no_problems(self)


def _with_segment(route, arguments, name, raw):
    """The route's address with ``raw`` (already URL-encoded) where ``name`` goes."""
    placeholder = "9187364521" if "Int" in type(route.converters.get(name)).__name__ else "zqx"
    kwargs = {key: arguments[key] for key in route.kwargs}
    kwargs[name] = placeholder
    return reverse(route.name, kwargs=kwargs).replace(placeholder, raw, 1)
