"""allauth's emails to staff (password reset links, security notices), sent from the background queue."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task(backend="queue", queue_name="email")
def send_account_mail(subject, body, from_email, to, html=""):
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
