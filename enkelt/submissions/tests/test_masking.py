import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enkelt.submissions.masking import PLACEHOLDER, contains_personal_data, mask_personal_data

# Surrounding text: words without digits or "@", as a citizen would write them.
words = st.lists(
    st.text(alphabet=string.ascii_letters + "æøåÆØÅ.,!?", min_size=1, max_size=12),
    max_size=8,
).map(" ".join)


@st.composite
def cpr_numbers(draw):
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
    serial = draw(st.integers(min_value=0, max_value=9999))
    separator = draw(st.sampled_from(["-", "", " "]))
    return f"{born:%d%m%y}{separator}{serial:04d}"


@st.composite
def phone_numbers(draw):
    digits = draw(st.text(alphabet=string.digits, min_size=8, max_size=8))
    grouping = draw(st.sampled_from(["plain", "pairs", "fours", "pairs-hyphen"]))
    body = {
        "plain": digits,
        "pairs": " ".join(digits[i : i + 2] for i in range(0, 8, 2)),
        "fours": f"{digits[:4]} {digits[4:]}",
        "pairs-hyphen": "-".join(digits[i : i + 2] for i in range(0, 8, 2)),
    }[grouping]
    prefix = draw(st.sampled_from(["", "+45", "+45 ", "0045", "0045 "]))
    return prefix + body, digits


@st.composite
def email_addresses(draw):
    local_chars = string.ascii_letters + string.digits + "._%+-"
    local = draw(st.text(alphabet=local_chars, min_size=1, max_size=20))
    labels = draw(
        st.lists(
            st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=10),
            min_size=1,
            max_size=3,
        )
    )
    tld = draw(st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=6))
    return f"{local}@{'.'.join(labels)}.{tld}"


@given(before=words, after=words, cpr=cpr_numbers())
def test_cpr_numbers_are_masked(before, after, cpr):
    masked = mask_personal_data(f"{before} {cpr} {after}")
    assert cpr not in masked
    assert cpr.replace("-", "").replace(" ", "") not in masked.replace(" ", "")
    assert PLACEHOLDER in masked


@given(before=words, after=words, phone=phone_numbers())
def test_phone_numbers_are_masked(before, after, phone):
    written, digits = phone
    masked = mask_personal_data(f"{before} {written} {after}")
    assert written not in masked
    assert digits not in "".join(c for c in masked if c.isdigit())


@given(before=words, after=words, email=email_addresses())
def test_email_addresses_are_masked(before, after, email):
    masked = mask_personal_data(f"{before} {email} {after}")
    assert email not in masked
    assert "@" not in masked


@given(text=words)
def test_text_without_digits_or_at_is_untouched(text):
    assert mask_personal_data(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Vejnummer 12",
        "Hullet er ud for Storegade 117, 4300 Holbæk.",
        "Det har været sådan siden 2019 og blev værre i 2024.",
        "Lampen ved mast nr. 4711 er slukket kl. 17.30 den 12.11.2025.",
        "Budgettet er 25 000 000 kr. og 1.234.567 kr.",
        "Sagsnummer 2025-000123",
        "Et tal med mange cifre: 12345678901",
        "3102901234 er ikke en gyldig dato",
    ],
)
def test_ordinary_text_is_untouched(text):
    assert mask_personal_data(text) == text
    assert not contains_personal_data(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mit CPR er 010190-1234.", f"Mit CPR er {PLACEHOLDER}."),
        ("Ring på +45 12 34 56 78 i dag", f"Ring på {PLACEHOLDER} i dag"),
        ("Skriv til jens@example.dk, tak", f"Skriv til {PLACEHOLDER}, tak"),
        ("tlf. 2345 6789/mobil 87654321", f"tlf. {PLACEHOLDER}/mobil {PLACEHOLDER}"),
    ],
)
def test_examples(text, expected):
    assert mask_personal_data(text) == expected


def test_empty():
    assert mask_personal_data("") == ""
