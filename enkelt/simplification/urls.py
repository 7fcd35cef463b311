"""URLs of the simplification app under `/<municipality_slug>/`, namespace `simplification`.

KL's national list has no municipality: it lives in `urls_national.py` under `/kl/`.
"""

from django.urls import path

from enkelt.simplification.views import cases, links, pages

app_name = "simplification"

urlpatterns = [
    path("simplification/cases/", cases.case_list, name="case_list"),
    path("simplification/cases/<uuid:case_id>/", cases.case_detail, name="case_detail"),
    path(
        "simplification/cases/<uuid:case_id>/<str:action>/",
        cases.case_action,
        name="case_action",
    ),
    path("simplification/funnel/", pages.funnel_page, name="funnel"),
    path("simplification/campaigns/", pages.campaign_list, name="campaigns"),
    path("simplification/exemptions/", pages.exemption_list, name="exemption_list"),
    path(
        "simplification/exemptions/<uuid:exemption_id>/",
        pages.exemption_detail,
        name="exemption_detail",
    ),
    path("simplification/results/", pages.public_funnel, name="public_funnel"),
    path("simplification/decisions/", pages.decisions, name="decisions"),
    path("simplification/decisions.csv", pages.decisions_csv, name="decisions_csv"),
    path("simplification/rules/<uuid:rule_id>/flag/", links.rule_flag, name="rule_flag"),
    path(
        "simplification/submissions/<uuid:submission_id>/rules/",
        links.submission_link_rules,
        name="submission_link_rules",
    ),
    path(
        "simplification/submissions/<uuid:submission_id>/rules/new/",
        links.submission_new_rule,
        name="submission_new_rule",
    ),
]
