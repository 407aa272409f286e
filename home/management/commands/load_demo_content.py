import logging
from contextlib import contextmanager
from urllib.parse import urljoin

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from home import demo

# Each page save logs a line or two here; the command reports per section instead.
CHATTY_LOGGERS = ("wagtail", "django_tasks")
NO_PASSWORD = "(no demo password under production settings: set one with manage.py changepassword)"
OWN_PASSWORD = "(a password of its own, left unchanged)"


class Command(BaseCommand):
    help = (
        "Build the demo site from what each app's demo module contributes, with an "
        f"'{demo.ADMIN_USERNAME}' superuser. Safe to run again: it updates what it made instead "
        "of duplicating it. Refuses production settings unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help=f"Password of the '{demo.ADMIN_USERNAME}' superuser. A new account gets "
            f"'{demo.DEFAULT_ADMIN_PASSWORD}' without it; an account whose password someone "
            "changed keeps it unless this is given.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo under production settings anyway. No account then gets a "
            "usable password: set them afterwards with manage.py changepassword.",
        )

    def handle(self, *args, admin_password=None, force=False, **options):
        if admin_password is not None and not admin_password.strip():
            raise CommandError("--admin-password cannot be empty.")
        production = _is_production_settings()
        if production and not force:
            raise CommandError(
                f"Refusing to load demo content with the production settings "
                f"({settings.SETTINGS_MODULE}): it would put demo pages and accounts with "
                "published passwords into the live site. Use --force to load it anyway; every "
                "account then gets an unusable password."
            )
        if production and admin_password is not None:
            raise CommandError(
                "--admin-password is not accepted with the production settings: set the "
                "password afterwards with manage.py changepassword, where it is not kept in "
                "the shell's history."
            )

        autodiscover_modules("demo")
        run = demo.DemoRun(
            now=timezone.now(), force=production, shared={"admin_password": admin_password}
        )
        with _quiet(CHATTY_LOGGERS, unless=options["verbosity"] >= 2), transaction.atomic():
            for contribution in demo.contributions():
                for section, result in contribution.build(run):
                    self.stdout.write(f"{section}: {result}")

        base_url = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {urljoin(base_url, '/')}"))
        self.stdout.write(f"Admin: {urljoin(base_url, reverse('wagtailadmin_home'))}")
        for role, email, password in run.logins:
            shown = password or (NO_PASSWORD if run.force else OWN_PASSWORD)
            self.stdout.write(f"{role} login: {email} / {shown}")


def _is_production_settings():
    # DEBUG alone cannot tell: the test settings run with DEBUG off too.
    return (getattr(settings, "SETTINGS_MODULE", None) or "").endswith(".production")


@contextmanager
def _quiet(names, *, unless=False):
    loggers = [] if unless else [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
