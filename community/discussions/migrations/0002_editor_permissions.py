"""Wagtail's Editors (comms staff) run the discussions from the admin: they keep the
categories, open threads (an event's "continue the conversation"), read posts and flags, and
read the moderation log, which nobody edits."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "view_category",
    "add_category",
    "change_category",
    "view_thread",
    "add_thread",
    "change_thread",
    "view_post",
    "view_flag",
    "view_moderationaction",
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the group needs them now.
    app_config = apps.get_app_config("discussions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="discussions", codename__in=EDITOR_PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
