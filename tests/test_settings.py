import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection


def test_the_suite_uses_a_data_directory_of_its_own():
    assert Path(settings.DATA_DIR).is_relative_to(Path(tempfile.gettempdir()))
    assert (Path(settings.DATA_DIR) / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys():
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
        assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert Path(settings.DATABASES["default"]["NAME"]).is_relative_to(settings.DATA_DIR)


def test_passwords_are_hashed_with_argon2():
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
