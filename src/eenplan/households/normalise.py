"""Normalising what people type: names for search, postcodes, dates in Dutch notation."""

import datetime as dt
import re
import unicodedata

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s?([A-Za-z]{2})\s*$")
_PC4 = re.compile(r"^\s*([1-9][0-9]{3})\s*$")


def fold(text: str) -> str:
    """Lower case without accents or repeated spaces: 'Çelik  de Bruïne' -> 'celik de bruine'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_only.lower().split())


def search_name(given_names: str, surname_prefix: str, surname: str) -> str:
    return fold(" ".join(p for p in (given_names, surname_prefix, surname) if p))


def normalise_postcode(raw: str) -> str | None:
    """'3561 ab' -> '3561AB'; None when it is not a Dutch postcode."""
    match = _POSTCODE.match(raw or "")
    if not match:
        return None
    return match.group(1) + match.group(2).upper()


def postcode_prefix(raw: str) -> str | None:
    """A full postcode or its four digits, for search."""
    full = normalise_postcode(raw)
    if full:
        return full
    match = _PC4.match(raw or "")
    return match.group(1) if match else None


def parse_dutch_date(raw: str) -> dt.date | None:
    """Accepts 31-12-1980, 31/12/1980, 31.12.1980 and 1980-12-31."""
    text = (raw or "").strip()
    for pattern in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
