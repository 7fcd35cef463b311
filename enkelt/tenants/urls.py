from django.urls import include, path

from enkelt.tenants import views

urlpatterns = [
    path("<slug:municipality_slug>/", views.municipality_home, name="municipality_home"),
    path("<slug:municipality_slug>/staff/", views.staff_home, name="staff_home"),
    path("<slug:municipality_slug>/", include("enkelt.submissions.urls")),
    path("<slug:municipality_slug>/", include("enkelt.regulations.urls")),
    path("<slug:municipality_slug>/", include("enkelt.simplification.urls")),
    path("<slug:municipality_slug>/", include("enkelt.strategy.urls")),
    path("<slug:municipality_slug>/", include("enkelt.goals.urls")),
    path("<slug:municipality_slug>/", include("enkelt.outcomes.urls")),
    path("<slug:municipality_slug>/", include("enkelt.catalog.urls")),
    path("<slug:municipality_slug>/", include("enkelt.dashboards.urls")),
    path("<slug:municipality_slug>/", include("enkelt.ideas.urls")),
    path("<slug:municipality_slug>/", include("enkelt.surveys.urls")),
]
