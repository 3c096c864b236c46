from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "opengov.action_plans"
    label = "action_plans"
    verbose_name = _("Action plans")
