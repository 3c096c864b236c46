from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectiveActionsConfig(AppConfig):
    name = "opengov.collective_actions"
    label = "collective_actions"
    verbose_name = _("Events and collective actions")
