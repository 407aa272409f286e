"""Tenders as Open Contracting Data Standard (OCDS 1.1) release packages, out and in.

One release per tender, tagged ``tender``. What OCDS has no field for travels in fields
prefixed ``srpp`` (the stage, who may see the tender), which OCDS allows and other tools
ignore. Documents are not exported: members' files are private, and a package is a file that
leaves the site; the public notice is, as a ``tenderNotice`` link.
"""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from django_countries import countries

from community.library.follows import tender_shared
from community.library.models import CpvCode, Lot, Procedure, Stage, Tender, Visibility
from community.library.models.cpv import normalise_code
from community.library.threads import start_tender_thread
from community.models import Organisation

SCHEMAS = Path(__file__).resolve().parent / "data" / "ocds"
SCHEMA_URL = "https://standard.open-contracting.org/schema/{version}/{name}"
MAX_IMPORT_BYTES = 5 * 1024 * 1024
OCID_LENGTH = Tender._meta.get_field("imported_ocid").max_length
TOO_DEEP = "The file nests lists and objects far deeper than an OCDS package does."

STATUS = {
    Stage.PLANNING: "planning",
    Stage.MARKET_ENGAGEMENT: "planning",
    Stage.OPEN_FOR_BIDS: "active",
    Stage.EVALUATION: "active",
    Stage.AWARDED: "complete",
    Stage.CONTRACT_MANAGEMENT: "complete",
    Stage.CLOSED: "complete",
}
STAGE_FROM_STATUS = {
    "planning": Stage.PLANNING,
    "planned": Stage.PLANNING,
    "active": Stage.OPEN_FOR_BIDS,
    "complete": Stage.AWARDED,
    "cancelled": Stage.CLOSED,
    "unsuccessful": Stage.CLOSED,
    "withdrawn": Stage.CLOSED,
}
METHOD = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.NEGOTIATED: "limited",
    Procedure.FRAMEWORK_CALL_OFF: "limited",
}
PROCEDURE_FROM_DETAILS = {label: value for value, label in Procedure.choices}
PROCEDURE_FROM_METHOD = {"open": Procedure.OPEN, "selective": Procedure.RESTRICTED}


# Export


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return f"{value.isoformat()}T00:00:00Z"


def _category(code):
    division = int(code[:2])
    return "works" if division == 45 else "goods" if division < 45 or division == 48 else "services"


def _classification(cpv):
    return {"scheme": "CPV", "id": cpv.code, "description": cpv.label}


def _party_id(name):
    return f"srpp-{slugify(name)[:60]}"


def _period(**dates):
    period = {name: _iso(value) for name, value in dates.items() if value}
    return period or None


def release(tender):
    buyer = tender.buyer_display
    items = [
        {
            "id": "1",
            "description": tender.main_cpv.label,
            "classification": _classification(tender.main_cpv),
            "additionalClassifications": [
                _classification(code) for code in tender.additional_cpv.order_by("code")
            ],
        }
    ]
    lots = list(tender.lots.select_related("cpv"))
    for number, lot in enumerate(lots, start=1):
        if lot.cpv:
            items.append(
                {
                    "id": f"lot-{number}-item",
                    "description": lot.cpv.label,
                    "classification": _classification(lot.cpv),
                    "relatedLot": str(number),
                }
            )
    ocds_tender = {
        "id": tender.ocid,
        "title": tender.title,
        "description": tender.summary,
        "status": STATUS[tender.stage],
        "procurementMethod": METHOD.get(tender.procedure),
        "procurementMethodDetails": tender.get_procedure_display(),
        "mainProcurementCategory": _category(tender.main_cpv.code),
        "awardCriteriaDetails": tender.criteria,
        "items": items,
        "lots": [{"id": str(n), "title": lot.title} for n, lot in enumerate(lots, start=1)],
        "tenderPeriod": _period(
            startDate=tender.publication_date, endDate=tender.submission_deadline
        ),
        "enquiryPeriod": _period(endDate=tender.clarification_deadline),
        "awardPeriod": _period(startDate=tender.award_date),
        "contractPeriod": _period(startDate=tender.contract_start, endDate=tender.contract_end),
        "srppStage": tender.stage,
        "srppVisibility": tender.visibility,
    }
    if tender.estimated_value is not None:
        ocds_tender["value"] = {
            "amount": float(tender.estimated_value),
            "currency": tender.currency,
        }
    if tender.notice_url:
        ocds_tender["documents"] = [
            {
                "id": "notice",
                "documentType": "tenderNotice",
                "title": "Public notice",
                "url": tender.notice_url,
            }
        ]
    return {
        "ocid": tender.ocid,
        "id": f"{tender.ocid}-tender",
        "date": _iso(tender.created_at),
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": [
            {
                "id": _party_id(buyer),
                "name": buyer,
                "roles": ["buyer"],
                "address": {"countryName": tender.country.name},
            }
        ],
        "buyer": {"id": _party_id(buyer), "name": buyer},
        "tender": {key: value for key, value in ocds_tender.items() if value not in (None, [], "")},
    }


def release_package(tenders, *, uri, progress=None):
    releases = []
    for tender in tenders:
        releases.append(release(tender))
        if progress:
            progress()
    return {
        "uri": uri,
        "version": "1.1",
        "publishedDate": _iso(timezone.now()),
        "publisher": {"name": "SRPP Procura+ Interest Group"},
        "releases": releases,
    }


def tenders_for_export(queryset):
    return (
        queryset.select_related("main_cpv", "buyer")
        .prefetch_related("additional_cpv", "lots__cpv")
        .order_by("pk")
    )


# Validation


@cache
def _validator(name):
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT4)
        for version in ("1__1__5", "1__2__0"):
            resources.append((SCHEMA_URL.format(version=version, name=path.name), resource))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return Draft4Validator(schema, registry=registry)


def schema_errors(package, name="release-package-schema.json", limit=10):
    """Messages for what makes ``package`` invalid against the OCDS schema, at most ``limit``."""
    errors = sorted(_validator(name).iter_errors(package), key=lambda error: list(error.path))
    return [
        f"{'/'.join(str(part) for part in error.path) or '(package)'}: {error.message[:200]}"
        for error in errors[:limit]
    ]


# Import


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (ocid or position, reason)
    errors: list = field(default_factory=list)  # the package as a whole was refused

    @property
    def ok(self):
        return not self.errors


def read_package(raw):
    """The package in ``raw`` (bytes) and the name of its schema, or an ImportReport saying
    why it cannot be read."""
    if len(raw) > MAX_IMPORT_BYTES:
        return None, ImportReport(errors=["The file is larger than 5 MB; split the package."])
    try:
        package = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, ImportReport(errors=[f"The file is not valid JSON: {error}."])
    except RecursionError:
        return None, ImportReport(errors=[TOO_DEEP])
    if not isinstance(package, dict) or not ("releases" in package or "records" in package):
        return None, ImportReport(
            errors=["This is not an OCDS release or record package: it has no releases or records."]
        )
    name = "record-package-schema.json" if "records" in package else "release-package-schema.json"
    try:
        problems = schema_errors(package, name)
    except RecursionError:
        return None, ImportReport(errors=[TOO_DEEP])
    if problems:
        return None, ImportReport(
            errors=["The package does not follow the OCDS 1.1 schema:", *problems]
        )
    return package, None


def _releases(package):
    if "releases" in package:
        return package["releases"]
    found = []
    for record in package["records"]:
        if record.get("compiledRelease"):
            found.append(record["compiledRelease"])
        elif record.get("releases") and "tag" in record["releases"][-1]:
            found.append(record["releases"][-1])
    return found


def import_package(raw, *, user):
    """Create or update the tenders of an OCDS package for ``user``, all or nothing."""
    from community.permissions import can_edit_tender, membership_of

    package, refusal = read_package(raw)
    if refusal:
        return refusal
    member = membership_of(user)
    if member is None:
        return ImportReport(errors=["Only members can import tenders: staff have no organisation."])
    report = ImportReport()
    with transaction.atomic():
        for position, data in enumerate(_releases(package), start=1):
            ocid = data.get("ocid") or f"release {position}"
            if len(ocid) > OCID_LENGTH or "\x00" in ocid:
                shown = _text(ocid, 60)
                report.skipped.append((shown, "The release ID is too long, or holds a NUL byte."))
                continue
            try:
                fields, codes, lots = _tender_fields(data)
            except ValueError as reason:
                report.skipped.append((ocid, str(reason)))
                continue
            tender = _existing(ocid)
            if tender is not None and not can_edit_tender(user, tender):
                report.skipped.append((ocid, "A tender with this ID exists and is not yours."))
                continue
            created = tender is None
            if created:
                tender = Tender(owner=user, organisation=member.organisation, imported_ocid=ocid)
            for name, value in fields.items():
                setattr(tender, name, value)
            tender.save()
            tender.additional_cpv.set(codes)
            tender.lots.all().delete()
            Lot.objects.bulk_create(
                Lot(tender=tender, title=title, cpv=cpv, sort_order=n)
                for n, (title, cpv) in enumerate(lots)
            )
            tender.log("imported" if created else "updated from OCDS", user)
            if created:
                start_tender_thread(tender, user)
                tender_shared(tender, user)
            (report.created if created else report.updated).append((ocid, tender.title))
    return report


def _existing(ocid):
    tender = Tender.objects.filter(imported_ocid=ocid).first()
    if tender is None and ocid.startswith(f"{Tender.ocid_prefix()}-"):
        number = ocid.removeprefix(f"{Tender.ocid_prefix()}-")
        if number.isdigit():
            tender = Tender.objects.filter(pk=int(number), imported_ocid="").first()
    return tender


def _cpv(classification):
    if not isinstance(classification, dict) or classification.get("scheme", "").upper() != "CPV":
        return None
    code = normalise_code(classification.get("id"))
    return CpvCode.objects.filter(code=code).first() if code else None


def _tender_fields(data):
    tender = data.get("tender") or {}
    title = _text(tender.get("title"))
    if not title:
        raise ValueError("The release has no tender title.")
    items = tender.get("items") or []
    main_items = [item for item in items if not item.get("relatedLot")] or items
    main = next(
        (
            _cpv(item.get("classification"))
            for item in main_items
            if _cpv(item.get("classification"))
        ),
        None,
    )
    if main is None:
        raise ValueError("No item has a CPV 2008 classification the library knows.")
    codes = {
        code
        for item in main_items
        for extra in item.get("additionalClassifications") or []
        if (code := _cpv(extra)) and code != main
    }
    lot_cpv = {item.get("relatedLot"): _cpv(item.get("classification")) for item in items}
    lots = [
        (_text(lot.get("title") or f"Lot {lot.get('id')}", 255), lot_cpv.get(lot.get("id")))
        for lot in tender.get("lots") or []
    ]
    buyer_name = _text((data.get("buyer") or {}).get("name"))
    buyer = Organisation.objects.confirmed().filter(name__iexact=buyer_name).first()
    party = next((p for p in data.get("parties") or [] if "buyer" in (p.get("roles") or [])), {})
    country_name = ((party.get("address") or {}).get("countryName") or "").strip()
    country = countries.by_name(country_name) or (buyer.country.code if buyer else "")
    if not country:
        raise ValueError("The buyer's country is missing or unknown.")
    value = tender.get("value") or {}
    fields = {
        "title": title[:255],
        "summary": _text(tender.get("description"), 5000),
        "criteria": _text(tender.get("awardCriteriaDetails"), 20000),
        "buyer": buyer,
        "buyer_name": "" if buyer else buyer_name[:255],
        "country": country,
        "main_cpv": main,
        "procedure": PROCEDURE_FROM_DETAILS.get(
            tender.get("procurementMethodDetails"),
            PROCEDURE_FROM_METHOD.get(tender.get("procurementMethod"), Procedure.OTHER),
        ),
        "stage": tender.get("srppStage")
        if tender.get("srppStage") in Stage.values
        else STAGE_FROM_STATUS.get(tender.get("status"), Stage.PLANNING),
        "visibility": tender.get("srppVisibility")
        if tender.get("srppVisibility") in Visibility.values
        else Visibility.MEMBERS,
        "estimated_value": _amount(value.get("amount")),
        "currency": value.get("currency") or "EUR",
        "publication_date": _date((tender.get("tenderPeriod") or {}).get("startDate")),
        "submission_deadline": _moment((tender.get("tenderPeriod") or {}).get("endDate")),
        "clarification_deadline": _moment((tender.get("enquiryPeriod") or {}).get("endDate")),
        "award_date": _date((tender.get("awardPeriod") or {}).get("startDate")),
        "contract_start": _date((tender.get("contractPeriod") or {}).get("startDate")),
        "contract_end": _date((tender.get("contractPeriod") or {}).get("endDate")),
        "notice_url": next(
            (
                _web_address(document.get("url"))
                for document in tender.get("documents") or []
                if document.get("documentType") == "tenderNotice"
            ),
            "",
        ),
    }
    created = _moment(data.get("date"))
    if created:
        fields["created_at"] = created
    if fields["currency"] not in dict(Tender._meta.get_field("currency").choices):
        raise ValueError(f"The currency {fields['currency']} is not one the library offers.")
    return fields, sorted(codes, key=lambda code: code.code), lots


def _text(value, limit=None):
    """Text from a package as a column takes it: PostgreSQL refuses NUL characters outright,
    and a text longer than its column with a server error."""
    text = str(value or "").replace("\x00", "").strip()
    return text[:limit] if limit else text


def _web_address(value):
    """The notice's address, if it is one a link may lead to (never ``javascript:``)."""
    address = _text(value)
    if len(address) > 500 or not address.lower().startswith(("https://", "http://")):
        return ""
    return address


def _amount(value):
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    # JSON as Python reads it has NaN and Infinity, and numbers of any size; the column holds
    # twelve digits before the point.
    field = Tender._meta.get_field("estimated_value")
    if not amount.is_finite() or abs(amount) >= 10 ** (field.max_digits - field.decimal_places):
        raise ValueError(f"The value {value} is not an amount the library can hold.")
    return amount if amount >= 0 else None


def _moment(value):
    return parse_datetime(value) if isinstance(value, str) else None


def _date(value):
    if not isinstance(value, str):
        return None
    moment = parse_datetime(value)
    return moment.date() if moment else parse_date(value)
