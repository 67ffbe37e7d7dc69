from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "santral.core"
    label = "core"
    verbose_name = _("Çekirdek")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from .accounts import audit as account_audit
        from .i18n import install_turkish_capfirst
        from .immutability import install_all_guards, register_immutable
        from .money import register_sqlite_money
        from .page_cache import connect_signals

        # "ilgili proje" → "İlgili proje", not "Ilgili proje" (santral/core/i18n.py).
        install_turkish_capfirst()
        connect_signals()
        account_audit.connect_mfa_signals()
        # SUM for money without floats on SQLite (santral/core/money.py).
        connection_created.connect(register_sqlite_money, dispatch_uid="santral_money_sum")
        # The audit trail is append-only down to the database; deleting a user or a content
        # type only clears its foreign key (on_delete=SET_NULL).
        register_immutable("core_auditrecord", nullable=("actor_id", "target_type_id"))
        # SQLite loses a table's triggers when a migration rebuilds it: re-create them all
        # after every migrate (and after flush, which sends post_migrate too).
        post_migrate.connect(install_all_guards, sender=self, dispatch_uid="santral_guards")
