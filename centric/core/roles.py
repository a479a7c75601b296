from django.db import models


class Role(models.TextChoices):
    """What a person may do. Admins and CX leads see the whole organisation; members and viewers
    see the teams they belong to and the customers those teams serve. Viewers change nothing."""

    ADMIN = "admin", "Admin"
    CX_LEAD = "cx_lead", "CX lead"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"
