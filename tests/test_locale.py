"""The interface's translations: complete, and compiled from the .po files as they stand."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "src" / "vigil" / "locale").glob("*/LC_MESSAGES/django.po"))


def compile_messages():
    """Load scripts/compile-messages (a script without the .py suffix) as a module."""
    loader = importlib.machinery.SourceFileLoader("compile_messages", str(ROOT / "scripts" / "compile-messages"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("compile_messages", loader))
    loader.exec_module(module)
    return module


def test_russian_is_shipped():
    assert [po.parent.parent.name for po in CATALOGS] == ["ru"]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: po.parent.parent.name)
def test_every_message_is_translated_and_none_is_fuzzy(po):
    with po.open("rb") as source:
        catalog = read_po(source)

    untranslated = [
        m.id for m in catalog if m.id and (not m.string or not all(m.string if m.pluralizable else [m.string]))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert catalog.num_plurals == 4  # as Django's own Russian catalogue, which ours is merged with


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: po.parent.parent.name)
def test_the_committed_mo_file_is_compiled_from_the_po_file(po):
    assert po.with_suffix(".mo").read_bytes() == compile_messages().compiled(po), "run scripts/compile-messages"
