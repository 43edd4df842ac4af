#!/usr/bin/env bash
# The web server plus one Celery worker with embedded beat; Ctrl-C stops all of it.
set -euo pipefail
PY=${PY:-.venv/bin/python}
CELERY=$(dirname "$PY")/celery
pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT
"$CELERY" -A saksarkiv worker --beat --loglevel=INFO --concurrency=1 \
  --schedule=var/celerybeat-schedule --without-mingle --without-gossip &
pids+=($!)
echo
echo "Saksarkiv kjører på http://${HOST}:${PORT}/  (Ctrl-C stopper web, worker og beat)"
echo "Logg inn med en av demobrukerne over; passordet er «saksarkiv»."
echo
"$PY" manage.py runserver "${HOST}:${PORT}" &
pids+=($!)
wait -n "${pids[@]}"
