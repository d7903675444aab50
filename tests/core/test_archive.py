import hashlib

import pytest

from vigil.core.archive import Archive, ArchiveError


def test_archive_keeps_bytes_under_their_sha256(tmp_path):
    archive = Archive(tmp_path)
    content = "Задержали активистку в Алматы".encode()
    stored = archive.put(content)
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert stored.size == len(content)
    assert archive.get(stored.sha256) == content
    assert archive.path(stored.sha256).relative_to(tmp_path).parts[:2] == (stored.sha256[:2], stored.sha256[2:4])


def test_storing_the_same_bytes_twice_keeps_one_file(tmp_path):
    archive = Archive(tmp_path)
    assert archive.put(b"same") == archive.put(b"same")
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [hashlib.sha256(b"same").hexdigest()]


def test_an_altered_original_is_detected(tmp_path):
    archive = Archive(tmp_path)
    stored = archive.put(b"original article")
    path = archive.path(stored.sha256)
    path.chmod(0o640)
    path.write_bytes(b"edited article")
    with pytest.raises(ArchiveError, match="no longer matches its hash"):
        archive.get(stored.sha256)


def test_a_missing_original_is_reported(tmp_path):
    with pytest.raises(ArchiveError, match="missing"):
        Archive(tmp_path).get("0" * 64)


def test_only_hex_digests_name_files(tmp_path):
    with pytest.raises(ValueError, match="not a SHA-256"):
        Archive(tmp_path).path("../../etc/passwd")
