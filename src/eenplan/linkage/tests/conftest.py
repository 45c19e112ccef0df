import dataclasses

import pytest

from eenplan.households.bsn import bsn_pseudonym, encrypt_bsn
from eenplan.households.models import Resident
from eenplan.households.normalise import search_name
from eenplan.linkage import selectors, synthetic
from eenplan.linkage.records import PersonRecord


def resident_from(record: PersonRecord, *, with_bsn: bool = True) -> Resident:
    return Resident(
        given_names=record.given_names,
        surname_prefix=record.prefix,
        surname=record.surname,
        birth_date=record.birth_date,
        bsn_encrypted=encrypt_bsn(record.bsn) if with_bsn and record.bsn else "",
        bsn_pseudonym=bsn_pseudonym(record.bsn) if with_bsn and record.bsn else None,
        search_name=search_name(record.given_names, record.prefix, record.surname),
        street=record.street,
        house_number=record.house_number,
        house_number_suffix=record.house_number_suffix,
        postcode=record.postcode,
        city=record.city,
    )


@dataclasses.dataclass
class Register:
    records: list[PersonRecord]
    residents: list[Resident]

    def resident_of(self, record_id: str) -> Resident:
        return self.residents[[r.id for r in self.records].index(record_id)]


@pytest.fixture
def register(db) -> Register:
    """A small register of synthetic residents in the test database (PostgreSQL or SQLite)."""
    records = synthetic.generate_register(120, seed=21)
    residents = Resident.objects.bulk_create([resident_from(r) for r in records])
    if residents[0].pk is None:  # SQLite before 3.35 returns no ids
        residents = list(Resident.objects.order_by("id"))
    return Register(records, residents)


@pytest.fixture(autouse=True)
def _fresh_model_cache():
    selectors._parsed.cache_clear()
    yield
    selectors._parsed.cache_clear()
