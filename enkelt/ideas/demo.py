"""Demo idea development for the demo municipality: guides and ten ideas at every stage.

`medarbejder` is a municipality-wide idea guide and `leder` a guide for Veje og
Parker. The ideas arrive through the real submission service and move through
the real idea services, so history, public updates and audit events are as in
use. Idempotent: nothing is created when the first demo idea exists.
"""

from dataclasses import dataclass

from django.db import transaction

from enkelt.accounts.models import User
from enkelt.ideas import services
from enkelt.ideas.models import IdeaCriterion, IdeaDevelopment, Stage
from enkelt.regulations.models import Rule
from enkelt.strategy.models import Programme
from enkelt.submissions.models import Category, Submission
from enkelt.submissions.services import submission_create
from enkelt.tenants.models import Municipality, Unit

CITIZEN_CATEGORY = "ideer-til-kommunen"
EMPLOYEE_CATEGORY = "medarbejderideer"

# The way from `new` to each target stage.
PATHS: dict[str, tuple[str, ...]] = {
    Stage.NEW: (),
    Stage.BEING_ASSESSED: (Stage.BEING_ASSESSED,),
    Stage.IN_DEVELOPMENT: (Stage.BEING_ASSESSED, Stage.IN_DEVELOPMENT),
    Stage.TESTED: (Stage.BEING_ASSESSED, Stage.IN_DEVELOPMENT, Stage.TESTED),
    Stage.IMPLEMENTED: (
        Stage.BEING_ASSESSED,
        Stage.IN_DEVELOPMENT,
        Stage.TESTED,
        Stage.IMPLEMENTED,
    ),
    Stage.NOT_PURSUED: (Stage.BEING_ASSESSED, Stage.NOT_PURSUED),
}


@dataclass(frozen=True)
class DemoIdea:
    title: str
    description: str
    suggestion: str
    stage: str
    guide: str = ""
    by_employee: bool = False
    people: str = ""
    notes: tuple[str, ...] = ()
    scores: tuple[int, ...] = ()
    reason: str = ""
    becomes: str = ""  # "initiative" or "case"


DEMO_IDEAS = [
    DemoIdea(
        "Legeplads-tjek via app",
        "Forældre ser ofte ødelagte legeredskaber før kommunen gør.",
        "Lad borgere melde fejl på legepladser med et foto direkte fra legepladsen.",
        Stage.NEW,
    ),
    DemoIdea(
        "Genbrugsreol på biblioteket",
        "Mange har bøger og spil, de gerne vil give videre.",
        "En reol på hovedbiblioteket, hvor man kan sætte og tage bøger frit.",
        Stage.NEW,
    ),
    DemoIdea(
        "Færre papirblanketter ved vejarbejde",
        "Entreprenører udfylder den samme ansøgning om gravetilladelse på papir hver gang.",
        "Genbrug oplysningerne fra sidste ansøgning og send tilladelsen digitalt.",
        Stage.BEING_ASSESSED,
        guide="leder",
        by_employee=True,
        people="Vejmyndighed, entreprenør",
        scores=(4, 2, 4),
    ),
    DemoIdea(
        "Fælles kalender for hjemmeplejens ruter",
        "Ruterne planlægges i tre forskellige systemer, og ændringer når ikke altid ud.",
        "Én delt kalender, som alle teams og planlæggeren ser.",
        Stage.BEING_ASSESSED,
        guide="medarbejder",
        by_employee=True,
        people="Social- og sundhedsassistent, planlægger",
        notes=("Første møde med planlæggerne i Hjemmeplejen Vest.",),
    ),
    DemoIdea(
        "Portører melder fejl på udstyr med QR-kode",
        "Defekte kørestole og senge opdages af portørerne, men fejlen meldes sjældent.",
        "En QR-kode på hvert stykke udstyr, der åbner en fejlmelding med udstyrets nummer.",
        Stage.IN_DEVELOPMENT,
        guide="medarbejder",
        by_employee=True,
        people="Portør, serviceleder, IT",
        notes=(
            "Idéen er vurderet: stor værdi for borgerne, lille indsats.",
            "Prototype på 20 kørestole i Plejecenter Egelunden.",
        ),
        scores=(5, 1, 4),
    ),
    DemoIdea(
        "Rengøringspersonalet foreslår fast rækkefølge",
        "Lokaler rengøres i tilfældig rækkefølge, så nogle bliver gjort rent mens de bruges.",
        "En fast rute, der følger skemaet, så lokalerne er ledige når vi kommer.",
        Stage.IN_DEVELOPMENT,
        guide="medarbejder",
        by_employee=True,
        people="Rengøringsassistent, skoleleder",
        notes=("Skemaet fra Nordskolen er hentet.",),
    ),
    DemoIdea(
        "Sms før storskrald",
        "Mange glemmer at stille storskrald ud, og bilen kører forgæves.",
        "En sms dagen før afhentning til dem, der har bestilt.",
        Stage.TESTED,
        guide="medarbejder",
        people="Affald og Genbrug, borgerpanel",
        notes=("Afprøvet i to ruter i fire uger: færre forgæves kørsler.",),
        scores=(4, 2, 3),
    ),
    DemoIdea(
        "Ét telefonnummer til hjælpemidler",
        "Borgere ringer tre steder, før de finder den rigtige om hjælpemidler.",
        "Samle henvendelserne på ét nummer med kort ventetid.",
        Stage.IMPLEMENTED,
        guide="medarbejder",
        people="Borgerservice, Hjælpemiddelteam",
        notes=("Nummeret er i drift, og ventetiden er halveret.",),
        scores=(5, 3, 5),
        becomes="initiative",
    ),
    DemoIdea(
        "Gratis parkering ved rådhuset",
        "Det er dyrt at parkere, når man skal have et kort møde på rådhuset.",
        "Gratis parkering i en time for borgere med en aftale.",
        Stage.NOT_PURSUED,
        guide="medarbejder",
        reason="Parkeringen ejes ikke af kommunen; idéen er sendt videre til ejeren.",
    ),
    DemoIdea(
        "Dobbeltregistrering af kørselsgodtgørelse",
        "Kørsel skrives både i en blanket og i lønsystemet.",
        "Fjern kravet om blanketten, så registreringen i lønsystemet er nok.",
        Stage.IN_DEVELOPMENT,
        guide="leder",
        by_employee=True,
        people="HR, Løn",
        notes=("Kravet stammer fra en lokal regel; sendes til forenkling.",),
        becomes="case",
    ),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(username__in=["medarbejder", "leder"])}


@transaction.atomic
def load_demo_ideas(municipality: Municipality) -> int:
    """Create the demo guides and ideas once; returns the number of ideas with a development."""
    developments = IdeaDevelopment.objects.filter(municipality=municipality)
    categories = {
        c.code: c
        for c in Category.objects.filter(
            municipality=municipality, code__in=[CITIZEN_CATEGORY, EMPLOYEE_CATEGORY]
        )
    }
    if CITIZEN_CATEGORY not in categories or EMPLOYEE_CATEGORY not in categories:
        return developments.count()
    if Submission.objects.filter(
        municipality=municipality, title=DEMO_IDEAS[0].title, kind="idea"
    ).exists():
        return developments.count()
    users = _users()
    roads = Unit.objects.filter(municipality=municipality, slug="veje-og-parker").first()
    if "medarbejder" in users:
        services.idea_guide_add(actor=None, municipality=municipality, user=users["medarbejder"])
    if "leder" in users:
        services.idea_guide_add(
            actor=None,
            municipality=municipality,
            user=users["leder"],
            unit=roads,
        )
    criteria = services.idea_criteria_defaults(municipality=municipality)
    for spec in DEMO_IDEAS:
        _create(municipality, spec, categories, users, criteria)
    return developments.count()


def _create(
    municipality: Municipality,
    spec: DemoIdea,
    categories: dict[str, Category],
    users: dict[str, User],
    criteria: list[IdeaCriterion],
) -> None:
    employee = users.get("medarbejder")
    by_employee = spec.by_employee and employee is not None
    submission = submission_create(
        actor=employee if by_employee else None,
        municipality=municipality,
        category=categories[EMPLOYEE_CATEGORY if by_employee else CITIZEN_CATEGORY],
        title=spec.title,
        description=spec.description,
        suggestion=spec.suggestion,
        contact_name="Mads Medarbejder" if by_employee else "Demo Borger",
        contact_email=(
            "medarbejder@demo-kommune.example" if by_employee else "borger@demo-kommune.example"
        ),
        employee_mode=Submission.EmployeeMode.OWN_NAME if by_employee else "",
        channel=Submission.Channel.EMPLOYEE if by_employee else Submission.Channel.WEB,
        language="da",
    )
    guide = users.get(spec.guide) if spec.guide else None
    actor = guide or users.get("medarbejder")
    if guide is not None:
        services.idea_assign_guide(
            actor=actor,
            municipality=municipality,
            submission=submission,
            guide=guide,
        )
    path = PATHS[spec.stage]
    for index, stage in enumerate(path):
        services.idea_transition(
            actor=actor,
            municipality=municipality,
            submission=submission,
            to_stage=stage,
            reason=spec.reason if stage == Stage.NOT_PURSUED else "",
            note=spec.notes[index] if index < len(spec.notes) else "",
            people=spec.people,
        )
    if spec.scores:
        services.idea_score(
            actor=actor,
            municipality=municipality,
            submission=submission,
            scores=dict(zip(criteria, spec.scores, strict=False)),
        )
    if spec.becomes == "initiative":
        programme = Programme.objects.filter(area__plan__municipality=municipality).first()
        if programme is not None:
            services.idea_convert_to_initiative(
                actor=actor,
                municipality=municipality,
                submission=submission,
                programme=programme,
            )
    elif spec.becomes == "case":
        rule = Rule.objects.filter(municipality=municipality).first()
        if rule is not None:
            services.idea_convert_to_case(
                actor=actor,
                municipality=municipality,
                submission=submission,
                rule=rule,
            )
