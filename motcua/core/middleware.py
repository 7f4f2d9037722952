from django.conf import settings
from django.utils import translation


class VietnameseFirstLocaleMiddleware:
    """Activate Vietnamese unless the user chose another language explicitly.

    Django's LocaleMiddleware follows the browser's Accept-Language, which on a
    commune's PC is often English; the officers' language is Vietnamese, and
    English is only a choice a user makes (the language cookie).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override, not activate: the thread goes back to Vietnamese after the
        # response, so nothing else the thread runs later (a job, the next
        # request's early code, a test) inherits this visitor's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
