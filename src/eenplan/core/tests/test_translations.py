"""Dutch is the default language: every translatable string in the code has a Dutch translation.

For each app (and for the project-wide templates and settings) the strings are extracted afresh with
Django's makemessages into a temporary copy, then compared with the committed catalogue
`locale/nl/LC_MESSAGES/django.po`. A failure lists the strings that still need a translation.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path

import django
import polib
import pytest
from django.core.management import call_command

SOURCE = Path(__file__).resolve().parents[2]  # src/eenplan
CATALOGUE = Path("locale", "nl", "LC_MESSAGES", "django.po")
DJANGO_CATALOGUE = (
    Path(django.__file__).parent / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
)
# Strings in tests and migrations never reach a user.
SKIPPED = shutil.ignore_patterns("tests", "migrations", "locale", "__pycache__", "*.pyc", "static")


@dataclass(frozen=True)
class Unit:
    """A folder whose strings belong in one catalogue."""

    name: str
    root: Path
    parts: tuple[str, ...]  # what of `root` to scan; empty means all of it
    # Project-wide strings may also come from Django's own catalogue (language names, for example).
    django_may_translate: bool = False

    def __str__(self) -> str:
        return self.name


def _apps() -> list[Unit]:
    units = [
        Unit(path.name, path, ())
        for path in sorted(SOURCE.iterdir())
        if (path / "apps.py").is_file()
    ]
    project_parts = tuple(
        path.name
        for path in sorted(SOURCE.iterdir())
        if not (path / "apps.py").exists()
        and path.name not in {"locale", "static", "__pycache__"}
        and (path.is_dir() or path.suffix == ".py")
    )
    units.append(Unit("project", SOURCE, project_parts, django_may_translate=True))
    return units


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _extract(unit: Unit, workdir: Path, monkeypatch: pytest.MonkeyPatch, settings) -> list:
    copy = workdir / unit.name
    if unit.parts:
        copy.mkdir()
        for part in unit.parts:
            source = unit.root / part
            if source.is_dir():
                shutil.copytree(source, copy / part, ignore=SKIPPED)
            else:
                shutil.copy2(source, copy / part)
    else:
        shutil.copytree(unit.root, copy, ignore=SKIPPED)
    (copy / "locale").mkdir()
    # Without this, makemessages writes into the project's LOCALE_PATHS instead of the copy.
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nl"], no_location=True, no_wrap=True, verbosity=0)
    extracted = copy / CATALOGUE
    if not extracted.exists():
        return []
    return [entry for entry in polib.pofile(str(extracted)) if entry.msgid]


@pytest.mark.parametrize("unit", _apps(), ids=str)
def test_dutch_catalogue_is_complete(unit: Unit, tmp_path, monkeypatch, settings):
    needed = _extract(unit, tmp_path, monkeypatch, settings)
    if not needed:
        pytest.skip(f"{unit} has no translatable strings")

    catalogue = unit.root / CATALOGUE
    committed = {}
    if catalogue.exists():
        committed = {_key(entry): entry for entry in polib.pofile(str(catalogue))}
    fallback: dict = {}
    if unit.django_may_translate:
        fallback = {_key(entry): entry for entry in polib.pofile(str(DJANGO_CATALOGUE))}

    missing = []
    for entry in needed:
        translation = committed.get(_key(entry)) or fallback.get(_key(entry))
        if translation is None or not _translated(translation):
            missing.append(
                entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}|{entry.msgid}"
            )

    where = catalogue.relative_to(SOURCE.parent)
    if not catalogue.exists():
        where = f"{where} (the file does not exist yet)"
    assert not missing, (
        f"{unit}: {len(missing)} string(s) without a Dutch translation in {where}:\n  "
        + "\n  ".join(missing)
    )


@pytest.mark.parametrize("unit", _apps(), ids=str)
def test_dutch_catalogue_has_no_fuzzy_entries(unit: Unit):
    catalogue = unit.root / CATALOGUE
    if not catalogue.exists():
        pytest.skip(f"{unit} has no catalogue")

    fuzzy = [entry.msgid for entry in polib.pofile(str(catalogue)) if "fuzzy" in entry.flags]

    assert not fuzzy, f"{unit}: fuzzy entries need a check: {fuzzy}"
