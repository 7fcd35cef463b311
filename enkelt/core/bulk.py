"""Bulk inserts for large imports: PostgreSQL's COPY where it is there, bulk_create elsewhere.

`bulk_create` compiles one INSERT with a placeholder per value; for the hundreds of
thousands of rows of a rule import, building that SQL cost as much as running it.
COPY streams the rows, each value prepared by its field exactly as for an INSERT
(`pre_save`, then `get_db_prep_save`), so defaults, `auto_now_add` and JSON columns
behave the same. The objects get no primary keys back: use it for rows nothing else
in the same step points at (activities, snapshots, audit events).
"""

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connections, router
from django.db.models import Model
from django.db.models.fields import AutoFieldMixin


def bulk_insert(objs: Sequence[Model], *, batch_size: int = 1000, set_pks: bool = False) -> None:
    """Insert unsaved `objs`, all of one model.

    Their primary keys stay unset, unless `set_pks`: then they are drawn from the table's
    sequence first (one query) and written with the rows, as bulk_create would set them.
    """
    if not objs:
        return
    model = type(objs[0])
    using = router.db_for_write(model)
    connection = connections[using]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    if set_pks:
        pk = model._meta.pk
        assert pk is not None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, pk.column, len(objs)],
            )
            for obj, (value,) in zip(objs, cursor.fetchall(), strict=True):
                obj.pk = value
        fields = [pk, *fields]
    quote = connection.ops.quote_name
    statement = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objs:
            obj._prepare_related_fields_for_save(operation_name="bulk_insert")  # type: ignore[attr-defined]
            copy.write_row(
                [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
            )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for a large import that holds its whole file.

    A 200,000-row file is a long-lived list of dicts that every full collection walked
    again (about a sixth of the import's time). The rows and model objects of an import
    form no reference cycles that matter; collection resumes (and runs) afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
