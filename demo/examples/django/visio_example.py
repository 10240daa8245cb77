"""A Django page with a call, and its own token view. Runnable as one file:

    pip install -r requirements.txt
    LIVEKIT_URL=ws://127.0.0.1:7880 LIVEKIT_API_KEY=… LIVEKIT_API_SECRET=… \
        python visio_example.py runserver 127.0.0.1:8000

then open http://127.0.0.1:8000/call/bureau-42/. In a real project, `visio_token` goes in your
app's views.py, the two paths in urls.py, and the settings in settings.py; the template is
templates/call.html. The bundle is served as a static file (here straight from ../../../dist).
"""
import json
import os
import re
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from django.conf import settings

HERE = Path(__file__).resolve().parent
settings.configure(
    DEBUG=os.environ.get("DJANGO_DEBUG", "1") == "1",
    SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", secrets.token_hex(32)),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.staticfiles"],
    MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [HERE / "templates"]}],
    STATIC_URL="/static/",
    STATICFILES_DIRS=[HERE.parents[2] / "dist"],
    # Read from the environment; the API secret never reaches the browser.
    LIVEKIT_URL=os.environ.get("LIVEKIT_URL", "ws://127.0.0.1:7880"),
    LIVEKIT_API_KEY=os.environ.get("LIVEKIT_API_KEY", ""),
    LIVEKIT_API_SECRET=os.environ.get("LIVEKIT_API_SECRET", ""),
)

from django.http import JsonResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402
from livekit import api  # noqa: E402

# What the browser sends is the user's say, never the portal's; the same rules as the Node
# reference endpoint (demo/token-endpoint.mjs).
MAX_BODY_BYTES = 16 * 1024
ROOM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")  # used with fullmatch
MAX_NAME_LENGTH = 128
# C0 and C1 controls (newlines, tabs, escape…) and the bidirectional embeddings, overrides, isolates.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]+")
# Participant attributes a browser may set in its token: none here. Never a key starting with
# "lk." (LiveKit's own); e.g. {"team"} if your page sends {"team": ...} and nobody trusts it.
ATTRIBUTE_KEYS = frozenset()
MAX_ATTRIBUTE_LENGTH = 256


def error(status, code, message):
    return JsonResponse({"error": code, "message": message}, status=status)


# --- views.py ---------------------------------------------------------------------------------
def call(request, room):
    """The page with the call. Your own authentication and room permissions go here."""
    return render(request, "call.html", {"room": room, "name": request.GET.get("name", "")})


@require_POST
def visio_token(request):
    """LiveKit's standard token endpoint: {room_name, participant_name} -> {server_url, participant_token}.

    Django's CSRF check applies (the page sends the X-CSRFToken header). In a real portal, decide
    here who the user is (request.user), whether they may join this room, and their display name.
    The identity is made here; `participant_identity` and `participant_metadata` from the browser
    are never signed (metadata is what the portal vouches for: set it from your own data).
    """
    if (request.content_type or "").lower() != "application/json":
        return error(415, "unsupported_media_type", "send the body as JSON, with Content-Type: application/json")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES:
        return error(413, "payload_too_large", f"the body must be at most {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(request.body)
    except ValueError:
        return error(400, "invalid_request", "the body must be JSON")
    if not isinstance(body, dict):
        return error(400, "invalid_request", "the body must be a JSON object")
    room = body.get("room_name")
    if not isinstance(room, str) or not ROOM_NAME.fullmatch(room):
        return error(400, "invalid_request", 'room_name must be 1 to 128 ASCII letters, digits, "-" or "_", starting with a letter or a digit')
    name = body.get("participant_name")
    if name is not None and (not isinstance(name, str) or len(name) > MAX_NAME_LENGTH):
        return error(400, "invalid_request", f"participant_name must be a string of at most {MAX_NAME_LENGTH} characters")
    name = " ".join(CONTROL_CHARACTERS.sub(" ", name or "").split()) or "Invité"
    attributes = body.get("participant_attributes") or {}
    if not isinstance(attributes, dict) or not all(isinstance(v, str) for v in attributes.values()):
        return error(400, "invalid_request", "participant_attributes must be an object of strings")
    attributes = {k: v for k, v in attributes.items() if k in ATTRIBUTE_KEYS and not k.startswith("lk.")}
    if any(len(v) > MAX_ATTRIBUTE_LENGTH for v in attributes.values()):
        return error(400, "invalid_request", f"participant_attributes values must be at most {MAX_ATTRIBUTE_LENGTH} characters")

    identity = f"guest-{secrets.token_hex(6)}"  # e.g. f"user-{request.user.pk}" with your users
    token = (
        api.AccessToken(settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET)
        .with_identity(identity)
        .with_name(name)
        .with_ttl(timedelta(minutes=10))  # short-lived: enough to join, useless if it leaks later
        .with_grants(api.VideoGrants(room_join=True, room=room, can_update_own_metadata=True))
    )
    if attributes:
        token = token.with_attributes(attributes)
    return JsonResponse({"server_url": settings.LIVEKIT_URL, "participant_token": token.to_jwt()})


# --- urls.py ----------------------------------------------------------------------------------
urlpatterns = [
    path("call/<slug:room>/", call, name="call"),
    path("visio/token", visio_token, name="visio-token"),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
