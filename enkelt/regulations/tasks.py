"""Background tasks (django-tasks) of the rule registry: large imports.

A task receives the import's id, never objects; it may run in another process.
"""

from django_tasks import task

from enkelt.regulations.transfer.run import rule_import_run


@task()
def run_rule_import(import_id: int) -> None:
    rule_import_run(import_id=import_id)
