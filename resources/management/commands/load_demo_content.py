import logging
from contextlib import contextmanager
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from resources.demo.builders import DemoBuilder

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.org"
DEFAULT_ADMIN_PASSWORD = "procura-demo"
# Each page save logs a line or two here; the command reports per section instead.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


class Command(BaseCommand):
    help = (
        "Build the demo site: home page, news, events, resources, standard pages, images, "
        "documents, topics, menus and an 'admin' superuser. Safe to run again: it updates what "
        "it made instead of duplicating it, and moves upcoming events so they stay upcoming."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-password",
            help=f"Password of the '{ADMIN_USERNAME}' superuser. A new account gets "
            f"'{DEFAULT_ADMIN_PASSWORD}' without it; an existing account's password is only "
            "changed when this is given.",
        )

    def handle(self, *args, admin_password=None, **options):
        if admin_password is not None and not admin_password.strip():
            raise CommandError("--admin-password cannot be empty.")
        with _quiet(CHATTY_LOGGERS, unless=options["verbosity"] >= 2), transaction.atomic():
            admin, password_shown = self._ensure_admin(admin_password)
            for section, result in DemoBuilder(now=timezone.now(), user=admin).run():
                self.stdout.write(f"{section}: {result}")
        base_url = settings.WAGTAILADMIN_BASE_URL
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {urljoin(base_url, '/')}"))
        self.stdout.write(
            f"Admin login: {urljoin(base_url, reverse('wagtailadmin_home'))}  "
            f"user: {ADMIN_USERNAME}  password: {password_shown}"
        )

    def _ensure_admin(self, password):
        """The demo's superuser and the password to print for it.

        A run without --admin-password never changes an existing account: someone who has
        changed the demo password keeps theirs.
        """
        user = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user = get_user_model().objects.create_superuser(
                ADMIN_USERNAME, ADMIN_EMAIL, password or DEFAULT_ADMIN_PASSWORD
            )
            self.stdout.write(f"Admin user: '{ADMIN_USERNAME}' created")
            return user, password or DEFAULT_ADMIN_PASSWORD
        if password is not None:
            user.set_password(password)
            user.is_active = user.is_staff = user.is_superuser = True
            user.save()
            self.stdout.write(f"Admin user: '{ADMIN_USERNAME}' password reset")
            return user, password
        self.stdout.write(f"Admin user: '{ADMIN_USERNAME}' exists, left unchanged")
        if user.check_password(DEFAULT_ADMIN_PASSWORD):
            return user, DEFAULT_ADMIN_PASSWORD
        return user, "(your own; --admin-password resets it)"


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
