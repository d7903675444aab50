"""Join the two migrations made side by side: consent to be named, and the encrypted sensitive fields."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_person_consent_to_publish"),
        ("records", "0004_sensitive_fields"),
    ]

    operations = []
