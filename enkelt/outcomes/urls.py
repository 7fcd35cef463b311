"""URLs of the outcomes app under `/<municipality_slug>/`, namespace `outcomes`.

Courses are keyed by their random pseudonym, never by anything about the citizen.
"""

from django.urls import path

from enkelt.outcomes.views import aggregates, courses

app_name = "outcomes"

urlpatterns = [
    path("outcomes/courses/", courses.course_list, name="course_list"),
    path("outcomes/courses/<slug:course_pseudonym>/", courses.course_detail, name="course_detail"),
    path(
        "outcomes/courses/<slug:course_pseudonym>/assessments/new/",
        courses.assessment_new,
        name="assessment_new",
    ),
    path("outcomes/aggregates/", aggregates.aggregate_page, name="aggregates"),
]
