"""Open311 GeoReport v2 under /open311/v2/, namespace `open311`.

The format is the suffix (`.xml` or `.json`). Patterns have no trailing slash
and a catch-all answers everything else with an Open311 404, so neither
APPEND_SLASH nor the municipality pages can turn a POST into a redirect.
"""

from django.urls import re_path

from enkelt.open311 import views

app_name = "open311"

FORMAT = r"\.(?P<format>xml|json)$"

urlpatterns = [
    re_path(r"^discovery" + FORMAT, views.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, views.service_list, name="services"),
    re_path(
        r"^services/(?P<service_code>[-\w]+)" + FORMAT,
        views.service_definition,
        name="service_definition",
    ),
    re_path(r"^requests" + FORMAT, views.requests, name="requests"),
    re_path(
        r"^requests/(?P<service_request_id>[-\w]+)" + FORMAT,
        views.request_detail,
        name="request",
    ),
    re_path(r"^tokens/(?P<token>[-\w]+)" + FORMAT, views.token, name="token"),
    re_path(r"^servicerequestupdates" + FORMAT, views.request_updates, name="updates"),
    re_path(r"^.*$", views.not_found_any_format, name="not_found"),
]
