"""The attack suite: hostile input fed to every form and query parameter a visitor or a
member can reach, found by walking the URLconf, so that a new form or address is attacked
without anyone listing it. Nothing answers 500, nothing private leaks, nothing stored is lost
or corrupted, and no payload comes back alive.

Each part is a mixin with its own module saying what it tries; they share one hostile world
and one visit of every address (suite.py). The search box has its own suite, per engine, in
test_search_box.py.
"""

from django.test import override_settings

from tests.security.address_attacks import AddressAttacks
from tests.security.forgery import ForgeryAttacks
from tests.security.form_attacks import FormAttacks
from tests.security.other_members import OtherMembersAttacks
from tests.security.stored_payloads import StoredPayloads
from tests.security.suite import AttackTestCase
from tests.security.upload_attacks import UploadAttacks

# Posting limits would stop the round of submissions long before it ends.
UNLIMITED = {"DISCUSSIONS_POST_RATE": (10**6, 600), "DISCUSSIONS_FLAG_RATE": (10**6, 600)}


# The search page is attacked on each engine in test_search_box.py; here it searches the
# database, which needs no index built first.
@override_settings(ELASTICSEARCH_URL=None, **UNLIMITED)
class AttackSuite(
    FormAttacks,
    AddressAttacks,
    ForgeryAttacks,
    OtherMembersAttacks,
    UploadAttacks,
    StoredPayloads,
    AttackTestCase,
):
    pass
