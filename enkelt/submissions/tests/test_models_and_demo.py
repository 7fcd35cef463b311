import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from enkelt.submissions.demo import DEMO_CATEGORIES, load_demo_categories
from enkelt.submissions.models import AreaRoute, Category, CategoryQuestion, Submission
from enkelt.submissions.tests.factories import (
    AreaRouteFactory,
    CategoryFactory,
    CategoryQuestionFactory,
    SubmissionFactory,
    UnitFactory,
)
from enkelt.submissions.tracking import tracking_code_new, tracking_code_normalise
from enkelt.tenants.models import Municipality, Unit

pytestmark = pytest.mark.django_db


def test_name_follows_language():
    category = CategoryFactory.create(name_da="Gadelys", name_en="Street lights")
    with translation.override("en"):
        assert category.name == "Street lights"
    with translation.override("da"):
        assert category.name == "Gadelys"
    category.name_en = ""
    with translation.override("en"):
        assert category.name == "Gadelys"


def test_category_code_unique_per_municipality():
    category = CategoryFactory.create(code="gadelys")
    CategoryFactory.create(code="gadelys")  # another municipality
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactory.create(code="gadelys", municipality=category.municipality)


def test_category_unit_of_other_municipality_is_invalid():
    category = CategoryFactory.create()
    category.unit = UnitFactory.create()
    with pytest.raises(ValidationError):
        category.clean()


def test_question_choices_validated():
    question = CategoryQuestionFactory.create(
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST, choices=[]
    )
    with pytest.raises(ValidationError):
        question.clean()
    question.choices = [{"key": "a", "name_da": "A"}, {"key": "a", "name_da": "B"}]
    with pytest.raises(ValidationError):
        question.clean()
    question.choices = [{"key": "a", "name_da": "A", "name_en": "Ay"}]
    question.clean()
    with translation.override("en"):
        assert question.choice_name(question.choices[0]) == "Ay"


def test_area_route_validation():
    route = AreaRouteFactory.create(postal_codes=["4300"])
    route.clean()
    route.postal_codes = ["43"]
    with pytest.raises(ValidationError):
        route.clean()
    route.postal_codes = []
    route.polygon = [[55.0, 11.0], [56.0, 11.0]]
    with pytest.raises(ValidationError):
        route.clean()


def test_rejection_reason_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory.create(status="rejected", rejection_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory.create(status="received", rejection_reason="spam")


def test_lat_lon_together_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionFactory.create(lon=None)


def test_tracking_codes():
    codes = {tracking_code_new() for _ in range(200)}
    assert len(codes) > 190
    assert all(tracking_code_normalise(c) == c for c in codes)
    assert tracking_code_normalise("k7m4qx") == "K7M-4QX"
    assert tracking_code_normalise("K0M-4QX") == ""  # 0 is not in the alphabet
    assert tracking_code_normalise("") == ""


def test_demo_categories_idempotent():
    from enkelt.accounts.demo import DEMO_ORGANISATION, _ensure_units

    municipality = Municipality.objects.create(slug="demo", name="Demo Kommune")
    _ensure_units(municipality, DEMO_ORGANISATION)
    first = load_demo_categories(municipality)
    second = load_demo_categories(municipality)
    assert first == second == {"categories": len(DEMO_CATEGORIES), "area_routes": 2}
    assert 14 <= Category.objects.filter(municipality=municipality).count() <= 16
    assert AreaRoute.objects.filter(municipality=municipality).count() == 2
    faults = Category.objects.filter(municipality=municipality, kind="fault")
    assert faults.exists() and all(c.location_required for c in faults)
    assert {c.kind for c in Category.objects.filter(municipality=municipality)} == {
        "fault",
        "hassle",
        "idea",
    }
    assert Unit.objects.get(municipality=municipality, slug="materielgaarden")


def test_demo_categories_skip_missing_units():
    municipality = Municipality.objects.create(slug="empty", name="Tom Kommune")
    assert load_demo_categories(municipality) == {"categories": 0, "area_routes": 0}


def test_str():
    submission = SubmissionFactory.create(tracking_code="ABC-DEF", title="Hul")
    assert str(submission) == "ABC-DEF Hul"
    assert str(Submission.objects.get().category) == submission.category.name_da


def test_municipality_with_submissions_can_be_deleted(municipality, case_worker):
    # The demo reset and a municipality's removal delete the whole tree at once;
    # PROTECT on units and categories must not stand in the way of that.
    from enkelt.submissions.services import submission_merge

    category = CategoryFactory.create(municipality=municipality)
    AreaRouteFactory.create(category=category, postal_codes=["4300"])
    CategoryQuestionFactory.create(category=category)
    a = SubmissionFactory.create(municipality=municipality, category=category)
    b = SubmissionFactory.create(municipality=municipality, category=category)
    submission_merge(actor=case_worker, municipality=municipality, duplicate=a, into=b)
    Unit.objects.filter(municipality=municipality).update(parent=None)
    from enkelt.tenants.models import Membership

    Membership.objects.filter(municipality=municipality).delete()
    municipality.delete()
    assert not Submission.objects.exists() and not Category.objects.exists()


def test_unit_in_use_cannot_be_deleted_alone():
    from django.db.models import RestrictedError

    category = CategoryFactory.create()
    with pytest.raises(RestrictedError), transaction.atomic():
        category.unit.delete()
