"""A relationship survey runs in waves: each invitation belongs to one wave of its survey, and an
address is invited once per wave rather than once per survey. Every survey is in its first wave
and every invitation made so far belongs to it, so nobody already invited may be invited again
until a second wave is started."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("feedback", "0011_imported_ids_by_kind")]

    operations = [
        migrations.RemoveConstraint(
            model_name="invitation",
            name="one_invitation_per_survey_and_email",
        ),
        migrations.AddField(
            model_name="survey",
            name="current_wave",
            field=models.PositiveSmallIntegerField(
                default=1, help_text="The wave new invitations go into."
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="wave",
            field=models.PositiveSmallIntegerField(
                default=1, help_text="The wave of its survey it was made in."
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("follow_up", False)),
                fields=("survey", "wave", "email"),
                name="one_invitation_per_survey_wave_and_email",
            ),
        ),
    ]
