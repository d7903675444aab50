from django.db import migrations, models


class Migration(migrations.Migration):
    """Index acts by date and by status and date: the workspace lists them newest first."""

    dependencies = [("records", "0001_record_model")]

    operations = [
        migrations.AddIndex(model_name="act", index=models.Index(fields=["date", "id"], name="act_date_id")),
        migrations.AddIndex(model_name="act", index=models.Index(fields=["status", "date"], name="act_status_date")),
    ]
