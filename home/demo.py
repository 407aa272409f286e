"""Demo content, contributed app by app.

Each app's ``demo`` module registers what it builds; ``manage.py load_demo_content`` finds those
modules and runs the contributions in order. Nothing here names an app, so the demo keeps to
the direction of the imports: an app hands later ones what they may use through
``DemoRun.shared`` instead of being imported by them. This module contributes the one thing
every other part needs first: the staff account that pages are published as.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Every account the loader gives a known password joins this group, so a site that was ever
# loaded with demo content can find and lock those accounts in one place.
DEMO_ACCOUNTS_GROUP = "Demo accounts"

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"
DEFAULT_ADMIN_PASSWORD = "procura-demo"


@dataclass
class DemoRun:
    """One run of the loader, handed to each contribution in turn.

    ``force`` is true when the loader runs under production settings with ``--force``: nothing
    it makes may then have a password anyone could know. ``shared`` carries what earlier
    contributions leave for later ones (``"admin"``: the staff user; ``"pages"``, ``"images"``,
    ``"documents"``, ``"topics"``: the public site's objects by key) and, from the command, the
    ``--admin-password`` it was given under ``"admin_password"``.
    """

    now: datetime.datetime
    force: bool = False
    shared: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)

    def add_login(self, role: str, email: str, password: str | None) -> None:
        """Name an account in the command's closing lines; ``None`` when the password is not
        one the loader knows."""
        self.logins.append((role, email, None if self.force else password))

    def demo_account(self, user, password: str) -> None:
        """Give ``user`` the demo's ``password`` (no usable one under ``force``) and put it in
        the demo accounts group."""
        from django.contrib.auth.models import Group

        if self.force:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.save()
        group, _created = Group.objects.get_or_create(name=DEMO_ACCOUNTS_GROUP)
        user.groups.add(group)


@dataclass(frozen=True)
class Contribution:
    name: str
    build: Callable[[DemoRun], Iterable[tuple[str, str]]]
    order: int


_contributions: dict[str, Contribution] = {}


def register(name: str, build, *, order: int = 100):
    """Add an app's demo content: ``build(run)`` yields ``(section, result)`` report lines as
    it goes. Contributions run from the lowest ``order`` up; registering a name again replaces
    it."""
    _contributions[name] = Contribution(name, build, order)
    return build


def contributions() -> list[Contribution]:
    return sorted(_contributions.values(), key=lambda c: (c.order, c.name))


def build_staff_account(run: DemoRun):
    """The superuser that publishes the demo's pages.

    An account whose password someone has changed keeps it unless ``--admin-password`` is
    given; one that still has the demo's password is treated as the demo's own.
    """
    from django.contrib.auth import get_user_model

    password = run.shared.get("admin_password")
    user = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
    keeps_own_password = False
    if user is None:
        user = get_user_model().objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL)
        outcome = "created"
    elif password is not None:
        user.is_active = user.is_staff = user.is_superuser = True
        outcome = "password reset"
    elif user.check_password(DEFAULT_ADMIN_PASSWORD):
        outcome = "exists"
    else:
        keeps_own_password = True
        outcome = "exists, with a password of its own (--admin-password resets it)"
    if not keeps_own_password:
        password = password or DEFAULT_ADMIN_PASSWORD
        run.demo_account(user, password)
    run.shared["admin"] = user
    run.add_login("staff", user.email, None if keeps_own_password else password)
    yield "Admin user", f"'{ADMIN_USERNAME}' {outcome}"


register("home", build_staff_account, order=10)
