"""The delivery log and the bulk path: one rendering, many personalised messages."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller

from lidzdaliba.core import mail
from lidzdaliba.core.models import EmailDelivery
from lidzdaliba.testing.smtp import Collector, body_text, free_port

pytestmark = pytest.mark.django_db
TEMPLATE = "core/tests/bulk"


def queued(addresses, *, language="lv"):
    return [
        EmailDelivery.objects.create(
            to=address,
            language=language,
            template=TEMPLATE,
            group="test",
            personal={"unsubscribe_url": f"https://example.lv/u/{index}-tok"},
        )
        for index, address in enumerate(addresses)
    ]


def send(deliveries, body="Īss teksts ar garumzīmēm: āčēģīķļņšūž."):
    return mail.send_bulk(
        deliveries,
        template=TEMPLATE,
        context={"title": "Apspriede <drīz>", "body": body},
        headers={"List-Unsubscribe": "<{{ personal_unsubscribe_url }}>"},
        personal_keys=["unsubscribe_url"],
    )


def test_every_recipient_gets_only_their_own_link(mailbox):
    deliveries = queued([f"p{n}@example.lv" for n in range(40)])
    assert send(deliveries) == {"sent": 40, "failed": 0}
    messages = {m["To"]: m for m in mailbox.wait_for(40)}
    assert len(messages) == 40
    for index in range(40):
        message = messages[f"p{index}@example.lv"]
        link = f"https://example.lv/u/{index}-tok"
        assert message["List-Unsubscribe"] == f"<{link}>"
        assert link in body_text(message) and link in body_text(message, "html")
        assert "LDZPERSONAL" not in message.as_string()
        assert "āčēģīķļņšūž" in body_text(message)
        assert "Apspriede &lt;drīz&gt;" in body_text(message, "html")
    assert len({m["Message-ID"] for m in messages.values()}) == 40
    assert EmailDelivery.objects.filter(status="sent").count() == 40
    assert send(EmailDelivery.objects.all()) == {"sent": 0, "failed": 0}  # idempotent


def test_long_lines_are_encoded_and_still_personalised(mailbox):
    deliveries = queued(["a@example.lv", "b@example.lv"])
    long_body = "garš " * 400  # > 998 characters on a line: quoted-printable
    assert send(deliveries, body=long_body)["sent"] == 2
    for message in mailbox.wait_for(2):
        assert "LDZPERSONAL" not in message.as_string()
        index = 0 if message["To"] == "a@example.lv" else 1
        assert f"https://example.lv/u/{index}-tok" in body_text(message)
        assert long_body.strip() in body_text(message)


def test_personal_values_are_escaped_in_html_only(mailbox):
    delivery = EmailDelivery.objects.create(
        to="amp@example.lv",
        language="lv",
        template=TEMPLATE,
        group="test",
        personal={"unsubscribe_url": "https://example.lv/u/?a=1&b=<2>"},
    )
    assert send([delivery])["sent"] == 1
    message = mailbox.wait_for(1)[0]
    assert message["List-Unsubscribe"] == "<https://example.lv/u/?a=1&b=<2>>"
    assert "Atteikties: https://example.lv/u/?a=1&b=<2>" in body_text(message)
    assert 'href="https://example.lv/u/?a=1&amp;b=&lt;2&gt;"' in body_text(message, "html")


def test_an_unreachable_server_leaves_every_delivery_queued_with_the_reason(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    deliveries = queued([f"p{n}@example.lv" for n in range(3)])
    assert send(deliveries) == {"sent": 0, "failed": 3}
    for delivery in EmailDelivery.objects.all():
        assert delivery.status == "queued" and delivery.attempts == 1
        assert "Connection refused" in delivery.error


def test_languages_are_rendered_separately(mailbox):
    queued(["lv@example.lv"])
    queued(["en@example.lv"], language="en")
    assert send(EmailDelivery.objects.all())["sent"] == 2
    assert len(mailbox.wait_for(2)) == 2


class Rejecting(Collector):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bad"):
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_address_stays_queued_then_fails_with_the_reason(settings):
    collector = Rejecting()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    try:
        deliveries = queued(["good@example.lv", "bad@example.lv"])
        assert send(deliveries) == {"sent": 1, "failed": 1}
        bad = EmailDelivery.objects.get(to="bad@example.lv")
        assert bad.status == "queued" and "550" in bad.error and bad.attempts == 1
        for _ in range(mail.MAX_ATTEMPTS - 1):
            send(EmailDelivery.objects.filter(status="queued"))
        bad.refresh_from_db()
        assert bad.status == "failed" and bad.attempts == mail.MAX_ATTEMPTS
        assert len(collector.wait_for(1)) == 1
    finally:
        controller.stop()


def test_transactional_mail_is_logged(mailbox):
    from lidzdaliba.core.mail import send_templated_mail

    delivery = send_templated_mail(
        to="one@example.lv",
        template=TEMPLATE,
        context={"title": "T", "body": "B", "personal_unsubscribe_url": "x"},
    )
    assert delivery.status == "sent" and delivery.subject.endswith("Ziņa T")
    assert mailbox.wait_for(1)[0]["To"] == "one@example.lv"


def test_transactional_failure_is_logged_and_raised(settings):
    from lidzdaliba.core.mail import send_templated_mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    with pytest.raises(OSError):
        send_templated_mail(
            to="one@example.lv",
            template=TEMPLATE,
            context={"title": "T", "body": "B", "personal_unsubscribe_url": "x"},
        )
    delivery = EmailDelivery.objects.get()
    assert delivery.status == "failed" and "Connection refused" in delivery.error
