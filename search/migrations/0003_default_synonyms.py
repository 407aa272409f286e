"""The synonyms the site starts with; editors extend them under Search > Synonyms."""

from django.db import migrations

SYNONYMS = [
    # British and American spellings.
    "organisation, organization",
    "organisations, organizations",
    "labelling, labeling",
    "labour, labor",
    "centre, center",
    "programme, program",
    "favour, favor",
    "harmonised, harmonized",
    "prioritise, prioritize",
    "recognise, recognize",
    "standardisation, standardization",
    "minimise, minimize",
    "licence, license",
    "defence, defense",
    "catalogue, catalog",
    "modelling, modeling",
    "travelling, traveling",
    # Devices and their families.
    "smartphone, mobile phone, mobile device, cell phone",
    "laptop, notebook, notebook computer, portable computer",
    "tablet, tablet computer",
    "desktop, desktop computer, pc, personal computer",
    "computer, pc",
    "server, data centre equipment",
    "printer, multifunction device",
    "monitor, display, screen",
    "headset, headphones",
    # The field's own words.
    "ict, information and communication technology, electronics, it equipment",
    "electronics, electronic equipment, electrical equipment",
    "srpp, socially responsible public procurement",
    "gpp, green public procurement",
    "sustainable procurement, responsible procurement",
    "procurement, purchasing, buying",
    "public buyer, contracting authority, purchaser",
    "supplier, vendor, contractor, bidder, tenderer",
    "tender, call for tenders, invitation to tender, contract notice",
    "clause, contract term, contract condition, term",
    "criteria, requirements",
    "supply chain, value chain",
    "working conditions, labour conditions, labour rights, workers rights",
    "human rights due diligence, hrdd",
    "forced labour, modern slavery",
    "child labour, child labor",
    "conflict minerals, 3tg",
    "code of conduct, supplier code",
    "monitoring, audit, auditing, verification",
    "market engagement, market dialogue, supplier dialogue",
    "webinar, online seminar",
    "presentation, slides, slide deck",
    "eu, european union",
    "ilo, international labour organization",
    "cpv, common procurement vocabulary",
    "ocds, open contracting data standard",
    "e-waste, electronic waste, weee",
    "circular economy, circularity",
    "fairphone, fair phone",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("site_search", "Synonym")
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)


def remove(apps, schema_editor):
    apps.get_model("site_search", "Synonym").objects.filter(terms__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_full_text")]

    operations = [migrations.RunPython(add, remove)]
