"""The committed OpenAPI document is what the code generates, and it passes the NL API Design
Rules lint (the Logius Spectral ruleset, kept in `api/standards/`) without a single error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

API_DIR = Path(__file__).resolve().parent.parent
COMMITTED = API_DIR / "openapi.json"
RULESET = API_DIR / "standards" / "nl-api-design-rules.spectral.yaml"
PROJECT_DIR = API_DIR.parent.parent.parent
SPECTRAL = PROJECT_DIR / "node_modules" / ".bin" / "spectral"
REGENERATE = "make openapi"


def generate(path: Path) -> dict:
    # --fail-on-warn: a field drf-spectacular cannot type is an error here, not a shrug.
    call_command(
        "spectacular",
        "--format=openapi-json",
        "--lang=en",
        "--validate",
        "--fail-on-warn",
        f"--file={path}",
    )
    return json.loads(path.read_text())


def test_committed_document_is_up_to_date(tmp_path):
    generated = generate(tmp_path / "openapi.json")
    committed = json.loads(COMMITTED.read_text())
    assert generated == committed, (
        f"src/eenplan/api/openapi.json is out of date: regenerate it with `{REGENERATE}`"
    )


def test_document_passes_the_nl_api_design_rules(tmp_path):
    assert SPECTRAL.exists(), "Spectral is missing: run `npm ci` (it is in package.json)"
    report = tmp_path / "spectral.json"
    completed = subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            "-r",
            str(RULESET),
            "-f",
            "json",
            "-o",
            str(report),
            str(COMMITTED),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert report.exists(), completed.stderr
    results = json.loads(report.read_text())
    # Spectral's severity 0 is an error.
    errors = [
        f"{r['code']}: {r['message']} at {'.'.join(map(str, r['path']))}"
        for r in results
        if r["severity"] == 0
    ]
    assert errors == []


@pytest.mark.django_db
def test_served_document_is_the_committed_one_and_public():
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert json.loads(response.content) == json.loads(COMMITTED.read_text())
