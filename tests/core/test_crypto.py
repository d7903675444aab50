"""The pure field encryption: envelopes, keyrings and key files (no Django)."""

import base64
import os
import subprocess
import sys

import pytest

from vigil.core import crypto

AAD = crypto.context("records_person", "contact_details", 7)


def ring(*ids: str) -> crypto.Keyring:
    return crypto.Keyring({key_id: os.urandom(32) for key_id in ids}, "the test keyring")


def test_a_sealed_value_opens_to_the_same_text_and_shows_none_of_it():
    keyring = ring("aa", "bb")
    envelope = crypto.seal("Улица Абая 12, кв. 3", keyring=keyring, aad=AAD)
    assert envelope.startswith("enc1:bb:")
    assert "Абая".encode() not in envelope.encode()
    assert crypto.open_envelope(envelope, keyring=keyring, aad=AAD) == "Улица Абая 12, кв. 3"


def test_the_same_text_sealed_twice_differs():
    keyring = ring("aa")
    assert crypto.seal("x", keyring=keyring, aad=AAD) != crypto.seal("x", keyring=keyring, aad=AAD)


def test_a_value_moved_to_another_row_or_column_fails_to_open():
    keyring = ring("aa")
    envelope = crypto.seal("secret", keyring=keyring, aad=AAD)
    for other in (
        crypto.context("records_person", "contact_details", 8),
        crypto.context("records_act", "place_of_detention", 7),
    ):
        with pytest.raises(crypto.NotOpened, match="fails authentication"):
            crypto.open_envelope(envelope, keyring=keyring, aad=other)


def test_a_flipped_bit_fails_closed():
    keyring = ring("aa")
    envelope = crypto.seal("secret value", keyring=keyring, aad=AAD)
    key_id, payload = crypto.parse(envelope)
    damaged = bytearray(payload)
    damaged[-1] ^= 1
    tampered = f"enc1:{key_id}:{base64.urlsafe_b64encode(bytes(damaged)).decode()}"
    with pytest.raises(crypto.NotOpened):
        crypto.open_envelope(tampered, keyring=keyring, aad=AAD)


def test_a_wrong_key_under_the_same_id_fails_closed():
    envelope = crypto.seal("secret", keyring=ring("aa"), aad=AAD)
    with pytest.raises(crypto.NotOpened, match="different key under id 'aa'"):
        crypto.open_envelope(envelope, keyring=ring("aa"), aad=AAD)


def test_a_missing_key_names_its_id_and_what_to_do():
    envelope = crypto.seal("secret", keyring=ring("aa"), aad=AAD)
    with pytest.raises(crypto.KeyMissing, match="field key 'aa' is not in the test keyring: restore the key file"):
        crypto.open_envelope(envelope, keyring=ring("bb"), aad=AAD)


@pytest.mark.parametrize("stored", ["plain text", "enc1:aa", "enc1:aa:!!!", "enc1:aa:AAAA"])
def test_anything_but_an_envelope_is_refused(stored):
    with pytest.raises(crypto.NotOpened):
        crypto.open_envelope(stored, keyring=ring("aa"), aad=AAD)


def test_old_keys_still_open_their_values_after_a_key_is_added():
    keyring = ring("aa")
    old = crypto.seal("before", keyring=keyring, aad=AAD)
    newer = crypto.add_key(keyring)
    assert newer.newest != "aa" and list(newer.keys)[0] == "aa"
    assert crypto.open_envelope(old, keyring=newer, aad=AAD) == "before"
    assert crypto.key_id_of(crypto.seal("after", keyring=newer, aad=AAD)) == newer.newest


def test_key_file_round_trip_with_mode_0600(tmp_path):
    path = tmp_path / "field-keys"
    keyring = crypto.add_key(crypto.add_key(crypto.Keyring()))
    crypto.write_key_file(path, keyring)
    assert path.stat().st_mode & 0o777 == 0o600
    assert crypto.read_key_file(path).keys == keyring.keys


def test_a_key_file_others_may_read_is_refused(tmp_path):
    path = tmp_path / "field-keys"
    crypto.write_key_file(path, crypto.add_key(crypto.Keyring()))
    path.chmod(0o644)
    with pytest.raises(crypto.CryptoError, match="may be read by other users: run `chmod 600"):
        crypto.read_key_file(path)


def test_a_missing_key_file_is_reported_not_created(tmp_path):
    with pytest.raises(crypto.KeyMissing, match="does not exist: restore it from your backup"):
        crypto.read_key_file(tmp_path / "field-keys")
    assert not (tmp_path / "field-keys").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("aa", "expected '<key id> <base64 key>'"),
        ("aa not-base64!", "not base64"),
        ("aa " + base64.b64encode(b"short").decode(), "must be 32 bytes, not 5"),
        (f"aa {base64.b64encode(bytes(32)).decode()}\naa {base64.b64encode(bytes(32)).decode()}", "appears twice"),
    ],
)
def test_a_damaged_keyring_says_which_entry(text, message):
    with pytest.raises(crypto.CryptoError, match=message):
        crypto.parse_keyring(text, where="VIGIL_FIELD_KEYS")


def test_the_environment_form_lists_keys_newest_last():
    one, two = (base64.b64encode(os.urandom(32)).decode() for _ in range(2))
    assert crypto.parse_keyring(f"k1:{one},k2:{two}", where="env").newest == "k2"


def test_merging_refuses_two_keys_under_one_id():
    with pytest.raises(crypto.CryptoError, match="names different keys"):
        crypto.merge(ring("aa"), ring("aa"))
    ours = ring("aa")
    assert list(crypto.merge(ours, crypto.Keyring({**ours.keys, **ring("bb").keys})).keys) == ["aa", "bb"]


def test_crypto_stays_free_of_django():
    code = "import sys, vigil.core.crypto; assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)
