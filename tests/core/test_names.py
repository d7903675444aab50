"""Names compared across scripts and romanisations."""

import pytest

from vigil.core.names import SIMILAR, latin, similarity, skeleton


def test_latin_transliterates_cyrillic_and_drops_diacritics():
    assert latin("Дана Исаева") == "dana isaeva"
    assert latin("Şişli  Aksoy") == "sisli aksoy"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Юлия Щербакова", "Yulia Shcherbakova"),
        ("Юлия Щербакова", "Iuliia Shcherbakova"),
        ("Дана Исаева", "Dana Issayeva"),
        ("Гриневич Алесь", "Ales Hrynevich"),
        ("Bolat Omarov", "Omarov Bolat"),
    ],
)
def test_one_name_in_two_scripts_or_orders_is_similar(left, right):
    assert similarity(left, right) >= SIMILAR


@pytest.mark.parametrize(("left", "right"), [("Дана Исаева", "Bolat Omarov"), ("Deniz Aksoy", "Baran Kaya"), ("", "X")])
def test_different_names_are_not_similar(left, right):
    assert similarity(left, right) < SIMILAR


def test_skeleton_merges_romanisation_variants():
    assert skeleton("Yulia Shcherbakova") == skeleton("Юлия Щербакова") == "ula serbakova"
