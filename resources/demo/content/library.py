"""Resources: one per presentation at the 2018 live market engagement, guidance, clauses,
criteria, a report and a case study for each public authority that presented."""

import datetime

from resources.demo.content.blocks import bullets, call_to_action, heading, paragraph
from resources.demo.content.events import NIJMEGEN_DATE, NIJMEGEN_KEY, PRESENTATIONS, slides_key
from resources.demo.refs import document, image, page, topic
from resources.models import ResourceKind

D = datetime.date

TOPIC_DESCRIPTIONS = {
    "Labour rights": "Working conditions and workers' rights in the factories and mines of the "
    "ICT supply chain, and how buyers can require respect for them.",
    "Supply-chain monitoring": "Checking, during the contract, that suppliers keep their "
    "commitments: disclosure, independent monitoring and remedy.",
    "Circular ICT": "Longer use, reuse, repair and remanufacturing of devices, and their social "
    "side.",
    "Market engagement": "Talking with suppliers before and around a tender, so requirements are "
    "ambitious and can be met.",
    "Award criteria": "Criteria that score bids on social performance, with the evidence to ask "
    "for.",
}
TOPICS = {name: dict(name=name, description=text) for name, text in TOPIC_DESCRIPTIONS.items()}


def _about(*names):
    return [topic(name) for name in names]


def _attached(*keys):
    return [{"document": document(key)} for key in keys]


def _presentation_resource(presentation):
    return dict(
        slug=f"presentation-{presentation.key}-nijmegen-2018",
        title=f"Presentation: {presentation.title}",
        kind=ResourceKind.PRESENTATION,
        publication_date=NIJMEGEN_DATE,
        introduction=presentation.summary,
        body=(
            bullets(*presentation.points, intro="The slides cover:"),
            paragraph(
                f"Presented by {presentation.organisation} at the "
                f'<a page="{NIJMEGEN_KEY}">first live market engagement for fair ICT</a> in '
                "Nijmegen on 3 October 2018."
            ),
        ),
        topics=_about(*presentation.topics),
        tags=presentation.tags,
        documents=_attached(slides_key(presentation)),
        listing_image=image("nijmegen-2018"),
        source_event=page(NIJMEGEN_KEY),
    )


PRESENTATION_RESOURCES = {f"presentation-{p.key}": _presentation_resource(p) for p in PRESENTATIONS}

GUIDANCE_AND_TOOLS = {
    "guide-social-criteria": dict(
        slug="social-criteria-ict-tenders-guide",
        title="Social criteria in ICT tenders: a guide for public buyers",
        kind=ResourceKind.GUIDANCE,
        publication_date=D(2019, 9, 17),
        introduction="How to bring labour rights into an ICT tender at each stage, from "
        "preparing the market to managing the contract.",
        listing_image=image("labour-rights"),
        topics=_about("Labour rights", "Award criteria", "Market engagement"),
        tags=("labour rights", "fair ICT", "award criteria"),
        documents=_attached("guide-social-criteria"),
        body=(
            heading("Who it is for"),
            paragraph(
                "Procurers in cities, universities, hospitals and shared-service organisations "
                "who buy computers, phones, servers or peripherals, and who want those devices "
                "to be made without abuse of the workers who make them."
            ),
            heading("What it covers"),
            bullets(
                "mapping the risks in the supply chain of the products you buy",
                "talking to suppliers before publishing the tender",
                "technical specifications, selection criteria and award criteria that address "
                "working conditions",
                "contract clauses for disclosure, monitoring and remedy",
                "managing the contract once it is signed",
            ),
            call_to_action(
                "Ready-made clauses",
                "The model clauses put the contract stage of this guide into words you can copy.",
                "contract-clauses",
                "Model contract clauses for supply-chain monitoring",
            ),
        ),
    ),
    "contract-clauses": dict(
        slug="model-contract-clauses-supply-chain-monitoring",
        title="Model contract clauses for supply-chain monitoring",
        kind=ResourceKind.CONTRACT_CLAUSE,
        publication_date=D(2020, 2, 11),
        introduction="Clauses to put into ICT contracts so that a buyer can learn where the "
        "goods are made, allow independent monitoring and require remedies when something is "
        "wrong.",
        listing_image=image("contract-clauses"),
        topics=_about("Supply-chain monitoring", "Labour rights"),
        tags=("contract clauses", "Electronics Watch", "labour rights"),
        documents=_attached("model-clauses"),
        body=(
            paragraph(
                "Members of the interest group drafted these clauses with Electronics Watch "
                "after the first market engagement showed that buyers wanted a common starting "
                "point. They are written to be adapted to national contract law, not copied "
                "blindly."
            ),
            bullets(
                "disclosure of production sites, updated during the contract",
                "cooperation with an independent monitoring organisation",
                "a remediation plan when a violation is found, with deadlines",
                "reporting to the contracting authority",
                intro="The clauses deal with:",
            ),
        ),
    ),
    "award-criteria": dict(
        slug="award-criteria-socially-responsible-laptops-displays",
        title="Award criteria for socially responsible laptops and displays",
        kind=ResourceKind.CRITERIA,
        publication_date=D(2025, 5, 20),
        introduction="Scored criteria for supply-chain transparency, handling of labour-rights "
        "findings and longer device life, updated after members compared their tenders.",
        listing_image=image("award-criteria"),
        topics=_about("Award criteria", "Circular ICT"),
        tags=("award criteria", "circular economy", "fair ICT"),
        documents=_attached("award-criteria"),
        body=(
            paragraph(
                "This edition builds on the criteria members have used since 2019. It keeps "
                "what worked in their tenders, drops criteria that every bidder met anyway, and "
                "adds criteria for "
                "repairability and spare parts, because a device that lasts longer needs fewer "
                "replacements made."
            ),
            bullets(
                "transparency: how much of the supply chain the bidder discloses",
                "due diligence: how the bidder finds and handles labour-rights risks",
                "remedy: the bidder's record in resolving findings",
                "product life: warranty, repairability and availability of spare parts",
                intro="Each criterion comes with a scoring scale and the evidence to ask for:",
            ),
        ),
    ),
    "five-years-report": dict(
        slug="fair-ict-public-procurement-five-years-market-engagement",
        title="Fair ICT in public procurement: lessons from five years of market engagement",
        kind=ResourceKind.REPORT,
        publication_date=D(2023, 11, 7),
        introduction="What changed between 2018 and 2023 in the way public buyers and ICT "
        "suppliers talk about working conditions, and what still needs to.",
        listing_image=image("research"),
        topics=_about("Market engagement", "Supply-chain monitoring"),
        tags=("market engagement", "fair ICT"),
        documents=_attached("five-years-report"),
        body=(
            paragraph(
                "The report looks back at the market engagement events held since the first "
                "one in Nijmegen, at the tenders that followed them, and at the feedback of "
                "buyers and suppliers who took part."
            ),
            heading("Main findings"),
            bullets(
                "Suppliers answer social requirements more fully when they have heard them "
                "explained before the tender.",
                "Joint and framework tenders give social requirements far more weight than "
                "small ones.",
                "Monitoring after award remains the weakest link for most buyers.",
            ),
        ),
    ),
    "market-engagement-guide": dict(
        slug="talking-to-the-market-before-ict-tender",
        title="Talking to the market before an ICT tender",
        kind=ResourceKind.GUIDANCE,
        publication_date=D(2021, 4, 27),
        introduction="A practical guide to preparing, running and following up a market "
        "engagement on fair ICT, within the rules on equal treatment.",
        listing_image=image("market-engagement"),
        topics=_about("Market engagement"),
        tags=("market engagement", "fair ICT"),
        documents=_attached("market-engagement-guide"),
        body=(
            paragraph(
                "Market engagement lets buyers test whether their requirements are realistic "
                "and lets suppliers prepare. The guide explains how to do it openly, so that "
                "every potential bidder gets the same information.",
            ),
            bullets(
                "deciding what you want to learn from the market",
                "inviting suppliers fairly and documenting what is said",
                "turning what you learned into tender requirements",
                intro="It covers:",
            ),
        ),
    ),
}


def _case_study(key, authority, date, summary, paragraphs, topics, tags, image_key="fair-ict"):
    """A key and a case study page for it."""
    return f"case-study-{key}", dict(
        slug=f"case-study-{key}",
        title=f"Case study: {authority}",
        kind=ResourceKind.CASE_STUDY,
        publication_date=date,
        introduction=summary,
        body=(
            paragraph(*paragraphs),
            paragraph(
                f'{authority} presented its plans at the <a page="{NIJMEGEN_KEY}">2018 live '
                "market engagement</a>; its slides are among the presentations from that day."
            ),
        ),
        topics=_about(*topics),
        tags=tags,
        listing_image=image(image_key),
    )


_CASE_STUDIES = (
    _case_study(
        "aalborg",
        "Aalborg Municipality",
        D(2019, 6, 4),
        "How a Danish municipality prepared its first ICT tender with labour-rights conditions.",
        (
            "Aalborg used the market engagement to test its ideas before writing the tender. "
            "Suppliers' questions showed which requirements needed clearer wording and which "
            "evidence bidders could realistically provide.",
            "The municipality's advice to others: start with disclosure and monitoring, which "
            "suppliers understand, and add scored criteria once you know what the market offers.",
        ),
        ("Labour rights", "Market engagement"),
        ("labour rights", "market engagement"),
    ),
    _case_study(
        "apuc",
        "APUC",
        D(2019, 11, 12),
        "A purchasing consortium builds supply-chain conditions into frameworks used by "
        "universities and colleges across Scotland.",
        (
            "Because many institutions buy through one framework, a condition set by the "
            "consortium reaches every order placed under it. APUC made supply-chain mapping and "
            "cooperation with independent monitoring part of the framework itself.",
            "The case study follows one framework from market engagement to the first "
            "monitoring findings and how they were handled with the supplier.",
        ),
        ("Supply-chain monitoring",),
        ("contract clauses", "Electronics Watch"),
        image_key="contract-clauses",
    ),
    _case_study(
        "barcelona",
        "Barcelona City Council",
        D(2020, 5, 19),
        "How a city's general policy on social clauses was applied to ICT hardware.",
        (
            "Barcelona had a city-wide framework for social clauses before it turned to ICT. "
            "The case study shows how the general clauses were adapted to the realities of "
            "electronics supply chains, where production sites are many and far away.",
            "It also describes how the city weighs social award criteria against price.",
        ),
        ("Labour rights", "Award criteria"),
        ("labour rights", "award criteria"),
        image_key="labour-rights",
    ),
    _case_study(
        "haarlem",
        "Municipality of Haarlem",
        D(2020, 10, 6),
        "A mid-sized municipality combines circular and social requirements in a workplace "
        "ICT tender.",
        (
            "Haarlem wanted devices that last longer and were made under fair conditions. The "
            "case study shows how both aims were written into one tender without making it "
            "impossible to bid.",
            "The municipality found working with other buyers essential: it reused clauses "
            "and criteria from members of the interest group instead of starting from scratch.",
        ),
        ("Circular ICT", "Labour rights"),
        ("circular economy", "fair ICT"),
        image_key="circular-ict",
    ),
    _case_study(
        "romandie",
        "Partnership for IT-Procurement in French-speaking Switzerland",
        D(2021, 9, 14),
        "Joint purchasing gives public bodies in French-speaking Switzerland a stronger voice "
        "on working conditions.",
        (
            "Pooling demand gave the partnership's social requirements a weight no single "
            "member could have given them. The case study explains how the members agreed on "
            "one set of requirements and who follows up with suppliers.",
        ),
        ("Supply-chain monitoring", "Market engagement"),
        ("market engagement", "contract clauses"),
        image_key="members",
    ),
    _case_study(
        "sso-noord-duo",
        "Shared Service Organisation Noord & DUO",
        D(2022, 3, 1),
        "Two Dutch government organisations ask suppliers for supply-chain transparency in "
        "their workplace ICT.",
        (
            "The organisations asked suppliers for a list of production sites and updated it "
            "during the contract. The case study describes how the list was used, what "
            "suppliers found hard to provide, and how transparency improved over the years.",
        ),
        ("Supply-chain monitoring",),
        ("fair ICT", "Electronics Watch"),
        image_key="award-criteria",
    ),
)
CASE_STUDIES = dict(_CASE_STUDIES)

RESOURCES = {**PRESENTATION_RESOURCES, **GUIDANCE_AND_TOOLS, **CASE_STUDIES}
