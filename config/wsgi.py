import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Import the URLs, and with them every view and what the views use, as each worker process of
# the server loads the application, rather than on its first request (which would wait seconds
# for pandas and SciPy).
import_module(settings.ROOT_URLCONF)
# Hide what is loaded by now (some 200,000 objects of the libraries) from the garbage collector:
# a full collection then scans only what requests create instead of pausing a request for
# ~100 ms.
gc.freeze()
