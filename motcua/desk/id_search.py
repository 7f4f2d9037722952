"""Find the dossiers of a personal ID number: the number travels in a POST body, never in a URL, and every search is logged."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from motcua.accounts.scoping import scoped
from motcua.dossiers.models import Dossier
from motcua.dossiers.queries import ordered
from motcua.privacy.log import log_search

MAX_SHOWN = 100
# A CCCD has 12 digits; older identity cards (CMND) 9.
_ID_NUMBER = re.compile(r"^(\d{9}|\d{12})$")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def id_number_search(request):
    """Show the search form; on POST, the user's dossiers whose applicant has the number."""
    context = {"number": "", "error": "", "dossiers": None}
    if request.method == "POST":
        number = re.sub(r"[\s.]", "", request.POST.get("so_dinh_danh") or "")[:32]
        context["number"] = number
        if not _ID_NUMBER.match(number):
            context["error"] = gettext("Số định danh gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND).")
        else:
            found = ordered(scoped(Dossier.objects.filter(applicant_id_number=number), request.user), "-received_at")
            dossiers = list(found.select_related("procedure", "unit")[:MAX_SHOWN])
            log_search(request, len(dossiers))
            context["dossiers"] = dossiers
    response = render(request, "desk/id_search.html", context)
    # Personal data: not kept by the browser's cache.
    response["Cache-Control"] = "private, no-store"
    return response
