"""Test-wide environment, loaded as a plugin (``-p tests.environment``) so that it is in place
before pytest-django reads the settings.

 Tests run on the embedded default unless `make test-production` points the
settings at the real PostgreSQL, RabbitMQ and Redis. Background tasks run in-process (eager)
except in the production-mode tests, which use a real Celery worker process."""

import os
import tempfile

os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("CENTRIC_DATA_DIR", tempfile.mkdtemp(prefix="centric-test-"))
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
