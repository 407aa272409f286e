"""The CPV 2008 main vocabulary (data/cpv-2008-main-en.csv), with each code's parent."""

import csv
from pathlib import Path

from django.db import migrations

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "cpv-2008-main-en.csv"


def load(apps, schema_editor):
    CpvCode = apps.get_model("library", "CpvCode")
    with VOCABULARY.open(encoding="utf-8", newline="") as rows:
        labels = {row["code"]: row["label"] for row in csv.DictReader(rows)}
    CpvCode.objects.bulk_create(
        [CpvCode(code=code, label=label) for code, label in labels.items()], batch_size=1000
    )
    parents = []
    for code in labels:
        significant = code.rstrip("0")
        for length in range(len(significant) - 1, 1, -1):
            candidate = code[:length].ljust(8, "0")
            if candidate in labels and candidate != code:
                parents.append(CpvCode(code=code, parent_id=candidate))
                break
    CpvCode.objects.bulk_update(parents, ["parent"], batch_size=1000)


def unload(apps, schema_editor):
    apps.get_model("library", "CpvCode").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
