from django.urls import path

from community.discussions import views

app_name = "discussions"

urlpatterns = [
    path("", views.index, name="index"),
    path("categories/<slug:category_slug>/", views.category, name="category"),
    path("categories/<slug:category_slug>/new/", views.new_thread, name="new_thread"),
    path("categories/<slug:category_slug>/follow/", views.follow_category, name="follow_category"),
    path("threads/<int:thread_id>/", views.thread, name="thread"),
    path("threads/<int:thread_id>/reply/", views.reply, name="reply"),
    path("threads/<int:thread_id>/follow/", views.follow_thread, name="follow_thread"),
    path("threads/<int:thread_id>/moderate/", views.moderate_thread, name="moderate_thread"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/delete/", views.delete_post, name="delete_post"),
    path("posts/<int:post_id>/flag/", views.flag_post, name="flag_post"),
    path("posts/<int:post_id>/moderate/", views.moderate_post, name="moderate_post"),
    path("posts/<int:post_id>/history/", views.post_history, name="post_history"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.mark_notifications_read, name="mark_notifications_read"),
    path("notifications/<int:notification_id>/", views.open_notification, name="open_notification"),
    path("notifications/settings/", views.notification_settings, name="notification_settings"),
    path("attachments/<int:attachment_id>/", views.download_attachment, name="attachment"),
    path("unsubscribe/<str:unsubscribe_token>/", views.unsubscribe, name="unsubscribe"),
]
