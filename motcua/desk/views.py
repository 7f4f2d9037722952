from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """Show the signed-in officer's work for today."""
    return render(request, "desk/home.html", {})
