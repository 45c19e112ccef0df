import dataclasses
import datetime as dt
from collections import Counter

import pytest

from eenplan.linkage import engine, synthetic
from eenplan.linkage.comparisons import COMPARISONS
from eenplan.linkage.features import person_features
from eenplan.linkage.records import PersonRecord


@pytest.fixture(scope="module")
def small_set() -> synthetic.SyntheticSet:
    return synthetic.generate(2000, 2000, seed=7)


def link(left, right, *, threshold=0.5, params=None, keep=1):
    con = engine.connect(threads=2)
    engine.load_features(con, "links", engine.records_to_arrow(left))
    tables = ["links"]
    if right is not None:
        engine.load_features(con, "rechts", engine.records_to_arrow(right))
        tables.append("rechts")
    result = engine.link_tables(
        con,
        "links",
        "rechts" if right is not None else None,
        params or engine.shipped_parameters(),
        threshold=threshold,
        prior=engine.estimate_prior(con, tables)
        if right is None
        else engine.SHARE_IN_REGISTER / len(right),
        keep=keep,
    )
    rows = con.execute(f"SELECT links_id, rechts_id, kans, bsn FROM {result.table}").fetchall()
    con.close()
    return rows


def test_links_a_synthetic_dutch_register_with_high_precision_and_recall(small_set):
    rows = link(small_set.signals, small_set.register)
    scores = synthetic.pairwise_scores({(a, b) for a, b, _, _ in rows}, small_set.true_pairs())
    assert scores["precision"] >= 0.99
    assert scores["recall"] >= 0.97
    assert scores["f1"] >= 0.98


def test_each_left_record_links_to_at_most_one_right_record(small_set):
    rows = link(small_set.signals, small_set.register)
    lefts = [a for a, _, _, _ in rows]
    assert len(lefts) == len(set(lefts))
    assert all(0 <= kans <= 1 for _, _, kans, _ in rows)


def test_twins_at_one_address_stay_apart():
    base = dict(
        prefix="de",
        surname="Jong",
        birth_date=dt.date(2001, 4, 9),
        street="Dorpsstraat",
        house_number=3,
        postcode="3561AB",
    )
    register = [
        PersonRecord(id="daan", given_names="Daan Pieter", **base),
        PersonRecord(id="sem", given_names="Sem Johannes", **base),
        *synthetic.generate_register(200, seed=3),
    ]
    signals = [
        PersonRecord(id="s-daan", given_names="Daan", **base),
        PersonRecord(id="s-sem", given_names="Sem", **{**base, "surname": "Jongh"}),
    ]
    rows = {a: b for a, b, _, _ in link(signals, register)}
    assert rows == {"s-daan": "daan", "s-sem": "sem"}


def test_a_bsn_links_with_certainty_and_different_bsns_never_link(small_set):
    person = small_set.register[0]
    same = dataclasses.replace(person, id="same", surname="Totaal Anders", birth_date=None)
    other = dataclasses.replace(person, id="other", bsn=small_set.register[1].bsn)
    rows = {a: (b, kans, bsn) for a, b, kans, bsn in link([same, other], small_set.register)}
    assert rows["same"] == (person.id, 1.0, True)
    # Everything agrees with `person` but the BSN, which is someone else's: no probabilistic link.
    assert rows["other"][0] != person.id


def test_dedupe_finds_pairs_within_one_file(small_set):
    people = small_set.register[:300]
    copies = [
        dataclasses.replace(p, id=f"copy-{p.id}", bsn="", given_names=p.given_names.split()[0])
        for p in people[:50]
    ]
    # Parents and children share surname and address; a high threshold keeps them apart.
    rows = link(people + copies, None, threshold=0.9)
    found = {tuple(sorted((a, b))) for a, b, _, _ in rows}
    expected = {tuple(sorted((p.id, f"copy-{p.id}"))) for p in people[:50]}
    assert len(found & expected) >= 48
    assert len(found - expected) <= 2


def test_python_scoring_agrees_with_splink(small_set):
    params = engine.shipped_parameters()
    signals = small_set.signals[:400]
    register = small_set.register
    prior = engine.SHARE_IN_REGISTER / len(register)
    rows = link(signals, register, threshold=0.001, keep=3)
    by_id = {r.id: r for r in signals + register}
    # Splink weighs surname agreement by the surname's share of both lists together.
    keys = [person_features(r)["sn_all"] for r in signals + register]
    counts = Counter(k for k in keys if k)
    shares = {k: n / sum(counts.values()) for k, n in counts.items()}
    assert len(rows) > 300
    for left, right, kans, bsn in rows:
        if bsn:
            continue
        python = engine.score_features(
            params,
            person_features(by_id[left]),
            person_features(by_id[right]),
            prior=prior,
            frequencies=shares,
        )
        assert python == pytest.approx(kans, abs=1e-6), (by_id[left], by_id[right])


def test_training_learns_parameters_that_link_well(small_set):
    con = engine.connect(threads=2)
    engine.load_features(con, "links", engine.records_to_arrow(small_set.signals))
    engine.load_features(con, "rechts", engine.records_to_arrow(small_set.register))
    params = engine.train(
        con, ["links", "rechts"], options=engine.TrainingOptions(u_max_pairs=2e5, em_max_pairs=2e5)
    )
    con.close()
    for comparison in COMPARISONS:
        exact = params.levels[comparison.name][comparison.levels[1].label]
        other = params.levels[comparison.name]["else"]
        # Agreement is evidence for a match, total disagreement against.
        assert exact[0] / exact[1] > 10
        assert other[0] / other[1] < 1
    rows = link(small_set.signals, small_set.register, params=params)
    scores = synthetic.pairwise_scores({(a, b) for a, b, _, _ in rows}, small_set.true_pairs())
    assert scores["f1"] >= 0.97


def test_labels_move_m_towards_what_reviewers_confirmed():
    params = engine.shipped_parameters()
    left = person_features(PersonRecord(id="a", given_names="J.", surname="Berg"))
    right = person_features(PersonRecord(id="b", given_names="Jan", surname="Berg"))
    blended = engine.blend_with_labels(params, [(left, right)] * 100)
    before = params.levels["given_names"]["initials"][0]
    assert blended.levels["given_names"]["initials"][0] > before
    assert (
        blended.levels["given_names"]["initials"][1] == params.levels["given_names"]["initials"][1]
    )


def test_a_twin_never_links_to_the_other_twin():
    base = dict(
        surname="Zwanenburg",
        birth_date=dt.date(2001, 4, 9),
        street="Dorpsstraat",
        house_number=3,
        postcode="3561AB",
    )
    sem = PersonRecord(id="sem", given_names="Sem Johannes", **base)
    register = [sem, *synthetic.generate_register(200, seed=3)]
    # Only the brother is in the register: agreeing on all but the first name, he is not Daan.
    assert link([PersonRecord(id="s-daan", given_names="Daan", **base)], register) == []
    assert engine.is_twin_pattern(
        person_features(PersonRecord(id="d", given_names="Daan", **base)), person_features(sem)
    )
    # Within one file neither.
    rows = link([sem, PersonRecord(id="daan", given_names="Daan Pieter", **base)], None)
    assert rows == []
