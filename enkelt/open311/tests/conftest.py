"""A small Open311 world: two municipalities (so jurisdiction_id is required), services, keys."""

from dataclasses import dataclass

import pytest

from enkelt.open311.keys import api_key_create
from enkelt.open311.models import ApiKey
from enkelt.open311.tests.responses import KEY, OTHER_KEY
from enkelt.submissions.models import Category, CategoryQuestion, Kind
from enkelt.submissions.tests.factories import (
    CategoryFactory,
    CategoryQuestionFactory,
    MunicipalityFactory,
    UnitFactory,
)
from enkelt.tenants.models import Municipality


@dataclass
class World:
    municipality: Municipality
    other: Municipality
    pothole: Category  # questions: size (single), where (multi), depth (number)
    waste: Category  # required attribute `bin`, no anonymous reports
    graffiti: Category  # no questions
    hassle: Category  # not a service: hassle is not a fault
    inactive: Category
    api_key: ApiKey
    other_key: ApiKey


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    municipality = MunicipalityFactory(slug="alfa", name="Alfa Kommune")
    other = MunicipalityFactory(slug="beta", name="Beta Kommune")
    roads = UnitFactory(municipality=municipality, name="Veje og parker", slug="veje")
    pothole = CategoryFactory(
        municipality=municipality,
        unit=roads,
        code="huller",
        name_da="Huller i vejen",
        name_en="Potholes",
        description_da="Et hul i asfalten.",
        description_en="A hole in the asphalt.",
        sort_order=1,
    )
    CategoryQuestionFactory(
        category=pothole,
        code="size",
        label_da="Hvor stor?",
        label_en="How big?",
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST,
        order=1,
        choices=[
            {"key": "small", "name_da": "Lille", "name_en": "Small"},
            {"key": "large", "name_da": "Stor", "name_en": "Large"},
        ],
    )
    CategoryQuestionFactory(
        category=pothole,
        code="where",
        label_da="Hvor på vejen?",
        label_en="Where on the road?",
        datatype=CategoryQuestion.Datatype.MULTI_VALUE_LIST,
        order=2,
        choices=[
            {"key": "lane", "name_da": "Kørebane", "name_en": "Lane"},
            {"key": "kerb", "name_da": "Kantsten", "name_en": "Kerb"},
            {"key": "path", "name_da": "Cykelsti", "name_en": "Cycle path"},
        ],
    )
    CategoryQuestionFactory(
        category=pothole,
        code="depth",
        label_da="Dybde i cm",
        label_en="Depth in cm",
        datatype=CategoryQuestion.Datatype.NUMBER,
        order=3,
    )
    waste = CategoryFactory(
        municipality=municipality,
        code="affald",
        name_da="Affald blev ikke hentet",
        name_en="Waste collection missed",
        allow_anonymous=False,
        sort_order=2,
    )
    CategoryQuestionFactory(
        category=waste,
        code="bin",
        label_da="Hvilken beholder?",
        label_en="Which bin?",
        datatype=CategoryQuestion.Datatype.SINGLE_VALUE_LIST,
        required=True,
        choices=[
            {"key": "food", "name_da": "Madaffald", "name_en": "Food waste"},
            {"key": "paper", "name_da": "Papir", "name_en": "Paper"},
        ],
    )
    graffiti = CategoryFactory(
        municipality=municipality, code="graffiti", name_da="Graffiti", sort_order=3
    )
    hassle = CategoryFactory(
        municipality=municipality, code="bovl", kind=Kind.HASSLE, name_da="Bøvl"
    )
    inactive = CategoryFactory(
        municipality=municipality, code="gammel", name_da="Gammel", is_active=False
    )
    api_key, _ = api_key_create(actor=None, municipality=municipality, name="App", key=KEY)
    other_key, _ = api_key_create(actor=None, municipality=other, name="Beta", key=OTHER_KEY)
    CategoryFactory(municipality=other, code="huller", name_da="Beta huller")
    return World(
        municipality=municipality,
        other=other,
        pothole=pothole,
        waste=waste,
        graffiti=graffiti,
        hassle=hassle,
        inactive=inactive,
        api_key=api_key,
        other_key=other_key,
    )
