from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="search"),
    path("results.json", views.search_json, name="json"),
    path("suggest/", views.suggest, name="suggest"),
]
