"""Measure how fast and how well a new name is checked against the people and organisations recorded.

    .venv/bin/python bench/names.py [--people 100000] [--organisations 20000] [--queries 200]
                                    [--keep DIR] [--database-url postgres://…]

Fills a database with invented people (distinct first and last names built from syllables, a
third of them also recorded with a Cyrillic alias) and organisations (two or three invented words
and a kind, a third recorded under a legal form), builds the search index with the real service,
then times `records.selectors.party_suggestions` — what the review page and the "Check a name"
page call — for new names: recorded names written in the other script, with another
romanisation, in a Russian case form, the surname alone, an organisation's acronym or its name
without (or with another) legal form, and names recorded nowhere. Prints the median and 95th
percentile in milliseconds, matches per second, and how often the recorded party was among the
suggestions. Target (issue 6): under 50 ms against 100,000 people.

SQLite by default (a fresh database in a temporary folder, or --keep DIR); with --database-url,
the tables are made by `vigil migrate` in that PostgreSQL database and filled once (a database
that already holds the invented records is reused as it is).
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
ORGANISATION_KINDS = ["Initiative", "Centre", "Network", "Alliance", "Bureau", "Coalition", "Union", "Institute"]
LEGAL_FORMS = [("Public Association", "ОО"), ("Public Foundation", "ОФ")]
LATIN_TO_CYRILLIC = [
    ("zh", "ж"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("ay", "ай"), ("ia", "ия"), ("ai", "ай"),
    ("a", "а"), ("b", "б"), ("d", "д"), ("e", "е"), ("g", "г"), ("i", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"),
    ("y", "ы"), ("z", "з"),
]  # fmt: skip
EDITOR = "bench-editor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", help="a folder to keep the SQLite data in (reused when it holds a database already)")
    parser.add_argument("--database-url", help="a PostgreSQL database to fill and measure instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vigil-bench-names-") as temporary:
        folder = Path(args.keep or temporary)
        env = {**os.environ, "VIGIL_DATA_DIR": str(folder / "data")}
        env.pop("DATABASE_URL", None)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        vigil = str(Path(sys.executable).with_name("vigil"))
        subprocess.run([vigil, "migrate"], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        generate = [sys.executable, __file__, "--generate", str(args.people), str(args.organisations)]
        if subprocess.run(generate, env=env, check=True, capture_output=True, text=True).stdout.strip() == "generated":
            print(f"generated and indexed in {time.perf_counter() - started:.0f} s")
        subprocess.run([sys.executable, __file__, "--measure", str(args.queries)], env=env, check=True)


def word(rng: random.Random, syllables: int, ending: str = "") -> str:
    text = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
    return (text + ending).capitalize()


def name(rng: random.Random) -> str:
    return f"{word(rng, rng.choice((1, 2)))} {word(rng, rng.choice((1, 2)), rng.choice(ENDINGS))}"


def organisation_name(rng: random.Random) -> str:
    words = [word(rng, rng.choice((2, 3))) for _ in range(rng.choice((2, 3)))]
    return " ".join([*words, rng.choice(ORGANISATION_KINDS)])


def cyrillic(latin: str) -> str:
    words = []
    for part in latin.lower().split():
        for old, new in LATIN_TO_CYRILLIC:
            part = part.replace(old, new)
        words.append(part.capitalize())
    return " ".join(words)


def declined(latin: str) -> str:
    """Return a Cyrillic name in the instrumental case, as a Russian text writes "with …" ("с Жанаром Секербаевой")."""
    words = []
    for part in cyrillic(latin).split():
        if part.endswith("а"):
            words.append(part[:-1] + "ой")
        elif part.endswith("ия"):
            words.append(part[:-1] + "ей")
        elif part[-1] not in "аеиоуыэюяй":
            words.append(part + "ом")
        else:
            words.append(part)
    return " ".join(words)


def acronym(organisation: str) -> str:
    return "".join(part[0] for part in organisation.split()).upper()


def generate(people_total: int, organisations_total: int) -> None:
    """Write the people and organisations in bulk, then index them with the real service (once per database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from vigil.records.models import Organisation, OrganisationAlias, Person, PersonAlias
    from vigil.records.services import search_rebuild, user_create

    if get_user_model().objects.filter(username=EDITOR).exists():
        return
    rng = random.Random(2026)  # noqa: S311 (invented names, not secrets)
    names = list(dict.fromkeys(name(rng) for _ in range(people_total * 2)))[:people_total]
    organisations = list(dict.fromkeys(organisation_name(rng) for _ in range(organisations_total * 2)))
    with transaction.atomic():
        people = Person.objects.bulk_create(Person(name=n) for n in names)
        PersonAlias.objects.bulk_create(PersonAlias(person=p, name=cyrillic(p.name)) for p in people[::3])
        recorded = Organisation.objects.bulk_create(
            Organisation(name=f"{LEGAL_FORMS[i % 2][0]} {n}" if i % 3 == 0 else n)
            for i, n in enumerate(organisations[:organisations_total])
        )
        OrganisationAlias.objects.bulk_create(
            OrganisationAlias(organisation=o, name=cyrillic(o.name)) for o in recorded[1::3]
        )
    search_rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would, in time: the planner's estimates of the new rows
    user_create(username=EDITOR, password="bench-" + "password-long-enough", role="editor")
    print("generated")


def measure(queries: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from vigil.records.models import Organisation, Person
    from vigil.records.selectors import party_suggestions

    editor = get_user_model().objects.get(username=EDITOR)
    rng = random.Random(7)  # noqa: S311
    people = list(Person.objects.order_by("?").values_list("pk", "name")[:queries])
    organisations = list(Organisation.objects.order_by("?").values_list("pk", "name")[:queries])
    bare = {form for form, _ in LEGAL_FORMS}

    def without_form(recorded: str) -> str:
        return next((recorded.removeprefix(f + " ") for f in bare if recorded.startswith(f + " ")), recorded)

    kinds = {
        "in Cyrillic": (people, False, cyrillic),
        "another romanisation": (people, False, lambda n: n.replace("y", "i").replace("kh", "h").replace("zh", "j")),
        "Russian case form": (people, False, declined),
        "surname only": (people, False, lambda n: n.split()[-1]),
        "recorded nowhere": (people, False, lambda n: name(rng) + "x"),
        "org. acronym": (organisations, True, lambda n: acronym(without_form(n))),
        "org. legal form": (  # the bare name for one recorded with a form; "ОО «…»" for one recorded without
            organisations,
            True,
            lambda n: without_form(n) if without_form(n) != n else f"ОО «{n}»",
        ),
    }
    database = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(
        f"{Person.objects.count()} people and {Organisation.objects.count()} organisations recorded, {database}; "
        f"{queries} queries of each kind"
    )
    print(f"{'query':<22} {'median ms':>10} {'p95 ms':>8} {'per s':>7} {'found':>7}")
    for label, (parties, organisation, alter) in kinds.items():
        times, found = [], 0
        for pk, recorded in parties:
            new = alter(recorded)
            started = time.perf_counter()
            suggestions = party_suggestions(new, user=editor, organisation=organisation)
            times.append((time.perf_counter() - started) * 1000)
            found += any(s.party.pk == pk for s in suggestions)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        share = "-" if label == "recorded nowhere" else f"{found / len(parties):.0%}"
        rate = len(times) / (sum(times) / 1000)
        print(f"{label:<22} {statistics.median(times):>10.1f} {p95:>8.1f} {rate:>7.0f} {share:>7}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure":
        measure(int(sys.argv[2]))
    else:
        main()
