"""Events, led by the first live market engagement for fair ICT (Nijmegen, 3 October 2018)."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from resources.demo.content.blocks import (
    bullets,
    call_to_action,
    heading,
    paragraph,
    session,
    speaker,
)
from resources.demo.files import TitlePage
from resources.demo.refs import image

T = datetime.time
NIJMEGEN_KEY = "event-nijmegen"
NIJMEGEN_DATE = datetime.date(2018, 10, 3)
NIJMEGEN_CONTEXT = "Live Market Engagement for fair ICT, Nijmegen, 3 October 2018"

NETWORK, CIVIL_SOCIETY = "network", "civil_society"
AUTHORITY, SUPPLIER = "public_authority", "supplier"
SPEAKER_ROLES = {
    NETWORK: "Network representative",
    CIVIL_SOCIETY: "Civil-society representative",
    AUTHORITY: "Procurement representative",
    SUPPLIER: "Company representative",
}


@dataclass(frozen=True)
class When:
    """An event's times on an absolute date, or on a number of days from the day the loader
    runs, so that "upcoming" events stay upcoming however long after writing the demo is
    loaded. The builder turns it into the event's start and end."""

    start_time: datetime.time
    end_time: datetime.time
    date: datetime.date | None = None
    days_from_today: int | None = None


class Presentation(NamedTuple):
    """One talk at the 2018 live market engagement: a session on the event page, a slide
    deck, and a resource of its own."""

    key: str
    organisation: str
    kind: str  # resources.blocks.SpeakerKind
    start: datetime.time
    end: datetime.time
    title: str
    summary: str
    points: tuple[str, ...]
    topics: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def anonymous_speaker(self):
        # Real people are not named in the demo: a role stands in for the name.
        return speaker(SPEAKER_ROLES[self.kind], self.organisation, self.kind)


PRESENTATIONS = (
    Presentation(
        "iclei",
        "ICLEI Europe",
        NETWORK,
        T(13, 0),
        T(13, 15),
        "Welcome: why public buyers are asking for fair ICT",
        "ICLEI Europe opened the afternoon with the case for acting together: what public bodies "
        "spend on electronics, what the Procura+ network does, and what the interest group "
        "hoped to take away from the day.",
        (
            "the size of public spending on electronic devices in Europe",
            "the Procura+ network and its SRPP interest group",
            "how the afternoon worked and what happens after it",
        ),
        ("Market engagement",),
        ("fair ICT", "market engagement"),
    ),
    Presentation(
        "electronics-watch",
        "Electronics Watch",
        CIVIL_SOCIETY,
        T(13, 15),
        T(13, 30),
        "Monitoring working conditions in electronics supply chains",
        "Electronics Watch explained how independent monitoring works in the factories that "
        "make public buyers' devices, and what a buyer can do when a problem comes to light.",
        (
            "the labour-rights risks most often found in electronics production",
            "how worker-driven monitoring reports reach the buyer",
            "what contract terms let a buyer insist on remedies",
        ),
        ("Labour rights", "Supply-chain monitoring"),
        ("labour rights", "Electronics Watch"),
    ),
    Presentation(
        "aalborg",
        "Aalborg Municipality (Denmark)",
        AUTHORITY,
        T(13, 30),
        T(13, 45),
        "Aalborg: our ICT needs and the questions we will ask",
        "Aalborg set out the devices the municipality buys, when its current contracts run out "
        "and the social questions it intends to put to bidders next time.",
        (
            "the municipality's main ICT categories and contract cycle",
            "its first experience with labour-rights conditions",
            "what it needs from suppliers to check compliance",
        ),
        ("Market engagement", "Labour rights"),
        ("market engagement", "labour rights"),
    ),
    Presentation(
        "apuc",
        "Advanced Procurement for Universities and Colleges (APUC, Scotland)",
        AUTHORITY,
        T(13, 45),
        T(14, 0),
        "APUC: fair ICT in framework agreements for universities and colleges",
        "APUC described how a purchasing consortium for Scottish universities and colleges "
        "builds supply-chain conditions into framework agreements that many institutions use.",
        (
            "why frameworks multiply the effect of one set of conditions",
            "supply-chain mapping as a condition of the framework",
            "working with a monitoring organisation across the life of a framework",
        ),
        ("Supply-chain monitoring", "Market engagement"),
        ("market engagement", "contract clauses"),
    ),
    Presentation(
        "barcelona",
        "Barcelona City Council (Spain)",
        AUTHORITY,
        T(14, 0),
        T(14, 15),
        "Barcelona: social clauses in the city's ICT purchasing",
        "Barcelona presented the city's approach to social clauses and explained where ICT "
        "contracts fit into its wider plans for responsible public purchasing.",
        (
            "the city's policy framework for social clauses",
            "how the clauses apply to hardware contracts",
            "what the city expects to ask of bidders in coming tenders",
        ),
        ("Labour rights", "Award criteria"),
        ("labour rights", "contract clauses"),
    ),
    Presentation(
        "haarlem",
        "Municipality of Haarlem (Netherlands)",
        AUTHORITY,
        T(14, 15),
        T(14, 30),
        "Haarlem: a municipality's route to fair ICT",
        "Haarlem talked about moving from good intentions to concrete tender requirements, and "
        "about the help a mid-sized municipality needs to follow up after award.",
        (
            "the municipality's sustainable procurement ambitions",
            "requirements it is considering for its next workplace ICT tender",
            "the value of sharing work with other buyers",
        ),
        ("Market engagement", "Circular ICT"),
        ("market engagement", "circular economy"),
    ),
    Presentation(
        "romandie",
        "Partnership for IT-Procurement in French-speaking Switzerland",
        AUTHORITY,
        T(14, 30),
        T(14, 45),
        "Buying IT together in French-speaking Switzerland",
        "The partnership explained how public bodies in French-speaking Switzerland pool their "
        "IT purchasing and how joint tenders can carry social requirements further.",
        (
            "how the partnership is organised and what it buys",
            "the weight that joint purchasing gives to social requirements",
            "plans for supply-chain conditions in future joint tenders",
        ),
        ("Market engagement", "Supply-chain monitoring"),
        ("market engagement", "fair ICT"),
    ),
    Presentation(
        "sso-noord-duo",
        "Shared Service Organisation Noord & DUO (Netherlands)",
        AUTHORITY,
        T(14, 45),
        T(15, 0),
        "SSO Noord and DUO: workplace ICT for government organisations",
        "The two Dutch government organisations presented their joint approach to buying "
        "workplace ICT and what they want to learn from suppliers about their supply chains.",
        (
            "the scale and scope of their workplace ICT purchasing",
            "supply-chain transparency in their current requirements",
            "questions for suppliers ahead of the next tender",
        ),
        ("Supply-chain monitoring", "Market engagement"),
        ("market engagement", "fair ICT"),
    ),
    Presentation(
        "circular-computing",
        "Circular Computing",
        SUPPLIER,
        T(15, 30),
        T(15, 50),
        "Remanufactured laptops for the public sector",
        "Circular Computing presented remanufactured laptops as an option for public buyers, "
        "and how reusing devices reduces the demand for new production.",
        (
            "what remanufacturing involves and how it differs from refurbishment",
            "how buyers can specify reused devices in a tender",
            "the social side of extending a device's life",
        ),
        ("Circular ICT", "Market engagement"),
        ("circular economy", "market engagement"),
    ),
    Presentation(
        "dell",
        "Dell",
        SUPPLIER,
        T(15, 50),
        T(16, 10),
        "Dell: responding to buyers' supply-chain requirements",
        "Dell described how it answers social requirements in public tenders and what "
        "information it can share with buyers about its supply chain.",
        (
            "how the company approaches supply-chain responsibility",
            "the information buyers can request during a tender",
            "how it handles findings from audits and monitoring",
        ),
        ("Supply-chain monitoring", "Labour rights"),
        ("market engagement", "labour rights"),
    ),
    Presentation(
        "hp",
        "HP",
        SUPPLIER,
        T(16, 10),
        T(16, 30),
        "HP: supply-chain responsibility and what buyers can ask for",
        "HP presented its work on supply-chain responsibility and discussed which of the "
        "buyers' requirements it could meet today and which would take longer.",
        (
            "the company's supply-chain responsibility programme",
            "evidence suppliers can offer in response to tender requirements",
            "where buyers and suppliers could work together on improvement",
        ),
        ("Supply-chain monitoring", "Labour rights"),
        ("market engagement", "fair ICT"),
    ),
)


def slides_key(presentation):
    return f"slides-{presentation.key}"


SLIDES = {
    slides_key(p): dict(
        title=f"Slides: {p.title}",
        description=f"Slides presented by {p.organisation} at the 2018 live market engagement "
        "in Nijmegen.",
        file=TitlePage(p.organisation, NIJMEGEN_CONTEXT, slides=True),
    )
    for p in PRESENTATIONS
}

NIJMEGEN = dict(
    slug="live-market-engagement-fair-ict-nijmegen-2018",
    title="Live Market Engagement for fair ICT, Nijmegen",
    introduction="The first meeting of its kind: public buyers from across Europe and ICT "
    "suppliers met in Nijmegen to talk about social responsibility in electronics supply "
    "chains, back-to-back with the EcoProcura 2018 conference.",
    when=When(T(13, 0), T(17, 0), date=NIJMEGEN_DATE),
    time_zone="Europe/Amsterdam",
    organiser="ICLEI Europe with Electronics Watch",
    held_alongside="EcoProcura 2018",
    venue_name="EcoProcura 2018 conference venue",
    venue_address="Nijmegen\nNetherlands",
    listing_image=image("nijmegen-2018"),
    tags=("fair ICT", "market engagement", "Electronics Watch", "labour rights"),
    body=(
        heading("What the afternoon was for"),
        paragraph(
            "Public procurers and ICT suppliers rarely sit in the same room before a tender is "
            "published. This live market engagement gave them that room, with one subject on "
            "the table: social responsibility in the supply chains of the electronics that "
            "public bodies buy.",
            "It was organised by ICLEI Europe with Electronics Watch as part of the Make ICT "
            "Fair project, and it was announced as the first of a series, because suppliers "
            "and procurers alike had asked for it.",
        ),
        heading("How it worked"),
        bullets(
            "Public authorities from across Europe presented their procurement needs and "
            "plans, in some cases for tenders they expected to publish soon.",
            "Suppliers then presented the solutions they have and how far they can meet the "
            "buyers' requirements.",
            "Discussion ran through the afternoon and continued in small groups after the last "
            "presentation.",
            intro="The afternoon ran in three parts:",
        ),
        paragraph(
            "The slides of every presentation are listed in the agenda below and, with a short "
            'summary, in the <a page="resources">resources</a>.'
        ),
        call_to_action(
            "Read what came out of it",
            "Our news story sums up the afternoon and the ways to get involved.",
            "news-nijmegen",
            "Buyers and suppliers connect for fair ICT",
        ),
    ),
    agenda=[
        session(p.start, p.end, p.title, p.summary, p.anonymous_speaker, slides_key(p))
        for p in PRESENTATIONS
    ],
)

OTHER_EVENTS = {
    "event-webinar-clauses": dict(
        slug="webinar-labour-rights-clauses-ict-contracts",
        title="Webinar: labour-rights clauses in ICT contracts",
        introduction="An hour and a half on the contract terms that let a public buyer follow "
        "up on working conditions after an ICT contract is signed.",
        when=When(T(10, 0), T(11, 30), date=datetime.date(2019, 3, 14)),
        time_zone="Europe/Brussels",
        organiser="ICLEI Europe and Electronics Watch",
        venue_name="",
        venue_address="",
        online_url="https://meet.example.org/srpp/labour-rights-clauses",
        listing_image=image("webinar"),
        tags=("contract clauses", "labour rights", "Electronics Watch", "webinar"),
        body=(
            paragraph(
                "Many buyers who met suppliers in Nijmegen asked the same question afterwards: "
                "what exactly should the contract say? This webinar walked through the clauses "
                "that make monitoring possible, with time for questions from procurers who "
                "were drafting contracts at the time."
            ),
            bullets(
                "disclosure of the factories that make the devices",
                "access for independent monitors",
                "what the supplier must do when a violation is found",
                intro="Subjects covered:",
            ),
        ),
    ),
    "event-online-dialogue": dict(
        slug="online-market-dialogue-circular-fair-laptops",
        title="Online market dialogue: circular and fair laptops",
        introduction="Buyers and suppliers met online to discuss how longer-lasting and "
        "reused laptops can go hand in hand with better working conditions.",
        when=When(T(14, 0), T(16, 30), date=datetime.date(2021, 11, 18)),
        time_zone="Europe/Brussels",
        organiser="ICLEI Europe",
        venue_name="",
        venue_address="",
        online_url="https://meet.example.org/srpp/circular-fair-laptops",
        listing_image=image("circular-ict"),
        tags=("circular economy", "market engagement", "fair ICT"),
        body=(
            paragraph(
                "With travel still limited, the interest group took its market engagement "
                "online. Four public buyers outlined their plans for laptop tenders and invited "
                "suppliers of new, refurbished and remanufactured devices to respond.",
                "The discussion kept returning to one point: a device that lasts longer is only "
                "part of the answer if the people who make and repair it are treated fairly.",
            ),
        ),
    ),
    "event-freiburg-meeting": dict(
        slug="interest-group-meeting-award-criteria-2024",
        title="Interest group meeting: comparing award criteria",
        introduction="Members met in person, with others joining online, to compare the "
        "social award criteria they had used in recent ICT tenders.",
        when=When(T(9, 30), T(16, 0), date=datetime.date(2024, 6, 12)),
        time_zone="Europe/Berlin",
        organiser="ICLEI Europe",
        venue_name="ICLEI European Secretariat",
        venue_address="Freiburg im Breisgau\nGermany",
        online_url="https://meet.example.org/srpp/members-meeting-2024",
        listing_image=image("meeting"),
        tags=("award criteria", "fair ICT"),
        body=(
            paragraph(
                "A working day for members of the interest group. Each participant brought the "
                "award criteria from a recent ICT tender and the bids it received, so the group "
                "could see which criteria made a difference and which did not.",
                "The comparison fed into the updated award criteria published in 2025.",
            ),
        ),
    ),
    "event-webinar-compliance": dict(
        slug="webinar-checking-supplier-compliance-after-award",
        title="Webinar: checking supplier compliance after award",
        introduction="What happens after the contract is signed? Procurers who monitor their "
        "ICT contracts share what works, with Electronics Watch.",
        when=When(T(10, 0), T(11, 15), days_from_today=21),
        time_zone="Europe/Brussels",
        organiser="ICLEI Europe with Electronics Watch",
        venue_name="",
        venue_address="",
        online_url="https://meet.example.org/srpp/compliance-after-award",
        registration_url="https://example.org/register/compliance-after-award",
        listing_image=image("labour-rights"),
        tags=("labour rights", "Electronics Watch", "contract clauses", "webinar"),
        body=(
            paragraph(
                "Writing social clauses into a contract is the start. This webinar is about the "
                "years that follow: how buyers read monitoring reports, how they raise findings "
                "with suppliers, and how remedies are agreed and checked."
            ),
            bullets(
                "procurers who have followed up on monitoring findings in their contracts",
                "Electronics Watch, on how monitoring information reaches buyers",
                intro="You will hear from:",
            ),
            paragraph("The webinar is free and open to all public buyers. Please register."),
        ),
        agenda=[
            session(
                T(10, 0),
                T(10, 15),
                "Why compliance does not end at award",
                "A short introduction to contract management for social clauses.",
                speaker(SPEAKER_ROLES[NETWORK], "ICLEI Europe", NETWORK),
            ),
            session(
                T(10, 15),
                T(10, 45),
                "From monitoring report to remedy",
                "How findings are reported, raised with suppliers and followed up.",
                speaker(SPEAKER_ROLES[CIVIL_SOCIETY], "Electronics Watch", CIVIL_SOCIETY),
            ),
            session(
                T(10, 45),
                T(11, 15),
                "Buyers' experience and questions",
                "Members describe what worked for them; open questions from participants.",
                speaker("Members of the interest group", "SRPP Procura+ Interest Group", AUTHORITY),
            ),
        ],
    ),
    "event-next-market-engagement": dict(
        slug="live-market-engagement-fair-ict-laptops-mobile-devices",
        title="Live Market Engagement for fair ICT: laptops and mobile devices",
        introduction="The next meeting between public buyers and ICT suppliers, this time on "
        "laptops, tablets and smartphones. Buyers with tenders coming up are invited to present.",
        when=When(T(10, 0), T(16, 30), days_from_today=42),
        time_zone="Europe/Brussels",
        organiser="ICLEI Europe with Electronics Watch",
        venue_name="City conference centre",
        venue_address="Ghent\nBelgium",
        registration_url="https://example.org/register/live-market-engagement",
        listing_image=image("market-engagement"),
        tags=("market engagement", "fair ICT", "circular economy"),
        body=(
            paragraph(
                "Following the format first tried in Nijmegen, public authorities present what "
                "they plan to buy and the social requirements they have in mind, and suppliers "
                "respond with what they can offer today and what they are working on.",
                'Buyers who would like to present should <a page="contact">contact the '
                "secretariat</a>; suppliers are welcome to register and take part in the "
                "discussion.",
            ),
            call_to_action(
                "Not a member yet?",
                "Members of the interest group help shape the programme.",
                "join",
                "Join the interest group",
            ),
        ),
        agenda=[
            session(
                T(10, 0),
                T(10, 30),
                "Welcome and aims of the day",
                "Why this meeting, and how buyers and suppliers can make the most of it.",
                speaker(SPEAKER_ROLES[NETWORK], "ICLEI Europe", NETWORK),
            ),
            session(
                T(10, 30),
                T(12, 30),
                "Buyers' needs: short presentations by public authorities",
                "Authorities with upcoming tenders describe what they will buy and ask.",
                speaker("Participating public authorities", "", AUTHORITY),
            ),
            session(
                T(13, 30),
                T(15, 30),
                "Suppliers' answers",
                "Suppliers present their solutions and their capacity to meet the requirements.",
                speaker("Participating suppliers", "", SUPPLIER),
            ),
            session(
                T(15, 30),
                T(16, 30),
                "Open discussion",
                "Questions across the table, and the next steps for both sides.",
                speaker("All participants", "", NETWORK),
            ),
        ],
    ),
}

EVENTS = {NIJMEGEN_KEY: NIJMEGEN, **OTHER_EVENTS}
