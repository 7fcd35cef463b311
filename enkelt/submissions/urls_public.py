"""public URLs; see urls.py.

The public list and map of submissions, a page per public submission, and the
photos (served to the public only for public submissions, to staff always).
"""

from django.urls import URLPattern, path

from enkelt.submissions import views_public

urlpatterns: list[URLPattern] = [
    path("submissions/", views_public.public_list, name="public_list"),
    path("submissions/map.json", views_public.public_map_json, name="public_map_json"),
    path(
        "submissions/<uuid:submission_id>/",
        views_public.public_detail,
        name="public_detail",
    ),
    path("photos/<uuid:photo_id>.jpg", views_public.photo, name="photo"),
]
