"""inbox URLs; see urls.py. Actions are POST-only and named by `action` (a fixed set)."""

from django.urls import path

from enkelt.submissions.inbox import actions, pages

urlpatterns = [
    path("inbox/", pages.inbox_list, name="inbox"),
    path("inbox/moderation/", pages.inbox_moderation, name="inbox_moderation"),
    path("inbox/bulk/", actions.inbox_bulk, name="inbox_bulk"),
    path("inbox/filters/", actions.saved_filter_create, name="inbox_filter_save"),
    path("inbox/filters/delete/", actions.saved_filter_remove, name="inbox_filter_delete"),
    path("inbox/<uuid:submission_id>/", pages.inbox_detail, name="inbox_detail"),
    path("inbox/<uuid:submission_id>/<str:action>/", actions.inbox_action, name="inbox_action"),
]
