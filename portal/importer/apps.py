from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "portal.importer"
    label = "importer"
    verbose_name = "Nhập dữ liệu từ trang cũ"
