from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "motcua.forms"
    # Not "forms": that label reads like django.forms in messages and lookups.
    label = "desk_forms"
    verbose_name = "Biểu mẫu một cửa"
