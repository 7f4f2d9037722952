from django.shortcuts import render


def home(request):
    """Show the landing page with links to the desk administration."""
    return render(request, "core/home.html")
