"""Demo simplification cases for `demo` (only with ENKELT_DEMO=1), in the project's own words.

The funnel has the shape of Copenhagen's figures: 232 rules flagged, 103 selected,
and of those 21 abolished or streamlined, 35 kept, 19 escalated to the state and
28 not handled. Cases are made through the services (audit trail, rule status,
notifications), then their dates are spread over the last year. The demo hassle
submissions are linked as flags, a campaign is running, and the escalated cases'
exemption applications have different answers. A few escalated state rules are
mirrored in the other demo municipalities, so that KL's national list has
something to gather. Idempotent: nothing is made when the municipality has cases.
"""

from datetime import timedelta
from decimal import Decimal
from itertools import cycle

from django.db import transaction
from django.utils import timezone

from enkelt.accounts.models import User
from enkelt.regulations.models import Rule
from enkelt.regulations.services import rule_create
from enkelt.simplification import exemptions, services
from enkelt.simplification.models import Case, ExemptionApplication, Outcome
from enkelt.simplification.scenario import ScenarioChange
from enkelt.submissions.models import Kind, Submission
from enkelt.tenants.models import Municipality

SHAPE = {
    "flagged": 232,
    Outcome.ABOLISHED: 8,
    Outcome.STREAMLINED: 13,
    Outcome.KEPT: 35,
    Outcome.ESCALATED: 19,
    Outcome.NOT_HANDLED: 28,
}

SUGGESTIONS = [
    "Vi skriver det samme to steder. Kan det ene skema ikke hente data fra det andet?",
    "Kravet stammer fra før vi fik det nye fagsystem og giver ikke længere mening.",
    "Det tager en halv time hver gang, og ingen har spurgt efter oplysningerne i flere år.",
    "Lad lederen godkende stikprøvevis i stedet for hver eneste gang.",
    "En gang om året ville være rigeligt; i dag gør vi det hver måned.",
    "Borgerne forstår ikke blanketten, og vi ender med at udfylde den for dem.",
]
KEPT_REASONS = [
    "Kravet sikrer, at borgeren får en skriftlig begrundelse; det er en retssikkerhedsgaranti.",
    "Dokumentationen bruges ved tilsyn og kan ikke undværes, men skemaet er gjort kortere.",
    "Reglen forebygger fejludbetalinger; gevinsten er større end tidsforbruget.",
    "Kravet følger af arbejdsmiljøloven, og kommunen har ikke frihed til at lempe det.",
    "Registreringen er grundlaget for budgettet til næste år og kan ikke erstattes af andre data.",
]
ABOLISH_REASONS = [
    "Ingen har brugt oplysningerne i de seneste tre år.",
    "Oplysningerne findes allerede i fagsystemet og hentes derfra.",
    "Kravet var indført som forsøg og blev aldrig evalueret; det udgår.",
]
STREAMLINE_REASONS = [
    "Skemaet er skåret ned til de felter, der faktisk bruges.",
    "Godkendelse sker nu stikprøvevis i stedet for hver gang.",
    "Hyppigheden er sat ned fra hver måned til hvert kvartal.",
]
NOT_HANDLED_REASONS = [
    "Ikke nået i denne runde; tages op igen ved næste kampagne.",
    "Afventer den nye it-løsning, der ændrer arbejdsgangen.",
]
MINISTRIES = [
    "Social- og Boligministeriet",
    "Beskæftigelsesministeriet",
    "Børne- og Undervisningsministeriet",
    "Indenrigs- og Sundhedsministeriet",
]
ANSWERS = [
    (ExemptionApplication.Status.APPROVED, "Forsøget kan gennemføres i tre år."),
    (
        ExemptionApplication.Status.APPROVED_WITH_CONDITIONS,
        "Godkendt på betingelse af en årlig evaluering med borgerinddragelse.",
    ),
    (ExemptionApplication.Status.REJECTED, "Afslag: lempelsen vil svække borgerens retssikkerhed."),
    (ExemptionApplication.Status.ALREADY_POSSIBLE, "Reglerne giver allerede kommunen den frihed."),
    (
        ExemptionApplication.Status.REFERRED,
        "Forslaget indgår i regeringens generelle regelforenkling.",
    ),
    (ExemptionApplication.Status.WITHDRAWN, "Trukket tilbage af kommunen."),
]
MIRRORED = 5  # escalated state rules repeated in the other demo municipalities


def _users() -> dict[str, User]:
    found = User.objects.filter(username__in=["medarbejder", "leder", "chef", "direktoer"])
    return {user.username: user for user in found}


def _rules(municipality: Municipality) -> list[Rule]:
    """The most burdensome rules first; state rules are wanted for escalation."""
    return list(
        Rule.objects.filter(municipality=municipality)
        .select_related("municipality")
        .order_by("-hours_per_year", "id")[: SHAPE["flagged"]]
    )


def _plan(rules: list[Rule]) -> list[tuple[Rule, str | None]]:
    """Which rule gets which outcome (None: flagged only), in the Copenhagen proportions."""
    state = [r for r in rules if r.is_state_origin]
    plan: list[tuple[Rule, str | None]] = []
    escalated = state[: SHAPE[Outcome.ESCALATED]]
    if len(escalated) < SHAPE[Outcome.ESCALATED]:  # too few state rules: take others
        others = [r for r in rules if not r.is_state_origin]
        escalated += others[: SHAPE[Outcome.ESCALATED] - len(escalated)]
    plan += [(r, Outcome.ESCALATED) for r in escalated]
    rest = [r for r in rules if r not in escalated]
    rest.sort(key=lambda r: (r.is_state_origin, -r.hours_per_year, r.pk))
    for outcome in (Outcome.STREAMLINED, Outcome.ABOLISHED, Outcome.KEPT, Outcome.NOT_HANDLED):
        take = SHAPE[outcome]
        plan += [(r, outcome) for r in rest[:take]]
        rest = rest[take:]
    plan += [(r, None) for r in rest]
    return plan


@transaction.atomic
def load_demo_cases(municipality: Municipality) -> int:
    """Create the demo cases once; returns how many cases `municipality` has afterwards."""
    existing = Case.objects.filter(municipality=municipality)
    if existing.exists():
        return existing.count()
    rules = _rules(municipality)
    if not rules:
        return 0
    users = _users()
    employee, leader = users.get("medarbejder"), users.get("leder")
    chief, director = users.get("chef"), users.get("direktoer")
    campaign = exemptions.campaign_create(
        actor=director,
        municipality=municipality,
        theme="Mindre bøvl i hverdagen",
        description="Medarbejdere og borgere peger på regler, der stjæler tid fra kerneopgaven.",
        opens_on=timezone.localdate() - timedelta(days=200),
        closes_on=timezone.localdate() + timedelta(days=60),
        champion=chief,
        decision_deadline=timezone.localdate() + timedelta(days=120),
        presume_abolish=True,
    )
    hassle = list(
        Submission.objects.filter(municipality=municipality, kind=Kind.HASSLE).order_by("id")
    )
    suggestions = cycle(SUGGESTIONS)
    reasons: dict[str, cycle[str]] = {
        Outcome.KEPT: cycle(KEPT_REASONS),
        Outcome.ABOLISHED: cycle(ABOLISH_REASONS),
        Outcome.STREAMLINED: cycle(STREAMLINE_REASONS),
        Outcome.NOT_HANDLED: cycle(NOT_HANDLED_REASONS),
        Outcome.ESCALATED: cycle(["Reglen er statslig; kommunen søger om fritagelse."]),
    }
    levels = cycle(["leader", "chief", "directors", "committee", "council"])
    ministries = cycle(MINISTRIES)
    cases: list[Case] = []
    for index, (rule, outcome) in enumerate(_plan(rules)):
        if index < len(hassle):
            flag = services.case_flag_from_submission(
                actor=employee, municipality=municipality, submission=hassle[index], rule=rule
            )
        else:
            flag = services.case_flag_rule(
                actor=employee, municipality=municipality, rule=rule, suggestion=next(suggestions)
            )
        case = flag.case
        cases.append(case)
        if outcome is None:
            continue
        services.case_select(actor=leader, municipality=municipality, case=case, campaign=campaign)
        scenario = None
        if outcome == Outcome.STREAMLINED:
            scenario = {
                a.pk: ScenarioChange(
                    population=a.population,
                    frequency_per_year=a.frequency_per_year,
                    minutes_per_occurrence=(a.minutes_per_occurrence / 2).quantize(Decimal("0.01")),
                    business_as_usual_share=a.business_as_usual_share,
                )
                for a in rule.activities.all()
            }
        services.case_decide(
            actor=leader if index % 2 else chief,
            municipality=municipality,
            case=case,
            outcome=outcome,
            reason=next(reasons[outcome]),
            decision_level=next(levels),
            scenario=scenario,
            exemption={
                "provision": f"{rule.legal_reference or rule.title[:60]}, stk. {index % 4 + 1}",
                "ministry": next(ministries),
            },
        )
    _follow_up(municipality, director)
    _answer_applications(municipality, director)
    _spread_dates(municipality, cases)
    _mirror_in_other_demo_municipalities(municipality)
    return Case.objects.filter(municipality=municipality).count()


def _follow_up(municipality: Municipality, actor: User | None) -> None:
    """Realised hours for two thirds of the abolished and streamlined cases."""
    done = Case.objects.filter(
        municipality=municipality, outcome__in=[Outcome.ABOLISHED, Outcome.STREAMLINED]
    ).order_by("id")
    for index, case in enumerate(done):
        if index % 3 == 2 or case.expected_freed_hours_per_year is None:
            continue
        services.case_record_realised(
            actor=actor,
            municipality=municipality,
            case=case,
            hours=(case.expected_freed_hours_per_year * Decimal("0.8")).quantize(Decimal("0.01")),
            used_for="Mere tid til borgerne og til faglig sparring.",
        )


def _answer_applications(municipality: Municipality, actor: User | None) -> None:
    today = timezone.localdate()
    applications = ExemptionApplication.objects.filter(municipality=municipality).order_by("id")
    for application, (status, text) in zip(applications, ANSWERS, strict=False):
        trial = status in {
            ExemptionApplication.Status.APPROVED,
            ExemptionApplication.Status.APPROVED_WITH_CONDITIONS,
        }
        exemptions.exemption_answer(
            actor=actor,
            municipality=municipality,
            application=application,
            status=status,
            answer=text,
            answered_on=today - timedelta(days=30),
            trial_start=today if trial else None,
            trial_end=today + timedelta(days=3 * 365) if trial else None,
            evaluation_due=today + timedelta(days=365) if trial else None,
        )
    ExemptionApplication.objects.filter(municipality=municipality).update(
        submitted_on=today - timedelta(days=90)
    )


def _spread_dates(municipality: Municipality, cases: list[Case]) -> None:
    """Flags over the last year, selection and decision some weeks later (demo only)."""
    today = timezone.localdate()
    for index, case in enumerate(cases):
        flagged = today - timedelta(days=360 - (index * 300) // max(len(cases), 1))
        Case.objects.filter(pk=case.pk).update(flagged_on=flagged)
        Case.objects.filter(pk=case.pk, selected_on__isnull=False).update(
            selected_on=flagged + timedelta(days=20)
        )
        Case.objects.filter(pk=case.pk, decided_on__isnull=False).update(
            decided_on=min(flagged + timedelta(days=50), today)
        )


def _mirror_in_other_demo_municipalities(source: Municipality) -> None:
    """The same state rules escalated elsewhere too, so KL sees them as one national case."""
    escalated = list(
        Case.objects.filter(municipality=source, outcome=Outcome.ESCALATED)
        .select_related("rule")
        .order_by("id")[:MIRRORED]
    )
    for other in Municipality.objects.filter(is_demo=True).exclude(pk=source.pk):
        if Case.objects.filter(municipality=other).exists():
            continue
        for case in escalated:
            rule = rule_create(
                actor=None,
                municipality=other,
                title=case.rule.title,
                kind=case.rule.kind,
                origin=case.rule.origin,
                legal_reference=case.rule.legal_reference,
                purpose=case.rule.purpose,
                status=Rule.Status.UNDER_REVIEW,
            )
            flag = services.case_flag_rule(
                actor=None,
                municipality=other,
                rule=rule,
                suggestion="Samme statslige krav som hos nabokommunen; vi søger også fritagelse.",
            )
            services.case_select(actor=None, municipality=other, case=flag.case)
            services.case_decide(
                actor=None,
                municipality=other,
                case=flag.case,
                outcome=Outcome.ESCALATED,
                reason="Reglen er statslig; kommunen søger om fritagelse.",
                decision_level="directors",
                exemption={"provision": case.rule.legal_reference, "ministry": MINISTRIES[0]},
            )
