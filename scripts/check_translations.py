"""Fails when a Danish or English message is missing, fuzzy or stale.

Runs `makemessages` into a temporary copy of locale/ and compares: every msgid the
code uses must be in both catalogues with a translation, and no entry may be fuzzy.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("da", "en")


def parse_po(path: Path) -> dict[tuple[str | None, str], tuple[str, bool]]:
    """msgctxt+msgid → (msgstr or first plural form, fuzzy)."""
    entries: dict[tuple[str | None, str], tuple[str, bool]] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#~")]
        fuzzy = any(ln.startswith("#,") and "fuzzy" in ln for ln in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?)\s+"(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        msgstr = fields.get("msgstr", fields.get("msgstr[0]", ""))
        entries[(fields.get("msgctxt"), fields["msgid"])] = (msgstr, fuzzy)
    return entries


def main() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        # makemessages writes into every locale directory above the files it reads,
        # whatever LOCALE_PATHS says, so it runs on a copy of the sources: the
        # committed catalogues are only ever read.
        project = Path(tmp) / "project"
        skip = shutil.ignore_patterns("__pycache__", "static_build", "*.mo", "*.pyc")
        for name in ("config", "enkelt", "locale"):
            shutil.copytree(ROOT / name, project / name, ignore=skip)
        shutil.copy2(ROOT / "manage.py", project / "manage.py")
        work = project / "locale"
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="config.settings.test",
            ENKELT_CHECK_LOCALE_DIR=str(work),
        )
        cmd = [
            sys.executable,
            "manage.py",
            "makemessages",
            "--no-location",
            "--no-obsolete",
            "-l",
            "da",
            "-l",
            "en",
            "-v",
            "0",
        ]
        result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            print(result.stderr)
            return 1
        for language in LANGUAGES:
            fresh = parse_po(work / language / "LC_MESSAGES" / "django.po")
            committed = parse_po(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
            for key in fresh:
                msgstr, fuzzy = committed.get(key, ("", False))
                label = key[1][:70]
                if key not in committed:
                    problems.append(f"{language}: not in the catalogue: {label!r}")
                elif not msgstr:
                    problems.append(f"{language}: untranslated: {label!r}")
                elif fuzzy:
                    problems.append(f"{language}: fuzzy: {label!r}")
    if problems:
        print("Translations are incomplete (run `make messages`, then translate):")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    print(f"translations complete for {', '.join(LANGUAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
