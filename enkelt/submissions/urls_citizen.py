"""The citizen and employee journey, the status page and following; see urls.py.

Every view is public (`municipality_view()`); employees are recognised by
their membership, not by the address.
"""

from django.urls import URLPattern, path

from enkelt.submissions.citizen import status, views

urlpatterns: list[URLPattern] = [
    path("report/", views.report_start, name="report"),
    path("report/step/<slug:step>/", views.report_step, name="report_step"),
    path("report/receipt/<str:tracking_code>/", views.report_receipt, name="report_receipt"),
    path("report/<slug:kind>/", views.report_category, name="report_kind"),
    path("status/", status.status_lookup, name="status_lookup"),
    path("status/<str:tracking_code>/", status.status, name="status"),
    path("unsubscribe/<str:token>/", status.unsubscribe, name="unsubscribe"),
]
