"""URLs of the strategy app under `/<municipality_slug>/`, namespace `strategy`."""

from django.urls import path

from enkelt.strategy.views import portfolio, reviews, structure

app_name = "strategy"

urlpatterns = [
    path("portfolio/", portfolio.portfolio_overview, name="portfolio"),
    path("portfolio/plans/new/", structure.plan_create, name="plan_create"),
    path("portfolio/plans/<uuid:plan_id>/edit/", structure.plan_edit, name="plan_edit"),
    path("portfolio/plans/<uuid:plan_id>/areas/new/", structure.area_create, name="area_create"),
    path(
        "portfolio/plans/<uuid:plan_id>/areas/<int:area_id>/edit/",
        structure.area_edit,
        name="area_edit",
    ),
    path(
        "portfolio/plans/<uuid:plan_id>/programmes/new/",
        structure.programme_create,
        name="programme_create",
    ),
    path(
        "portfolio/plans/<uuid:plan_id>/programmes/<int:programme_id>/edit/",
        structure.programme_edit,
        name="programme_edit",
    ),
    path("portfolio/initiatives/new/", portfolio.initiative_create, name="initiative_create"),
    path(
        "portfolio/initiatives/<uuid:initiative_id>/",
        portfolio.initiative_detail,
        name="initiative_detail",
    ),
    path(
        "portfolio/initiatives/<uuid:initiative_id>/edit/",
        portfolio.initiative_edit,
        name="initiative_edit",
    ),
    path("portfolio/reviews/", reviews.round_list, name="round_list"),
    path("portfolio/reviews/new/", reviews.round_open, name="round_open"),
    path("portfolio/reviews/<uuid:round_id>/", reviews.round_detail, name="round_detail"),
    path("portfolio/reviews/<uuid:round_id>/remind/", reviews.round_remind, name="round_remind"),
    path("portfolio/reviews/<uuid:round_id>/close/", reviews.round_close, name="round_close"),
    path("portfolio/reviews/<uuid:round_id>/pack.pdf", reviews.round_pack, name="round_pack"),
    path(
        "portfolio/reviews/<uuid:round_id>/items/<uuid:item_id>/",
        reviews.review_item_update,
        name="review_item_update",
    ),
    path(
        "portfolio/reviews/<uuid:round_id>/items/<uuid:item_id>/decide/",
        reviews.review_item_decide,
        name="review_item_decide",
    ),
]
