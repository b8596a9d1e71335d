"""The site as the benchmark runs it: the production WSGI app, with /media/ served as a proxy would.

Production leaves uploaded images to the web server or the bucket; without this
every picture would answer 404 under the benchmark and Lighthouse would report
missing images. Only paths under MEDIA_URL are looked up on disk (autorefresh, so
renditions made after start-up are found); every other request goes straight
through to Django.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

application = WhiteNoise(site, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True)
