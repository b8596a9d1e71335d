from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description (used as alt text) required.

    The multiple-upload view first stores the file alone and then asks for the
    details, so the rule applies to every form that shows the description field:
    editing an image, the single upload form, and each uploaded file's details.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is None:
            return
        field.help_text = _("Alt text: what the image shows, for people who cannot see it. Never a child's name.")
        field.required = bool(self.instance.pk) or not self.is_bound or self.add_prefix("description") in self.data
