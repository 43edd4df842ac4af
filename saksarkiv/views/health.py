from django.db import connection
from django.http import JsonResponse


def helse(request):
    """Liveness and database check for the load balancer and docker-compose."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "database utilgjengelig"}, status=503)
