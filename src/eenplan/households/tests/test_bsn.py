import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from eenplan.households.bsn import (
    bsn_pseudonym,
    decrypt_bsn,
    encrypt_bsn,
    is_valid_bsn,
    mask_bsn,
    normalise_bsn,
    validate_bsn,
)


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "000000000", "12345678", "1234567820", "abcdefghi"])
def test_invalid_bsns_fail(bsn):
    assert not is_valid_bsn(bsn)


def test_validate_gives_dutch_codes_and_normalises():
    assert validate_bsn("1112.22.333") == "111222333"
    assert validate_bsn("12345611") == "012345611"  # the leading zero people drop
    with pytest.raises(ValidationError) as info:
        validate_bsn("123456789")
    assert info.value.code == "bsn_elfproef"
    with pytest.raises(ValidationError) as info:
        validate_bsn("12")
    assert info.value.code == "bsn_length"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_elfproef_matches_definition(digits):
    total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    assert is_valid_bsn(digits) == (total % 11 == 0 and digits != "000000000")


@given(st.text(max_size=20))
def test_normalise_never_crashes(raw):
    assert isinstance(normalise_bsn(raw), str)


def test_encryption_round_trip_hides_the_number():
    token = encrypt_bsn("111222333")
    assert "111222333" not in token
    assert decrypt_bsn(token) == "111222333"
    assert encrypt_bsn("111222333") != token  # random IV: equal numbers do not look equal


def test_pseudonym_is_stable_keyed_and_not_the_number(settings):
    first = bsn_pseudonym("111222333")
    assert first == bsn_pseudonym("111222333")
    assert "111222333" not in first
    settings.BSN_PSEUDONYM_KEY = "another-key"
    assert bsn_pseudonym("111222333") != first


def test_mask_shows_last_four_only():
    assert mask_bsn("111222333") == "●●●●●2333"
