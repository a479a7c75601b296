from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    """The project itself as an app, so that its checks of the deployment are registered."""

    name = "config"
    label = "deployment"
    verbose_name = "Deployment"

    def ready(self) -> None:
        from config import checks  # noqa: F401 - registers the checks
