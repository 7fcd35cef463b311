"""Demo submissions for the demo municipality: a believable inbox, public list and map.

Created through the real services (routing, deadlines, events), then spread over the
last weeks so that the inbox has overdue, fresh and answered reports. One submission
gets the fixed tracking code `DEM-222` (and a fixed public id) so that the benchmark
and the documentation can point at its status page. Idempotent: nothing is created
when that code exists. Reports are anonymous where the category allows it; elsewhere
they carry the demo citizen's address under the reserved `.example` domain.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from enkelt.submissions.models import Category, Submission, SubmissionEvent
from enkelt.submissions.services import submission_answer, submission_create, submission_transition
from enkelt.tenants.models import Municipality

DEMO_TRACKING_CODE = "DEM-222"
# Its public page is /demo/submissions/<DEMO_PUBLIC_ID>/ (fixed, for the benchmark).
DEMO_PUBLIC_ID = uuid.UUID("5e1f3c2a-0d6b-4c1e-9a7d-2b2f0c0de222")
Status = Submission.Status

# Around Holbæk's centre: (lat, lon) offsets are added per report.
CENTRE = (Decimal("55.7167"), Decimal("11.7167"))


@dataclass(frozen=True)
class DemoReport:
    category: str
    title: str
    description: str
    address: str = ""
    suggestion: str = ""
    status: str = Status.RECEIVED
    answer: str = ""
    days_ago: int = 1
    answers: tuple[tuple[str, str], ...] = ()


REPORTS = [
    DemoReport(
        "huller-i-vejen",
        "Dybt hul i asfalten ved busstoppestedet",
        "Hullet er cirka en halv meter bredt og fyldes med vand, når det regner. "
        "Cyklister svinger ud i vejen for at undgå det.",
        "Ahlgade 12, 4300 Holbæk",
        status=Status.ANSWERED,
        answer="Tak for din besked. Vejholdet har lappet hullet midlertidigt, og strækningen "
        "får ny asfalt i foråret.",
        days_ago=12,
    ),
    DemoReport(
        "huller-i-vejen",
        "Løse fliser på fortovet",
        "Tre fliser vipper, når man træder på dem. Det er lige ud for indgangen til apoteket.",
        "Smedelundsgade 8, 4300 Holbæk",
        status=Status.IN_PROGRESS,
        days_ago=4,
    ),
    DemoReport(
        "gadelys",
        "Gadelampe blinker hele natten",
        "Lampen ved stien ned mod havnen tænder og slukker hvert andet sekund.",
        "Havnevej 3, 4300 Holbæk",
        status=Status.ANSWERED,
        answer="Lampen er skiftet. Tak fordi du sagde til.",
        days_ago=20,
    ),
    DemoReport(
        "gadelys",
        "Mørk sti bag skolen",
        "To lamper på stien mellem skolen og boligområdet er gået ud. Børnene går her om morgenen.",
        "Stien ved Østre Skole, 4300 Holbæk",
        days_ago=2,
    ),
    DemoReport(
        "parker-og-legepladser",
        "Knækket gynge på legepladsen",
        "Den ene kæde på gyngen er knækket, så sædet hænger skævt.",
        "Legepladsen i Strandparken, 4300 Holbæk",
        status=Status.IN_PROGRESS,
        days_ago=6,
    ),
    DemoReport(
        "graffiti",
        "Tags på gavlen af idrætshallen",
        "Hele gavlen mod parkeringspladsen er blevet malet i nat.",
        "Holbæk Idrætshal, 4300 Holbæk",
        days_ago=1,
    ),
    DemoReport(
        "manglende-affaldsafhentning",
        "Restaffald ikke hentet i denne uge",
        "Hele vejen har stået med fyldte spande siden tirsdag.",
        "Kirsebærvej, 4300 Holbæk",
        answers=(("bin", "residual"),),
        status=Status.ANSWERED,
        answer="Skraldebilen var i stykker tirsdag. Affaldet er hentet i dag.",
        days_ago=9,
    ),
    DemoReport(
        "storskrald",
        "Efterladt sofa ved genbrugsøen",
        "Nogen har stillet en sofa og to madrasser ved containerne.",
        "Genbrugsøen ved Bilka, 4300 Holbæk",
        days_ago=3,
    ),
    DemoReport(
        "bovl-dagtilbud",
        "Samme oplysninger tre gange ved indskrivning",
        "Vi skal skrive barnets allergier på et papirskema, i den digitale pladsanvisning og "
        "igen til institutionen. Det tager tid og giver fejl.",
        suggestion="Lad institutionen se oplysningerne fra pladsanvisningen, så vi kun skriver "
        "dem én gang.",
        status=Status.IN_PROGRESS,
        days_ago=15,
    ),
    DemoReport(
        "bovl-aeldrepleje",
        "Dokumentation efter hvert besøg tager længere end besøget",
        "For et kort besøg med medicin skal der skrives i fire felter, "
        "selv om intet har ændret sig.",
        suggestion="Et kort 'uændret'-valg, når borgerens situation er den samme som sidst.",
        days_ago=5,
    ),
    DemoReport(
        "bovl-jobcenter",
        "Mødeindkaldelser sendes både som brev og i e-Boks",
        "Borgerne bliver forvirrede over to indkaldelser til samme møde.",
        suggestion="Send kun den digitale indkaldelse til dem, der er tilmeldt digital post.",
        status=Status.CLOSED,
        days_ago=30,
    ),
    DemoReport(
        "ideer-til-kommunen",
        "Bænke langs stien ved fjorden",
        "Mange ældre går tur ved fjorden, men der er næsten ingen steder at sidde.",
        days_ago=7,
    ),
]


def _offset(index: int) -> tuple[Decimal, Decimal]:
    step = Decimal("0.0021")
    return CENTRE[0] + step * (index % 5 - 2), CENTRE[1] + step * (index % 7 - 3)


@transaction.atomic
def load_demo_submissions(municipality: Municipality) -> int:
    """Create the demo reports once; returns how many submissions the municipality has."""
    existing = Submission.objects.filter(municipality=municipality)
    if existing.filter(tracking_code=DEMO_TRACKING_CODE).exists():
        return existing.count()
    categories = {c.code: c for c in Category.objects.filter(municipality=municipality)}
    worker = get_user_model().objects.filter(username="medarbejder").first()
    now = timezone.now()
    created: list[Submission] = []
    for index, spec in enumerate(REPORTS):
        category = categories.get(spec.category)
        if category is None:
            continue
        lat, lon = _offset(index) if category.kind == "fault" else (None, None)
        submission = submission_create(
            actor=None,
            municipality=municipality,
            category=category,
            title=spec.title,
            description=spec.description,
            suggestion=spec.suggestion,
            lat=lat,
            lon=lon,
            address=spec.address,
            answers=dict(spec.answers),
            # Anonymous where allowed; otherwise the demo citizen's reserved address.
            is_anonymous=category.allow_anonymous,
            contact_name="" if category.allow_anonymous else "Demo Borger",
            contact_email="" if category.allow_anonymous else "borger@demo-kommune.example",
            language="da",
        )
        if spec.status == Status.IN_PROGRESS:
            submission_transition(
                actor=worker,
                municipality=municipality,
                submission=submission,
                to_status=spec.status,
            )
        elif spec.status == Status.ANSWERED:
            submission_answer(
                actor=worker, municipality=municipality, submission=submission, text=spec.answer
            )
        elif spec.status == Status.CLOSED:
            submission_transition(
                actor=worker,
                municipality=municipality,
                submission=submission,
                to_status=spec.status,
            )
        # Spread the history over the past weeks (demo data only).
        shift = timedelta(days=spec.days_ago)
        submission.refresh_from_db()
        Submission.objects.filter(pk=submission.pk).update(
            created_at=now - shift,
            due_at=submission.due_at - shift if submission.due_at else None,
            answered_at=now - shift + timedelta(days=1) if submission.answered_at else None,
        )
        # The receipt at once, each later step (status change, answer) a day after it.
        for step, event in enumerate(SubmissionEvent.objects.filter(submission=submission)):
            later = timedelta(days=min(step, spec.days_ago))
            SubmissionEvent.objects.filter(pk=event.pk).update(created_at=now - shift + later)
        created.append(submission)
    if created:
        Submission.objects.filter(pk=created[0].pk).update(
            tracking_code=DEMO_TRACKING_CODE, public_id=DEMO_PUBLIC_ID
        )
    return existing.count()
