"""URLs of the surveys app under `/<municipality_slug>/`, namespace `surveys`.

Builder actions name the question in the POST body, so only surveys and rounds
appear in URLs (by UUID). The answer page is keyed by an unguessable token.
"""

from django.urls import path

from enkelt.surveys import views

app_name = "surveys"

ROUND = "surveys/<uuid:survey_id>/rounds/<uuid:round_id>/"

urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/answer/<str:token>/", views.answer, name="answer"),
    path("surveys/<uuid:survey_id>/", views.survey_detail, name="detail"),
    path("surveys/<uuid:survey_id>/sections/", views.section_add, name="section_add"),
    path("surveys/<uuid:survey_id>/questions/", views.question_add, name="question_add"),
    path("surveys/<uuid:survey_id>/questions/move/", views.question_move, name="question_move"),
    path(
        "surveys/<uuid:survey_id>/questions/delete/", views.question_delete, name="question_delete"
    ),
    path("surveys/<uuid:survey_id>/feeds/", views.feed_add, name="feed_add"),
    path("surveys/<uuid:survey_id>/rounds/", views.round_open, name="round_open"),
    path(ROUND + "close/", views.round_close, name="round_close"),
    path(ROUND + "invitations/", views.round_invite, name="round_invite"),
    path(ROUND + "reminders/", views.round_remind, name="round_remind"),
    path(ROUND + "results/", views.results, name="results"),
]
