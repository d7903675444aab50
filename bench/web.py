"""Measure the workspace's pages over real HTTP on a database of 100,000 acts: median and 95th percentile.

    .venv/bin/python bench/web.py [--acts 100000] [--requests 60] [--threads 4] [--role editor|viewer] [--keep DIR]

Generates invented sources, events, acts, people and organisations straight into a fresh SQLite
database (bulk inserts), builds the search index with the real service (records.services.search_rebuild),
then starts the real server (`vigil serve`, waitress) on loopback, logs in as a documenter and
requests each page kind in turn over one kept-alive connection: the act list (plain, filtered, deep
pages), search (full text), a person's page and an event's page (different records each request).
Prints the median and 95th percentile in milliseconds per page kind. Target: median under 100 ms,
p95 under 300 ms.
"""

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

VIGIL = str(Path(sys.executable).with_name("vigil"))
PASSWORD = "bench-" + "password-long-enough"  # a throwaway login of a throwaway database
FIRST = [
    "Dana",
    "Bolat",
    "Aliya",
    "Timur",
    "Saule",
    "Marat",
    "Aigerim",
    "Nurlan",
    "Zhanna",
    "Erlan",
    "Olga",
    "Pavel",
    "Deniz",
    "Baran",
    "Nino",
    "Giorgi",
    "Leyla",
    "Rashad",
    "Ales",
    "Maryia",
    "Amina",
    "Yusuf",
    "Irina",
    "Sergei",
]
LAST = [
    "Issayeva",
    "Omarov",
    "Bekova",
    "Sadykov",
    "Zhakupova",
    "Seitkali",
    "Akhmetova",
    "Kassymov",
    "Petrova",
    "Ivanov",
    "Aksoy",
    "Kaya",
    "Beridze",
    "Kapanadze",
    "Mammadova",
    "Aliyev",
    "Hrynevich",
    "Bialiatskaya",
    "Nurlanova",
    "Tokayeva",
    "Abenov",
    "Smirnova",
    "Kuznetsov",
    "Volkova",
    "Orlov",
    "Yusupova",
    "Karimov",
]
CYRILLIC = {
    "Dana": "Дана",
    "Bolat": "Болат",
    "Saule": "Сауле",
    "Marat": "Марат",
    "Olga": "Ольга",
    "Pavel": "Павел",
    "Irina": "Ирина",
    "Sergei": "Сергей",
    "Issayeva": "Исаева",
    "Omarov": "Омаров",
    "Petrova": "Петрова",
    "Ivanov": "Иванов",
    "Smirnova": "Смирнова",
    "Kuznetsov": "Кузнецов",
    "Volkova": "Волкова",
    "Orlov": "Орлов",
}
WORDS = [
    "police",
    "detained",
    "activist",
    "court",
    "sentenced",
    "protest",
    "picket",
    "fined",
    "journalist",
    "lawyer",
    "appeal",
    "rally",
    "unauthorised",
    "gathering",
    "administrative",
    "arrest",
    "days",
    "prison",
    "charges",
    "extremism",
    "search",
    "raid",
    "office",
    "confiscated",
    "equipment",
    "released",
    "bail",
    "hearing",
    "prosecutor",
    "statement",
    "human",
    "rights",
    "defenders",
]
PLACES = {"KZ": "Almaty", "RU": "Moscow", "BY": "Minsk", "GE": "Tbilisi", "AZ": "Baku", "TR": "Istanbul",
          "KG": "Bishkek", "UZ": "Tashkent", "AM": "Yerevan", "TJ": "Dushanbe"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page kind")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads")
    parser.add_argument("--keep", help="a folder to keep the data in (reused when it holds a database already)")
    parser.add_argument(
        "--role",
        choices=("editor", "viewer"),
        default="editor",
        help="whose pages: a viewer's pass through access rules",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigil-bench-web-") as temporary:
        folder = Path(args.keep or temporary)
        env = {**os.environ, "VIGIL_DATA_DIR": str(folder / "data")}
        env.pop("DATABASE_URL", None)
        env.pop("VIGIL_DEBUG", None)
        if not (folder / "data" / "vigil.sqlite3").exists():
            subprocess.run([VIGIL, "migrate"], env=env, check=True, capture_output=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--generate", str(args.acts)], env=env, check=True)
            print(f"generated and indexed in {time.perf_counter() - started:.0f} s")
        _measure(env, args)


def _measure(env: dict[str, str], args: argparse.Namespace) -> None:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [VIGIL, "serve", "--port", str(port), "--threads", str(args.threads)],
        env={**env, "VIGIL_LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = _Client("127.0.0.1", port)
        client.wait()
        client.login(f"bench-{args.role}", PASSWORD)
        ids = _ids(env)
        rng = random.Random(7)  # noqa: S311 (invented data, not secrets)
        surnames = list(LAST)
        pages = {
            "acts list": lambda i: "/acts/",
            "acts list, filtered": lambda i: (
                f"/acts/?country={list(PLACES)[i % 10]}&type=detention&date_from=2019-01-01&date_to=2024-12-31"
            ),
            "acts list, page 400": lambda i: f"/acts/?page={400 + i}",
            "acts list, words": lambda i: f"/acts/?q={surnames[i % len(surnames)]}",
            "events list": lambda i: "/events/",
            "people list": lambda i: "/people/",
            "search": lambda i: f"/search/?q={urllib.parse.quote(surnames[i % len(surnames)])}",
            "search, two words": lambda i: f"/search/?q=police+{surnames[i % len(surnames)]}",
            "search, common word": lambda i: f"/search/?q={['police', 'court', 'detained'][i % 3]}",
            "person page": lambda i: f"/people/{rng.choice(ids['people'])}/",
            "event page": lambda i: f"/events/{rng.choice(ids['events'])}/",
        }
        print(
            f"{ids['acts']} acts, {len(ids['people'])} people, {len(ids['events'])} events, SQLite (WAL), "
            f"waitress {args.threads} threads, {args.requests} requests per page after 5 to warm up, one client"
        )
        print(f"{'page':24} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'KiB':>6}")
        for name, url in pages.items():
            for i in range(5):
                client.get(url(i))
            times, size = [], 0
            for i in range(args.requests):
                elapsed, size = client.get(url(i + 5))
                times.append(elapsed * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
            print(f"{name:24} {statistics.median(times):10.1f} {p95:8.1f} {times[-1]:8.1f} {size / 1024:6.0f}")
    finally:
        server.terminate()
        server.wait()


class _Client:
    """One kept-alive HTTP connection with the session and CSRF cookies."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(host, port, timeout=60)

    def wait(self) -> None:
        for _ in range(100):
            try:
                socket.create_connection((self.host, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def request(self, method: str, url: str, body: str | None = None) -> tuple[float, int, bytes]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        if body is not None:
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}/",
            }
        started = time.perf_counter()
        self.connection.request(method, url, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return elapsed, response.status, content

    def get(self, url: str) -> tuple[float, int]:
        elapsed, status, content = self.request("GET", url)
        if status != 200:
            raise SystemExit(f"GET {url}: HTTP {status}")
        return elapsed, len(content)

    def login(self, username: str, password: str) -> None:
        _, _, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()  # type: ignore[union-attr]
        body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        _, status, _ = self.request("POST", "/login/", body)
        if status != 302:
            raise SystemExit(f"login failed: HTTP {status}")


def _ids(env: dict[str, str]) -> dict:
    code = (
        "import django, json; django.setup();"
        "from vigil.records.models import Act, Event, Person;"
        "print(json.dumps({'acts': Act.objects.count(), "
        "'people': list(Person.objects.values_list('pk', flat=True)), "
        "'events': list(Event.objects.values_list('pk', flat=True))}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "vigil.settings"},
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    import json

    return json.loads(out.stdout)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Generating the records --------------------------------------------------------------------------------


def generate(total: int) -> None:
    """Fill the database: sources of 8 acts each, one event per source, victims among a pool of people."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
    from django.db import transaction

    from vigil.records.models import (
        Act,
        ActSource,
        ActType,
        Event,
        Involvement,
        Organisation,
        PerpetratorKind,
        Person,
        Source,
    )  # fmt: skip
    from vigil.records.services import search_rebuild, user_create

    rng = random.Random(2026)  # noqa: S311
    # an editor kept out of the administration, so that a password alone logs in (no second factor)
    editor = user_create(username="bench-editor", password=PASSWORD, role="editor")
    editor.is_staff = False
    editor.save(update_fields=["is_staff"])
    user_create(username="bench-viewer", password=PASSWORD, role="viewer")
    types = list(ActType.objects.all())
    perpetrators = list(PerpetratorKind.objects.all())
    people_count, per_source = total // 5, 8
    started = time.perf_counter()
    with transaction.atomic():
        names = set()
        while len(names) < people_count:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            suffix = f" {rng.choice(LAST)[:1]}." if len(names) > len(FIRST) * len(LAST) // 2 else ""
            name = f"{first} {last}{suffix}{'' if len(names) < 600 else ' ' + str(len(names))}"
            if rng.random() < 0.2 and first in CYRILLIC and last in CYRILLIC:
                name = f"{CYRILLIC[first]} {CYRILLIC[last]}{'' if len(names) < 600 else ' ' + str(len(names))}"
            names.add(name)
        people = Person.objects.bulk_create(
            [Person(name=n, status="verified", country=rng.choice(list(PLACES))) for n in sorted(names)],
            batch_size=2000,
        )
        organisations = Organisation.objects.bulk_create(
            [Organisation(name=f"{rng.choice(LAST)} Rights Centre {i}", status="verified") for i in range(2000)],
            batch_size=2000,
        )
        sources, events, acts, reports, victims = [], [], [], [], []
        day0 = date(2015, 1, 1)
        for number in range(total // per_source):
            country = rng.choice(list(PLACES))
            when = day0 + timedelta(days=rng.randrange(3900))
            text = " ".join(rng.choice(WORDS) for _ in range(120))
            sources.append(
                Source(report_id=f"bench-{number}", title=f"Activists detained in {PLACES[country]} {number}",
                       publisher="Bench Post", url=f"https://bench.example/{number}", published=when, language="en",
                       text=text, status=rng.choice(["verified", "verified", "draft"]))
            )  # fmt: skip
            events.append(
                Event(title=f"Protest in {PLACES[country]} on {when.isoformat()}", start_date=when,
                      start_date_precision="day", country=country, place=PLACES[country], status="verified")
            )  # fmt: skip
        Source.objects.bulk_create(sources, batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
        for number, (source, event) in enumerate(zip(sources, events, strict=True)):
            for i in range(per_source):
                acts.append(
                    Act(event=event, type=rng.choice(types), date=event.start_date, date_precision="day",
                        country=event.country, place=event.place, perpetrator_kind=rng.choice(perpetrators),
                        duration_days=rng.choice([None, 10, 15]), status=source.status,
                        incident_key=f"bench-{number}-{i}")
                )  # fmt: skip
        Act.objects.bulk_create(acts, batch_size=2000)
        for index, act in enumerate(acts):
            source = sources[index // per_source]
            party = rng.choice(people) if rng.random() < 0.93 else None
            if party is not None:
                victims.append(Involvement(act=act, role="victim", person=party, status=act.status))
            else:
                victims.append(Involvement(act=act, role="victim", organisation=rng.choice(organisations),
                                           status=act.status))  # fmt: skip
                act.victim_kind = "organization"
            reports.append(ActSource(act=act, source=source, victim_name=str(party or "")))
        Involvement.objects.bulk_create(victims, batch_size=2000)
        ActSource.objects.bulk_create(reports, batch_size=2000)
        Act.objects.bulk_update([a for a in acts if a.victim_kind == "organization"], ["victim_kind"], batch_size=2000)
    print(f"{len(acts)} acts, {len(people)} people, {len(events)} events, {len(sources)} sources "
          f"written in {time.perf_counter() - started:.0f} s")  # fmt: skip
    started = time.perf_counter()
    entries = search_rebuild()
    print(f"search index: {entries} entries in {time.perf_counter() - started:.0f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(int(sys.argv[2]))
    else:
        main()
