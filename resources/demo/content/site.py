"""The home page, the three index pages, the standard pages and the site settings."""

from resources.demo.content.blocks import bullets, call_to_action, heading, menu_link, paragraph
from resources.demo.refs import image, links_to, page

CONTACT_EMAIL = "info@example.org"
ACCESSIBILITY_EMAIL = "accessibility@example.org"
PRIVACY_EMAIL = "privacy@example.org"

HOME = dict(
    slug="home",
    title="Home",
    hero_heading="Public buyers working together for fair ICT supply chains",
    introduction="The SRPP Procura+ Interest Group brings together European public "
    "procurers who use their purchasing power to ask for electronics made under decent "
    "working conditions, with ICLEI, Electronics Watch and the Make ICT Fair project.",
    listing_image=image("fair-ict"),
    figures=(
        (
            "figure",
            {
                "value": "EUR 50.3 billion",
                "label": "spent by EU public bodies on electronic devices such as desktops, "
                "laptops, servers and smartphones in 2011",
                "source": "Estimate for 2011 quoted by the Make ICT Fair project",
            },
        ),
    ),
    features=links_to("news-nijmegen", "event-next-market-engagement", "guide-social-criteria"),
    body=(
        heading("Why buy together"),
        paragraph(
            "One buyer asking a global electronics company about its factories is easy to "
            "ignore. Hundreds of universities, hospitals and cities asking the same questions, "
            "in their tenders and their contracts, are not.",
            "Members share specifications, award criteria and contract clauses, meet suppliers "
            "together, and check after award that suppliers keep their promises.",
        ),
        call_to_action(
            "Start with the guide",
            "New to social criteria in ICT? The guide takes you through a tender step by step.",
            "guide-social-criteria",
        ),
    ),
    join_heading="Join the interest group",
    join_text="Membership is open to public procurers across Europe who buy ICT and want it "
    "made fairly. Members share tenders, discuss problems with peers and shape the group's "
    "events and guidance.",
    join_page=page("join"),
)

INDEXES = {
    "news": dict(
        slug="news",
        title="News",
        introduction="Stories from the interest group: events, publications and members' work "
        "on fair ICT.",
        empty_message="There is no news yet. Events and resources are published already.",
        listing_image=image("fair-ict"),
    ),
    "events": dict(
        slug="events",
        title="Events",
        introduction="Market engagements, webinars and members' meetings: where public buyers, "
        "suppliers and civil society meet.",
        empty_message="No events are planned at the moment. Past events stay listed below.",
        listing_image=image("market-engagement"),
    ),
    "resources": dict(
        slug="resources",
        title="Resources",
        introduction="Guidance, criteria, contract clauses, presentations, reports and case "
        "studies for buying ICT that is made fairly.",
        empty_message="No resources match. Try fewer filters.",
        listing_image=image("contract-clauses"),
    ),
}

ABOUT = dict(
    slug="about",
    title="About the interest group",
    introduction="Who we are: European public buyers, with ICLEI, Electronics Watch and the "
    "Make ICT Fair project, working for fair working conditions in the ICT supply chain.",
    listing_image=image("members"),
    body=(
        heading("ICLEI and Procura+"),
        paragraph(
            "ICLEI – Local Governments for Sustainability runs, through its European "
            "Secretariat, the Procura+ network: European public authorities that work on "
            "sustainable procurement and learn from each other."
        ),
        heading("The SRPP Procura+ Interest Group"),
        paragraph(
            "The interest group on socially responsible public procurement (SRPP) is one of the "
            "network's interest groups. Its members are public procurers. For ICT, they aim to:"
        ),
        bullets(
            "share specifications, award criteria and contract clauses, so that no one starts "
            "from a blank page;",
            "engage suppliers together, before and around their tenders;",
            "verify that suppliers comply with what they promised once a contract is signed.",
        ),
        heading("Electronics Watch"),
        paragraph(
            "Electronics Watch is an independent monitoring organisation. It helps public "
            "buyers protect the labour rights of the people who make their electronics, and "
            "works with workers in the supply chain to find and resolve problems."
        ),
        heading("Make ICT Fair"),
        paragraph(
            "Make ICT Fair brings together 11 partners from public bodies and civil society. "
            "The project uses public procurement to improve lives in electronics supply chains, "
            "through research, awareness campaigns, and guidelines and criteria that public "
            "authorities can use in their ICT tenders. Follow it with #MakeICTFair."
        ),
        call_to_action(
            "Work with us",
            "Public buyers are welcome to join the interest group.",
            "join",
            "Join the interest group",
        ),
    ),
)

JOIN = dict(
    slug="join",
    title="Join the interest group",
    introduction="Membership is open to public procurers across Europe who want the ICT they "
    "buy to be made under fair conditions.",
    listing_image=image("members"),
    body=(
        heading("Who can join"),
        paragraph(
            "Procurers and sustainability staff of public authorities: cities and regions, "
            "universities and colleges, hospitals, and shared-service or central purchasing "
            "organisations. You do not need to have run a socially responsible ICT tender "
            "yet; many members joined to prepare their first one."
        ),
        heading("What members get"),
        bullets(
            "The tender library: specifications, criteria and clauses that other members have "
            "used, with their documents.",
            "Discussions with peers on the questions that come up before and after award.",
            "A say in the group's events, guidance and market engagements.",
        ),
        heading("How to join"),
        paragraph(
            '<a href="/accounts/signup/">Apply to join the interest group</a> with a short '
            "form: your details, your organisation and why you want to join. You confirm your "
            "email address, and the secretariat checks that the organisation is a public buyer "
            "and decides within a few working days. You hear from us by email either way.",
            'Questions first? <a page="contact">Contact the secretariat</a>.',
        ),
    ),
)

CONTACT = dict(
    slug="contact",
    title="Contact",
    introduction="How to reach the secretariat of the SRPP Procura+ Interest Group.",
    body=(
        paragraph(
            f'Write to <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> with questions about '
            "the group, membership, events or resources. We answer within five working days.",
            "The secretariat is run by ICLEI Europe as part of its work on the Procura+ network.",
        ),
        heading("Other addresses"),
        bullets(
            f'Accessibility of this site: <a href="mailto:{ACCESSIBILITY_EMAIL}">'
            f"{ACCESSIBILITY_EMAIL}</a>",
            f'Your personal data: <a href="mailto:{PRIVACY_EMAIL}">{PRIVACY_EMAIL}</a>',
        ),
        paragraph("On social media, follow and join the conversation with #MakeICTFair."),
    ),
)

PRIVACY = dict(
    slug="privacy",
    title="Privacy notice",
    introduction="What personal data this site keeps, why, for how long, and your rights "
    "under the General Data Protection Regulation (GDPR).",
    body=(
        heading("Who is responsible"),
        paragraph(
            "The secretariat of the SRPP Procura+ Interest Group is the controller of the "
            f'personal data described here. Contact: <a href="mailto:{PRIVACY_EMAIL}">'
            f"{PRIVACY_EMAIL}</a>."
        ),
        heading("Visitors"),
        paragraph(
            "Reading the public pages requires no account. The web server keeps technical logs "
            "(address, time, page requested) for 30 days to keep the site secure. The site sets "
            "no advertising or tracking cookies; a session cookie is set only when you sign in."
        ),
        heading("Members"),
        paragraph(
            "If you join, we keep your name, work email, organisation and role so that other "
            "members know who they are talking to, together with what you post: tenders, "
            "documents and messages. We use it only to run the members' area, on the basis of "
            "your membership (Article 6(1)(b) GDPR)."
        ),
        heading("How long we keep it"),
        paragraph(
            "Member data is kept while you are a member. When you leave, your account is "
            "deleted; messages you posted stay visible to members under the name “former "
            "member” unless you ask us to remove them."
        ),
        heading("Your rights"),
        paragraph(
            "You can see, export, correct and delete your data from your profile, or ask us "
            "to. You may also object to processing, ask us to restrict it, and complain to the "
            "data protection authority of your country."
        ),
    ),
)

ACCESSIBILITY = dict(
    slug="accessibility-statement",
    title="Accessibility statement",
    introduction="How accessible this site is, what is not accessible yet, and how to tell us "
    "about a problem.",
    body=(
        paragraph(
            "The SRPP Procura+ Interest Group wants everyone to be able to use this website. It "
            "holds the site to the requirements of Directive (EU) 2016/2102 on the "
            "accessibility of public sector websites. "
            "This statement applies to this website and follows the model statement of "
            "Commission Implementing Decision (EU) 2018/1523."
        ),
        heading("Compliance status"),
        paragraph(
            "This website is <b>partially compliant</b> with EN 301 549 V3.2.1 and "
            "with the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, because of "
            "the non-compliances listed below."
        ),
        heading("Non-accessible content"),
        paragraph("<h3>Non-compliance with the accessibility requirements</h3>"),
        bullets(
            "Some slide decks from partners, including the presentations from the 2018 live "
            "market engagement, are PDF files without tags. Screen readers may read them in the "
            "wrong order, and their headings are not marked as headings (WCAG 1.3.1, 1.3.2). "
            "We are asking partners for accessible versions and replace files as they arrive.",
            "The PDF editions of our guidance, criteria and reports are not tagged either "
            "(WCAG 1.3.1). The main points of each are written out on the resource's own page.",
            intro="The following content does not meet the requirements yet:",
        ),
        paragraph(
            "If you need any of these documents in another format, ask us: we will send an "
            "accessible version, usually within ten working days.",
            "<h3>Disproportionate burden</h3>",
            "We do not claim that making any content accessible would be a disproportionate "
            "burden.",
            "<h3>Content outside the scope of the applicable legislation</h3>",
            "Online events take place on third-party video-conferencing services, and some "
            "links lead to other websites. Their accessibility is outside our control and "
            "outside this statement.",
        ),
        heading("Preparation of this statement"),
        paragraph(
            "This statement was prepared on 14 September 2026 and last reviewed on "
            "14 September 2026.",
            "It is based on a self-assessment by the site's team: automated checks of every "
            "page type with axe-core and the Nu Html Checker, followed by manual checks with "
            "the keyboard alone and with screen readers (NVDA with Firefox, VoiceOver with "
            "Safari) on a sample of pages of each type.",
        ),
        heading("Feedback and contact"),
        paragraph(
            "Tell us if you find a problem we have not listed, or if you cannot get at "
            "something you need: write to "
            f'<a href="mailto:{ACCESSIBILITY_EMAIL}">{ACCESSIBILITY_EMAIL}</a>. Say which page '
            "and what went wrong; we reply within ten working days."
        ),
        heading("Enforcement procedure"),
        paragraph(
            "If you are not satisfied with our reply to your feedback or to a request for "
            "accessible content, you can turn to the body that enforces the Web Accessibility "
            "Directive in the Member State where the site's operator is established. On "
            "request, we will give you its name and contact details."
        ),
    ),
)

STANDARD_PAGES = {
    "contact": CONTACT,
    "join": JOIN,
    "about": ABOUT,
    "privacy": PRIVACY,
    "accessibility": ACCESSIBILITY,
}

SITE_SETTINGS = dict(
    footer_text="The SRPP Procura+ Interest Group: European public buyers for socially "
    "responsible ICT, with ICLEI, Electronics Watch and Make ICT Fair.",
    contact_email=CONTACT_EMAIL,
    hashtag="#MakeICTFair",
    default_share_image=image("fair-ict"),
)

NAVIGATION = dict(
    main_menu=[
        menu_link("news"),
        menu_link("events"),
        menu_link("resources"),
        menu_link("about", "About"),
        menu_link("join", "Join"),
    ],
    footer_links=[
        menu_link("about", "About"),
        menu_link("contact"),
        menu_link("accessibility"),
        menu_link("privacy"),
    ],
)
