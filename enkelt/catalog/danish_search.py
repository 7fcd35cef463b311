"""Danish full-text search of the catalogue on PostgreSQL and SQLite.

PostgreSQL: the `search_vector` column (maintained by a trigger, `danish` configuration, weights
A title, B summary, C body) with a GIN index; `to_tsquery('danish', …)`, `ts_rank` and
`ts_headline` for `<mark>` snippets.

SQLite: an FTS5 table `catalog_example_fts` holding the Snowball-Danish stems of the same three
columns, kept in step by triggers that call the `da_stems` SQL function registered on every
SQLite connection; ranked with weighted `bm25`.

Both sides expand every query word with its Danish syncope variant ("regel" ↔ "regl": the
Snowball stemmer keeps the unstressed e of "regel" but not of "reglerne").
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_VOWELS = set("aeiouyæøå")
# Title, summary, body weights for bm25 (SQLite); PostgreSQL uses setweight A/B/C.
BM25_WEIGHTS = (10.0, 4.0, 1.0)
MAX_TERMS = 8

_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word.lower()))


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def stems_of(text: str) -> str:
    """The text as space-separated Danish stems (what the SQLite FTS5 table stores)."""
    return " ".join(stem(w) for w in words(text))


def variants(word: str) -> list[str]:
    """The stem of a query word and its syncope variant, e.g. regel → [regel, regl]."""
    base = stem(word)
    found = [base]
    match = re.fullmatch(r"(.*[^aeiouyæøå])e([lnr])", base)
    if match and len(match.group(1)) >= 2:
        found.append(match.group(1) + match.group(2))
    match = re.fullmatch(r"(.*[^aeiouyæøå])([lnr])", base)
    if match and len(match.group(1)) >= 2 and match.group(1)[-1] not in _VOWELS:
        found.append(match.group(1) + "e" + match.group(2))
    return found


def query_words(query: str) -> list[str]:
    return words(query)[:MAX_TERMS]


def postgres_tsquery(query: str, *, weights: str = "") -> str:
    """A raw tsquery for `to_tsquery('danish', …)`: words ANDed, each ORed with its variants.

    Operands are words made only of letters and digits, so the string is always valid tsquery
    syntax; PostgreSQL stems each operand and drops stop words itself. `weights="A"` restricts
    every operand to the title.
    """
    suffix = f":{weights}" if weights else ""
    groups = []
    for word in query_words(query):
        operands = [word] + [v for v in variants(word)[1:] if v != word]
        groups.append("(" + " | ".join(o + suffix for o in operands) + ")")
    return " & ".join(groups)


def fts5_match(query: str) -> str:
    """An FTS5 MATCH expression over the stemmed columns."""
    groups = []
    for word in query_words(query):
        operands = " OR ".join(f'"{v}"' for v in dict.fromkeys(variants(word)))
        groups.append(f"({operands})")
    return " AND ".join(groups)


def highlight(text: str, query: str, *, length: int = 240) -> str:
    """An HTML-escaped snippet of `text` around the first match, query words in `<mark>`.

    Used on SQLite (PostgreSQL uses ts_headline); safe to render with |safe.
    """
    wanted = {v for word in query_words(query) for v in variants(word)}
    tokens = list(_WORD.finditer(text))
    first = next((t for t in tokens if stem(t.group()) in wanted), None)
    start = 0
    if first is not None and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for token in tokens:
        if token.start() < start or token.end() > end:
            continue
        if stem(token.group()) in wanted:
            parts.append(html.escape(text[cursor : token.start()]))
            parts.append(f"<mark>{html.escape(token.group())}</mark>")
            cursor = token.end()
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts)


def register_sqlite_functions(sender: object, connection: object, **kwargs: object) -> None:
    """`connection_created` receiver: gives SQLite the `da_stems(text)` function for triggers."""
    if getattr(connection, "vendor", "") != "sqlite":
        return
    raw = connection.connection  # type: ignore[attr-defined]
    raw.create_function("da_stems", 1, lambda value: stems_of(value or ""), deterministic=True)
