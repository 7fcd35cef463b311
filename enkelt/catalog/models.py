"""The shared inspiration catalogue: examples of simplification from any Danish municipality.

An example is not municipality-owned in the tenant sense: `municipality_name` is free text (any
Danish municipality, tenant or not), `municipality` is set only when a tenant published it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from enkelt.core.models import PublicIdModel, TimeStampedModel


class Relation(models.TextChoices):
    """The link of the steering chain the example simplifies."""

    COUNCIL_ADMINISTRATION = "council_administration", _("Council and administration")
    ADMINISTRATION_INSTITUTIONS = (
        "administration_institutions",
        _("Administration and institutions"),
    )
    MUNICIPALITY_CITIZENS = "municipality_citizens", _("Municipality and citizens")


class StrategyType(models.TextChoices):
    BROAD_SIMPLIFICATION = "broad_simplification", _("Broad simplification project")
    EFFICIENCY_STRATEGY = "efficiency_strategy", _("Efficiency strategy")
    LEAN_WORKFLOWS = "lean_workflows", _("Lean and better workflows")
    TASK_PLACEMENT = "task_placement", _("Task placement")
    TRUST_IN_EMPLOYEES = "trust_in_employees", _("Trust in employees")
    DIGITAL_SOLUTIONS = "digital_solutions", _("Digital solutions")
    INNOVATION = "innovation", _("Innovation")
    NEW_STEERING_MODELS = "new_steering_models", _("New steering models")


class ExampleOutcome(models.TextChoices):
    SUCCESS = "success", _("Success")
    MIXED = "mixed", _("Mixed")
    FAILURE = "failure", _("Failure")


class Tag(TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Example(PublicIdModel):
    title = models.CharField(_("title"), max_length=200)
    municipality_name = models.CharField(_("municipality"), max_length=100, db_index=True)
    municipality = models.ForeignKey(
        "tenants.Municipality",
        verbose_name=_("publishing municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalog_examples",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    summary = models.TextField(_("summary"))
    what_was_done = models.TextField(_("what was done"), blank=True, default="", db_default="")
    results = models.TextField(_("results in numbers"), blank=True, default="", db_default="")
    relation = models.CharField(
        _("steering-chain relation"), max_length=40, choices=Relation.choices
    )
    strategy_type = models.CharField(
        _("strategy type"), max_length=40, choices=StrategyType.choices
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="examples")
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ExampleOutcome.choices, default=ExampleOutcome.SUCCESS
    )
    lessons = models.TextField(_("what was learnt"), blank=True, default="", db_default="")
    source_reference = models.CharField(
        _("source"), max_length=300, blank=True, default="", db_default=""
    )
    source_case = models.OneToOneField(
        "simplification.Case",
        verbose_name=_("simplification case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalog_example",
    )
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    curated_at = models.DateTimeField(_("curated at"), null=True, blank=True)
    # A stable key for content loaded from the seeds (demo loader); empty for published cases.
    demo_key = models.SlugField(_("demo key"), max_length=80, blank=True, default="", db_default="")
    # Maintained by a database trigger on PostgreSQL (danish configuration, weights A/B/C);
    # unused on SQLite, where the FTS5 table `catalog_example_fts` serves the search.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        constraints = [
            models.UniqueConstraint(
                fields=["demo_key"],
                condition=~models.Q(demo_key=""),
                name="example_demo_key_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(published_at__isnull=False),
                name="example_published_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["published", "-year", "title"], name="example_pub_year_title"),
            models.Index(fields=["published", "strategy_type"], name="example_pub_strategy"),
            models.Index(fields=["published", "relation"], name="example_pub_relation"),
            models.Index(fields=["published", "outcome"], name="example_pub_outcome"),
            models.Index(fields=["published", "published_at"], name="example_pub_published_at"),
            # Similar examples and filtered lists, newest first.
            models.Index(
                fields=["strategy_type", "relation", "-year", "title"],
                condition=models.Q(published=True),
                name="example_similar",
            ),
            models.Index(
                fields=["relation", "-year", "title"],
                condition=models.Q(published=True),
                name="example_relation_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.municipality_name})"
