"""Data generators for development, demos and benchmarks, one package per app: the demo
municipality written through the ORM (`manage.py demodata`, run by `make run`) and the
large generated journal written with COPY (`manage.py bulkdata`, for bench/)."""
