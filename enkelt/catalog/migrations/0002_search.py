"""Full-text search structures that depend on the database vendor.

PostgreSQL: a trigger keeps `search_vector` (danish configuration, weights A/B/C) and a GIN
index serves it. SQLite: an FTS5 table of Danish stems kept in step by triggers that call the
`da_stems` function registered by the catalog app on every SQLite connection.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION catalog_example_search_vector() RETURNS trigger AS $$
    BEGIN
      NEW.search_vector :=
        setweight(to_tsvector('danish', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('danish', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('danish',
          coalesce(NEW.what_was_done, '') || ' ' || coalesce(NEW.results, '') || ' ' ||
          coalesce(NEW.lessons, '') || ' ' || coalesce(NEW.municipality_name, '')), 'C');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER catalog_example_search_vector_update
    BEFORE INSERT OR UPDATE OF title, summary, what_was_done, results, lessons, municipality_name
    ON catalog_example FOR EACH ROW EXECUTE FUNCTION catalog_example_search_vector();
    """,
    "CREATE INDEX catalog_example_search_gin ON catalog_example USING gin (search_vector);",
    # Title matches first: the search ranks title candidates found through this index.
    "CREATE INDEX catalog_example_title_gin ON catalog_example "
    "USING gin (to_tsvector('danish', title));",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_example_title_gin;",
    "DROP INDEX IF EXISTS catalog_example_search_gin;",
    "DROP TRIGGER IF EXISTS catalog_example_search_vector_update ON catalog_example;",
    "DROP FUNCTION IF EXISTS catalog_example_search_vector();",
]

_BODY = "coalesce(NEW.what_was_done,'') || ' ' || coalesce(NEW.results,'') || ' ' || coalesce(NEW.lessons,'') || ' ' || coalesce(NEW.municipality_name,'')"
_VALUES = f"NEW.id, da_stems(NEW.title), da_stems(NEW.summary), da_stems({_BODY})"
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalog_example_fts USING fts5(title, summary, body, tokenize='unicode61 remove_diacritics 0');",
    f"""CREATE TRIGGER catalog_example_fts_insert AFTER INSERT ON catalog_example BEGIN
      INSERT INTO catalog_example_fts(rowid, title, summary, body) VALUES ({_VALUES});
    END;""",
    "CREATE TRIGGER catalog_example_fts_delete AFTER DELETE ON catalog_example BEGIN "
    "DELETE FROM catalog_example_fts WHERE rowid = OLD.id; END;",
    f"""CREATE TRIGGER catalog_example_fts_update AFTER UPDATE ON catalog_example BEGIN
      DELETE FROM catalog_example_fts WHERE rowid = OLD.id;
      INSERT INTO catalog_example_fts(rowid, title, summary, body) VALUES ({_VALUES});
    END;""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_example_fts_update;",
    "DROP TRIGGER IF EXISTS catalog_example_fts_delete;",
    "DROP TRIGGER IF EXISTS catalog_example_fts_insert;",
    "DROP TABLE IF EXISTS catalog_example_fts;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
