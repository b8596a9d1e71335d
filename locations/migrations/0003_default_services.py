from django.db import migrations

SERVICES = [
    ("child-friendly-care", "Child-friendly care", "A safe, calm space with trained staff."),
    ("nutrition", "Nutrition", "Meals and nutritional supplements."),
    ("legal-aid", "Legal aid", "Free legal advice and representation."),
    ("psychosocial-counselling", "Psychosocial counselling", "Counselling to help children recover."),
    ("medical-aid", "Medical aid", "Medical checks and treatment."),
    ("recreation", "Recreation", "Play, sport, drawing and other activities."),
    ("family-reunification", "Family reunification", "Tracing families and a safe return home."),
]


def create_services(apps, schema_editor):
    Service = apps.get_model("locations", "Service")
    for order, (slug, name, description) in enumerate(SERVICES):
        Service.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "sort_order": order})


def remove_services(apps, schema_editor):
    apps.get_model("locations", "Service").objects.filter(slug__in=[slug for slug, _, _ in SERVICES]).delete()


class Migration(migrations.Migration):
    dependencies = [("locations", "0002_service")]
    operations = [migrations.RunPython(create_services, remove_services)]
