from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from lidzdaliba.core.mail import queue_prepared_mail


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Confirmation and password-reset mails are logged and sent by a job, so the
        request never waits for SMTP; they are written in the reader's current language."""
        message = self.render_mail(template_prefix, email, context)
        queue_prepared_mail(
            message, template=template_prefix, language=translation.get_language() or "lv"
        )
