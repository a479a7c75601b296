from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "centric.demo"
    label = "demo"
    verbose_name = "Demo organisation"
