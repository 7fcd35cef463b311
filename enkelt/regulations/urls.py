"""URLs of the regulations app under `/<municipality_slug>/`, namespace `regulations`."""

from django.urls import path

from enkelt.regulations.views import analysis, registry, tariffs, transfer

app_name = "regulations"

urlpatterns = [
    path("rules/", registry.rule_list, name="rule_list"),
    path("rules/new/", registry.rule_create, name="rule_create"),
    path("rules/burden/", analysis.burden_overview, name="burden_overview"),
    path("rules/candidates/", analysis.candidate_finder, name="candidates"),
    path("rules/priorities/", analysis.priorities, name="priorities"),
    path("rules/offset-ledger/", analysis.offset_ledger, name="offset_ledger"),
    path("rules/tariffs/", tariffs.tariff_list, name="tariffs"),
    path("rules/export.csv", transfer.export_csv, name="export_csv"),
    path("rules/export.xlsx", transfer.export_xlsx, name="export_xlsx"),
    path("rules/import/", transfer.import_upload, name="import_upload"),
    path("rules/import/template.csv", transfer.template_csv, name="template_csv"),
    path("rules/import/template.xlsx", transfer.template_xlsx, name="template_xlsx"),
    path("rules/import/<uuid:import_id>/", transfer.import_detail, name="import_detail"),
    path("rules/import/<uuid:import_id>/step/", transfer.import_step, name="import_step"),
    path("rules/<uuid:rule_id>/", registry.rule_detail, name="rule_detail"),
    path("rules/<uuid:rule_id>/edit/", registry.rule_edit, name="rule_edit"),
    path("rules/<uuid:rule_id>/snapshot/", registry.snapshot_take, name="snapshot_take"),
    path(
        "rules/<uuid:rule_id>/activities/new/",
        registry.activity_create,
        name="activity_create",
    ),
    path(
        "rules/<uuid:rule_id>/activities/<int:activity_id>/",
        registry.activity_edit,
        name="activity_edit",
    ),
    path(
        "rules/<uuid:rule_id>/activities/<int:activity_id>/delete/",
        registry.activity_delete,
        name="activity_delete",
    ),
]
