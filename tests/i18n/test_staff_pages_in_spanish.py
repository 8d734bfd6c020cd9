"""The staff pages (Manage course, admin, reports) in Spanish: a trainer or an admin who chose
Español sees Spanish headings, buttons and messages, and none of these pages' English text."""
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Response
from sqlalchemy import select

from lms.auth.models import Role, User
from lms.extensions import db
from tests.authoring.helpers import add_lesson, edit_lesson
from tests.certificates.helpers import certificates, finish_course
from tests.conftest import PASSWORD
from tests.factories import make_user
from tests.helpers import text_of

CATALOG = Path(__file__).parents[2] / "lms/translations/es/LC_MESSAGES/messages.po"
STAFF_FILES = ("templates/authoring/", "templates/admin/", "templates/reports/",
               "lms/authoring/", "lms/admin/", "lms/reports/")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")

# Pages every trainer and admin can open, with words of their Spanish heading and buttons.
TRAINER_PAGES = {
    "/manage/mini/": ["Gestionar el curso", "Borrador", "Módulos y lecciones", "Agregar un módulo",
                 "Revisar y publicar", "Materiales", "Archivos e imágenes"],
    "/manage/mini/course": ["Editar los datos del curso", "Título del curso",
                            "Guardar en el borrador"],
    "/manage/mini/modules/new": ["Agregar un módulo", "Título del módulo",
                                 "Guardar en el borrador"],
    "/manage/mini/modules/basics/edit": ["Editar el módulo: Basics", "Guardar en el borrador"],
    "/manage/mini/modules/basics/retire": ["¿Retirar el módulo “Basics”?", "Sí, retirar"],
    "/manage/mini/modules/basics/quiz": ["Cuestionario de “Basics”", "Título del cuestionario",
                                    "Opciones", "Guardar el cuestionario en el borrador"],
    "/manage/mini/modules/basics/lessons/new": ["Agregar una lección a “Basics”",
                                           "Título de la lección", "Minutos de lectura",
                                           "Vista previa del texto"],
    "/manage/mini/lessons/second-lesson/edit": ["Editar la lección: Second lesson",
                                           "Texto de la lección", "Guardar en el borrador"],
    "/manage/mini/lessons/second-lesson/place": ["Mover “Second lesson”", "Mover en el borrador"],
    "/manage/mini/lessons/second-lesson/retire": ["¿Retirar la lección “Second lesson”?"],
    "/manage/mini/handouts/checklist/edit": ["Editar el material: The checklist"],
    "/manage/mini/handouts/checklist/es": ["Texto en español de “The checklist”", "Inglés",
                                      "Resumen en español (opcional)",
                                      "Historial del texto en español"],
    "/manage/mini/course/es": ["Texto en español de “Mini Course”", "Título del curso en español",
                               "Resumen en español"],
    "/manage/mini/introduction/es": ["Texto en español de “About the mini course”",
                                     "Título en español", "Vista previa del texto"],
    "/manage/mini/modules/basics/es": ["Texto en español de “Basics”", "Título en español"],
    "/manage/mini/modules/basics/quiz/es": ["Texto en español de “Cuestionario: Basics”",
                                       "Pregunta 1: respuesta 2 en español"],
    "/manage/mini/glossary/es": ["Texto en español de “Glosario”",
                            "Definición en español de “Seclusion”"],
    "/manage/mini/history/lesson/second-lesson": ["Historial", "Revisión", "Acciones",
                                             "Comparar las revisiones elegidas"],
    "/manage/mini/history/lesson/second-lesson/2": ["Revisión 2", "Restaurar esta revisión",
                                                    "Texto"],
    "/manage/mini/history/lesson/second-lesson/diff?old=1&new=2": [
        "Cambios de la revisión 1 a la 2", "Agregado"],
    "/manage/mini/history/lesson/second-lesson/1/restore": ["¿Restaurar la revisión 1?",
                                                       "Sí, restaurar la revisión 1"],
    "/manage/mini/history/course/mini": ["Historial", "Datos del curso"],
    "/manage/mini/publish": ["Publicar el borrador", "Qué cambiará para los estudiantes",
                        "Comenzar una nueva edición del curso", "Publicar ahora"],
    "/manage/mini/discard": ["¿Descartar el borrador?", "Sí, descartar el borrador"],
    "/manage/mini/images": ["Imágenes para las lecciones", "Subir"],
    "/manage/mini/reviews": ["Revisiones pendientes"],
    "/manage/mini/import": ["Importar un zip del curso", "Revisar el zip"],
    "/manage/mini/reports/": ["Informes", "Desde", "Hasta (incluido)", "Agrupar por", "Mostrar",
                  "Dónde se detienen los estudiantes: el embudo"],
    "/manage/mini/reports/activity": [
        "Inscripciones, finalizaciones y certificados a lo largo del tiempo",
                          "Resumen", "Descargar como CSV", "Mes que empieza el", "menos de 10",
                          "Cómo se cuentan"],
    "/manage/mini/reports/activity?by=week": ["Por semana, de", "Semana que empieza el"],
    "/manage/mini/reports/funnel": ["Dónde se detienen los estudiantes: el embudo", "Paso",
                                    "Llegaron",
                        "Completaron, % de los que llegaron"],
    "/manage/mini/reports/quizzes": ["Análisis de las preguntas de los cuestionarios",
                                     "Primeros intentos",
                         "Elegida, % de las respuestas"],
    "/manage/mini/reports/completion": ["Tiempo para completar, y certificados", "Mediana, días",
                            "Completaron en menos de un día"],
    "/manage/mini/reports/funder": ["Informe para financiadores", "impreso el",
                                    "Alcance y finalización",
                        "Estudiantes atendidos, sin duplicados"],
}
ADMIN_PAGES = {
    "/admin/people": ["Personas", "Buscar por correo electrónico o nombre", "Rol", "Cuenta"],
    "/admin/people/{learner}": ["Progreso", "Completó el curso.", "Cambiar el rol",
                                "Desactivar la cuenta", "Cambios en esta cuenta"],
    "/admin/audit": ["Registro de auditoría", "Todavía no hay cambios registrados."],
    "/admin/certificates": ["Certificados", "Buscar por código o nombre", "Código", "Estado"],
    "/admin/certificates/{certificate}": ["Nombre impreso", "Volver a emitir con un nombre "
                                          "corregido", "Revocar", "Ver la página del certificado"],
}


def staff_english() -> list[str]:
    """The English of every staff-page msgid, as pieces long enough to be told apart from the
    course's own (English) content: each text between placeholders of two words or more."""
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    pieces = set()
    for message in catalog:
        if not message.id or not any(path.startswith(STAFF_FILES)
                                     for path, _line in message.locations):
            continue
        for msgid in message.id if isinstance(message.id, tuple) else [message.id]:
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip(" .,;:()“”")
                if len(piece.split()) >= 2:
                    pieces.add(piece)
    return sorted(pieces)


def main_text(response) -> str:
    """The visible text of the page's <main>, where the staff templates write, plus the
    aria-labels in it (base.html's header and footer belong to the learner pages' catalog)."""
    html = response.get_data(as_text=True)
    main = html[html.index("<main"):html.index("</main>")]
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', main))
    return text_of(Response(main)) + " " + labels


@pytest.fixture
def staff(app, client, auth, course, learner):
    """A trainer and an admin, a finished learner with a certificate, and a draft with two
    saved revisions of a lesson: every staff page then has something to show."""
    learner_client = app.test_client()
    learner_client.post("/login", data={"email": "learner@example.org", "password": PASSWORD})
    finish_course(app, learner_client)
    with app.app_context():
        make_user("trainer@example.org", "Tess Trainer", PASSWORD, Role.TRAINER)
        make_user("ada@example.org", "Ada Admin", PASSWORD, Role.ADMIN)
    auth.login("trainer@example.org")
    assert edit_lesson(client, "second-lesson", 0, body="A new line.\n").status_code == 302
    assert edit_lesson(client, "second-lesson", 2, body="Rewritten.\n").status_code == 302
    auth.logout()
    return {"learner": learner, "certificate": certificates(app)[0].id}


def spanish_client(app, email):
    client = app.test_client()
    client.set_cookie("lang", "es")
    client.post("/login", data={"email": email, "password": PASSWORD})
    return client


def assert_spanish(response, expected, english):
    assert response.status_code == 200, response.status_code
    text = main_text(response)
    for words in expected:
        assert words in text, f"{words!r} missing from: {text}"
    left = [piece for piece in english if piece in text]
    assert not left, f"English left in Spanish page: {left}"


@pytest.mark.parametrize("email", ["trainer@example.org", "ada@example.org"])
def test_manage_and_report_pages_are_in_spanish(app, staff, email):
    client, english = spanish_client(app, email), staff_english()
    for path, expected in TRAINER_PAGES.items():
        assert_spanish(client.get(path), expected, english)


def test_admin_pages_are_in_spanish(app, staff):
    client, english = spanish_client(app, "ada@example.org"), staff_english()
    for path, expected in ADMIN_PAGES.items():
        assert_spanish(client.get(path.format(**staff)), expected, english)


def test_import_summary_is_in_spanish(app, staff):
    client = spanish_client(app, "trainer@example.org")
    archive = client.get("/manage/mini/export.zip").data
    response = client.post("/manage/mini/import", data={"archive": (io.BytesIO(archive), "c.zip")},
                           content_type="multipart/form-data")
    assert_spanish(response, ["Qué cambiaría esta importación", "Hay un borrador sin publicar"],
                   staff_english())


def test_flash_messages_and_form_errors_are_in_spanish(app, staff):
    client = spanish_client(app, "trainer@example.org")
    refused = client.post("/manage/mini/modules/new", data={"title": ""})
    assert refused.status_code == 400
    assert "Título del módulo: Este campo es obligatorio." in text_of(refused)
    mark = client.post("/manage/mini/course", data={"title": "x", "summary": "y", "pass_mark": "",
                                               "revision": "0"})
    assert "Escriba un número del 1 al 100." in text_of(mark)
    saved = client.post("/manage/mini/modules/new", data={"title": "Sus derechos"},
                        follow_redirects=True)
    assert "El módulo “Sus derechos” se agregó al borrador." in text_of(saved)
    added = add_lesson(client, module="basics", title="Registros")
    assert added.status_code == 302
    page = text_of(client.get("/manage/mini/"))
    assert "La lección “Registros” se agregó al borrador." in page
    assert "Tiene cambios sin publicar." in page
    nothing = client.get("/manage/mini/history/lesson/second-lesson/diff", follow_redirects=True)
    assert "Elija dos revisiones para compararlas." in text_of(nothing)

    quiz = client.post("/manage/mini/modules/basics/quiz", data={"title": "", "count": "0",
                                                            "revision": "0"})
    assert quiz.status_code == 400
    assert "El cuestionario necesita al menos una pregunta." in text_of(quiz)
    assert "Título del cuestionario: escriba un título" in text_of(quiz)
    period = client.get("/manage/mini/reports/?from=2026-13-01")
    assert period.status_code == 400
    assert "La fecha de inicio debe ser una fecha como 2026-01-31." in text_of(period)

    version = re.search(r'name="version" type="hidden" value="(\d+)"',
                        client.get("/manage/mini/publish").get_data(as_text=True)).group(1)
    refused = client.post("/manage/mini/publish", data={"version": version, "new_edition": "y",
                                                   "edition": "2027", "edition_note": ""})
    assert refused.status_code == 400
    assert "Diga qué cambió en la nueva edición." in text_of(refused)

    admin = spanish_client(app, "ada@example.org")
    with app.app_context():
        ada = db.session.scalar(select(User.id).where(User.email == "ada@example.org"))
    last = admin.post(f"/admin/people/{ada}/active", data={"active": "no"})
    assert last.status_code == 409
    assert "Esta es la última cuenta de administrador activa." in text_of(last)
    changed = admin.post(f"/admin/people/{staff['learner']}/role", data={"role": "trainer"},
                         follow_redirects=True)
    assert "El rol se cambió." in text_of(changed)
    assert "Formador (edita el curso, ve los informes)" in text_of(changed)
    assert "cambio de rol" in text_of(admin.get("/admin/audit"))


def test_english_staff_pages_stay_english(app, staff):
    client = app.test_client()
    client.post("/login", data={"email": "ada@example.org", "password": PASSWORD})
    page = text_of(client.get("/manage/mini/"))
    assert "Manage course" in page and "Gestionar el curso" not in page
    assert "Find by code or name" in text_of(client.get("/admin/certificates"))


def test_every_staff_string_has_spanish():
    with CATALOG.open("rb") as po:
        catalog = read_po(po)
    untranslated = [message.id for message in catalog if message.id and any(
        path.startswith(STAFF_FILES) for path, _line in message.locations)
        and not all(message.string if isinstance(message.string, tuple)
                    else [message.string])]
    assert not untranslated
