"""Demo categories for the demo municipality, written in the project's own words.

Each category is mapped to a unit by the unit slugs that `accounts.demo`
creates. Idempotent: categories are looked up by code and corrected, never
duplicated; a category whose unit does not exist in the municipality is
skipped (so the loader is harmless on a municipality with another tree).
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from enkelt.submissions.models import AreaRoute, Category, CategoryQuestion, Kind
from enkelt.tenants.models import Municipality, Unit


@dataclass(frozen=True)
class DemoCategory:
    code: str
    kind: str
    unit: str
    name_da: str
    name_en: str
    description_da: str
    description_en: str
    deadline: int = 10
    allow_anonymous: bool = True
    photo_required: bool = False
    questions: list[dict[str, Any]] = field(default_factory=list)


FAULTS = [
    DemoCategory(
        "huller-i-vejen",
        Kind.FAULT,
        "veje-og-parker",
        "Huller og skader i vej eller fortov",
        "Potholes and damaged roads or pavements",
        "Et hul i asfalten, en løs flise eller en kantsten, der er gået i stykker.",
        "A hole in the asphalt, a loose paving stone or a broken kerb.",
        deadline=5,
        questions=[
            {
                "code": "size",
                "label_da": "Hvor stor er skaden?",
                "label_en": "How big is the damage?",
                "datatype": "singlevaluelist",
                "required": False,
                "choices": [
                    {
                        "key": "small",
                        "name_da": "Mindre end en tallerken",
                        "name_en": "Smaller than a plate",
                    },
                    {"key": "medium", "name_da": "Som et bildæk", "name_en": "Like a car tyre"},
                    {
                        "key": "large",
                        "name_da": "Større end et bildæk",
                        "name_en": "Larger than a car tyre",
                    },
                ],
            }
        ],
    ),
    DemoCategory(
        "gadelys",
        Kind.FAULT,
        "veje-og-parker",
        "Gadelys, der ikke virker",
        "Street lights not working",
        "En lygtepæl, der er slukket, blinker eller lyser om dagen.",
        "A street light that is off, flickering or on in daylight.",
        deadline=10,
        questions=[
            {
                "code": "pole_number",
                "label_da": "Nummer på lygtepælen (hvis du kan se det)",
                "label_en": "Number on the pole (if you can see it)",
                "datatype": "text",
                "required": False,
            }
        ],
    ),
    DemoCategory(
        "parker-og-legepladser",
        Kind.FAULT,
        "veje-og-parker",
        "Parker, grønne områder og legepladser",
        "Parks, green areas and playgrounds",
        "Ødelagte legeredskaber, væltede træer, overfyldte skraldespande i parken.",
        "Broken play equipment, fallen trees, overflowing bins in the park.",
        deadline=5,
    ),
    DemoCategory(
        "graffiti",
        Kind.FAULT,
        "veje-og-parker",
        "Graffiti og hærværk",
        "Graffiti and vandalism",
        "Graffiti eller hærværk på kommunens bygninger, skilte eller bænke.",
        "Graffiti or vandalism on the municipality's buildings, signs or benches.",
        deadline=10,
        photo_required=True,
    ),
    DemoCategory(
        "manglende-affaldsafhentning",
        Kind.FAULT,
        "affald-og-genbrug",
        "Affald blev ikke hentet",
        "Waste collection missed",
        "Din skraldespand blev ikke tømt på den aftalte dag.",
        "Your bin was not emptied on the scheduled day.",
        deadline=3,
        allow_anonymous=False,
        questions=[
            {
                "code": "bin",
                "label_da": "Hvilken beholder?",
                "label_en": "Which bin?",
                "datatype": "singlevaluelist",
                "required": True,
                "choices": [
                    {"key": "residual", "name_da": "Restaffald", "name_en": "Residual waste"},
                    {"key": "food", "name_da": "Madaffald", "name_en": "Food waste"},
                    {"key": "paper", "name_da": "Papir og pap", "name_en": "Paper and cardboard"},
                    {
                        "key": "glass_metal",
                        "name_da": "Glas og metal",
                        "name_en": "Glass and metal",
                    },
                ],
            }
        ],
    ),
    DemoCategory(
        "storskrald",
        Kind.FAULT,
        "affald-og-genbrug",
        "Storskrald og efterladt affald",
        "Bulky waste and dumped rubbish",
        "Møbler, hårde hvidevarer eller sække, der er sat på fortovet eller i naturen.",
        "Furniture, appliances or bags left on the pavement or in the countryside.",
        deadline=5,
    ),
]

HASSLE = [
    DemoCategory(
        "bovl-skole",
        Kind.HASSLE,
        "skoler",
        "Bøvl med papirer og systemer i skolen",
        "Paperwork hassle at school",
        "Skemaer, samtykker og beskeder, der kunne klares enklere for forældre og lærere.",
        "Forms, consents and messages that could be simpler for parents and teachers.",
        deadline=20,
    ),
    DemoCategory(
        "bovl-dagtilbud",
        Kind.HASSLE,
        "dagtilbud",
        "Dokumentationskrav i dagtilbud",
        "Documentation in day care",
        "Registreringer og skemaer i vuggestue og børnehave, der tager tid fra børnene.",
        "Records and forms in nurseries and kindergartens that take time from the children.",
        deadline=20,
    ),
    DemoCategory(
        "bovl-aeldrepleje",
        Kind.HASSLE,
        "hjemmepleje",
        "Dokumentation i hjemmepleje og på plejecentre",
        "Documentation in home care and care homes",
        "Krav om at skrive ned eller tjekke af, som ikke gør plejen bedre.",
        "Requirements to write down or tick off that do not make the care any better.",
        deadline=20,
    ),
    DemoCategory(
        "bovl-jobcenter",
        Kind.HASSLE,
        "jobcenter",
        "Procedurer i jobcentret",
        "Job centre procedures",
        "Møder, planer og breve, der føles som kontrol i stedet for hjælp.",
        "Meetings, plans and letters that feel like control rather than help.",
        deadline=20,
    ),
    DemoCategory(
        "interne-indberetninger",
        Kind.HASSLE,
        "budget-og-analyse",
        "Interne indberetninger og opfølgning",
        "Internal reporting requirements",
        "Tal og statusser, der skal indberettes, uden at nogen bruger dem.",
        "Figures and status reports that must be delivered although nobody uses them.",
        deadline=20,
    ),
    DemoCategory(
        "blanketter-og-godkendelser",
        Kind.HASSLE,
        "hr",
        "Blanketter og godkendelser",
        "Forms and approvals",
        "Underskrifter og godkendelser i flere led for små beslutninger.",
        "Signatures and approvals at several levels for small decisions.",
        deadline=20,
    ),
    DemoCategory(
        "dobbeltregistrering",
        Kind.HASSLE,
        "it-og-digitalisering",
        "Samme oplysninger i flere IT-systemer",
        "Double registration in IT systems",
        "Oplysninger, der skal tastes flere gange, fordi systemerne ikke taler sammen.",
        "Information that must be typed in more than once because systems do not talk.",
        deadline=20,
    ),
]

IDEAS = [
    DemoCategory(
        "ideer-til-kommunen",
        Kind.IDEA,
        "strategi-og-udvikling",
        "Idéer til kommunen",
        "Ideas for the municipality",
        "Har du en idé til, hvordan kommunen kan gøre noget bedre eller enklere?",
        "Do you have an idea for how the municipality could do something better or simpler?",
        deadline=30,
    ),
    DemoCategory(
        "medarbejderideer",
        Kind.IDEA,
        "strategi-og-udvikling",
        "Idéer fra medarbejdere",
        "Ideas from employees",
        "Din idé til en bedre arbejdsgang. En idéguide hjælper dig med at udvikle den.",
        "Your idea for a better way of working. An idea guide helps you develop it.",
        deadline=30,
        allow_anonymous=False,
    ),
]

DEMO_CATEGORIES = FAULTS + HASSLE + IDEAS

# Park faults within this made-up area in the north of the town go to the depot.
DEMO_PARK_AREA = [[55.725, 11.70], [55.735, 11.70], [55.735, 11.73], [55.725, 11.73]]


@transaction.atomic
def load_demo_categories(municipality: Municipality) -> dict[str, int]:
    """Create or correct the demo categories of `municipality`; returns counts."""
    units = {u.slug: u for u in Unit.objects.filter(municipality=municipality)}
    count = 0
    for order, spec in enumerate(DEMO_CATEGORIES):
        unit = units.get(spec.unit)
        if unit is None:
            continue
        category, _ = Category.objects.update_or_create(
            municipality=municipality,
            code=spec.code,
            defaults={
                "kind": spec.kind,
                "unit": unit,
                "name_da": spec.name_da,
                "name_en": spec.name_en,
                "description_da": spec.description_da,
                "description_en": spec.description_en,
                "deadline_working_days": spec.deadline,
                "allow_anonymous": spec.allow_anonymous,
                "location_required": spec.kind == Kind.FAULT,
                "photo_required": spec.photo_required,
                "is_active": True,
                "sort_order": (order + 1) * 10,
            },
        )
        for position, question in enumerate(spec.questions):
            CategoryQuestion.objects.update_or_create(
                municipality=municipality,
                category=category,
                code=question["code"],
                defaults={
                    "label_da": question["label_da"],
                    "label_en": question["label_en"],
                    "datatype": question["datatype"],
                    "required": question["required"],
                    "order": position,
                    "choices": question.get("choices", []),
                },
            )
        count += 1

    depot = units.get("materielgaarden")
    parks = Category.objects.filter(municipality=municipality, code="parker-og-legepladser").first()
    roads = Category.objects.filter(municipality=municipality, code="huller-i-vejen").first()
    routes = 0
    if depot is not None and parks is not None:
        AreaRoute.objects.update_or_create(
            municipality=municipality,
            category=parks,
            name="Nordparken",
            defaults={"unit": depot, "polygon": DEMO_PARK_AREA, "postal_codes": [], "order": 0},
        )
        routes += 1
    if depot is not None and roads is not None:
        AreaRoute.objects.update_or_create(
            municipality=municipality,
            category=roads,
            name="Landdistrikterne",
            defaults={"unit": depot, "polygon": None, "postal_codes": ["4340", "4350"], "order": 0},
        )
        routes += 1
    return {"categories": count, "area_routes": routes}
