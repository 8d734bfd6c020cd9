"""One certificate, in the learner's language when it is issued: the PDF, the page, the email;
the verify page works in both languages and names the language of the edition taken."""
import io

import pypdf

from lms.certificates.rendering import render_and_store
from tests.certificates.helpers import certificates, finish_course
from tests.helpers import latest_email, text_of
from tests.i18n.test_spanish_pages import english_left_in


def _finish_in_spanish_and_render(app, client, auth):
    auth.login()
    client.get("/my-learning?lang=es")  # chosen on the profile
    finish_course(app, client)
    [certificate] = certificates(app)
    with app.app_context():
        render_and_store(certificate.id)
    return certificate


def test_a_certificate_issued_in_spanish_prints_in_spanish(app, client, auth, course, learner):
    certificate = _finish_in_spanish_and_render(app, client, auth)
    assert certificate.language == "es"
    pdf = client.get(f"/certificates/{certificate.id}/pdf")
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text().split())
    for spanish in ("Certificado de finalización", "Se certifica que", "completó el curso",
                    "Código de verificación", "Lee Learner", certificate.code):
        assert spanish in text
    assert "Certificate of Completion" not in text and "This certifies" not in text
    assert " de 20" in text  # the date as Spanish writes it: "2 de diciembre de 2026"
    email = latest_email(app)
    assert "Subject: Su certificado está listo" in email


def test_the_certificate_page_keeps_the_issued_language_when_the_learner_switches(
        app, client, auth, course, learner):
    certificate = _finish_in_spanish_and_render(app, client, auth)
    spanish = text_of(client.get(f"/certificates/{certificate.id}"))
    assert "Se certifica que" in spanish and "Su certificado" in spanish
    assert english_left_in(spanish) == []
    english = client.get(f"/certificates/{certificate.id}?lang=en").get_data(as_text=True)
    assert "Your certificate" in english  # the page around it follows the reader...
    assert '<figure class="certificate-html" aria-labelledby="certificate-caption" lang="es">' \
        in english and "Se certifica que" in english  # ...the certificate stays as issued


def test_the_verify_page_names_the_language_in_both_languages(app, client, auth, course,
                                                               learner):
    certificate = _finish_in_spanish_and_render(app, client, auth)
    auth.logout()
    verifier = app.test_client()
    english = text_of(verifier.get(f"/verify/{certificate.code}"))
    assert "Valid." in english and "Taken in Spanish" in english
    spanish = text_of(verifier.get(f"/verify/{certificate.code}?lang=es"))
    assert "Válido." in spanish and "Cursado en español" in spanish
    assert english_left_in(spanish) == []
    assert english_left_in(text_of(verifier.get("/verify?lang=es"))) == []


def test_the_credential_names_the_language_of_the_edition(app, client, auth, course, learner):
    certificate = _finish_in_spanish_and_render(app, client, auth)
    credential = client.get(f"/certificates/{certificate.id}/credential.json").get_json()
    assert credential["credentialSubject"]["achievement"]["inLanguage"] == "es"
