from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    verbose_name = "Phí, lệ phí và thanh toán"
