from django.utils import translation


class PreferredLanguageMiddleware:
    """A signed-in person sees the site in the language of their profile.

    Runs after LocaleMiddleware: anonymous visitors keep the cookie / Accept-Language choice;
    the language switcher updates the profile of a signed-in person, so both agree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
