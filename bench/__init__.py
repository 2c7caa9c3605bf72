"""`make bench`: page rendering under load, next to the same HTML served as a static file by nginx.

The portal runs as in production (gunicorn, several gthread workers, portal.settings.production,
DEBUG off, WhiteNoise with the compressed manifest storage) on a fresh database with the demo
content; wrk measures each page for a fixed time. See BENCHMARKS.md for recorded runs.
"""
