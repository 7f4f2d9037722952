from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render


def home(request):
    """Show the landing page with links to the desk administration."""
    return render(request, "core/home.html")


def healthz(request):
    """Report that the application and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
