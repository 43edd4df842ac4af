#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saksarkiv.settings")
    # A checkout is a developer's: manage.py defaults to debug mode there. Production sets
    # DJANGO_DEBUG=false explicitly (Dockerfile, docker-compose.yml); gunicorn never reads this.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
