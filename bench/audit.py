"""Measure the audit trail: appends per second, and entries verified per second.

    .venv/bin/python bench/audit.py [--entries 20000]

Appends invented entries through the real service (audit.services.record_event) in one
transaction to a fresh SQLite database in a temporary data directory (never a real trail:
DATABASE_URL and VIGIL_DATA_DIR are ignored), then checks the whole chain with the real selector
(audit.selectors.chain_verify) and prints both rates.
"""

import argparse
import os
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20000)
    entries = parser.parse_args().entries
    os.environ["VIGIL_DATA_DIR"] = tempfile.mkdtemp(prefix="vigil-bench-audit-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("VIGIL_AUDIT_KEY", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "vigil.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from vigil.audit.selectors import chain_verify
    from vigil.audit.services import record_event

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(entries):
            record_event(
                actor=None, action="change", target=("records.act", n), fields={"status": "verified", "place": "X"}
            )
    appended = time.perf_counter()
    outcome = chain_verify()
    verified = time.perf_counter()
    print(f"{connection.vendor}: {entries} entries appended at {entries / (appended - started):,.0f}/s")
    print(f"{outcome.checked} verified at {outcome.checked / (verified - appended):,.0f}/s, broken: {outcome.broken}")


if __name__ == "__main__":
    main()
