"""Spanish comments, read by Spanish words and rules: sentiment, themes, flags and signals."""

import pytest

from centric.insights.tests.text.reading import label, themes
from centric.insights.text import DEFAULT_TAXONOMY, Member, Taxonomy, TextAnalyzer, Theme, analyze


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El pedido llegó a tiempo y muy bien embalado.", "positive"),
        ("La calidad de las piezas es excelente.", "positive"),
        ("La atención al cliente fue pésima y el personal muy grosero.", "negative"),
        ("Las piezas llegaron dañadas.", "negative"),
        ("Llevamos dos semanas esperando una respuesta del soporte.", "negative"),
        ("Muchas gracias por la rapidez, todo perfecto.", "positive"),
        # negation before the word it turns, and Spanish's double negation
        ("No estamos satisfechos con el servicio.", "negative"),
        ("El técnico no fue nada amable.", "negative"),
        ("Nadie nos ha ayudado, ni por teléfono ni por email.", "negative"),
        ("La factura nunca coincide con el presupuesto.", "negative"),
        ("Desde el cambio de modelo no hemos tenido ningún problema.", "positive"),
        ("El producto y el embalaje no están nada mal.", "positive"),
        ("Un servicio técnico muy poco profesional.", "negative"),
        ("La aplicación no funciona desde la última actualización.", "negative"),
        ("El lector de tarjetas no funciona nada bien.", "negative"),
        # a problem solved is praise; one not yet solved is not
        ("El soporte nos solucionó el problema enseguida.", "positive"),
        ("Todavía no han resuelto nuestro problema.", "negative"),
        ("Ningún problema, todo se resolvió rápidamente.", "positive"),
        # excess
        ("Los precios son demasiado altos.", "negative"),
        ("Tardaron demasiado tiempo en enviarnos el pedido.", "negative"),
        ("El producto es demasiado caro para lo que ofrece.", "negative"),
        # what follows "pero", "sin embargo" and "sino" is the verdict; "aunque" concedes
        ("No está mal, pero el precio es demasiado alto.", "negative"),
        ("La entrega fue lenta, pero el soporte fue excelente.", "positive"),
        ("El producto es bueno, sin embargo la entrega fue un desastre.", "negative"),
        ("No es malo, sino excelente.", "positive"),
        ("Aunque el precio es algo elevado, la calidad es excelente.", "positive"),
        # a wish or a supposition: its praise is what is missing
        ("Sería genial que el portal tuviera una función de exportación.", "negative"),
        ("Los precios están bien, pero el servicio podría ser mejor.", "negative"),
        ("Sin duda lo recomendaría a los compañeros del sector.", "positive"),
        ("Me gustaría agradecer a todo el equipo su trabajo.", "positive"),
        # set phrases
        ("La factura del mes incluía productos que nunca pedimos.", "negative"),
        ("El compresor funciona desde hace meses sin ningún problema.", "positive"),
        ("El comercial nos mantiene al tanto de todo.", "positive"),
        ("El pedido no llegó a tiempo.", "negative"),
        ("Nos cobraron dos veces el mismo pedido.", "negative"),
        ("La web es muy fácil de usar.", "positive"),
        ("Buenas tardes, tenemos una pregunta sobre la factura.", "neutral"),
        ("La calidad es excelente y el precio es horrible.", "mixed"),
        # customers leave out accents
        ("Envio rapidisimo y atencion muy amable.", "positive"),
        ("Pesimo servicio, no lo recomiendo.", "negative"),
    ],
)
def test_spanish_sentiment(text: str, expected: str) -> None:
    assert label(text) == expected


def test_boosters_and_downtoners_scale_the_word_after_them() -> None:
    plain = analyze("La entrega fue rápida.").score
    assert analyze("La entrega fue muy rápida.").score > plain > 0
    assert (
        analyze("El soporte fue extremadamente lento.").score
        < analyze("El soporte fue lento.").score
        < 0
    )
    assert analyze("La entrega fue algo lenta.").score > analyze("La entrega fue lenta.").score


def test_the_words_that_drove_a_spanish_score_are_named() -> None:
    text = "El envío fue muy rápido, pero la factura estaba mal."
    reading = analyze(text).sentiment
    found = {c.phrase: c for c in reading.contributions}
    assert set(found) == {"rápido", "mal"}
    assert found["rápido"].weight > 0 > found["mal"].weight
    assert abs(found["mal"].weight) > 2.2  # the verdict after "pero" weighs more
    assert text[found["mal"].start : found["mal"].end] == "mal"


def test_spanish_themes_come_from_spanish_seed_words() -> None:
    assert themes("La entrega llegó con dos semanas de retraso.") == {"delivery"}
    assert "support" in themes("El servicio de atención al cliente no ha contestado.")
    assert themes("Las facturas no cuadran.") == {"billing"}
    assert "price" in themes("Las piezas son baratas.")
    assert "billing" not in themes("Las piezas son baratas.")
    assert "relationship" in themes("Nuestro gestor de cuenta nos visita cada mes.")
    assert "reliability" in themes("La aplicación se cuelga cada dos por tres.")
    assert "availability" in themes("El modelo que queremos está agotado.")
    assert "fit and size" in themes("La talla es más pequeña de lo normal.")
    reading = analyze("El paquete llegó bien, pero la factura estaba mal.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }


def test_an_organisations_own_seed_word_finds_spanish_comments() -> None:
    ours = Taxonomy(
        (
            Theme("sustainability", "Carbon data.", ("sostenibilidad", "huella de carbono")),
            *DEFAULT_TAXONOMY.themes,
        )
    )
    found = themes("Necesitamos sus datos de huella de carbono para el informe.", ours)
    assert "sustainability" in found


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("El pedido llegó puntual.", "delivery"),
        ("Devolvimos la impresora y todavía esperamos el reembolso.", "replace"),
        ("Pedimos un presupuesto y comparamos varias ofertas.", "shop"),
        ("El técnico vino a reparar la caldera dentro de la garantía.", "maintain"),
        ("Queremos darnos de baja del servicio y cancelar la cuenta.", "dispose"),
    ],
)
def test_spanish_journey_stage(text: str, stage: str) -> None:
    assert analyze(text).journey_stage == stage


def test_spanish_care_signals() -> None:
    worried = analyze("Nos preocupa que los nuevos precios no entren en nuestro presupuesto.")
    assert {s.kind for s in worried.care_signals} == {"fear", "constraint"}
    wish = analyze("Sería muy útil que el portal mostrara la fecha de entrega.")
    assert [s.kind for s in wish.care_signals] == ["wish"]
    hope = analyze("Esperamos poder usar sus bombas también en nuestra segunda planta.")
    assert [s.kind for s in hope.care_signals] == ["hope"]
    assert "opportunity" in {
        s.kind
        for s in analyze(
            "Si ofrecieran también el mantenimiento, contrataríamos más servicios con ustedes."
        ).care_signals
    }
    # supposed: a risk, not an outage
    supposed = analyze("Si las piezas vuelven a llegar tarde, nuestra línea se quedará parada.")
    assert not supposed.urgent
    assert [(s.kind, s.phrase) for s in supposed.care_signals] == [
        ("risk", "nuestra línea se quedará parada")
    ]


def test_spanish_flags() -> None:
    churn = analyze("Si esto no mejora, no renovaremos el contrato.")
    assert [(f.kind, f.reason) for f in churn.flags] == [("churn_risk", "not renew")]
    assert churn.flags[0].phrase == "no renovaremos el contrato"
    leaving = analyze("Vamos a cancelar el contrato y nos iremos con la competencia.")
    assert {f.reason for f in leaving.flags} == {"cancel", "switch"}
    assert leaving.churn_risk
    # a churn phrase after a negation is no flag
    assert not analyze("Nunca cancelaríamos el contrato, estamos muy contentos.").churn_risk
    assert not analyze("No vamos a darnos de baja, el servicio es excelente.").churn_risk
    assert not analyze("No es urgente, pero queremos saber el estado del pedido.").urgent
    safety = analyze("La tapa se soltó y el equipo es peligroso, es un problema de seguridad.")
    assert [(f.kind, f.reason) for f in safety.flags] == [("urgent", "safety")]
    stopped = analyze(
        "Desde hace dos días nuestra línea de producción está parada "
        "y no podemos servir los pedidos."
    )
    assert [f.reason for f in stopped.flags] == ["outage"]
    assert stopped.label == "negative"
    assert [f.reason for f in analyze("Nos han cobrado dos veces la misma factura.").flags] == [
        "money lost"
    ]
    lawyer = analyze("Si no nos devuelven el dinero, el asunto pasará a nuestro abogado.")
    assert [f.reason for f in lawyer.flags] == ["legal"]
    shared = analyze("Han compartido mis datos personales con otra empresa sin nuestro permiso.")
    assert [f.reason for f in shared.flags] == ["privacy"]
    assert analyze(
        "Necesitamos un técnico con urgencia, la máquina no arranca desde el lunes."
    ).urgent


def test_a_person_praised_in_spanish_is_named() -> None:
    lucia = Member("7", "Lucía Fernández", "person")
    reading = TextAnalyzer(directory=[lucia]).analyze(
        "Muchas gracias a Lucía Fernández, fue muy amable y nos resolvió todo."
    )
    assert reading.praise
    assert [p.member for p in reading.praised] == [lucia]
    assert not analyze("El pedido llegó roto y nadie contesta.").praise


@pytest.mark.parametrize(
    "text",
    [
        "¡Pésimo servicio!",
        "Muy buena atención.",
        "Entrega rapidísima, gracias.",
        "El pedido llegó con una semana de retraso y nadie nos avisó. Cuando por fin "
        "conseguimos hablar con el servicio de atención al cliente, nos dijeron que era culpa "
        "del transportista. Esperamos que la próxima vez sea mejor.",
    ],
)
def test_spanish_is_told_from_short_and_long_comments(text: str) -> None:
    assert analyze(text).language == "es"
