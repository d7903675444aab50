"""The interface's translations: complete, and compiled from the .po files as they stand."""

import importlib.machinery
import importlib.util
import io
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


def interface_messages() -> set[str]:
    """Return the messages marked for translation in the workspace's templates and the Python that feeds them."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
    from django.utils.translation.template import templatize

    keywords = [*DEFAULT_KEYWORDS, "gettext_lazy"]
    sources = []
    templates = [*(ROOT / "src" / "vigil" / "workspace" / "templates").rglob("*.html")]
    templates += (ROOT / "src" / "vigil" / "accounts" / "templates").rglob("*.html")
    for template in sorted(templates):
        code = templatize(template.read_text(encoding="utf-8"), origin=str(template))
        # templatize keeps the template's layout; the tokenizer wants no indentation
        sources.append("\n".join(line.lstrip() for line in code.splitlines()))
    python = [*(ROOT / "src" / "vigil" / "workspace").rglob("*.py"), ROOT / "src" / "vigil" / "records" / "models.py"]
    python.append(ROOT / "src" / "vigil" / "records" / "admin_intake.py")
    python += (ROOT / "src" / "vigil" / "accounts").rglob("*.py")
    sources += [path.read_text(encoding="utf-8") for path in python]
    found = set()
    for code in sources:
        for _, _, message, _ in extract_python(io.BytesIO(code.encode("utf-8")), keywords, [], {}):
            text = message if isinstance(message, str) or message is None else message[0]
            if text:  # a call on a variable has no text to extract
                found.add(text)
    return found


@pytest.mark.parametrize("po", CATALOGS, ids=lambda po: po.parent.parent.name)
def test_every_message_of_the_interface_is_in_the_catalogue(po):
    with po.open("rb") as source:
        catalog = read_po(source)
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}

    messages = interface_messages()

    assert len(messages) > 150
    assert sorted(messages - known) == [], "run makemessages (docs/workspace.md) and translate the new messages"
