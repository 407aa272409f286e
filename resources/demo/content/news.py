"""News, from the call for the first live market engagement in 2018 to this year."""

import datetime

from resources.demo.content.blocks import bullets, call_to_action, heading, paragraph
from resources.demo.refs import image, links_to

D = datetime.date

NEWS = {
    "news-nijmegen-call": dict(
        slug="buyers-and-suppliers-invited-first-live-market-engagement-fair-ict",
        title="Buyers and suppliers invited to the first live market engagement for fair ICT",
        date=D(2018, 7, 10),
        introduction="On 3 October in Nijmegen, back-to-back with the EcoProcura 2018 "
        "conference, public buyers and ICT suppliers can meet to discuss social responsibility "
        "in electronics supply chains.",
        listing_image=image("market-engagement"),
        tags=("market engagement", "fair ICT"),
        related_links=links_to("event-nijmegen"),
        body=(
            paragraph(
                "Both sides have asked for it: procurers want to know what the market can offer "
                "before they write social requirements into their ICT tenders, and suppliers "
                "want to know what is coming. The live market engagement in Nijmegen puts them "
                "in one room for an afternoon.",
                "Public authorities will present their procurement needs and plans. Suppliers "
                "will present their solutions and say how far they can meet what buyers ask.",
            ),
            paragraph(
                "Public authorities that would like to present their plans should get in touch "
                'through the <a page="contact">contact page</a>.'
            ),
        ),
    ),
    "news-nijmegen": dict(
        slug="live-market-engagement-connects-buyers-suppliers-fair-ict",
        title="Live market engagement connects buyers and suppliers for fair ICT",
        date=D(2018, 10, 25),
        introduction="In Nijmegen, public procurers from across Europe and ICT suppliers "
        "talked about working conditions in electronics supply chains, the first of several "
        "such meetings. Here is what happened and how to get involved.",
        listing_image=image("nijmegen-2018"),
        tags=("fair ICT", "market engagement", "Electronics Watch", "labour rights"),
        related_links=links_to(
            "event-nijmegen",
            "presentation-iclei",
            "presentation-electronics-watch",
            "presentation-apuc",
        ),
        body=(
            paragraph(
                "On 3 October 2018, just before the EcoProcura conference got under way in "
                "Nijmegen, the Netherlands, public buyers and ICT suppliers sat down together "
                "to talk about social responsibility in the supply chains of the devices that "
                "public bodies buy. ICLEI Europe organised the afternoon with Electronics Watch.",
            ),
            heading("Buyers set out their plans, suppliers answered"),
            paragraph(
                "Public authorities from Denmark, the Netherlands, Scotland, Spain and "
                "French-speaking Switzerland explained what they buy and how they intend to "
                "address working conditions in coming tenders. Circular Computing, Dell and HP "
                "then described what they can offer and how far they can meet those "
                "requirements today.",
                "Because both sides had asked for a meeting like this, it was announced as the "
                'first of a series. The <a page="event-nijmegen">event page</a> lists every '
                "presentation with its slides.",
            ),
            heading("Why public buyers matter"),
            paragraph(
                "Universities, hospitals, cities and other public bodies in the EU spent about "
                "EUR 50.3 billion on electronic devices such as desktops, laptops, servers and "
                "smartphones in 2011. Buyers who act together on that scale can require social "
                "and environmental standards from the companies that supply them, and check "
                "that those standards are met.",
            ),
            heading("About Make ICT Fair"),
            paragraph(
                "The market engagement is part of Make ICT Fair, a project of 11 partners from "
                "public bodies and civil society. The project uses public procurement to "
                "improve the lives of people working in electronics supply chains, through "
                "research, awareness campaigns, and guidelines and criteria for public "
                "authorities' ICT tenders.",
            ),
            heading("How to get involved"),
            bullets(
                "Join the conversation online with #MakeICTFair.",
                'Read about social sustainability in ICT in our <a page="resources">'
                "resources</a>, starting with the "
                '<a page="presentation-electronics-watch">Electronics Watch presentation</a> '
                "on monitoring working conditions.",
                'Keep an eye on <a page="events">upcoming events</a>: more market engagements '
                "will follow.",
                'Public buyers can <a page="join">join the SRPP Procura+ Interest Group</a>.',
            ),
        ),
    ),
    "news-webinar-recap": dict(
        slug="webinar-recap-labour-rights-ict-contracts",
        title="Webinar recap: putting labour rights into ICT contracts",
        date=D(2019, 3, 28),
        introduction="More than sixty procurers joined our webinar on contract clauses. The "
        "questions they asked shaped the model clauses the group is now drafting.",
        listing_image=image("webinar"),
        tags=("contract clauses", "labour rights", "webinar"),
        related_links=links_to("event-webinar-clauses"),
        body=(
            paragraph(
                "The webinar looked at three things a contract must allow if a buyer is to "
                "follow up on working conditions: knowing where goods are made, letting "
                "independent monitors in, and requiring remedies when they find problems.",
                "Participants' questions were practical. How detailed must a list of factories "
                "be? Who pays for monitoring? What if the supplier changes factories halfway "
                "through the contract?",
            ),
            paragraph(
                "Members of the interest group are turning the answers into model clauses, to "
                "be published in the coming months."
            ),
        ),
    ),
    "news-model-clauses": dict(
        slug="model-contract-clauses-supply-chain-monitoring-published",
        title="Model contract clauses for supply-chain monitoring published",
        date=D(2020, 2, 11),
        introduction="A common starting point for ICT contracts that let buyers check working "
        "conditions after award, drafted by members with Electronics Watch.",
        listing_image=image("contract-clauses"),
        tags=("contract clauses", "Electronics Watch", "labour rights"),
        related_links=links_to("contract-clauses", "guide-social-criteria"),
        body=(
            paragraph(
                "The clauses cover disclosure of production sites, cooperation with independent "
                "monitoring, remediation plans and reporting. Each comes with a note on how to "
                "adapt it to national contract law.",
                "Several members have already used drafts of the clauses in their tenders. Their "
                "experience is reflected in the final text.",
            ),
            call_to_action(
                "Use the clauses",
                "Download the clauses and the notes that explain them.",
                "contract-clauses",
                "Model contract clauses for supply-chain monitoring",
            ),
        ),
    ),
    "news-online-dialogue": dict(
        slug="online-market-dialogue-recap-circular-fair-laptops",
        title="Circular and fair laptops: what buyers and suppliers told each other",
        date=D(2021, 12, 2),
        introduction="Our first online market dialogue brought buyers planning laptop tenders "
        "together with suppliers of new, refurbished and remanufactured devices.",
        listing_image=image("circular-ict"),
        tags=("circular economy", "market engagement", "fair ICT"),
        related_links=links_to("event-online-dialogue", "market-engagement-guide"),
        body=(
            paragraph(
                "Four public buyers presented their plans and the requirements they were "
                "considering. Suppliers responded with what they could offer, from longer "
                "warranties to remanufactured machines.",
                "One message came through clearly: longer device life and fair working "
                "conditions support each other, but tenders must ask for both.",
            ),
        ),
    ),
    "news-new-members": dict(
        slug="new-members-join-interest-group-2023",
        title="A city, a hospital group and a university join the interest group",
        date=D(2023, 3, 21),
        introduction="Three new members from Belgium, Portugal and Finland bring the "
        "perspective of very different buyers to the group's work on fair ICT.",
        listing_image=image("members"),
        tags=("fair ICT",),
        related_links=links_to("guide-social-criteria"),
        body=(
            paragraph(
                "A Belgian city administration, a Portuguese regional hospital group and a "
                "Finnish university have joined the SRPP Procura+ Interest Group. All three "
                "have ICT tenders planned in the next two years and want to include social "
                "requirements.",
                "New members can use the tender library to see how others wrote their "
                "specifications, criteria and clauses, and ask questions in the members' "
                "discussions.",
            ),
            call_to_action(
                "Interested in joining?",
                "Membership is open to public buyers across Europe.",
                "join",
                "How to join",
            ),
        ),
    ),
    "news-freiburg-meeting": dict(
        slug="members-compare-award-criteria-freiburg-2024",
        title="Members compare the award criteria that made a difference",
        date=D(2024, 6, 20),
        introduction="At this year's members' meeting in Freiburg, procurers laid their recent "
        "ICT tenders side by side to see which social criteria changed the bids they received.",
        listing_image=image("meeting"),
        tags=("award criteria", "fair ICT"),
        related_links=links_to("event-freiburg-meeting"),
        body=(
            paragraph(
                "Criteria that asked bidders to disclose their supply chains and explain how "
                "they handle findings produced the most useful answers. Criteria that every "
                "bidder met with a standard certificate told buyers little.",
                "The group agreed to update its award criteria for laptops and displays in the "
                "light of the comparison.",
            ),
        ),
    ),
    "news-award-criteria": dict(
        slug="updated-award-criteria-laptops-displays",
        title="Updated award criteria for laptops and displays",
        date=D(2025, 5, 20),
        introduction="The new criteria reward supply-chain transparency, remedies for workers "
        "and longer device life.",
        listing_image=image("award-criteria"),
        tags=("award criteria", "circular economy", "labour rights"),
        related_links=links_to("award-criteria"),
        body=(
            paragraph(
                "The update follows the members' comparison of their tenders in 2024. It adds "
                "criteria on repairability and spare parts and asks bidders for evidence of how "
                "they resolved labour-rights findings, not only how they look for them."
            ),
        ),
    ),
    "news-next-market-engagement": dict(
        slug="call-for-buyers-next-live-market-engagement",
        title="Call for buyers: present your plans at the next live market engagement",
        days_ago=12,
        introduction="Public authorities with laptop, tablet or smartphone tenders coming up "
        "can present their needs to suppliers at our next market engagement.",
        listing_image=image("market-engagement"),
        tags=("market engagement", "fair ICT"),
        related_links=links_to("event-next-market-engagement", "market-engagement-guide"),
        body=(
            paragraph(
                "The next live market engagement follows the format that started in Nijmegen "
                "in 2018: buyers present, suppliers answer, and everyone discusses. This time "
                "the subject is mobile devices.",
                "If your organisation plans to buy laptops, tablets or smartphones in the next "
                'two years, <a page="contact">tell the secretariat</a> and we will find you a '
                "slot in the programme.",
            ),
            call_to_action(
                "See the programme",
                "Date, place and registration are on the event page.",
                "event-next-market-engagement",
            ),
        ),
    ),
}
