"""The Celery application. Tasks live in each app's ``tasks.py``; each is a thin wrapper that
calls a service and is enqueued with ``transaction.on_commit``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("centric")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# packages inside an app that keep their own tasks module
app.autodiscover_tasks(["centric.feedback.feedback_imports"])
