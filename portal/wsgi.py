import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

# A shared page the application's cache holds is answered before Django runs (pagecache.py).
from portal.core.pagecache import SharedPageShortcut  # noqa: E402

application = SharedPageShortcut(django_application)
