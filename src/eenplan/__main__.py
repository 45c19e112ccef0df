"""The `eenplan` console command: Django's manage.py under the product's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenplan.settings.base")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # `eenplan api-token` reads better than `eenplan api_token`; Django names commands by module.
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
