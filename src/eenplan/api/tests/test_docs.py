"""The documentation page works under the strict Content-Security-Policy: only same-origin
scripts, none inline."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


def test_docs_page_loads_only_local_scripts():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    scripts = list(SCRIPT.finditer(html))
    assert len(scripts) == 2
    for script in scripts:
        assert script["body"].strip() == "", "inline script would be blocked by the CSP"
        src = re.search(r'src="([^"]+)"', script["attrs"])[1]
        assert src.startswith("/static/"), src
        assert finders.find(src.removeprefix("/static/")), f"{src} is not a static file"
    assert 'data-schema-url="/api/v1/openapi.json"' in html
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    assert "<style" not in html and " style=" not in html
