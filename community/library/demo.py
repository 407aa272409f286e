"""The library's demo content: members' ICT tenders from the authorities that presented at the
Nijmegen market engagement, each with generated documents in the formats members share."""

import datetime

from django.contrib.auth import get_user_model

from community.library.threads import start_tender_thread
from home.demo import register

# owner email, buyer (an organisation of community/demo.py), and the tender itself.
TENDERS = (
    dict(
        owner="member@example.org",
        title="Laptop and tablet framework for schools, with labour-rights clauses",
        country="ES",
        main_cpv="30213100",
        additional=("30213200",),
        procedure="open",
        stage="open_for_bids",
        estimated_value=4_800_000,
        opens_in_days=-20,
        closes_in_days=12,
        summary="A four-year framework for laptops and tablets for the city's schools and "
        "offices, in two lots. Suppliers commit to independent monitoring of working "
        "conditions in final assembly, with Electronics Watch.",
        criteria="Contract performance clause: the supplier discloses the factories of final "
        "assembly within 30 days of award and keeps the list current.\n\nAward criterion "
        "(10%): quality of the supplier's plan to remedy labour-rights breaches found by "
        "monitoring.",
        tags=("labour rights", "laptops", "Electronics Watch"),
        clauses=(
            (
                "Disclosure of final-assembly factories",
                "contract_performance",
                "The supplier discloses the names and addresses of the factories of final "
                "assembly within 30 days of award and keeps the list current for the "
                "contract's duration.",
                ("Supply-chain monitoring", "Labour rights"),
            ),
            (
                "Remedy plan as an award criterion",
                "award_criterion",
                "10% of the score: the quality of the supplier's plan to remedy labour-rights "
                "breaches that monitoring finds.",
                ("Award criteria", "Labour rights"),
            ),
        ),
        lots=(("Laptops for teachers and staff", "30213100"), ("Tablets for pupils", "30213200")),
        documents=(
            ("specification", "Technical specification", "pdf"),
            ("contract_clauses", "Labour-rights contract clauses", "docx"),
            ("award_criteria", "Award criteria and scoring", "odt"),
        ),
    ),
    dict(
        owner="fiona.mackay@example.org",
        title="Collaborative server and storage framework for universities",
        country="GB",
        main_cpv="48820000",
        additional=("50312000",),
        procedure="restricted",
        stage="awarded",
        estimated_value=12_000_000,
        opens_in_days=-240,
        closes_in_days=-180,
        summary="A framework for servers, storage and their maintenance for Scotland's "
        "universities and colleges, awarded to three suppliers.",
        criteria="Selection: suppliers map their supply chain to the component level for "
        "servers.\n\nContract management: annual supply-chain reports reviewed with the "
        "members of the framework.",
        tags=("servers", "supply-chain monitoring"),
        clauses=(
            (
                "Component-level supply-chain map",
                "selection_criterion",
                "Tenderers map the supply chain of the offered servers down to the component "
                "level and name the factories.",
                ("Supply-chain monitoring",),
            ),
        ),
        lots=(),
        documents=(
            ("notice", "Contract notice", "pdf"),
            ("evaluation_report", "Evaluation report (summary)", "pdf"),
        ),
    ),
    dict(
        owner="lars.nielsen@example.org",
        title="Desktop computers and screens for municipal offices",
        country="DK",
        main_cpv="30213300",
        additional=("30231300",),
        procedure="open",
        stage="market_engagement",
        estimated_value=1_500_000,
        opens_in_days=30,
        closes_in_days=75,
        summary="Market engagement ahead of a tender for desktops and screens; suppliers "
        "are asked how they would meet social criteria and take back used equipment.",
        criteria="Draft technical specification: refurbished equipment allowed; take-back of "
        "used equipment for reuse.",
        tags=("circular ICT", "market engagement"),
        lots=(),
        documents=(("market_engagement", "Market-engagement questions", "docx"),),
    ),
    dict(
        owner="sanne.de.vries@example.org",
        title="Smartphones and mobile contracts (draft, our organisation only)",
        country="NL",
        main_cpv="32250000",
        additional=(),
        procedure="negotiated",
        stage="planning",
        estimated_value=None,
        opens_in_days=60,
        closes_in_days=100,
        summary="Early draft of our mobile devices tender; shared with colleagues before it "
        "goes to the whole group.",
        criteria="To be decided: conflict-minerals due diligence, repairability.",
        tags=("smartphones",),
        lots=(),
        visibility="organisation",
        documents=(("specification", "Draft specification", "odt"),),
    ),
)


def _content(file_type, title, tender):
    from tests.community.library import files

    lines = (tender["summary"], *tender["criteria"].split("\n\n"))
    return {"pdf": files.pdf, "docx": files.docx, "odt": files.odt}[file_type](
        f"{tender['title']}: {title}", *lines
    )


def build_library(run):
    from community.library.models import Clause, DocumentVersion, Lot, Tender, TenderDocument
    from tests.factories import TenderDocumentFactory, TenderFactory

    users = {user.email: user for user in get_user_model().objects.select_related("member")}
    today = run.now.date()
    shared = documents = clauses = 0
    topics = {topic.name: topic for topic in run.shared.get("topics", {}).values()}
    for spec in TENDERS:
        owner = users.get(spec["owner"])
        if owner is None or not hasattr(owner, "member"):
            continue
        fields = dict(
            owner=owner,
            organisation=owner.member.organisation,
            buyer=owner.member.organisation,
            country=spec["country"],
            main_cpv_id=spec["main_cpv"],
            procedure=spec["procedure"],
            stage=spec["stage"],
            estimated_value=spec["estimated_value"],
            publication_date=today + datetime.timedelta(days=spec["opens_in_days"]),
            submission_deadline=run.now.replace(hour=12, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=spec["closes_in_days"]),
            summary=spec["summary"],
            criteria=spec["criteria"],
            visibility=spec.get("visibility", "members"),
        )
        tender = Tender.objects.filter(title=spec["title"]).first()
        if tender is None:
            tender = TenderFactory(title=spec["title"], **fields)
            tender.log("shared", owner)
        else:
            for name, value in fields.items():
                setattr(tender, name, value)
        start_tender_thread(tender, owner)
        tender.tags.set(list(spec["tags"]))
        tender.save()
        tender.additional_cpv.set(spec["additional"])
        if not Lot.objects.filter(tender=tender).exists():
            Lot.objects.bulk_create(
                Lot(tender=tender, title=title, cpv_id=cpv, sort_order=number)
                for number, (title, cpv) in enumerate(spec["lots"])
            )
        for kind, title, file_type in spec["documents"]:
            document = TenderDocument.objects.filter(tender=tender, title=title).first()
            if document is None or not DocumentVersion.objects.filter(document=document).exists():
                if document is not None:
                    document.delete()
                TenderDocumentFactory(
                    tender=tender,
                    kind=kind,
                    title=title,
                    versions=[_content(file_type, title, spec)],
                    versions__file_type=file_type,
                )
            documents += 1
        shared += 1
        for title, kind, text, topic_names in spec.get("clauses", ()):
            clause, _created = Clause.objects.update_or_create(
                tender=tender, title=title, defaults={"kind": kind, "text": text, "saved_by": owner}
            )
            clause.topics.set([topics[name] for name in topic_names if name in topics])
            clauses += 1
    yield "Tenders", f"{shared} shared, with {documents} documents and {clauses} saved clauses"


register("library", build_library, order=85)
