"""URLs of the ideas app under `/<municipality_slug>/`, namespace `ideas`."""

from django.urls import path

from enkelt.ideas import views

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.board, name="board"),
    path("ideas/guides/", views.guides, name="guides"),
    path("ideas/guides/<int:guide_id>/remove/", views.guide_remove, name="guide_remove"),
    path("ideas/criteria/", views.criteria, name="criteria"),
    path("ideas/<uuid:idea_id>/", views.detail, name="detail"),
    path("ideas/<uuid:idea_id>/stage/", views.transition, name="transition"),
    path("ideas/<uuid:idea_id>/notes/", views.note_add, name="note_add"),
    path("ideas/<uuid:idea_id>/scores/", views.score, name="score"),
    path("ideas/<uuid:idea_id>/guide/", views.assign, name="assign"),
    path("ideas/<uuid:idea_id>/pick/", views.pick, name="pick"),
    path("ideas/<uuid:idea_id>/initiative/", views.to_initiative, name="to_initiative"),
    path("ideas/<uuid:idea_id>/case/", views.to_case, name="to_case"),
]
