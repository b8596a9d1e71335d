"""The smallest Django app: one view answering 'hello world'. The benchmark's baseline."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-" + "x" * 40),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
)


def hello(request):
    return HttpResponse("hello world")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
