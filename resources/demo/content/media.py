"""Listing images and the placeholder documents that are not slides."""

from resources.demo.files import Drawing, TitlePage

NAVY, TEAL, AMBER, CORAL, SAND, GREEN, SKY = (
    "#0b3d5c",
    "#1b998b",
    "#f4a259",
    "#e76f51",
    "#f1e9da",
    "#4c956c",
    "#8ecae6",
)

IMAGES = {
    "fair-ict": dict(
        title="Fair ICT: overlapping circles",
        description="Abstract pattern of overlapping teal, amber and sky-blue circles on a dark "
        "blue ground",
        file=Drawing("circles", (NAVY, TEAL, AMBER, SKY)),
    ),
    "market-engagement": dict(
        title="Market engagement: meeting triangles",
        description="Abstract pattern of amber and coral triangles pointing at each other on a "
        "dark blue ground",
        file=Drawing("triangles", (NAVY, AMBER, CORAL, SAND)),
    ),
    "nijmegen-2018": dict(
        title="Live market engagement 2018: chip pattern",
        description="Abstract grid of teal and sand-coloured squares, like the pins of a microchip",
        file=Drawing("grid", (NAVY, TEAL, SAND)),
    ),
    "webinar": dict(
        title="Webinars: waves",
        description="Abstract bands of sky blue and teal rising like waves over a dark blue ground",
        file=Drawing("waves", (NAVY, SKY, TEAL, GREEN)),
    ),
    "labour-rights": dict(
        title="Labour rights: diagonal stripes",
        description="Abstract diagonal stripes in coral, amber and sand on a dark blue ground",
        file=Drawing("stripes", (NAVY, CORAL, AMBER, SAND)),
    ),
    "circular-ict": dict(
        title="Circular ICT: green circles",
        description="Abstract pattern of overlapping green and sand-coloured circles on a dark "
        "teal ground",
        file=Drawing("circles", ("#0f4c45", GREEN, SAND, TEAL)),
    ),
    "contract-clauses": dict(
        title="Contract clauses: ordered squares",
        description="Abstract grid of amber and sand-coloured squares in orderly rows on a dark "
        "blue ground",
        file=Drawing("grid", (NAVY, AMBER, SAND)),
    ),
    "award-criteria": dict(
        title="Award criteria: stripes",
        description="Abstract diagonal stripes in teal, green and sky blue on a dark blue ground",
        file=Drawing("stripes", (NAVY, TEAL, GREEN, SKY)),
    ),
    "members": dict(
        title="Members: many circles",
        description="Abstract cluster of coral, amber and teal circles of different sizes on a "
        "sand ground",
        file=Drawing("circles", (SAND, CORAL, AMBER, TEAL)),
    ),
    "research": dict(
        title="Research and reports: waves",
        description="Abstract layered waves in amber and coral over a dark blue ground",
        file=Drawing("waves", (NAVY, AMBER, CORAL, SAND)),
    ),
    "meeting": dict(
        title="Meetings: triangles",
        description="Abstract scattering of teal and sky-blue triangles on a sand ground",
        file=Drawing("triangles", (SAND, TEAL, SKY, NAVY)),
    ),
}

PUBLICATIONS = {
    "guide-social-criteria": dict(
        title="Social criteria in ICT tenders: a guide for public buyers (PDF)",
        description="A step-by-step guide to writing labour-rights requirements into ICT tenders.",
        file=TitlePage("SRPP Procura+ Interest Group", "Guidance, 2019"),
    ),
    "model-clauses": dict(
        title="Model contract clauses for supply-chain monitoring (PDF)",
        description="Clauses to copy into ICT contracts so that compliance can be monitored after "
        "award.",
        file=TitlePage(
            "SRPP Procura+ Interest Group with Electronics Watch", "Contract clauses, 2020"
        ),
    ),
    "award-criteria": dict(
        title="Award criteria for socially responsible laptops and displays (PDF)",
        description="Scored criteria for supply-chain transparency, remediation and extended "
        "product life.",
        file=TitlePage("SRPP Procura+ Interest Group", "Criteria, 2025"),
    ),
    "five-years-report": dict(
        title="Fair ICT in public procurement: lessons from five years of market engagement (PDF)",
        description="What buyers and suppliers learned from the market engagement events since "
        "2018.",
        file=TitlePage("ICLEI Europe", "Report, 2023"),
    ),
    "market-engagement-guide": dict(
        title="Talking to the market before an ICT tender (PDF)",
        description="How to prepare, run and follow up a market engagement on fair ICT.",
        file=TitlePage("SRPP Procura+ Interest Group", "Guidance, 2021"),
    ),
}
