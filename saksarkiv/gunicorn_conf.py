"""gunicorn settings that belong to the code rather than to one command line (Dockerfile,
bench/run.py): `gunicorn -c python:saksarkiv.gunicorn_conf saksarkiv.wsgi`.

The Server header names no software and version: gunicorn writes it from a module constant,
set here in the master before the workers fork."""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "Saksarkiv"
