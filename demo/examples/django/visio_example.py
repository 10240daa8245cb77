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

ROOM_NAME = re.compile(r"^[\w-]{1,64}$")


# --- views.py ---------------------------------------------------------------------------------
def call(request, room):
    """The page with the call. Your own authentication and room permissions go here."""
    return render(request, "call.html", {"room": room, "name": request.GET.get("name", "")})


@require_POST
def visio_token(request):
    """LiveKit's standard token endpoint: {room_name, participant_name} -> {server_url, participant_token}.

    Django's CSRF check applies (the page sends the X-CSRFToken header). In a real portal, decide
    here who the user is (request.user), whether they may join this room, and their display name.
    """
    try:
        body = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid_request", "message": "not JSON"}, status=400)
    room = body.get("room_name") if isinstance(body, dict) else None
    if not isinstance(room, str) or not ROOM_NAME.match(room):
        return JsonResponse({"error": "invalid_request", "message": "room_name"}, status=400)
    name = str(body.get("participant_name") or "Invité")[:80]
    identity = f"guest-{secrets.token_hex(6)}"  # e.g. f"user-{request.user.pk}" with your users
    token = (
        api.AccessToken(settings.LIVEKIT_API_KEY, settings.LIVEKIT_API_SECRET)
        .with_identity(identity)
        .with_name(name)
        .with_ttl(timedelta(minutes=10))  # short-lived: enough to join, useless if it leaks later
        .with_grants(api.VideoGrants(room_join=True, room=room, can_update_own_metadata=True))
        .to_jwt()
    )
    return JsonResponse({"server_url": settings.LIVEKIT_URL, "participant_token": token})


# --- urls.py ----------------------------------------------------------------------------------
urlpatterns = [
    path("call/<slug:room>/", call, name="call"),
    path("visio/token", visio_token, name="visio-token"),
]

if __name__ == "__main__":
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
