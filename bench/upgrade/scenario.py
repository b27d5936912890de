"""What real users do on a running site, through its pages, admin and API: written against the
first release (f16ad34) and run with its code by bench/upgrade_check.py before the upgrade.

    cd OLD_TREE && python /path/to/bench/upgrade/scenario.py demo-passwords.json people.json

Reads the demo users' passwords (as `load_demo` printed them), writes the people it made with their
passwords (people.json) for bench/upgrade/observe.py to log in as after the upgrade. The ids it
needs (an organisation, a group) are looked up the way a person reads them off a page: by name."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.test import Client  # noqa: E402
from forms import submit  # noqa: E402

# A real (tiny) PDF and PNG: the evidence form checks the type from the content.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5d6e1e50000000049454e44ae426082"
)

PEOPLE = {
    # username: (password, first, last, group, organisation slug, staff)
    "rosa": ("Rosa-upgrade-2026!", "Rosa", "Quispe", "Civil-society editor", "proetica", False),
    "ivan": ("Ivan-upgrade-2026!", "Iván", "Torres", "IRM researcher", None, False),
    "paula": ("Paula-upgrade-2026!", "Paula", "Rojas", "Plan administrator", None, True),
    "juan": ("Juan-upgrade-2026!", "Juan", "Pérez", None, None, False),
}


def login(username: str, password: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, (username, response.status_code)
    return client


def add_person(admin: Client, username: str) -> None:
    password, first, last, group, org_slug, staff = PEOPLE[username]
    from commitments.models import Organization

    org = Organization.objects.get(slug=org_slug).pk if org_slug else ""
    submit(
        admin,
        "/admin/auth/user/add/",
        {
            "username": username,
            "password1": password,
            "password2": password,
            "profile-0-organization": str(org),
        },
        having="password1",
        drop=("_addanother", "_continue"),
    )
    user = User.objects.get(username=username)
    changes = {
        "first_name": first,
        "last_name": last,
        "email": f"{username}@example.org",
        "groups": [str(Group.objects.get(name=group).pk)] if group else [],
        # Set again here: the first release made the profile without it from the add form.
        "profile-0-organization": str(org),
    }
    if staff:
        changes["is_staff"] = "on"
    submit(admin, f"/admin/auth/user/{user.pk}/change/", changes, having="first_name")


def main(demo_passwords: Path, people_out: Path) -> None:
    from commitments.models import Commitment, Indicator, Milestone, StatusUpdate
    from reviews.models import IRMReport

    demo = json.loads(demo_passwords.read_text())
    admin = login("admin", demo["admin"])
    for username in PEOPLE:
        add_person(admin, username)
    people_out.write_text(
        json.dumps(
            {
                **{name: {"password": p[0], "group": p[3]} for name, p in PEOPLE.items()},
                **{
                    name: {"password": demo[name], "group": group}
                    for name, group in (
                        ("editor", "Civil-society editor"),
                        ("researcher", "IRM researcher"),
                        ("planadmin", "Plan administrator"),
                        ("admin", None),
                    )
                },
            },
            indent=2,
        )
    )
    paula = login("paula", PEOPLE["paula"][0])
    rosa = login("rosa", PEOPLE["rosa"][0])
    ivan = login("ivan", PEOPLE["ivan"][0])
    editor = login("editor", demo["editor"])
    researcher = login("researcher", demo["researcher"])
    juan = login("juan", PEOPLE["juan"][0])

    # Tokens for the integrations, made by the superuser (in the first release a plan administrator
    # had add_token but the admin's TokenProxy asks for add_tokenproxy: 403).
    for who in ("rosa", "paula"):
        submit(
            admin,
            "/admin/authtoken/tokenproxy/add/",
            {"user": str(User.objects.get(username=who).pk)},
            having="user",
            drop=("_addanother", "_continue"),
        )
    # A plan administrator: Iván on the end-of-term draft, a new progress report for plan 2 with
    # Iván on it, and an edit to a commitment (its history).
    end_of_term = IRMReport.objects.get(action_plan__ogp_id="AP_PER01", kind="end_of_term")
    ivan_pk = str(User.objects.get(username="ivan").pk)
    researcher_pk = str(User.objects.get(username="researcher").pk)
    submit(
        paula,
        f"/admin/reviews/irmreport/{end_of_term.pk}/change/",
        {"researchers": [researcher_pk, ivan_pk]},
        having="researchers",
        drop=("_addanother", "_continue"),
    )
    plan2 = Commitment.objects.filter(action_plan__ogp_id="AP_PER02").order_by("ogp_id").first()
    submit(
        paula,
        "/admin/reviews/irmreport/add/",
        {
            "action_plan": str(plan2.action_plan_id),
            "kind": "progress",
            "methodology": "pre_2021",
            "title": "Perú: Informe de avance 2015-2016 (borrador de la actualización)",
            "publication_year": "2017",
            "researchers": [ivan_pk],
        },
        having="researchers",
        drop=("_addanother", "_continue"),
    )
    pe8 = Commitment.objects.get(ogp_id="PE0008")
    submit(
        paula,
        f"/admin/commitments/commitment/{pe8.pk}/change/",
        {"title": pe8.title + " (texto revisado)", "end_date": "2015-06-30"},
        having="title",
        drop=("_addanother", "_continue"),
    )
    pe8.refresh_from_db()
    submit(
        paula,
        f"/admin/commitments/commitment/{pe8.pk}/change/",
        {"short_title": "Acceso a la información (revisado)"},
        having="title",
        drop=("_addanother", "_continue"),
    )

    # Civil society: a status report with a file and a link, one with an image that corrects an
    # earlier update, one through the write API, an indicator reading, a follow.
    with open_named(PDF, "informe-pe0008.pdf") as pdf:
        submit(
            rosa,
            "/commitments/PE0008/report/",
            {
                "completion": "substantial",
                "note": "La ley se reglamentó; falta la difusión en regiones.",
                "links": "https://example.org/informe-pe0008\nhttp://example.org/acta",
                "files": pdf,
                "as_of": "2026-11-20",
            },
            having="note",
        )
    earlier = StatusUpdate.objects.filter(commitment__ogp_id="PE0022").order_by("pk").first()
    with open_named(PNG, "foto.png") as png:
        submit(
            editor,
            "/commitments/PE0022/report/",
            {
                "completion": "substantial",
                "note": "Corrige: el esquema se aplica solo en el Ejecutivo.",
                "files": png,
                "links": "",
                "as_of": "2014-04-15",
                "corrects": str(earlier.pk),
            },
            having="note",
        )
    token = User.objects.get(username="rosa").auth_token.key
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(
        "/api/v1/commitments/PE0001/status-updates/",
        {
            "completion": "limited",
            "as_of": "2026-11-25",
            "note": "Enviado por la integración de Proética.",
            "links": ["https://example.org/api-informe"],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    indicator = Indicator.objects.order_by("pk").first()
    submit(
        rosa,
        f"/indicators/{indicator.pk}/readings/new/",
        {
            "value": "42",
            "as_of": "2026-10-31",
            "note": "Medición de Proética",
            "evidence_url": "https://example.org/medicion",
        },
        having="value",
    )
    submit(
        rosa,
        "/commitments/PE0008/",
        {"kind": "organization", "key": "proetica", "frequency": "daily"},
        action="/follow/",
    )
    submit(juan, "/plans/AP_PER01/", {"frequency": "daily"}, action="/follow/")
    submit(juan, "/commitments/PE0008/", {}, action="/follow/")

    # A plan administrator changes a milestone through the write API (If-Match).
    milestone = Milestone.objects.order_by("pk").first()
    patch = Client(HTTP_AUTHORIZATION=f"Token {User.objects.get(username='paula').auth_token.key}")
    etag = patch.get(f"/api/v1/milestones/{milestone.pk}/")["ETag"]
    response = patch.patch(
        f"/api/v1/milestones/{milestone.pk}/",
        {"status": "met", "met_on": "2016-05-31"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content

    # IRM researchers: drafts on the end-of-term report, one saved twice, then submitted and
    # published; a draft on plan 2's new report that stays a draft.
    scales = {
        "specificity": "medium",
        "relevant_access_to_information": "true",
        "relevant_civic_participation": "true",
        "potential_impact": "transformative",
        "completion": "complete",
        "opened_government": "major",
    }
    base = f"/irm/reports/{end_of_term.pk}/assess"
    submit(ivan, f"{base}/PE0008/", {**scales, "narrative": "Primera lectura."}, having="narrative")
    submit(
        ivan,
        f"{base}/PE0008/",
        {"narrative": "Reglamento aprobado; sin difusión.", "completion": "substantial"},
        having="narrative",
    )
    submit(
        ivan,
        f"{base}/PE0022/",
        {**scales, "potential_impact": "moderate", "narrative": "Aplicado en el Ejecutivo."},
        having="narrative",
    )
    submit(
        researcher,
        f"{base}/PE0001/",
        {**scales, "completion": "limited", "narrative": "Avance limitado."},
        having="narrative",
    )
    researcher.post(f"/irm/reports/{end_of_term.pk}/submit/")
    paula.post(f"/irm/reports/{end_of_term.pk}/publish/")
    end_of_term.refresh_from_db()
    assert end_of_term.state == "published", end_of_term.state
    draft = IRMReport.objects.get(action_plan__ogp_id="AP_PER02", kind="progress")
    submit(
        ivan,
        f"/irm/reports/{draft.pk}/assess/{plan2.ogp_id}/",
        {**scales, "narrative": "Borrador: no publicar."},
        having="narrative",
    )
    print("scenario: done")


class open_named:
    """An in-memory upload with a name, as the test client sends files."""

    def __init__(self, data: bytes, name: str) -> None:
        import io

        self.handle = io.BytesIO(data)
        self.handle.name = name

    def __enter__(self):
        return self.handle

    def __exit__(self, *exc):
        self.handle.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
