"""Which model permissions each role's group holds, across every app, and the one function that
sets them (after each migrate, and from the migration that first made the groups)."""

from __future__ import annotations

from commitments.roles import EDITOR, OFFICIAL, PLAN_ADMIN, RESEARCHER

# Group -> "app_label.codename" permissions. Plan administrators manage everything in the admin.
_ADMIN_MODELS = {
    "commitments": [
        "member",
        "organization",
        "organizationalias",
        "profile",
        "actionplan",
        "policyarea",
        "commitment",
        "milestone",
        "indicator",
        "proposal",
        "consultationevent",
        "planprocess",
        "forum",
        "forummeeting",
    ],
    "reviews": ["irmreport", "assessment", "importrun"],
}
ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: [
        "commitments.add_statusupdate",
        "commitments.view_statusupdate",
        "commitments.add_outcomecheck",
        "commitments.add_milestoneprogress",
    ],
    RESEARCHER: [
        "reviews.add_assessment",
        "reviews.change_assessment",
        "reviews.view_irmreport",
        "commitments.add_outcomecheck",
    ],
    # Answers officially for the commitments their organisation (Profile.organization) leads or
    # co-leads, and records the government's self-assessment of them (both by
    # commitments.permissions.official_organization).
    OFFICIAL: [
        "questions.add_officialanswer",
        "questions.view_question",
        "commitments.add_statusupdate",
    ],
    PLAN_ADMIN: [
        f"{app}.{action}_{model}"
        for app, models in _ADMIN_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    + [
        "commitments.view_statusupdate",
        "commitments.view_statusevidence",
        "commitments.view_outcomecheck",
        # Read-only, written by tasks: evidence links and their check history, reminders sent.
        "commitments.view_evidencelink",
        "commitments.view_linkcheckresult",
        "commitments.view_statusreminder",
        "commitments.view_milestoneprogress",
        "commitments.view_indicatorreading",
        "commitments.view_follow",
        "commitments.view_notificationdelivery",
        "reviews.publish_irmreport",
        # Public questions: moderate (hide with a reason, let held ones through), handle flags.
        "questions.view_question",
        "questions.change_question",
        "questions.view_officialanswer",
        "commitments.view_visitorfollow",
        "commitments.delete_visitorfollow",
        "commitments.view_visitornotification",
        "commitments.view_visitorrequest",
        # Data releases are made, never edited: view them, make one on demand.
        "releases.add_datarelease",
        "releases.view_datarelease",
        "auth.add_user",
        "auth.change_user",
        "auth.view_user",
        "auth.view_group",
        # The admin manages API tokens through DRF's proxy model: its permissions, not Token's.
        "authtoken.add_tokenproxy",
        "authtoken.view_tokenproxy",
        "authtoken.delete_tokenproxy",
    ],
}


def sync_roles(apps=None) -> None:
    """Create the role groups and give each exactly its permissions. Safe to run again."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Every permission in one query; one named here that does not exist (yet) is left out.
    existing = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for group_name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set([existing[perm] for perm in perms if perm in existing])
