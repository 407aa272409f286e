from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from community.library import ocds


class Command(BaseCommand):
    help = (
        "Import an OCDS release or record package (JSON) into the tender library, for the "
        "member given with --member: new tenders are created for their organisation, tenders "
        "they may edit are updated. The package is checked against the OCDS 1.1 schema first; "
        "an invalid one changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("package", help="Path to the JSON file.")
        parser.add_argument("--member", required=True, help="Email address of the member.")

    def handle(self, *args, package, member, **options):
        user = get_user_model().objects.filter(email__iexact=member).first()
        if user is None:
            raise CommandError(f"No account has the address {member}.")
        try:
            with open(package, "rb") as handle:
                raw = handle.read(ocds.MAX_IMPORT_BYTES + 1)
        except OSError as error:
            raise CommandError(f"Cannot read {package}: {error.strerror}.") from error
        report = ocds.import_package(raw, user=user)
        if not report.ok:
            raise CommandError("\n".join(["Nothing was imported.", *report.errors]))
        for label, entries in (("Created", report.created), ("Updated", report.updated)):
            for ocid, title in entries:
                self.stdout.write(f"{label}: {ocid} {title}")
        for ocid, reason in report.skipped:
            self.stdout.write(f"Skipped: {ocid}: {reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.skipped)} skipped"
            )
        )
