"""The demo catalogue: enough examples, idempotent, and no sentence copied from the seeds."""

import re
from pathlib import Path

import pytest

from enkelt.catalog.demo import load_demo_examples
from enkelt.catalog.demo_examples import EXAMPLES
from enkelt.catalog.models import Example
from enkelt.catalog.selectors import search_queryset

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
WINDOW = 12


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


@pytest.mark.django_db
def test_loader_is_idempotent_and_loads_at_least_40_published_examples():
    assert load_demo_examples() >= 40
    count = Example.objects.count()
    assert load_demo_examples() == count
    assert Example.objects.filter(published=True).count() == count >= 40
    assert load_demo_examples(reset=True) == count
    assert Example.objects.filter(tags__isnull=False).distinct().count() == count


@pytest.mark.django_db
def test_demo_catalogue_is_searchable_in_danish():
    load_demo_examples()
    assert search_queryset(query="forenkling").exists()
    assert search_queryset(query="reglerne").exists()


def test_every_example_names_its_source():
    assert all(entry[12] for entry in EXAMPLES)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not present")
def test_no_text_copies_a_12_word_window_from_the_seeds():
    seed_words = []
    for path in sorted(SEEDS.glob("*.txt")):
        seed_words.extend(_words(path.read_text(encoding="utf-8")))
    windows = {" ".join(seed_words[i : i + WINDOW]) for i in range(len(seed_words) - WINDOW + 1)}
    for entry in EXAMPLES:
        for text in entry[8:12]:
            words = _words(text)
            for i in range(len(words) - WINDOW + 1):
                window = " ".join(words[i : i + WINDOW])
                assert window not in windows, f"{entry[0]}: copied '{window}'"
