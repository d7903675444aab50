"""Build exchange-format reports for tests: small functions, not ORM factories.

The people, organisations and texts are invented for the tests.
"""

import copy
import json
from pathlib import Path

TEXT = (
    "Police in Almaty detained Dana Issayeva and Bolat Omarov of the Steppe Women's Circle on "
    "Friday after a picket. On Saturday a court sentenced both to 10 days of administrative arrest. "
    "Issayeva was fined 30 MCI in 2023. The circle has been refused registration since 2019."
)

ACT = {
    "victim": "Dana Issayeva",
    "victim_kind": "person",
    "victim_count": 1,
    "type": "detention",
    "date": "2025-03-07",
    "date_precision": "day",
    "duration_days": None,
    "amount": None,
    "currency": None,
    "country": "KZ",
    "place": "Almaty",
    "perpetrator": "police",
    "legal_basis": None,
    "incident": "kz-2025-03-07-issayeva-detention",
}


def act(**changes) -> dict:
    """Return an exchange-format act, the detention of Dana Issayeva unless changed."""
    return {**copy.deepcopy(ACT), **changes}


def report_dict(report_id: str = "kz-2025-03-testpost-circle", **source_changes) -> dict:
    """Return a report with a detention, two arrests of 10 days, a fine, a registration denial."""
    return {
        "id": report_id,
        "source": {
            "file": f"{report_id}.json",
            "url": "https://testpost.example/2025/03/circle",
            "title": "Two members of a women's circle detained in Almaty",
            "publisher": "Test Post",
            "published": "2025-03-10",
            "language": "en",
            **source_changes,
        },
        "acts": [
            act(),
            act(victim="Bolat Omarov", incident="kz-2025-03-07-omarov-detention"),
            act(
                type="administrative_detention",
                date="2025-03-08",
                duration_days=10,
                perpetrator="court",
                incident="kz-2025-03-08-issayeva-arrest",
            ),
            act(
                victim="Bolat Omarov",
                type="administrative_detention",
                date="2025-03-08",
                duration_days=10,
                perpetrator="court",
                incident="kz-2025-03-08-omarov-arrest",
            ),
            act(
                type="fine",
                date="2023",
                date_precision="year",
                amount=30,
                currency="KZT-MCI",
                place=None,
                perpetrator="court",
                legal_basis="article 488 of the Administrative Code",
                incident="kz-2023-issayeva-fine",
            ),
            act(
                victim="Steppe Women's Circle",
                victim_kind="organization",
                victim_count=None,
                type="registration_denial",
                date="2019",
                date_precision="year",
                place=None,
                perpetrator="government",
                incident="kz-2019-circle-registration-denial",
            ),
            act(
                victim=None,
                victim_kind="group",
                victim_count=12,
                date="2025-03-07",
                incident="kz-2025-03-07-picket-group-detention",
            ),
        ],
        "interventions": [{"by": "Steppe Rights Bureau", "type": "statement"}],
    }


def write_report(folder: Path, data: dict, name: str | None = None) -> Path:
    """Write a report as JSON into a folder and return the file's path."""
    path = folder / (name or f"{data['id']}.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
