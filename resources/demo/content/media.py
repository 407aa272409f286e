"""Listing images and the placeholder documents that are not slides."""

from resources.demo.specs import DocumentSpec, ImageSpec

NAVY, TEAL, AMBER, CORAL, SAND, GREEN, SKY = (
    "#0b3d5c",
    "#1b998b",
    "#f4a259",
    "#e76f51",
    "#f1e9da",
    "#4c956c",
    "#8ecae6",
)

IMAGES = (
    ImageSpec(
        "fair-ict",
        "Fair ICT: overlapping circles",
        "Abstract pattern of overlapping teal, amber and sky-blue circles on a dark blue ground",
        "circles",
        (NAVY, TEAL, AMBER, SKY),
    ),
    ImageSpec(
        "market-engagement",
        "Market engagement: meeting triangles",
        "Abstract pattern of amber and coral triangles pointing at each other on a dark blue "
        "ground",
        "triangles",
        (NAVY, AMBER, CORAL, SAND),
    ),
    ImageSpec(
        "nijmegen-2018",
        "Live market engagement 2018: chip pattern",
        "Abstract grid of teal and sand-coloured squares, like the pins of a microchip",
        "grid",
        (NAVY, TEAL, SAND),
    ),
    ImageSpec(
        "webinar",
        "Webinars: waves",
        "Abstract bands of sky blue and teal rising like waves over a dark blue ground",
        "waves",
        (NAVY, SKY, TEAL, GREEN),
    ),
    ImageSpec(
        "labour-rights",
        "Labour rights: diagonal stripes",
        "Abstract diagonal stripes in coral, amber and sand on a dark blue ground",
        "stripes",
        (NAVY, CORAL, AMBER, SAND),
    ),
    ImageSpec(
        "circular-ict",
        "Circular ICT: green circles",
        "Abstract pattern of overlapping green and sand-coloured circles on a dark teal ground",
        "circles",
        ("#0f4c45", GREEN, SAND, TEAL),
    ),
    ImageSpec(
        "contract-clauses",
        "Contract clauses: ordered squares",
        "Abstract grid of amber and sand-coloured squares in orderly rows on a dark blue ground",
        "grid",
        (NAVY, AMBER, SAND),
    ),
    ImageSpec(
        "award-criteria",
        "Award criteria: stripes",
        "Abstract diagonal stripes in teal, green and sky blue on a dark blue ground",
        "stripes",
        (NAVY, TEAL, GREEN, SKY),
    ),
    ImageSpec(
        "members",
        "Members: many circles",
        "Abstract cluster of coral, amber and teal circles of different sizes on a sand ground",
        "circles",
        (SAND, CORAL, AMBER, TEAL),
    ),
    ImageSpec(
        "research",
        "Research and reports: waves",
        "Abstract layered waves in amber and coral over a dark blue ground",
        "waves",
        (NAVY, AMBER, CORAL, SAND),
    ),
    ImageSpec(
        "meeting",
        "Meetings: triangles",
        "Abstract scattering of teal and sky-blue triangles on a sand ground",
        "triangles",
        (SAND, TEAL, SKY, NAVY),
    ),
)

DOCUMENTS = (
    DocumentSpec(
        "guide-social-criteria",
        "Social criteria in ICT tenders: a guide for public buyers (PDF)",
        "SRPP Procura+ Interest Group",
        "Guidance, 2019",
        "A step-by-step guide to writing labour-rights requirements into ICT tenders.",
    ),
    DocumentSpec(
        "model-clauses",
        "Model contract clauses for supply-chain monitoring (PDF)",
        "SRPP Procura+ Interest Group with Electronics Watch",
        "Contract clauses, 2020",
        "Clauses to copy into ICT contracts so that compliance can be monitored after award.",
    ),
    DocumentSpec(
        "award-criteria",
        "Award criteria for socially responsible laptops and displays (PDF)",
        "SRPP Procura+ Interest Group",
        "Criteria, 2025",
        "Scored criteria for supply-chain transparency, remediation and extended product life.",
    ),
    DocumentSpec(
        "five-years-report",
        "Fair ICT in public procurement: lessons from five years of market engagement (PDF)",
        "ICLEI Europe",
        "Report, 2023",
        "What buyers and suppliers learned from the market engagement events since 2018.",
    ),
    DocumentSpec(
        "market-engagement-guide",
        "Talking to the market before an ICT tender (PDF)",
        "SRPP Procura+ Interest Group",
        "Guidance, 2021",
        "How to prepare, run and follow up a market engagement on fair ICT.",
    ),
)
