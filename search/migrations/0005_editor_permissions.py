"""Wagtail's Editors (comms staff) look after the search: its terms report, the synonyms and
the promoted results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = {
    "site_search": ["view_queryday", "view_synonym", "add_synonym", "change_synonym",
                    "delete_synonym"],
    "wagtailsearchpromotions": ["add_searchpromotion", "change_searchpromotion",
                                "delete_searchpromotion"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for label in PERMISSIONS:
        # Permissions are normally created after all migrations have run; these are needed now.
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for label, codenames in PERMISSIONS.items():
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label=label, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0004_rank_vector"),
        ("wagtailsearchpromotions", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
