"""The burgerservicenummer: validation (elfproef), encryption at rest, keyed pseudonym, masking."""

import hashlib
import hmac
import re
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NON_DIGITS = re.compile(r"[\s.\-]")


def normalise_bsn(raw: str) -> str:
    """Strip spaces, dots and dashes; pad 8-digit numbers with the leading zero people drop."""
    digits = _NON_DIGITS.sub("", raw or "")
    if len(digits) == 8 and digits.isdigit():
        digits = "0" + digits
    return digits


def is_valid_bsn(bsn: str) -> bool:
    """The elfproef: 9 digits, weights 9..2 and -1, sum divisible by 11, not all zeros."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(bsn, weights, strict=True)) % 11 == 0


def validate_bsn(raw: str) -> str:
    bsn = normalise_bsn(raw)
    if len(bsn) != 9 or not bsn.isdigit():
        raise ValidationError(_("A BSN has 9 digits."), code="bsn_length")
    if not is_valid_bsn(bsn):
        raise ValidationError(
            _("This is not a valid BSN (it fails the elfproef). Check the number."),
            code="bsn_elfproef",
        )
    return bsn


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def encrypt_bsn(bsn: str) -> str:
    return _fernet(settings.BSN_ENCRYPTION_KEY).encrypt(bsn.encode()).decode()


def decrypt_bsn(token: str) -> str:
    return _fernet(settings.BSN_ENCRYPTION_KEY).decrypt(token.encode()).decode()


def bsn_pseudonym(bsn: str) -> str:
    """Keyed HMAC-SHA256: the same BSN gives the same pseudonym, without the key it says nothing."""
    return hmac.new(settings.BSN_PSEUDONYM_KEY.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def mask_bsn(bsn: str) -> str:
    return "●●●●●" + bsn[-4:] if len(bsn) == 9 else ""
