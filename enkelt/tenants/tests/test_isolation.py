"""Isolation walker: every URL pattern and every API operation, as another municipality.

Municipality A ("alfa") holds private data with distinctive markers. Staff of
municipality B ("beta"), in several roles, request every URL pattern filled with
A's keys and every GET operation of the OpenAPI schema pointed at A. Scoped
views must answer 403/404; public views (`municipality_view()`, marked
`enkelt_scope == "public"`) may answer 200. No body may ever contain A's
private data.

New endpoints are covered automatically: patterns are read from the root URLconf
and the schema. A URL keyword the walker cannot fill with A's value makes the
test fail, so it must be taught here (KWARG_SOURCES / NON_OBJECT_KWARGS) rather
than slip through unwalked.
"""

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern
from PIL import Image

from enkelt.accounts.tests.factories import KLUserFactory, UserFactory
from enkelt.audit.models import AuditEvent
from enkelt.catalog.models import Example
from enkelt.goals.models import Goal, Indicator
from enkelt.goals.services import goal_create, indicator_create, measurement_add
from enkelt.ideas.models import IdeaDevelopment, IdeaGuide
from enkelt.ideas.tests.factories import isolation_objects as idea_isolation_objects
from enkelt.open311.models import ApiKey
from enkelt.outcomes.models import Assessment, Course
from enkelt.outcomes.tests.factories import isolation_objects
from enkelt.regulations.models import Activity, Rule, RuleImport
from enkelt.regulations.services import ActivityData, rule_create
from enkelt.simplification.exemptions import exemption_create
from enkelt.simplification.models import Case, ExemptionApplication
from enkelt.simplification.services import case_flag_rule, case_select
from enkelt.strategy.models import (
    Agreement,
    DevelopmentArea,
    DialogueMeeting,
    Initiative,
    Programme,
    ReviewItem,
    ReviewRound,
    StrategyPlan,
)
from enkelt.strategy.tests.factories import InitiativeFactory, ProgrammeFactory
from enkelt.submissions.models import Category, Follower, Photo, Submission
from enkelt.submissions.services import submission_add_note, submission_create
from enkelt.surveys.models import Survey, SurveyRound
from enkelt.surveys.tests.factories import isolation_objects as survey_isolation_objects
from enkelt.tenants.models import Membership, Municipality, Role, Unit
from enkelt.tenants.services import unit_create
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory

# ---------------------------------------------------------------------------
# Walking the URLconf
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    route: str
    patterns: tuple[Any, ...]
    callback: Callable[..., Any]
    name: str | None
    kwargs: tuple[str, ...]

    @property
    def scope(self) -> str | None:
        return getattr(self.callback, "enkelt_scope", None)

    def __str__(self) -> str:
        return self.route


def _kwarg_names(pattern: Any) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(sorted(pattern.regex.groupindex, key=pattern.regex.groupindex.get))
    raise AssertionError(f"unknown URL pattern type {type(pattern).__name__}: teach the walker")


def _walk(patterns: list[Any], chain: tuple[Any, ...] = ()) -> Iterator[Entry]:
    for item in patterns:
        here = (*chain, item.pattern)
        if isinstance(item, URLResolver):
            yield from _walk(item.url_patterns, here)
        elif isinstance(item, URLPattern):
            yield Entry(
                route="".join(str(p) for p in here),
                patterns=here,
                callback=item.callback,
                name=item.name,
                kwargs=tuple(k for p in here for k in _kwarg_names(p)),
            )


def _skip_reason(entry: Entry) -> str | None:
    module = getattr(entry.callback, "__module__", "") or ""
    if entry.route.startswith("admin/"):
        return "Django admin: gated by is_staff and model permissions; see test_admin_*"
    if entry.route.startswith("accounts/") and module.startswith("allauth."):
        return "allauth screen: keyed by the caller's own session or one-time keys, not by A"
    return None


ALL_ENTRIES = list(_walk(get_resolver().url_patterns))
SKIPPED = {str(e): r for e in ALL_ENTRIES if (r := _skip_reason(e))}
WALKED = [e for e in ALL_ENTRIES if str(e) not in SKIPPED]

# ---------------------------------------------------------------------------
# Municipality A's values for URL keywords
# ---------------------------------------------------------------------------

# Keywords that are not keys of any object: a fixed, harmless value.
NON_OBJECT_KWARGS: dict[str, str] = {
    "format": "json",
    "kind": "fault",
    "step": "describe",
    "action": "answer",
    "fmt": "csv",
    "dataset": "submissions",  # dashboards' exports and open data
}

# Keyed: at least one keyword that names a municipality or an object (not just `format`).
KEYED = [e for e in WALKED if set(e.kwargs) - set(NON_OBJECT_KWARGS)]
UNKEYED = [e for e in WALKED if e not in KEYED]

# Object lookups by keyword when a view does not declare its lookup field.
OBJECT_FIELD_BY_KWARG = {"pk": "pk", "id": "pk", "slug": "slug", "uuid": "uuid"}

# Views whose model cannot be read off the view class: route name -> model.
VIEW_MODELS: dict[str, type[Model]] = {}


def _view_model(entry: Entry) -> type[Model] | None:
    if entry.name in VIEW_MODELS:
        return VIEW_MODELS[entry.name]
    for view_class in (
        getattr(entry.callback, "cls", None),
        getattr(entry.callback, "view_class", None),
    ):
        if view_class is None:
            continue
        queryset = getattr(view_class, "queryset", None)
        if queryset is not None:
            return queryset.model
        model = getattr(view_class, "model", None)
        if model is not None:
            return model
        serializer = getattr(view_class, "serializer_class", None)
        model = getattr(getattr(serializer, "Meta", None), "model", None)
        if model is not None:
            return model
    return getattr(entry.callback, "enkelt_model", None)


def _municipality_slug(world: "World", entry: Entry, name: str) -> str:
    return world.a.slug


def _object_key(world: "World", entry: Entry, name: str) -> str:
    model = _view_model(entry)
    if model is None:
        pytest.fail(f"{entry}: cannot tell which model {name!r} keys; add it to VIEW_MODELS")
    obj = world.a_objects.get(model)
    if obj is None:
        pytest.fail(f"{entry}: no object of {model.__name__} in municipality A; add one to World")
    view_class = getattr(entry.callback, "cls", None)
    lookup_kwarg = view_class and (view_class.lookup_url_kwarg or view_class.lookup_field)
    attribute = view_class.lookup_field if lookup_kwarg == name else OBJECT_FIELD_BY_KWARG[name]
    return str(getattr(obj, attribute))


def _attribute_of(model: type[Model], attribute: str) -> Callable[["World", Entry, str], str]:
    """A's object of `model`, read at `attribute` (for keywords that always mean one model)."""

    def source(world: "World", entry: Entry, name: str) -> str:
        obj = world.a_objects.get(model)
        if obj is None:
            pytest.fail(f"{entry}: no object of {model.__name__} in municipality A")
        return str(getattr(obj, attribute))

    return source


# Keyword -> how to get municipality A's value for it. Keywords with a fixed meaning
# across the project (e.g. `tracking_code`) are listed here once.
KWARG_SOURCES: dict[str, Callable[["World", Entry, str], str]] = {
    "municipality_slug": _municipality_slug,
    "jurisdiction_id": _municipality_slug,
    "tracking_code": _attribute_of(Submission, "tracking_code"),
    "service_request_id": _attribute_of(Submission, "tracking_code"),
    "submission_id": _attribute_of(Submission, "public_id"),
    "photo_id": _attribute_of(Photo, "public_id"),
    "category_code": _attribute_of(Category, "code"),
    "service_code": _attribute_of(Category, "code"),
    "token": lambda w, e, n: (  # a survey round's answer link, else a follower's unsubscribe
        w.a_objects[SurveyRound].link_token
        if "surveys/" in e.route
        else str(w.a_objects[Follower].unsubscribe_token)
    ),
    "key_id": _attribute_of(ApiKey, "pk"),
    "rule_id": _attribute_of(Rule, "public_id"),
    "activity_id": _attribute_of(Activity, "pk"),
    "import_id": _attribute_of(RuleImport, "public_id"),
    "case_id": _attribute_of(Case, "public_id"),
    "example_id": _attribute_of(Example, "public_id"),
    "exemption_id": _attribute_of(ExemptionApplication, "public_id"),
    "course_pseudonym": _attribute_of(Course, "pseudonym"),
    "initiative_id": _attribute_of(Initiative, "public_id"),
    "plan_id": _attribute_of(StrategyPlan, "public_id"),
    "area_id": _attribute_of(DevelopmentArea, "pk"),
    "programme_id": _attribute_of(Programme, "pk"),
    "round_id": lambda w, e, n: str(  # surveys have rounds of their own
        w.a_objects[SurveyRound if "surveys/" in e.route else ReviewRound].public_id
    ),
    "survey_id": _attribute_of(Survey, "public_id"),
    "item_id": _attribute_of(ReviewItem, "public_id"),
    "indicator_id": _attribute_of(Indicator, "public_id"),
    "agreement_id": _attribute_of(Agreement, "public_id"),
    "goal_id": _attribute_of(Goal, "public_id"),
    "meeting_id": _attribute_of(DialogueMeeting, "pk"),
    "idea_id": lambda w, e, n: str(w.a_objects[IdeaDevelopment].submission.public_id),
    "guide_id": _attribute_of(IdeaGuide, "pk"),
    "pk": _object_key,
    "id": _object_key,
    "slug": _object_key,
    "uuid": _object_key,
}


def kwarg_values(entry: Entry, world: "World") -> dict[str, str]:
    values = {}
    for name in entry.kwargs:
        if name in NON_OBJECT_KWARGS:
            values[name] = NON_OBJECT_KWARGS[name]
        elif name in KWARG_SOURCES:
            values[name] = KWARG_SOURCES[name](world, entry, name)
        else:
            pytest.fail(
                f"{entry}: unknown URL keyword {name!r}. Teach the isolation walker how to fill "
                "it with municipality A's value (KWARG_SOURCES) or declare it NON_OBJECT_KWARGS."
            )
    return values


def _fill_regex(regex: str, values: dict[str, str]) -> str:
    """A concrete path for a URL regex: named groups replaced, anchors and `?` dropped."""
    out: list[str] = []
    i = 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            name = regex[i + 4 : regex.index(">", i)]
            depth, j = 0, i
            while True:
                if regex[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                if depth == 0:
                    break
                j += 1
            out.append(values[name])
            i = j + 1
        elif regex[i] == "\\":
            if regex[i + 1] not in "AZ":
                out.append(regex[i + 1])
            i += 2
        elif regex[i] in "^$?":
            i += 1
        else:
            out.append(regex[i])
            i += 1
    return "".join(out)


def build_url(entry: Entry, values: dict[str, str]) -> str:
    parts = []
    for pattern in entry.patterns:
        if isinstance(pattern, RoutePattern):
            parts.append(
                re.sub(
                    r"<(?:[^>:]+:)?([^>]+)>",
                    lambda m, p=pattern: str(p.converters[m.group(1)].to_url(values[m.group(1)])),
                    str(pattern),
                )
            )
        else:
            parts.append(_fill_regex(pattern.regex.pattern, values))
    url = "/" + "".join(parts)
    match = resolve(url)
    assert match.func == entry.callback, f"{url} resolves to {match.func}, not {entry}"
    return url


# ---------------------------------------------------------------------------
# The two municipalities
# ---------------------------------------------------------------------------


@dataclass
class World:
    a: Municipality
    b: Municipality
    a_objects: dict[type[Model], Model]
    actors: dict[str, Any]
    # Never in any body seen by B: A's non-public units and A's staff.
    private_markers: list[str] = field(default_factory=list)
    # Never in any API body seen by B: the API only answers with the caller's municipality.
    api_markers: list[str] = field(default_factory=list)


def _tiny_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    a = MunicipalityFactory(slug="alfa", name="Alfa Kommune")
    b = MunicipalityFactory(slug="beta", name="Beta Kommune")
    a_admin = UserFactory(
        username="hemmelig-bruger-a",
        email="secret-staff-a@alfa.example",
        first_name="Hemmelig",
        last_name="Alfasen-Xq",
    )
    public_unit = UnitFactory(municipality=a, name="Alfa Offentlig Enhed", slug="offentlig")
    secret_unit = unit_create(
        actor=a_admin,
        municipality=a,
        name="SECRET-UNIT-A-xyz",
        slug="hemmelig",
        kind=Unit.Kind.DEPARTMENT,
        parent=public_unit,
        is_public=False,
        description="SECRET-DESCRIPTION-A",
    )
    a_membership = MembershipFactory(
        user=a_admin, municipality=a, unit=secret_unit, role=Role.ADMINISTRATOR
    )

    b_unit = UnitFactory(municipality=b, name="Beta Enhed", slug="beta-enhed")
    actors: dict[str, Any] = {}
    for role in (Role.EMPLOYEE, Role.ADMINISTRATOR):
        actors[role] = MembershipFactory(municipality=b, unit=b_unit, role=role).user
    # Like the demo `admin`: B's administrator who is also an instance superuser.
    actors["superuser"] = MembershipFactory(
        municipality=b,
        unit=b_unit,
        role=Role.ADMINISTRATOR,
        user=UserFactory(is_staff=True, is_superuser=True),
    ).user
    actors["kl"] = KLUserFactory()
    for user in (actors[Role.ADMINISTRATOR], actors["superuser"]):
        # Administrators must have TOTP, or every page redirects to the MFA set-up.
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )

    a_category = Category.objects.create(
        municipality=a,
        code="alfa-fejl",
        kind="fault",
        name_da="Alfa fejl",
        unit=public_unit,
        location_required=False,
    )
    a_submission = submission_create(
        actor=None,
        municipality=a,
        category=a_category,
        title="Alfa hul i vejen",
        description="Der er et hul.",
        contact_name="Hemmelig Borger-Qz",
        contact_email="secret-citizen-a@alfa.example",
        contact_phone="+45 12 34 56 78",
        address="Alfavej 1",
    )
    submission_add_note(
        actor=a_admin,
        municipality=a,
        submission=a_submission,
        text="SECRET-NOTE-A",
        is_public=False,
    )
    a_photo = Photo.objects.create(
        municipality=a,
        submission=a_submission,
        image=SimpleUploadedFile("p.jpg", _tiny_jpeg(), content_type="image/jpeg"),
    )
    a_follower = Follower.objects.create(
        municipality=a, submission=a_submission, email="secret-follower-a@alfa.example"
    )
    a_key = ApiKey(municipality=a, name="SECRET-CLIENT-A")
    a_key.set_key("secret-key-of-alfa")
    a_key.save()
    a_rule = rule_create(
        actor=a_admin, municipality=a, title="SECRET-RULE-A", kind="form", origin="council",
        owner_unit=secret_unit, text="SECRET-RULE-TEXT-A",
        activities=[ActivityData(name="SECRET-ACTIVITY-A", population=1, frequency_per_year=1,
                                 minutes_per_occurrence=60)],
    )  # fmt: skip
    a_rule_import = RuleImport.objects.create(municipality=a, filename="SECRET-IMPORT-A.csv")
    # A selected (not yet decided, so not public) case with an exemption application.
    a_case = case_flag_rule(
        actor=a_admin, municipality=a, rule=a_rule, suggestion="SECRET-FLAG-A"
    ).case
    case_select(actor=a_admin, municipality=a, case=a_case)
    a_exemption = exemption_create(
        actor=a_admin, municipality=a, case=a_case, provision="SECRET-PROVISION-A"
    )

    a_initiative = InitiativeFactory(
        programme=ProgrammeFactory(
            title="SECRET-PROGRAMME-A",
            area__title="SECRET-AREA-A",
            area__plan__municipality=a,
            area__plan__title="SECRET-PLAN-A",
        ),
        title="SECRET-INITIATIVE-A",
        owner_unit=secret_unit,
        owner=a_admin,
    )
    a_plan = a_initiative.programme.area.plan
    a_round = ReviewRound.objects.create(
        municipality=a, plan=a_plan, title="SECRET-ROUND-A", deadline="2027-05-07"
    )
    a_item = ReviewItem.objects.create(
        municipality=a, round=a_round, initiative=a_initiative, progress="SECRET-PROGRESS-A"
    )

    a_agreement = Agreement.objects.create(
        municipality=a, level="director", title="SECRET-AGREEMENT-A", unit=secret_unit,
        period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
    )  # fmt: skip
    a_meeting = DialogueMeeting.objects.create(
        agreement=a_agreement, kind="start", held_on=date(2026, 1, 20), minutes="SECRET-MINUTES-A"
    )
    a_goal = goal_create(
        actor=a_admin, municipality=a, agreement=a_agreement, title="SECRET-GOAL-A", is_local=True
    )
    a_indicator = indicator_create(
        actor=a_admin, municipality=a, goal=a_goal, title="SECRET-INDICATOR-A", unit="percent",
        baseline_value=Decimal(84), baseline_date=date(2024, 1, 1), target_change=Decimal(3),
        target_date=date(2028, 1, 1),
    )  # fmt: skip
    measurement_add(
        actor=a_admin, municipality=a, indicator=a_indicator, date=date(2026, 1, 1),
        value=Decimal("85.3"),
    )  # fmt: skip

    a_course, a_assessment = isolation_objects(actor=a_admin, municipality=a, unit=secret_unit)
    a_survey, a_survey_round = survey_isolation_objects(
        actor=a_admin, municipality=a, unit=secret_unit
    )
    a_idea, a_idea_guide = idea_isolation_objects(actor=a_admin, municipality=a, unit=secret_unit)
    # The catalogue is shared: A's published example is public by design (its name is not A's).
    a_example = Example.objects.create(
        municipality=a, municipality_name="Eksempelby Kommune", title="Delt eksempel",
        summary="Et offentligt eksempel.", relation="municipality_citizens",
        strategy_type="innovation", published=True, published_at="2026-01-15T09:00:00Z",
    )  # fmt: skip

    return World(
        a=a, b=b,
        a_objects={
            Municipality: a, Unit: secret_unit, Membership: a_membership,
            type(a_admin): a_admin, AuditEvent: AuditEvent.objects.filter(municipality=a).first(),
            Category: a_category, Submission: a_submission, Photo: a_photo,
            Follower: a_follower, ApiKey: a_key,
            Rule: a_rule, Activity: a_rule.activities.get(), RuleImport: a_rule_import,
            Case: a_case, ExemptionApplication: a_exemption,
            Course: a_course, Assessment: a_assessment,
            StrategyPlan: a_plan, DevelopmentArea: a_initiative.programme.area,
            Programme: a_initiative.programme, Initiative: a_initiative, ReviewRound: a_round,
            ReviewItem: a_item,
            Agreement: a_agreement, DialogueMeeting: a_meeting, Goal: a_goal,
            IdeaDevelopment: a_idea, IdeaGuide: a_idea_guide,
            Indicator: a_indicator, Example: a_example,
            Survey: a_survey, SurveyRound: a_survey_round,
        },
        actors=actors,
        private_markers=["SECRET-UNIT-A-xyz", "SECRET-DESCRIPTION-A",
                         "secret-staff-a@alfa.example", "Alfasen-Xq", "hemmelig-bruger-a",
                         "secret-citizen-a@alfa.example", "Borger-Qz", "12 34 56 78",
                         "SECRET-NOTE-A", "secret-follower-a@alfa.example", "SECRET-CLIENT-A",
                         "SECRET-RULE-A", "SECRET-RULE-TEXT-A", "SECRET-ACTIVITY-A",
                         "SECRET-IMPORT-A", "SECRET-FLAG-A", "SECRET-PROVISION-A",
                         "SECRET-FACTOR-A", "SECRET-OUTCOME-NOTE-A",
                         "SECRET-PLAN-A", "SECRET-AREA-A", "SECRET-PROGRAMME-A",
                         "SECRET-INITIATIVE-A", "SECRET-ROUND-A", "SECRET-PROGRESS-A",
                         "SECRET-AGREEMENT-A", "SECRET-MINUTES-A", "SECRET-GOAL-A",
                         "SECRET-INDICATOR-A", "SECRET-IDEA-NOTE-A", "secret-idea-a@alfa.example",
                         "secret-invitee-a@alfa.example", "SECRET-SURVEY-ANSWER-A"],
        api_markers=["Alfa Kommune", "Alfa Offentlig Enhed", "offentlig", "alfa",
                     a_course.pseudonym],
    )  # fmt: skip


ACTORS = [Role.EMPLOYEE.value, Role.ADMINISTRATOR.value, "superuser", "kl"]


def _json_strings(body: bytes) -> set[str]:
    """Every string (keys and values) in a JSON body; empty for a non-JSON body."""
    try:
        data = json.loads(body)
    except ValueError:
        return set()
    found: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            found.update(str(k) for k in node)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)
        elif node is not None:
            found.add(str(node))

    visit(data)
    return found


def assert_no_private_data(world: World, response: Any, what: str) -> None:
    # getvalue() reads streaming responses (photos are FileResponses) as well.
    body = response.getvalue().decode(errors="replace")
    leaked = [m for m in world.private_markers if m in body]
    assert not leaked, f"{what}: A's private data {leaked} in the body ({response.status_code})"


def assert_no_api_data(world: World, response: Any, what: str) -> None:
    assert_no_private_data(world, response, what)
    leaked = _json_strings(response.getvalue()) & set(world.api_markers)
    assert not leaked, f"{what}: A's data {sorted(leaked)} in the API body"


# ---------------------------------------------------------------------------
# The walker itself
# ---------------------------------------------------------------------------


def test_walker_sees_the_known_endpoints():
    names = {e.name for e in KEYED}
    assert {"municipality_home", "staff_home", "unit-detail", "municipality-detail"} <= names


def test_walker_skips_only_admin_and_allauth(capsys):
    for route, reason in sorted(SKIPPED.items()):
        print(f"isolation walker skips {route}: {reason}")
    assert SKIPPED, "expected the admin and allauth patterns to be skipped"
    assert all(r.startswith(("admin/", "accounts/")) for r in SKIPPED)
    assert not any(r.startswith(("admin/", "accounts/")) for r in map(str, KEYED)), KEYED
    assert "skips admin/" in capsys.readouterr().out


def test_every_url_keyword_is_known():
    known = set(KWARG_SOURCES) | set(NON_OBJECT_KWARGS)
    unknown = {f"{e}: {k}" for e in KEYED for k in e.kwargs if k not in known}
    assert not unknown, f"teach the isolation walker these URL keywords: {sorted(unknown)}"


def test_walker_fails_on_an_unknown_keyword(world):
    entry = Entry(
        route="<slug:mystery>/",
        patterns=(),
        callback=lambda r: None,
        name=None,
        kwargs=("mystery",),
    )
    with pytest.raises(pytest.fail.Exception, match="unknown URL keyword 'mystery'"):
        kwarg_values(entry, world)


def test_walker_fails_on_a_model_without_an_object_of_a(world):
    entry = next(e for e in KEYED if e.name == "unit-detail")
    del world.a_objects[Unit]
    with pytest.raises(pytest.fail.Exception, match="no object of Unit"):
        kwarg_values(entry, world)


def test_walker_fills_urls_with_as_values(world):
    unit_detail = next(e for e in KEYED if e.name == "unit-detail" and "format" in e.kwargs)
    url = build_url(unit_detail, kwarg_values(unit_detail, world))
    assert url == f"/api/v1/units/{world.a_objects[Unit].pk}.json/"
    staff = next(e for e in KEYED if e.name == "staff_home")
    assert build_url(staff, kwarg_values(staff, world)) == "/alfa/staff/"


# ---------------------------------------------------------------------------
# Every URL pattern, as staff of B
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("entry", KEYED, ids=str)
def test_url_pattern_refuses_other_municipality(client, world, entry, actor):
    # given a URL filled with A's keys and a user of B (or KL)
    url = build_url(entry, kwarg_values(entry, world))
    client.force_login(world.actors[actor])

    # when B's user asks for it (Open311 names the municipality as jurisdiction_id)
    query = {"jurisdiction_id": world.a.slug} if url.startswith("/open311/") else {}
    response = client.get(url, query)

    # then A's private data never shows, and only public views may answer at all
    assert_no_private_data(world, response, f"GET {url} as {actor}")
    if url.startswith("/api/"):
        assert_no_api_data(world, response, f"GET {url} as {actor}")
    if entry.scope == "public":
        assert response.status_code in (200, 403, 404), (url, response.status_code)
    else:
        assert response.status_code in (403, 404), (url, response.status_code)


@pytest.mark.parametrize("entry", UNKEYED, ids=str)
def test_unkeyed_page_shows_no_other_municipality_data(client, world, entry):
    url = build_url(entry, kwarg_values(entry, world))
    client.force_login(world.actors[Role.EMPLOYEE])
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    assert_no_private_data(world, response, f"GET {url}")
    if url.startswith("/api/v1/") and "schema" not in url:
        assert_no_api_data(world, response, f"GET {url}")


def test_admin_sends_other_municipality_staff_to_admin_login(client, world):
    client.force_login(world.actors[Role.EMPLOYEE])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("is_staff", [False, True])
def test_admin_object_page_of_a_refused_to_b_staff(client, world, is_staff):
    user = world.actors[Role.EMPLOYEE]
    user.is_staff = is_staff
    user.save()
    client.force_login(user)
    url = f"/admin/tenants/unit/{world.a_objects[Unit].pk}/change/"
    response = client.get(url)
    if is_staff:
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert_no_private_data(world, response, f"GET {url}")


# ---------------------------------------------------------------------------
# Every API operation of the OpenAPI schema, as staff of B
# ---------------------------------------------------------------------------


def _fetch_schema(client) -> dict[str, Any]:
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def _api_url(path: str, world: World) -> str:
    """The schema path with its parameters filled with A's objects (through the URLconf)."""
    params = re.findall(r"{(\w+)}", path)
    match = resolve(re.sub(r"{\w+}", "1", path))
    entry = next((e for e in KEYED if e.callback == match.func), None)
    if params:
        assert entry is not None, f"{path}: no walked URL pattern serves it"
        url_kwargs = [k for k in match.kwargs if k not in NON_OBJECT_KWARGS]
        assert len(url_kwargs) == len(params), (path, match.kwargs)
        values = kwarg_values(entry, world)
        for param, kwarg in zip(params, url_kwargs, strict=True):
            path = path.replace("{" + param + "}", values[kwarg])
    return path


@pytest.mark.parametrize("actor", ACTORS)
def test_every_api_operation_refuses_other_municipality(client, world, actor):
    client.force_login(world.actors[actor])
    schema = _fetch_schema(client)
    operations = [p for p, ops in schema["paths"].items() if "get" in ops]
    assert {"/api/v1/units/", "/api/v1/units/{id}/", "/api/v1/municipalities/{slug}/"} <= set(
        operations
    )
    for path in operations:
        url = _api_url(path, world)

        # naming A explicitly: refused
        response = client.get(url, {"municipality": world.a.slug})
        assert response.status_code in (403, 404), (url, actor, response.status_code)
        assert response["Content-Type"].startswith("application/json")
        assert_no_api_data(world, response, f"GET {url}?municipality=alfa as {actor}")

        # without the parameter: the caller's own municipality, never A
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        assert_no_api_data(world, response, f"GET {url} as {actor}")


def test_api_walk_sees_own_data(client, world):
    """The walk above is meaningful: the same requests do return B's own data."""
    client.force_login(world.actors[Role.EMPLOYEE])
    response = client.get("/api/v1/units/", {"municipality": world.b.slug})
    assert response.status_code == 200
    assert "Beta Enhed" in _json_strings(response.content)
