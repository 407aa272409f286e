"""What every part of the attack suite starts from: the hostile world, and every address of
the URLconf visited once as each kind of person, with the forms and links each page offers.

Visiting is the costly part, so it happens once for the whole suite (in ``setUpTestData``),
and the parts (form_attacks, address_attacks, forgery, other_members, upload_attacks,
stored_payloads) are mixins of one TestCase, test_attack_suite.AttackSuite.
"""

from django.test import TestCase

from tests.security.crawl import crawl
from tests.security.files import ocds_package
from tests.security.probe import Probe
from tests.security.world import build_world, urls_for


class AttackTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()
        cls.package = ocds_package(cls.world.objects.a.tender)
        cls.visits = {}
        cls.problems_on_the_way = []
        for role, user in cls.people():
            probe = cls.probe(user)
            cls.visits[role] = crawl(probe, urls_for(cls.world, "a"), role=role)
            cls.problems_on_the_way += probe.problems

    @classmethod
    def people(cls):
        """``(role, user)`` of everyone the suite acts as; None is a visitor."""
        people = cls.world.people
        return [
            ("visitor", None),
            ("member", people.member.user),
            ("moderator", people.moderator.user),
        ]

    @classmethod
    def probe(cls, user, **options):
        return Probe(user, secrets=cls.world.secrets_for(user), **options)
