from community.library.models.calendars import DeadlineFeed
from community.library.models.clauses import Clause, ClauseKind
from community.library.models.cpv import CpvCode
from community.library.models.documents import DocumentKind, DocumentVersion, TenderDocument
from community.library.models.tenders import (
    Currency,
    Lot,
    Procedure,
    Stage,
    TaggedTender,
    Tender,
    TenderEvent,
    TenderTag,
    Visibility,
)

__all__ = [
    "Clause",
    "ClauseKind",
    "CpvCode",
    "DeadlineFeed",
    "Currency",
    "DocumentKind",
    "DocumentVersion",
    "Lot",
    "Procedure",
    "Stage",
    "TaggedTender",
    "Tender",
    "TenderDocument",
    "TenderEvent",
    "TenderTag",
    "Visibility",
]
