from django.urls import include, path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.home, name="home"),
    path("awaiting-approval/", views.awaiting_approval, name="awaiting_approval"),
    path("people/", views.directory, name="directory"),
    path("people/<int:pk>/", views.profile, name="profile"),
    path("people/<int:pk>/photo/", views.profile_photo, name="profile_photo"),
    path("profile/", views.my_profile, name="my_profile"),
    path("profile/edit/", views.edit_profile, name="edit_profile"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.download_my_data, name="download_my_data"),
    path("my-data/delete/", views.delete_account, name="delete_account"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("library/", include("community.library.urls")),
    path("discussions/", include("community.discussions.urls")),
]
