from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from community.library.models import Clause, Tender, TenderDocument


class TenderViewSet(ModelViewSet):
    model = Tender
    menu_label = "Tenders"
    icon = "doc-full"
    url_prefix = "library/tenders"
    name = "library_tender"
    list_display = [
        "title",
        "organisation",
        Column("stage", label="Stage", accessor="get_stage_display"),
        Column("visibility", label="Seen by", accessor="get_visibility_display"),
        DateColumn("created_at", label="Shared"),
    ]
    list_filter = ["stage", "visibility", "procedure"]
    search_fields = ["title", "summary", "buyer_name", "organisation__name"]
    copy_view_enabled = False
    inspect_view_enabled = True


class TenderDocumentViewSet(ModelViewSet):
    model = TenderDocument
    menu_label = "Tender documents"
    icon = "doc-empty"
    url_prefix = "library/documents"
    name = "library_document"
    list_display = ["title", "tender", Column("kind", accessor="get_kind_display"), "created_at"]
    list_filter = ["kind"]
    search_fields = ["title", "tender__title"]
    form_fields = ["kind", "title"]
    copy_view_enabled = False
    inspect_view_enabled = True


class ClauseViewSet(ModelViewSet):
    model = Clause
    menu_label = "Clause bank"
    icon = "openquote"
    url_prefix = "library/clauses"
    name = "library_clause"
    list_display = ["title", Column("kind", accessor="get_kind_display"), "tender", "saved_at"]
    list_filter = ["kind", "topics"]
    search_fields = ["title", "text", "tender__title"]
    form_fields = ["title", "kind", "text", "topics"]
    copy_view_enabled = False
    inspect_view_enabled = True


class LibraryGroup(ModelViewSetGroup):
    menu_label = "Tender library"
    menu_icon = "doc-full"
    menu_order = 260
    items = (TenderViewSet, TenderDocumentViewSet, ClauseViewSet)


@hooks.register("register_admin_viewset")
def register_library_viewsets():
    return LibraryGroup()
