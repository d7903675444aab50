"""Sensitive fields, encrypted at rest: contact details, place of detention, testimony, informant."""

from django.db import migrations

import vigil.records.fields


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0004_person_consent_to_publish"),
    ]

    operations = [
        migrations.AddField(
            model_name="act",
            name="place_of_detention",
            field=vigil.records.fields.EncryptedTextField(
                blank=True,
                default="",
                help_text="Where the victim is held: facility, address, cell. Encrypted.",
                verbose_name="place of detention",
            ),
        ),
        migrations.AddField(
            model_name="involvement",
            name="testimony",
            field=vigil.records.fields.EncryptedTextField(
                blank=True,
                default="",
                help_text="What this victim or witness told documenters, in their words. Encrypted.",
                verbose_name="testimony",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="contact_details",
            field=vigil.records.fields.EncryptedTextField(
                blank=True,
                default="",
                help_text="Phone numbers, addresses, messengers; relatives and lawyer. Encrypted.",
                verbose_name="contact details",
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="informant",
            field=vigil.records.fields.EncryptedTextField(
                blank=True,
                default="",
                help_text="Who gave this information, when not public, and how to reach them. Encrypted.",
                verbose_name="informant",
            ),
        ),
    ]
