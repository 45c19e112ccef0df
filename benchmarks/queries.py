"""Count the SQL queries of the benchmarked pages, and pick the households the load client visits.

Run by `benchmarks/run.py` with DJANGO_SETTINGS_MODULE=benchmarks.settings against the benchmark
database. Prints one JSON object on its last line.
"""

import argparse
import json
import os
import sys

import django

PAGES = {
    "bare": "/bench/bare",
    "caseload": "/huishoudens/",
    "household": "/huishoudens/{uuid}/",
    "api_caseload": "/api/v1/huishoudens",
    "api_household": "/api/v1/huishoudens/{uuid}",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--username", default="regisseur")
    parser.add_argument("--token", required=True)
    parser.add_argument("--sample", type=int, default=200, help="households to hand to the load")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from eenplan.accounts.actor import actor_for_user
    from eenplan.households.selectors import households_visible_to

    user = get_user_model().objects.get_by_natural_key(args.username)
    actor = actor_for_user(user, ip_address="127.0.0.1")
    visible = households_visible_to(actor)
    total_visible = visible.count()
    sample = [
        str(uuid) for uuid in visible.order_by("pk").values_list("uuid", flat=True)[: args.sample]
    ]
    if not sample:
        sys.exit(f"{args.username} sees no household: nothing to measure")

    web = Client()
    web.force_login(user)
    api = Client(headers={"Authorization": f"Token {args.token}"})
    counts: dict[str, int] = {}
    statuses: dict[str, int] = {}
    slowest_queries: dict[str, dict] = {}
    for name, template in PAGES.items():
        client = api if name.startswith("api_") else web
        path = template.format(uuid=sample[0])
        client.get(path)  # warm caches (content types, permissions) as a running server has them
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[name] = len(captured.captured_queries)
        statuses[name] = response.status_code
        slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
        slowest_queries[name] = {
            "ms": round(float(slowest["time"]) * 1000, 1),
            "sql": slowest["sql"][:2000],
        }

    print(
        json.dumps(
            {
                "visible_households": total_visible,
                "sample": sample,
                "queries": counts,
                "statuses": statuses,
                "slowest_queries": slowest_queries,
            }
        )
    )


if __name__ == "__main__":
    main()
