from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    verbose_name = "Phản ánh, kiến nghị"
