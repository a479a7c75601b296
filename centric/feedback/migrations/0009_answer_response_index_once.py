# Answers kept two indexes on response_id: the foreign key's own and the unique
# (response, question) one, which serves every lookup by response. The first is dropped by name:
# an AlterField would also drop and re-add the foreign key, checking every stored answer again.

import django.db.models.deletion
from django.db import migrations, models

INDEX = "feedback_answer_response_id_7a14ef5c"


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0008_response_open_link_attempt"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="answer",
                    name="response",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="feedback.response",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "feedback_answer" ("response_id")',
                ),
            ],
        ),
    ]
