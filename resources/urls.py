from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("tags/", views.tag_index, name="tag_index"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
]
