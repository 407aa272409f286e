from django.urls import path

from community.library import views

app_name = "library"

urlpatterns = [
    path("", views.library, name="library"),
    path("share/", views.share_tender, name="share"),
    path("cpv/", views.cpv_search, name="cpv_search"),
    path("cpv/<str:code>/follow/", views.follow_cpv, name="follow_cpv"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:feed_token>/deadlines.ics", views.deadlines_feed, name="deadlines"),
    path("clauses/", views.clause_bank, name="clauses"),
    path("clauses/<int:clause_id>/", views.clause_detail, name="clause"),
    path("clauses/<int:clause_id>/delete/", views.delete_clause, name="delete_clause"),
    path("clauses/<int:clause_id>/used/", views.mark_clause_used, name="mark_clause_used"),
    path("compare/", views.compare, name="compare"),
    path("<int:tender_id>/clauses/save/", views.save_clause, name="save_clause"),
    path("ocds/", views.export_library, name="export"),
    path("ocds/import/", views.import_ocds, name="import"),
    path("<int:tender_id>/", views.tender_detail, name="tender"),
    path("<int:tender_id>/ocds/", views.export_tender, name="export_tender"),
    path("<int:tender_id>/edit/", views.edit_tender, name="edit"),
    path("<int:tender_id>/follow/", views.follow_tender, name="follow"),
    path("<int:tender_id>/withdraw/", views.withdraw_tender, name="withdraw"),
    path("<int:tender_id>/documents/add/", views.add_document, name="add_document"),
    path(
        "documents/<int:document_id>/new-version/", views.replace_document, name="replace_document"
    ),
    path("versions/<int:version_id>/download/", views.download_version, name="download"),
]
