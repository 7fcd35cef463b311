from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from enkelt.api import views
from enkelt.catalog.api.views import ExampleViewSet
from enkelt.dashboards.api import OverviewView
from enkelt.goals.api import views as goals_views
from enkelt.ideas.api.views import IdeaViewSet
from enkelt.outcomes.api.views import AssessmentViewSet
from enkelt.regulations.api.views import RuleViewSet
from enkelt.simplification.api import views as simplification_views
from enkelt.strategy.api import views as strategy_views
from enkelt.submissions.api import views as submission_views
from enkelt.surveys.api import views as survey_views

router = DefaultRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("units", views.UnitViewSet, basename="unit")
router.register("categories", submission_views.CategoryViewSet, basename="category")
router.register("submissions", submission_views.SubmissionViewSet, basename="submission")
router.register("rules", RuleViewSet, basename="rule")
router.register("cases", simplification_views.CaseViewSet, basename="case")
router.register("exemptions", simplification_views.ExemptionViewSet, basename="exemption")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("plans", strategy_views.PlanViewSet, basename="plan")
router.register("areas", strategy_views.AreaViewSet, basename="area")
router.register("programmes", strategy_views.ProgrammeViewSet, basename="programme")
router.register("initiatives", strategy_views.InitiativeViewSet, basename="initiative")
router.register("reviews", strategy_views.ReviewRoundViewSet, basename="review")
router.register("agreements", goals_views.AgreementViewSet, basename="agreement")
router.register("indicators", goals_views.IndicatorViewSet, basename="indicator")
router.register("surveys", survey_views.SurveyViewSet, basename="survey")
router.register("survey-rounds", survey_views.SurveyRoundViewSet, basename="survey-round")
router.register("ideas", IdeaViewSet, basename="idea")
router.register("examples", ExampleViewSet, basename="example")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api_token"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
    path("funnel/", simplification_views.FunnelView.as_view(), name="funnel"),
    path("overview/", OverviewView.as_view(), name="overview"),
    path("", include(router.urls)),
]
