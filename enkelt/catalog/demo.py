"""Demo loader of the inspiration catalogue: shared examples carried over from the seeds.

Idempotent, keyed on `Example.demo_key`. The examples belong to no tenant, so the generic
demo reset (which deletes rows by municipality) does not reach them: on reset, the loader
removes the demo-keyed examples itself and loads them anew.
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.utils.text import slugify

from enkelt.catalog.demo_examples import EXAMPLES
from enkelt.catalog.models import Example, Tag
from enkelt.catalog.selectors import FILTER_CHOICES_KEY

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def tag_slug(name: str) -> str:
    return slugify(name.translate(_DANISH))


def load_demo_examples(*, reset: bool = False) -> int:
    if reset:
        Example.objects.exclude(demo_key="").delete()
    published_at = datetime.datetime(2026, 1, 15, 8, 0, tzinfo=datetime.UTC)
    tags: dict[str, Tag] = {}
    for entry in EXAMPLES:
        (key, title, municipality_name, year, relation, strategy, outcome, tag_names,
         summary, what_was_done, results, lessons, source) = entry  # fmt: skip
        example, _ = Example.objects.update_or_create(
            demo_key=key,
            defaults={
                "title": title,
                "municipality_name": municipality_name,
                "year": year,
                "relation": relation,
                "strategy_type": strategy,
                "outcome": outcome,
                "summary": summary,
                "what_was_done": what_was_done,
                "results": results,
                "lessons": lessons,
                "source_reference": source,
                "published": True,
            },
            create_defaults={
                "title": title,
                "municipality_name": municipality_name,
                "year": year,
                "relation": relation,
                "strategy_type": strategy,
                "outcome": outcome,
                "summary": summary,
                "what_was_done": what_was_done,
                "results": results,
                "lessons": lessons,
                "source_reference": source,
                "published": True,
                "published_at": published_at,
            },
        )
        wanted = []
        for name in tag_names:
            slug = tag_slug(name)
            if slug not in tags:
                tags[slug], _ = Tag.objects.get_or_create(
                    slug=slug, defaults={"name": name.capitalize()}
                )
            wanted.append(tags[slug])
        example.tags.set(wanted)
    cache.delete(FILTER_CHOICES_KEY)
    return Example.objects.exclude(demo_key="").count()
