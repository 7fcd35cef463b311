"""The demo catalogue: enough examples, idempotent, and no sentence copied from the seeds."""

import hashlib
import re
from pathlib import Path

import pytest

from enkelt.catalog.demo import load_demo_examples
from enkelt.catalog.demo_examples import EXAMPLES
from enkelt.catalog.models import Example
from enkelt.catalog.selectors import search_queryset

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
WINDOW = 12
FINGERPRINTS = Path(__file__).with_name("seed_fingerprints.txt")


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


def _fingerprints(words: list[str]) -> set[str]:
    """A short hash of every 12-word window: the seeds' text itself is not kept here."""
    return {
        hashlib.sha256(" ".join(words[i : i + WINDOW]).encode()).hexdigest()[:12]
        for i in range(len(words) - WINDOW + 1)
    }


def _seed_fingerprints() -> set[str]:
    words: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        words.extend(_words(path.read_text(encoding="utf-8")))
    return _fingerprints(words)


def test_no_text_copies_a_12_word_window_from_the_seeds():
    # The fingerprints of the customer's documents travel with the tests, so the check
    # runs where the documents themselves are not present (CI's clean clone).
    stored = set(FINGERPRINTS.read_text(encoding="ascii").split())
    assert len(stored) > 10_000
    for entry in EXAMPLES:
        for text in entry[8:12]:
            copied = _fingerprints(_words(text)) & stored
            assert not copied, f"{entry[0]}: a 12-word window is copied from the seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not present to refresh from")
def test_the_stored_fingerprints_are_those_of_the_seeds():
    stored = set(FINGERPRINTS.read_text(encoding="ascii").split())
    assert stored == _seed_fingerprints()
