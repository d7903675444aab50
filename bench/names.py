"""Measure how fast a new name is checked against the people already recorded, across scripts.

    .venv/bin/python bench/names.py [--people 100000] [--queries 200] [--keep DIR]

Fills a fresh SQLite database with invented people (distinct first and last names built from
syllables, a third of them also recorded with a Cyrillic alias), builds the search index with
the real service, then times `records.selectors.party_suggestions` — what the review page calls
to suggest that a victim may already be recorded — for new names: recorded names written in the
other script, with another romanisation, or with only the surname, and names recorded nowhere.
Prints the median and 95th percentile in milliseconds, and how often the recorded person was
among the suggestions. Target (issue 6): under 50 ms against 100,000 people.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONSETS = ["b", "d", "g", "k", "l", "m", "n", "r", "s", "t", "zh", "sh", "ch", "kh", "v", "z", "a", "ai", "e", "u"]
VOWELS = ["a", "e", "i", "o", "u", "ay", "ia"]
CODAS = ["", "n", "r", "l", "t", "k", "m", "s"]
ENDINGS = ["ova", "ev", "ov", "ina", "bek", "uly", "kyzy", "enko", "idze", "yan"]
LATIN_TO_CYRILLIC = [
    ("zh", "ж"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("ay", "ай"), ("ia", "ия"), ("ai", "ай"),
    ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("g", "г"), ("i", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("y", "ы"), ("z", "з"),
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", help="a folder to keep the data in (reused when it holds a database already)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-names-") as temporary:
        folder = Path(args.keep or temporary)
        env = {**os.environ, "VIGIL_DATA_DIR": str(folder / "data")}
        env.pop("DATABASE_URL", None)
        vigil = str(Path(sys.executable).with_name("vigil"))
        if not (folder / "data" / "vigil.sqlite3").exists():
            subprocess.run([vigil, "migrate"], env=env, check=True, capture_output=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--generate", str(args.people)], env=env, check=True)
            print(f"generated and indexed in {time.perf_counter() - started:.0f} s")
        subprocess.run([sys.executable, __file__, "--measure", str(args.queries)], env=env, check=True)


def name(rng: random.Random) -> str:
    def word(syllables: int, ending: str = "") -> str:
        text = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
        return (text + ending).capitalize()

    return f"{word(rng.choice((1, 2)))} {word(rng.choice((1, 2)), rng.choice(ENDINGS))}"


def cyrillic(latin: str) -> str:
    words = []
    for part in latin.lower().split():
        for old, new in LATIN_TO_CYRILLIC:
            part = part.replace(old, new)
        words.append(part.capitalize())
    return " ".join(words)


def generate(total: int) -> None:
    """Write the people in bulk, a third with a Cyrillic alias, then index them with the real service."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.db import transaction

    from vigil.records.models import Person, PersonAlias
    from vigil.records.services import search_rebuild, user_create

    rng = random.Random(2026)  # noqa: S311 (invented names, not secrets)
    names = list(dict.fromkeys(name(rng) for _ in range(total * 2)))[:total]
    with transaction.atomic():
        people = Person.objects.bulk_create(Person(name=n) for n in names)
        PersonAlias.objects.bulk_create(PersonAlias(person=p, name=cyrillic(p.name)) for p in people[::3])
    search_rebuild()
    user_create(username="bench-editor", password="bench-" + "password-long-enough", role="editor")


def measure(queries: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from vigil.records.models import Person
    from vigil.records.selectors import party_suggestions

    editor = get_user_model().objects.get(username="bench-editor")

    rng = random.Random(7)  # noqa: S311
    people = list(Person.objects.order_by("?").values_list("pk", "name")[:queries])
    kinds = {
        "in Cyrillic": lambda n: cyrillic(n),
        "another romanisation": lambda n: n.replace("y", "i").replace("kh", "h").replace("zh", "j"),
        "surname only": lambda n: n.split()[-1],
        "recorded nowhere": lambda n: name(rng) + "x",
    }
    print(f"{Person.objects.count()} people recorded, SQLite; {len(people)} queries of each kind")
    print(f"{'query':<22} {'median ms':>10} {'p95 ms':>8} {'found':>7}")
    for label, alter in kinds.items():
        times, found = [], 0
        for pk, recorded in people:
            started = time.perf_counter()
            suggestions = party_suggestions(alter(recorded), user=editor)
            times.append((time.perf_counter() - started) * 1000)
            found += any(s.party.pk == pk for s in suggestions)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        share = "-" if label == "recorded nowhere" else f"{found / len(people):.0%}"
        print(f"{label:<22} {statistics.median(times):>10.1f} {p95:>8.1f} {share:>7}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(int(sys.argv[2]))
    else:
        main()
