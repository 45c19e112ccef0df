"""Import gemeente Utrecht, its wijken, buurten and PC4 areas from the CBS files in `data/`.

Sources and licences: data/SOURCES.md. Running the import again updates the same rows.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from eenplan.areas.models import District, Municipality, Neighbourhood, PostcodeArea

DATA_DIR = Path(__file__).resolve().parent / "data"
KWB_FILE = DATA_DIR / "kwb2023_gemeente_utrecht_GM0344.csv"
DISTRICTS_FILE = DATA_DIR / "wijken_2024_utrecht.geojson"
PC4_FILE = DATA_DIR / "pc4_utrecht_2014_4pp.csv"

UTRECHT_CODE = "GM0344"
UTRECHT_NAME = "Utrecht"

# CBS names wijken "Wijk 03 Overvecht"; people say "Overvecht".
_WIJK_PREFIX = re.compile(r"^Wijk\s+\d+\s+")
# A non-negative figure, maybe with decimals (g_hhgro is "1.9"); anything else is unknown.
_NUMBER = re.compile(r"^\s*(\d{1,12}(?:[.,]\d+)?)\s*$")


def parse_count(raw: str | None) -> int | None:
    """A CBS figure as a whole number. '.' (unknown or kept secret) and empty give None."""
    match = _NUMBER.match(raw or "")
    if not match:
        return None
    return round(float(match.group(1).replace(",", ".")))


def parse_pc4(raw: str | None) -> str:
    text = (raw or "").strip()
    return text if len(text) == 4 and text.isdigit() and text[0] != "0" else ""


def district_name(cbs_name: str) -> str:
    return _WIJK_PREFIX.sub("", cbs_name.strip()) or cbs_name.strip()


def kwb_rows(path: Path = KWB_FILE) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def district_geometries(path: Path = DISTRICTS_FILE) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        collection = json.load(fh)
    return {
        feature["properties"]["statcode"]: feature["geometry"]
        for feature in collection["features"]
        if feature["properties"].get("gemeentecode") == UTRECHT_CODE
    }


@dataclass(frozen=True)
class ImportResult:
    districts: int
    neighbourhoods: int
    postcodes: int
    postcodes_linked: int


@transaction.atomic
def import_utrecht_areas() -> ImportResult:
    """Create or update gemeente Utrecht with its 10 wijken, 111 buurten and PC4 areas."""
    rows = list(kwb_rows())
    geometries = district_geometries()
    municipality, _ = Municipality.objects.update_or_create(
        code=UTRECHT_CODE, defaults={"name": UTRECHT_NAME}
    )
    districts: dict[str, District] = {}
    for row in rows:
        if row["recs"] != "Wijk":
            continue
        code = row["gwb_code"]
        districts[code], _ = District.objects.update_or_create(
            code=code,
            defaults={
                "name": district_name(row["regio"]),
                "municipality": municipality,
                "inhabitants": parse_count(row["a_inw"]),
                "geometry": geometries.get(code),
            },
        )
    neighbourhoods: list[Neighbourhood] = []
    for row in rows:
        if row["recs"] != "Buurt":
            continue
        # BU03440311 lies in WK034403: the buurt code is the wijk code plus two digits.
        district_code = "WK" + row["gwb_code"][2:8]
        neighbourhood, _ = Neighbourhood.objects.update_or_create(
            code=row["gwb_code"],
            defaults={
                "name": row["regio"].strip(),
                "district": districts[district_code],
                "inhabitants": parse_count(row["a_inw"]),
                "households": parse_count(row["a_hh"]),
                "social_assistance_recipients": parse_count(row["a_soz_wb"]),
                "corporation_housing_percentage": parse_count(row["p_wcorpw"]),
                "most_common_postcode": parse_pc4(row["pst_mvp"]),
            },
        )
        neighbourhoods.append(neighbourhood)

    by_pc4: dict[str, Neighbourhood] = {}
    for neighbourhood in neighbourhoods:
        pc4 = neighbourhood.most_common_postcode
        if not pc4:
            continue
        current = by_pc4.get(pc4)
        if current is None or (neighbourhood.inhabitants or 0) > (current.inhabitants or 0):
            by_pc4[pc4] = neighbourhood

    postcodes = linked = 0
    with PC4_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            pc4 = parse_pc4(row["pc4"])
            # PO box-only postcodes have no homes.
            if not pc4 or row["gemeentecode"] != UTRECHT_CODE or "Adres" not in row["soort"]:
                continue
            target = by_pc4.get(pc4)
            PostcodeArea.objects.update_or_create(
                pc4=pc4,
                defaults={
                    "place": row["woonplaats"].strip(),
                    "municipality": municipality,
                    "neighbourhood": target,
                },
            )
            postcodes += 1
            linked += target is not None
    return ImportResult(
        districts=len(districts),
        neighbourhoods=len(neighbourhoods),
        postcodes=postcodes,
        postcodes_linked=linked,
    )
