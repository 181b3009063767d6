"""API keys: shown once, kept as a hash of the secret, found by their public id."""

from __future__ import annotations

from tessera.security.api_keys import new_api_key, parse_api_key, secret_hash, secret_matches


def test_a_new_key_parses_back_to_its_id_and_secret() -> None:
    key = new_api_key()
    presented = parse_api_key(key.plaintext)
    assert presented is not None
    assert presented.key_id == key.key_id
    assert secret_matches(presented.secret, key.secret_hash)
    assert presented.secret not in key.secret_hash
    assert key.secret_hash == secret_hash(presented.secret)


def test_keys_are_unique_and_a_wrong_secret_does_not_match() -> None:
    first, second = new_api_key(), new_api_key()
    assert first.key_id != second.key_id and first.plaintext != second.plaintext
    presented = parse_api_key(second.plaintext)
    assert presented is not None
    assert not secret_matches(presented.secret, first.secret_hash)


def test_text_not_shaped_like_a_key_is_not_one() -> None:
    key = new_api_key().plaintext
    for text in ("", "tsk_", key[:-1], key.replace("tsk_", "abc_"), key + "x", "Bearer " + key):
        assert parse_api_key(text) is None
