"""URLs of the goals app under `/<municipality_slug>/`, namespace `goals`."""

from django.urls import path

from enkelt.goals.views import agreements, editing, indicators

app_name = "goals"

urlpatterns = [
    path("goals/indicators/", indicators.indicator_list, name="indicator_list"),
    path(
        "goals/indicators/<uuid:indicator_id>/",
        indicators.indicator_detail,
        name="indicator_detail",
    ),
    path(
        "goals/indicators/<uuid:indicator_id>/measurements/",
        indicators.measurement_add,
        name="measurement_add",
    ),
    path(
        "goals/indicators/<uuid:indicator_id>/status/",
        indicators.status_override,
        name="status_override",
    ),
    path(
        "goals/indicators/<uuid:indicator_id>/import/",
        indicators.measurement_import,
        name="measurement_import",
    ),
    path(
        "goals/indicators/<uuid:indicator_id>/edit/",
        editing.indicator_edit,
        name="indicator_edit",
    ),
    path("goals/agreements/", agreements.agreement_list, name="agreement_list"),
    path("goals/agreements/new/", editing.agreement_create, name="agreement_create"),
    path(
        "goals/agreements/<uuid:agreement_id>/edit/",
        editing.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/goals/new/",
        editing.goal_create,
        name="goal_create",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/goals/<uuid:goal_id>/edit/",
        editing.goal_edit,
        name="goal_edit",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/goals/<uuid:goal_id>/indicators/new/",
        editing.indicator_create,
        name="indicator_create",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/",
        agreements.agreement_detail,
        name="agreement_detail",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/document.pdf",
        agreements.agreement_pdf,
        name="agreement_pdf",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/freed-hours/",
        agreements.freed_hours_add,
        name="freed_hours_add",
    ),
    path(
        "goals/agreements/<uuid:agreement_id>/meetings/<int:meeting_id>/goals/<uuid:goal_id>/",
        agreements.assess_goal,
        name="assess_goal",
    ),
]
