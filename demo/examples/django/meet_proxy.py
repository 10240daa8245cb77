"""A same-site proxy of La Suite Meet's API in a Django portal. Runnable as one file:

    pip install -r requirements.txt
    MEET_URL=https://visio.example.fr python meet_proxy.py runserver 127.0.0.1:8000

The portal serves /visio-api/... and forwards it to Meet's /api/v1.0/..., so Meet's cookies (the
session, csrftoken, the lobby's lobbyParticipantId) become the portal's own first-party cookies and
are sent with SameSite=Lax. The page then uses <visio-call meet-api="/visio-api/" room="...">.

Why: two services under gouv.fr are two sites (gouv.fr is a public suffix), so a page on one never
sends the other's SameSite=Lax cookies. Calls authenticated by the LiveKit token (toggle-hand/,
rename/, mute-participant/ for members) need no proxy: Meet's CORS_ALLOWED_ORIGINS is enough.

Meet keeps doing its own CSRF check: the browser's Origin, the X-CSRFToken header and the csrftoken
cookie are forwarded as they are (list the portal's origin in Meet's CSRF_TRUSTED_ORIGINS), so the
view is exempt from the portal's own check. Meet's cookies keep their names: a Django portal
renames its own (SESSION_COOKIE_NAME, CSRF_COOKIE_NAME below) so that the two never collide.
In a real project `meet_api` goes in views.py and the path in urls.py; only stdlib is used.
"""
import http.client
import os
import sys
from urllib.parse import urlsplit

from django.conf import settings

settings.configure(
    DEBUG=os.environ.get("DJANGO_DEBUG", "1") == "1",
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", os.urandom(32).hex()),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[f"{__name__}.MeetCookies", "django.middleware.csrf.CsrfViewMiddleware"],
    # The portal's own cookies, named apart from Meet's `sessionid`/`meet_sessionid` and `csrftoken`.
    SESSION_COOKIE_NAME="portal_sessionid",
    CSRF_COOKIE_NAME="portal_csrftoken",
    MEET_URL=os.environ.get("MEET_URL", "http://127.0.0.1:8071"),
)

from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.urls import re_path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

# Request headers the browser sends that Meet needs; everything else stays at the portal.
FORWARDED_REQUEST = ["Accept", "Accept-Language", "Authorization", "Content-Type", "Cookie", "Origin", "Referer", "User-Agent", "X-CSRFToken"]
# Response headers Meet sends that the browser needs.
FORWARDED_RESPONSE = ["Content-Type", "Cache-Control", "Location", "Retry-After", "WWW-Authenticate", "Vary"]
MAX_BODY_BYTES = 1024 * 1024
TIMEOUT_SECONDS = 15


def portal_cookie(set_cookie):
    """A cookie Meet set, made the portal's: no Domain (it would name Meet's host), the rest kept."""
    return ";".join(part for part in set_cookie.split(";") if not part.strip().lower().startswith("domain="))


# --- views.py ---------------------------------------------------------------------------------
@csrf_exempt  # Meet checks CSRF itself, on what is forwarded.
def meet_api(request, path):
    """Forwards /visio-api/<path> to Meet's /api/v1.0/<path>, cookies and CSRF header included."""
    if ".." in path.split("/") or "%2f" in request.get_full_path().lower():
        return JsonResponse({"detail": "Bad path."}, status=400)
    body = request.body if request.method not in ("GET", "HEAD") else None
    if body is not None and len(body) > MAX_BODY_BYTES:
        return JsonResponse({"detail": "Request body too large."}, status=413)
    meet = urlsplit(settings.MEET_URL)
    query = request.META.get("QUERY_STRING", "")
    target = f"/api/v1.0/{path}" + (f"?{query}" if query else "")
    headers = {name: request.headers[name] for name in FORWARDED_REQUEST if name in request.headers}
    # The portal's own cookies are not Meet's business.
    own = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    cookies = [c for c in request.headers.get("Cookie", "").split(";") if c.strip() and c.split("=", 1)[0].strip() not in own]
    headers.pop("Cookie", None)
    if cookies:
        headers["Cookie"] = ";".join(cookies)
    headers["X-Forwarded-For"] = request.META.get("REMOTE_ADDR", "")
    headers["X-Forwarded-Proto"] = request.scheme
    headers["X-Forwarded-Host"] = request.get_host()
    connection_class = http.client.HTTPSConnection if meet.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(meet.netloc, timeout=TIMEOUT_SECONDS)
    try:
        connection.request(request.method, target, body=body, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
    except OSError:
        return JsonResponse({"detail": "La Suite Meet could not be reached."}, status=502)
    finally:
        connection.close()
    response = HttpResponse(content, status=answer.status)
    del response["Content-Type"]
    for name in FORWARDED_RESPONSE:
        value = answer.getheader(name)
        if value is not None:
            response[name] = value
    # Django's response.cookies would re-encode them: the Set-Cookie lines go out as Meet wrote them.
    response._meet_cookies = [portal_cookie(value) for key, value in answer.getheaders() if key.lower() == "set-cookie"]
    return response


class MeetCookies:
    """Adds the Set-Cookie lines Meet sent (Django's HttpResponse holds one header per name)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for value in getattr(response, "_meet_cookies", []):
            response.cookies.load(value)
        return response


# --- urls.py ----------------------------------------------------------------------------------
urlpatterns = [
    re_path(r"^visio-api/(?P<path>.*)$", meet_api, name="meet-api"),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
