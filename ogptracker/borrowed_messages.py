"""Django's and Django REST framework's messages that the site words its own way in Spanish.

Both catalogues translate some of the same English texts differently ("This field is required." is
"Este campo es obligatorio." in Django's, "Este campo es requerido." in DRF's, and the one read
depended on the order of the catalogues) and mix "Introduzca", "Ingrese", "Escoja" for the same
instruction. The project's catalogue (LOCALE_PATHS) is read first, so locale/es gives each of these
one wording: "Indique" for a value to give, "Elija" for a choice, in usted. Marked here so that
`make messages` (which drops what no source names) keeps them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

BORROWED_MESSAGES = (
    # Django and DRF: a field left out.
    gettext_noop("This field is required."),
    # DRF: an empty text (Django's model message says "Este campo no puede estar vacío.").
    gettext_noop("This field may not be blank."),
    # Django's forms and models: a choice not in the list.
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    # DRF: a choice not in the list.
    gettext_noop('"{input}" is not a valid choice.'),
    # Django's forms and DRF: a value to give again.
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop("A valid integer is required."),
    gettext_noop("A valid number is required."),
    # Django and DRF: an evidence file sent empty or not at all (their Spanish said "está vació",
    # with a slip, and "fichero" where the site says "archivo").
    gettext_noop("The submitted file is empty."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    # Django's account forms (log in, change or set a password): "introduzca", "Por favor" and
    # "clave" beside fields that say "Contraseña".
    gettext_noop(
        "Please enter a correct %(username)s and password. Note that both fields may be "
        "case-sensitive."
    ),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Your password can’t be a commonly used password."),  # noqa: RUF001 (Django's own apostrophe)
)
