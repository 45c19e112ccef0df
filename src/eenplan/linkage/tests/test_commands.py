import csv
import dataclasses

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eenplan.households.models import Resident
from eenplan.linkage import synthetic
from eenplan.linkage.models import LinkageModel, LinkLabel
from eenplan.linkage.records import COLUMNS, record_to_row
from eenplan.linkage.services import record_identity
from eenplan.organisations.tests.factories import UserFactory

from .conftest import resident_from


def write_csv(path, records, *, extra_rows=(), delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=delimiter)
        writer.writeheader()
        for record in records:
            writer.writerow(record_to_row(record))
        for row in extra_rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return path


def read_links(path):
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["links_id", "rechts_id", "kans"]
        return [(row["links_id"], row["rechts_id"], float(row["kans"])) for row in reader]


@pytest.fixture(scope="module")
def dataset():
    return synthetic.generate(400, 300, seed=13)


@pytest.mark.django_db
def test_koppel_links_two_files_and_reports_bad_fields(tmp_path, dataset, capsys):
    left = write_csv(
        tmp_path / "links.csv",
        dataset.signals,
        extra_rows=[
            {"id": "bad", "achternaam": "Jansen", "geboortedatum": "1980-02-31", "postcode": "12"},
            {"id": "", "achternaam": "Zonder Id"},
        ],
    )
    right = write_csv(tmp_path / "rechts.csv", dataset.register, delimiter=";")
    out = tmp_path / "koppelingen.csv"
    call_command("koppel", str(left), str(right), "--uit", str(out))
    links = read_links(out)
    scores = synthetic.pairwise_scores({(a, b) for a, b, _ in links}, dataset.true_pairs())
    assert scores["precision"] >= 0.98
    assert scores["recall"] >= 0.95
    assert all(0.0 <= kans <= 1.0 for _, _, kans in links)
    err = capsys.readouterr().err
    # Header is line 1: the 300 signals are lines 2-301, the bad row line 302.
    assert "302" in err and "geboortedatum" in err and "postcode" in err
    assert "303" in err


@pytest.mark.django_db
def test_koppel_ontdubbel_finds_duplicates_in_one_file(tmp_path, dataset):
    people = dataset.register[:200]
    copies = [
        dataclasses.replace(p, id=f"dup{p.id}", bsn="", surname=p.surname + "e")
        for p in people[:20]
    ]
    path = write_csv(tmp_path / "bestand.csv", people + copies)
    out = tmp_path / "dubbel.csv"
    call_command("koppel", str(path), "--ontdubbel", "--uit", str(out), "--drempel", "0.9")
    found = {tuple(sorted((a, b))) for a, b, _ in read_links(out)}
    expected = {tuple(sorted((p.id, f"dup{p.id}"))) for p in people[:20]}
    assert len(found & expected) >= 18
    assert len(found - expected) <= 2


@pytest.mark.django_db
def test_koppel_refuses_wrong_arguments(tmp_path, dataset):
    path = write_csv(tmp_path / "a.csv", dataset.register[:5])
    with pytest.raises(CommandError):
        call_command("koppel", str(path), "--uit", str(tmp_path / "o.csv"))
    with pytest.raises(CommandError):
        call_command(
            "koppel", str(path), str(path), "--ontdubbel", "--uit", str(tmp_path / "o.csv")
        )
    with pytest.raises(CommandError):
        call_command("koppel", str(path), "--ontdubbel", "--drempel", "2", "--uit", "o.csv")
    with pytest.raises(CommandError):
        call_command("koppel", str(tmp_path / "missing.csv"), "--ontdubbel", "--uit", "o.csv")


@pytest.mark.django_db
def test_koppelmodel_train_learns_from_register_and_labels(dataset):
    residents = Resident.objects.bulk_create([resident_from(r) for r in dataset.register[:150]])
    reviewer = UserFactory()
    resident = (
        Resident.objects.get(pk=residents[0].pk) if residents[0].pk else Resident.objects.first()
    )
    record = dataclasses.replace(dataset.register[0], id="s", given_names="J.", bsn="")
    LinkLabel.objects.create(
        record=record_identity(record), resident=resident, is_match=True, decided_by=reviewer
    )
    call_command("koppelmodel", "train", "--gebruiker", reviewer.username)
    model = LinkageModel.objects.get(is_current=True)
    assert model.record_count == 150
    assert model.label_count == 1
    assert model.trained_by == reviewer
    assert set(model.parameters["comparisons"]) == {
        "surname",
        "given_names",
        "birth_date",
        "address",
    }
    call_command("koppelmodel", "train")
    assert LinkageModel.objects.filter(is_current=True).count() == 1
    assert LinkageModel.objects.count() == 2


@pytest.mark.django_db
def test_koppelmodel_train_needs_a_register():
    with pytest.raises(CommandError):
        call_command("koppelmodel", "train")
