"""Reading Spanish comments: the words and the few rules of place that Spanish needs.

Spanish is read by its own words, written for this project, not by the English ones: "sin"
is "without", "red" a network and "once" eleven. What is particular about reading it:

- negation comes before what it turns, never after it at the end of the clause: "no" stands
  before the verb ("no nos gustó", "el técnico no fue nada amable"), and Spanish negates
  twice without turning back ("no hemos tenido ningún problema", "no funciona nada bien"):
  the first negation turns the first opinion word after it, a second finds nothing left to
  turn. "nunca", "jamás", "nadie", "ningún", "ni", "tampoco" and "sin" negate by themselves
  ("nadie nos ayudó", "sin daños"), and "poco" before an adjective means "not" ("poco
  profesional", "poco claro"), while "un poco" is "a bit" and is read as nothing;
- so negation never looks back, and a negating word that opens a set phrase negates nothing:
  "no solo … sino", "nada más llegar" (as soon as it came), "sin duda", "hace poco" are read
  as phrases of no opinion, "sin problemas", "no hay problema" as praise;
- "pero", "sino", "sin embargo" and "no obstante" make what follows the verdict ("sin
  embargo" and "no obstante" by their second word); "aunque", "a pesar de" and "pese a"
  concede;
- a clause in the conditional or the past subjunctive wishes ("sería genial que …",
  "podría ser mejor", "nos gustaría que fuera más rápido"): its praise is what is missing.
  "gustaría" itself is no wish, as Spanish thanks and praises in it too ("me gustaría
  felicitar a Marta por su excelente trabajo"); the subjunctive after it carries the wish;
- no word is elided: "del" and "al" are words of their own, and clitics written onto a verb
  ("recomendarlo", "dárnoslo") stay one word;
- adjectives and participles agree in gender and number ("rápida", "rápidos", "amables",
  "eficaces", "solucionada"), take "-ísimo" ("buenísima", "amabilísimo", "carísimos") and make
  adverbs in "-mente" ("rápidamente", "fácilmente"): the endings find their masculine
  singular. Verbs are conjugated too far for endings: the forms customers use are listed
  ("recomiendo", "recomendaría", "funciona", "tardaron");
- customers often leave out accents ("rapido", "pesimo", "atencion"), so words are looked up
  without them too; no two words of the lexicon differ by accents alone with opposite
  opinions. Patterns, matched with accents, allow both where customers drop one;
- "tarde" is late and afternoon ("buenas tardes", "esta tarde", "más tarde" are no opinion),
  "bien" is good and an intensifier ("bien caro"), and "parado" is a stopped line only after
  "está", "sigue", "tenemos" … ("la línea está parada"), not a bus stop.
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

# Valences on the English lexicon's scale, each word in its base form (the masculine
# singular of an adjective); feminine, plural, "-ísimo" and "-mente" forms are found by the
# endings below.
_VALENCES: dict[float, str] = {
    3.4: """excelente excepcional extraordinario perfecto fantástico magnífico maravilloso
        espectacular sobresaliente inmejorable insuperable impecable fenomenal sensacional
        espléndido""",
    3.0: """genial estupendo maravilla encanta encantan encantó encantado brillante óptimo
        ideal buenísimo amabilísimo""",
    2.6: """recomiendo recomendamos recomienda recomendable recomendado recomendaría
        recomendaríamos recomendar recomendación feliz encantador precioso felicito
        felicitamos felicitar felicidades felicitaciones enhorabuena fluido rapidísimo
        contentísimo""",
    2.2: """amable atento servicial simpático cordial educado profesional competente eficiente
        eficaz útil fiable confiable satisfecho contento agradecido agradecemos agradezco
        agradecer agradable cómodo intuitivo resolutivo bonito cuidadoso detallista
        implicado majo honesto volvería éxito exitoso placer""",
    1.8: """bien bueno buen mejor gran rápido veloz ágil puntual práctico limpio estable
        robusto sólido resistente duradero asequible razonable flexible fácil satisfactorio
        acertado acierto gracias solucionado resuelto arreglado reparado subsanado corregido
        solucionaron solucionó resolvieron resolvió arreglaron repararon corrigieron
        corrigió subsanaron ayudado ayudaron ayudó ayudan""",
    1.2: """sencillo claro correcto adecuado completo positivo gusta gustan gustó gustado
        avisa avisan
        funciona funcionan funcionó funcionaba mejorado mejoró informado informaron
        explicado explicaron explicó contestado contestaron contestó respondido
        respondieron respondió atendido atendieron atendió cumple cumplen cumplió
        cumplieron cumplido volveré volveremos compensa""",
    0.8: """solución aceptable suficiente interesante decente coincide coinciden cuadra
        cuadran avisó avisaron avisado sirve sirven""",
    -0.8: """lamentablemente desgraciadamente subida subido incidencia agotado""",
    -1.2: """problema error tarde falta faltan faltaba faltaban faltante reclamación reclamo
        reclamar pena tardó tardaron tarda tardan tardado perdido perdieron perdimos pérdida
        cancelado cancelaron cancelar cancelación negativo insistir insistimos olvidado
        olvidaron olvidó complicación inconveniente mejorable preocupado""",
    -1.5: """caro costoso lento lentitud retraso retrasado demora demorado tardanza queja
        molestia confuso confusión complicado difícil incómodo engorroso tedioso lioso lío
        excesivo exagerado bloqueado bloquea colgado cuelga mojado""",
    -1.8: """fallo falla defecto incorrecto equivocado erróneo falso caído avería daño
        averió averiaron
        insuficiente incompleto impuntual inestable molesto sucio feo preocupante
        deficiencia rayado abollado descoordinación""",
    -2.2: """mal malo peor defectuoso roto rompió rompieron estropeado estropeó averiado
        dañado deteriorado grosero maleducado antipático desagradable ineficaz ineficiente
        desorganizado absurdo ridículo injusto indebido desorbitado carísimo lentísimo cutre
        ignorado ignoran ignoraron incumplimiento incumplido incumplen mediocre""",
    -2.6: """decepcionado decepcionante decepción insatisfecho descontento disgustado enfadado
        enojado harto frustrante frustrado frustración incompetente inútil inservible
        imposible lamentable penoso patético chapuza chapucero deficiente irresponsable
        negligente engañoso mentira abusivo caótico caos peligroso""",
    -3.0: """inaceptable inadmisible intolerable vergonzoso vergüenza furioso indignado engaño
        engañado malísimo asco tomadura ladrón""",
    -3.4: """pésimo horrible terrible horroroso espantoso desastre desastroso nefasto
        catastrófico catástrofe escándalo escandaloso indignante estafa estafado estafador timo
        fraude robo""",
}

# From an inflected form to the base form of the lexicon, tried in order, longest first:
# "amabilísimas" -> "amable", "rapidísimo" -> "rápido" (found without its accent),
# "perfectamente" -> "perfecto", "fácilmente" -> "fácil", "eficaces" -> "eficaz",
# "amables" -> "amable", "rápidas" -> "rápido", "solucionada" -> "solucionado".
_ENDINGS: tuple[tuple[str, str], ...] = (
    ("bilísimos", "ble"),
    ("bilísimas", "ble"),
    ("bilisimos", "ble"),
    ("bilisimas", "ble"),
    ("bilísimo", "ble"),
    ("bilísima", "ble"),
    ("bilisimo", "ble"),
    ("bilisima", "ble"),
    ("quísimos", "co"),
    ("quísimas", "co"),
    ("quisimos", "co"),
    ("quisimas", "co"),
    ("guísimos", "go"),
    ("guísimas", "go"),
    ("guisimos", "go"),
    ("guisimas", "go"),
    ("quísimo", "co"),
    ("quísima", "co"),
    ("quisimo", "co"),
    ("quisima", "co"),
    ("guísimo", "go"),
    ("guísima", "go"),
    ("guisimo", "go"),
    ("guisima", "go"),
    ("ísimos", "o"),
    ("ísimas", "o"),
    ("isimos", "o"),
    ("isimas", "o"),
    ("amente", "o"),
    ("ísimo", "o"),
    ("ísima", "o"),
    ("isimo", "o"),
    ("isima", "o"),
    ("mente", ""),
    ("ces", "z"),
    ("as", "o"),
    ("es", ""),
    ("a", "o"),
    ("s", ""),
)

# Several words read as one. A phrase of 0.0 is a set phrase of no opinion whose words
# would otherwise be read as one: "buenas tardes" (no "tarde"), "un poco" (no negating
# "poco"), "sin duda" (no negating "sin"), "saludos cordiales" (no "cordial").
_PHRASES: dict[str, float] = {
    # waited, still nothing, fair prices
    "tuvimos que esperar": -1.2,
    "hemos esperado": -1.2,
    "precio justo": 1.8,
    "precios justos": 1.8,
    # thanks and praise
    "muchas gracias": 2.6,
    "muchísimas gracias": 2.6,
    "mil gracias": 2.6,
    "dar las gracias": 2.2,
    "gustaría agradecer": 2.2,
    "gustaría agradecerle": 2.2,
    "gustaría agradecerles": 2.2,
    "gustaría agradecerte": 2.2,
    "gustaría felicitar": 2.6,
    "gustaría felicitarle": 2.6,
    "gustaría felicitarles": 2.6,
    "gustaría destacar": 1.8,
    "gustaría resaltar": 1.8,
    "gustaría reconocer": 1.8,
    "de maravilla": 3.0,
    "de lujo": 3.0,
    "un lujo": 3.0,
    "de diez": 3.0,
    "de 10": 3.0,
    "cinco estrellas": 3.0,
    "5 estrellas": 3.0,
    "de primera": 2.6,
    "fuera de serie": 3.0,
    "lo imposible": 2.6,
    "todo lo posible": 2.2,
    "como la seda": 2.2,
    "sobre ruedas": 2.2,
    "vale la pena": 2.2,
    "merece la pena": 2.2,
    "valió la pena": 2.2,
    "volvería a comprar": 2.2,
    "volveré a comprar": 2.2,
    "volveremos a comprar": 2.2,
    "volvería a pedir": 2.2,
    "volveré a pedir": 2.2,
    "volveremos a pedir": 2.2,
    "volveremos a contratar": 2.2,
    "mejor imposible": 3.0,
    "más rápido imposible": 3.0,
    "más fácil imposible": 3.0,
    "más amable imposible": 3.0,
    # no trouble, on time, kept informed
    "no hay problema": 1.2,
    "sin problema": 1.8,
    "sin problemas": 1.8,
    "sin ningún problema": 1.8,
    "sin incidencias": 1.8,
    "cero problemas": 1.8,
    "cero quejas": 1.8,
    "a tiempo": 1.8,
    "en plazo": 1.8,
    "según lo previsto": 1.2,
    "según lo acordado": 1.2,
    "antes de lo previsto": 1.5,
    "fácil de usar": 2.2,
    "sencillo de usar": 2.2,
    "con rapidez": 1.8,
    "en poco tiempo": 1.5,
    "tardó poco": 1.5,
    "tardaron poco": 1.5,
    "al tanto": 1.8,
    "sin coste": 1.2,
    "sin costo": 1.2,
    "sin cargo": 1.2,
    # what does not work, did not come, was not answered
    "no funciona": -1.8,
    "no funcionan": -1.8,
    "no funciona bien": -1.8,
    "no funcionan bien": -1.8,
    "no funciona correctamente": -1.8,
    "no funcionan correctamente": -1.8,
    "no funcionaba": -1.8,
    "no funcionó": -1.8,
    "dejó de funcionar": -1.8,
    "deja de funcionar": -1.8,
    "dejado de funcionar": -1.8,
    "sin funcionar": -1.8,
    "no sirve": -1.8,
    "no sirven": -1.8,
    "no sirvió": -1.8,
    "sin resolver": -1.5,
    "sin solucionar": -1.5,
    "sin arreglar": -1.5,
    "no llegó a": -1.8,
    "no llegaron a": -1.8,
    "no llegó": -1.8,
    "no llegaron": -1.8,
    "no ha llegado": -1.8,
    "no han llegado": -1.8,
    "no ha llegado a": -1.8,
    "no han llegado a": -1.8,
    "nunca llegó": -1.8,
    "nunca llegaron": -1.8,
    "no hemos recibido": -1.8,
    "no he recibido": -1.8,
    "no recibimos": -1.8,
    "no recibí": -1.8,
    "nunca pedimos": -1.5,
    "no pedimos": -1.5,
    "no hemos pedido": -1.5,
    "no contestan": -1.5,
    "no responden": -1.5,
    "no contesta": -1.5,
    "no responde": -1.5,
    "no contestaron": -1.5,
    "no respondieron": -1.5,
    "no han contestado": -1.5,
    "no han respondido": -1.5,
    "nadie contesta": -1.5,
    "nadie responde": -1.5,
    "nadie contestó": -1.5,
    "nadie respondió": -1.5,
    "nunca contestan": -1.5,
    "nunca responden": -1.5,
    "nadie coge": -1.5,
    "no cogen": -1.5,
    "no coge": -1.5,
    "sin respuesta": -1.5,
    "ninguna respuesta": -1.5,
    "no hay respuesta": -1.5,
    "no tenemos respuesta": -1.5,
    "sin noticias": -1.2,
    "sin solución": -1.5,
    "ninguna solución": -1.5,
    "sin explicación": -1.5,
    "ninguna explicación": -1.5,
    "sin avisar": -1.5,
    "sin previo aviso": -1.5,
    "no avisaron": -1.5,
    "no nos avisaron": -1.5,
    "nadie avisó": -1.5,
    "nadie nos avisó": -1.5,
    "no nos informaron": -1.5,
    "nadie nos informó": -1.5,
    "seguimos esperando": -1.5,
    "sigo esperando": -1.5,
    "todavía esperando": -1.5,
    "aún esperando": -1.5,
    "horas esperando": -1.5,
    "días esperando": -1.5,
    "semanas esperando": -1.5,
    "meses esperando": -1.5,
    "fuera de plazo": -1.5,
    "fuera de servicio": -1.8,
    "sin servicio": -1.5,
    "sin conexión": -1.2,
    "sin stock": -1.2,
    "fuera de stock": -1.2,
    "se cae": -1.5,
    "se cayó": -1.5,
    "falta de": -1.5,
    "mucho que desear": -2.2,
    "deja que desear": -1.8,
    "por su ausencia": -2.2,
    "pérdida de tiempo": -2.6,
    "tirar el dinero": -2.2,
    "dinero tirado": -2.2,
    "da pena": -1.8,
    "tomado el pelo": -2.6,
    "toman el pelo": -2.6,
    "tomando el pelo": -2.6,
    "dejaron tirados": -2.2,
    "dejado tirados": -2.2,
    "dejaron tirado": -2.2,
    "fue fatal": -2.6,
    "es fatal": -2.6,
    "sido fatal": -2.6,
    "está fatal": -2.6,
    "funciona fatal": -2.6,
    "de baja": -1.2,
    "no entiendo": -0.8,
    "no comprendo": -0.8,
    "no me explico": -0.8,
    "por desgracia": -0.8,
    "debe mejorar": -1.2,
    "deben mejorar": -1.2,
    "debería mejorar": -1.2,
    "deberían mejorar": -1.2,
    "tienen que mejorar": -1.2,
    "hay que mejorar": -1.2,
    "podría mejorar": -1.2,
    "podrían mejorar": -1.2,
    "puede mejorar": -0.8,
    "pueden mejorar": -0.8,
    "a mejorar": -0.8,
    "cuesta demasiado": -1.5,
    "cobran demasiado": -1.5,
    # money taken twice or wrongly
    "cobrado dos veces": -2.2,
    "cobraron dos veces": -2.2,
    "cobrado por duplicado": -2.2,
    "doble cobro": -2.2,
    "cobro duplicado": -2.2,
    "cargo duplicado": -2.2,
    "cobrado de más": -2.2,
    "cobraron de más": -2.2,
    "cobran de más": -2.2,
    # set phrases of no opinion
    "buenos días": 0.0,
    "buenas tardes": 0.0,
    "buenas noches": 0.0,
    "buen día": 0.0,
    "la tarde": 0.0,
    "esta tarde": 0.0,
    "más tarde": 0.0,
    "tarde o temprano": 0.0,
    "un poco": 0.0,
    "hace poco": 0.0,
    "poco a poco": 0.0,
    "poco tiempo": 0.0,
    "dentro de poco": 0.0,
    "si bien": 0.0,
    "más bien": 0.0,
    "o bien": 0.0,
    "a lo mejor": 0.0,
    "sin duda": 0.0,
    "sin dudarlo": 0.0,
    "sin dudar": 0.0,
    "sin falta": 0.0,
    "de nada": 0.0,
    "nada más": 0.0,
    "antes que nada": 0.0,
    "no solo": 0.0,
    "no sólo": 0.0,
    "hace falta": 0.0,
    "gran parte": 0.0,
    "gran cantidad": 0.0,
    "gran mayoría": 0.0,
    "cara a cara": 0.0,
    "saludos cordiales": 0.0,
    "cordial saludo": 0.0,
    "gracias de antemano": 0.0,
    "gracias por adelantado": 0.0,
    "quedo atento": 0.0,
    "quedo atenta": 0.0,
    "quedamos atentos": 0.0,
    "quedamos atentas": 0.0,
}

# The default themes' Spanish seed words, by the theme's name (``taxonomy.py``).
_SEEDS: dict[str, str] = {
    "billing": "factura, facturas, facturación, facturado, facturaron, cobro, cobros, cobrado, "
    "cobraron, cobran, pago, pagos, recibo, recibos, domiciliación, tarjeta de crédito, "
    "transferencia, importe, cuota, iva, doble cobro, cobro indebido, cargo duplicado, cobrado "
    "dos veces, cobraron dos veces",
    "refunds": "reembolso, reembolsos, reembolsado, reembolsaron, reintegro, abono, abonado, "
    "abonaron, nota de crédito, devolución del dinero, devolver el dinero, devuelto el dinero, "
    "dinero de vuelta",
    "price": "precio, precios, caro, cara, caros, caras, carísimo, barato, barata, baratos, "
    "baratas, coste, costes, costo, costos, tarifa, tarifas, descuento, descuentos, económico, "
    "asequible, calidad-precio, calidad precio, sobrecoste, sobreprecio, subida de precios, "
    "presupuesto",
    "delivery": "entrega, entregas, entregado, entregaron, envío, envíos, enviado, enviaron, "
    "paquete, paquetes, paquetería, mensajero, mensajería, transportista, repartidor, reparto, "
    "llegó, llegaron, llegada, plazo de entrega, embalaje, embalado, retraso, retrasado, "
    "retrasada, número de seguimiento",
    "returns": "devolución, devoluciones, devolver, devuelto, devolvimos, devolví, etiqueta de "
    "devolución, política de devoluciones, cambiarlo por otro, cambio de talla",
    "support": "soporte, atención, atención al cliente, servicio al cliente, servicio de "
    "atención, servicio técnico, asistencia técnica, teléfono de atención, línea de atención, "
    "incidencia, incidencias, consulta, consultas, respuesta, contestaron, respondieron, agente, "
    "asistencia",
    "staff": "el personal, del personal, al personal, empleado, empleados, empleada, trabajador, "
    "trabajadores, dependiente, dependienta, técnico, técnicos, comercial, comerciales, vendedor, "
    "vendedora, operario, operarios, instalador, instaladores, trato, amable, amables, simpático, "
    "grosero, educado, atento, atentos",
    "product quality": "calidad, acabado, acabados, material, materiales, defecto, defectos, "
    "defectuoso, defectuosa, roto, rota, rotos, estropeado, rompió, averiado, averiada, "
    "fabricación, duradero, resistente, frágil, desgaste, bomba, bombas",
    "fit and size": "talla, tallas, tallaje, tamaño, horma, queda grande, queda pequeño, queda "
    "pequeña, queda corto, queda largo",
    "design": "diseño, color, colores, aspecto visual, estética, estilo, bonito, bonita, feo, "
    "fea, elegante, apariencia",
    "usability": "fácil de usar, difícil de usar, sencillo de usar, intuitivo, intuitiva, manejo, "
    "interfaz, navegación, web, página web, aplicación, menú, complicado, complicada, engorroso, "
    "confuso, confusa, usabilidad, portal, plataforma",
    "onboarding": "darse de alta, dar de alta, proceso de alta, registro, registrarse, "
    "instalación, puesta en marcha, formación, capacitación, configuración, configurar, primeros "
    "pasos, incorporación, bienvenida, implantación",
    "communication": "comunicación, información, informado, informados, informaron, aviso, "
    "avisos, avisaron, avisado, notificación, notificaciones, correo, correos, mail, email, "
    "e-mail, mensaje, mensajes, "
    "explicación, explicaron, explicado, sin avisar, nadie nos avisó, al tanto, boletín",
    "relationship": "gestor, gestora, gestor de cuenta, responsable de cuenta, interlocutor, "
    "persona de contacto, nuestra relación, relación comercial, la relación con, colaboración, "
    "visita, visitas, visitó, visitaron, reunión, reuniones, nuestras necesidades, nuestro "
    "negocio, proactivo, proactiva, proactivos",
    "reliability": "caída, caídas, caído, se cae, se cayó, fallo, fallos, falla, errores, "
    "bloqueo, se bloquea, se cuelga, colgado, lento, lenta, inestable, fuera de servicio, no "
    "funciona, dejó de funcionar, sin conexión, desconexión",
    "availability": "disponible, disponibles, disponibilidad, no disponible, agotado, agotada, "
    "agotados, sin stock, fuera de stock, existencias, reposición, lista de espera, horario, "
    "horarios, horario de atención",
}

# Journey stage, care signals and flags, over the lower-cased text with its accents; stage
# words are matched as whole words.
_STAGE_WORDS: dict[str, str] = {
    "shop": r"presupuesto\w*|cotizaci[oó]n\w*|ofertas?|cat[aá]logo\w*|compar(?:ar|ando|amos|"
    r"ativa)|tienda\w*|showroom|demo|demostraci[oó]n|asesoramiento|asesor(?:es|a|as)?",
    "purchase": r"pedido\w*|ped[ií]|pedimos|encarg(?:o|amos|u[eé])|compr(?:a|as|ar|amos|[eé]|"
    r"ado|ada|aron)|pag(?:o|os|ar|ado|ada|amos|u[eé]|[oó]|aron|ando)|contrat(?:o|os|ar|ado|"
    r"amos|[eé]|aci[oó]n)|carrito|suscripci[oó]n",
    "delivery": r"entreg\w*|env[ií]o\w*|envi(?:ado|ada|aron|amos|[oó])|lleg(?:[oó]|aron|ado|"
    r"ada)|paquete\w*|paqueter[ií]a|mensajer\w*|transportista\w*|repartidor\w*|reparto|"
    r"recib(?:ido|ida|imos|[ií])|instalaci[oó]n|instala(?:do|ron)|montaje",
    "use": r"us(?:o|ar|amos|ando|ado)|utiliz\w*|funcion(?:a|an|[oó]|aba|ando|amiento)|"
    r"funci[oó]n|en uso|a diario|diariamente|cada d[ií]a|todos los d[ií]as|manejo",
    "maintain": r"mantenimiento\w*|repar(?:ar|aci[oó]n|aciones|ado|ada|aron)|arregl(?:ar|o|"
    r"ado|ada|aron|[oó])|garant[ií]a\w*|aver[ií]a\w*|averiad[oa]s?|estropead[oa]s?|rot[oa]s?|"
    r"revisi[oó]n|soporte|asistencia t[eé]cnica|servicio t[eé]cnico|t[eé]cnicos?|"
    r"actualizaci[oó]n\w*|defectuos[oa]s?",
    "replace": r"sustitu\w*|reemplaz\w*|recambio\w*|repuesto\w*|devoluci[oó]n\w*|devolver|"
    r"devuelto|devolvimos|devolv[ií]|reembols\w*|renov\w*|volver a pedir|repetir el pedido",
    "dispose": r"recicl\w*|desech\w*|residuos?|punto limpio|dar(?:me|nos|se)? de baja|"
    r"(?:doy|damos) de baja|la baja|rescind\w*|rescisi[oó]n",
}

_CARE_PATTERNS: dict[str, str] = {
    "risk": r"\briesgos?\b|\bpeligro\b|\bpon(?:e|en|er|dr[ií]a|dr[ií]an) en (?:riesgo|peligro)\b|"
    r"\b(?:se )?qued(?:a|an|[oó]|aron|ar[aá]|ar[aá]n|ar[ií]a|ar[ií]an|ar[ií]amos|aremos|amos) "
    r"parad[oa]s?\b|\b(?:est[aá]|est[aá]n|estar[ií]a|estar[ií]an|estar[aá]|estar[aá]n) "
    r"parad[oa]s?\b|\bparada de (?:la )?(?:l[ií]nea|producci[oó]n|planta)\b|"
    r"\bpodr(?:[ií]a|[ií]an|[ií]amos|emos) (?:\w+ ){0,2}perder\b|"
    r"\b(?:l[ií]nea|producci[oó]n|planta|f[aá]brica) (?:\w+ )?se (?:para|detiene)\b",
    "fear": r"\btem(?:o|emos|er|[ií]amos)\b|\bmiedo\b|\bpreocup(?:a|an|ado|ada|ados|adas|"
    r"aci[oó]n|aciones|ante|antes)\b|\binquiet(?:a|an|ud|udes)\b",
    "desire": r"\b(?:necesitamos|necesito|queremos|quiero|quisi[eé]ramos|quisiera|buscamos)\b|"
    r"\b(?:nos|me) gustar[ií]a\b",
    "wish": r"\b(?:ser[ií]a|estar[ií]a) (?:\w+ )?(?:bueno|genial|ideal|[uú]til|estupendo|"
    r"interesante|mejor|bien|fant[aá]stico|perfecto|conveniente|práctico|practico)\b|"
    r"\bdeber[ií]an (?:a[nñ]adir|incluir|ofrecer|tener|poner)\b|\bdese(?:ar[ií]a|ar[ií]amos)\b|"
    r"\bech(?:o|amos) (?:de menos|en falta)\b|\bojal[aá] (?:\w+ ){0,3}(?:\w{2,}(?:ara|aran|"
    r"iera|ieran|ase|asen|iese|iesen))\b|\bpor favor,? (?:a[nñ]adan|incluyan|pongan)\b",
    "constraint": r"\bpresupuesto (?:anual|limitado|ajustado|congelado|cerrado)\b|"
    r"\b(?:nuestro|mi|sin) presupuesto\b|\bno (?:nos |me )?(?:lo |la )?(?:podemos|puedo) "
    r"permitir\b|\bfecha (?:l[ií]mite|tope)\b|\bplazo (?:l[ií]mite|m[aá]ximo)\b|\bdeadline\w*|"
    r"\bnormativa\w*|\breglamento\w*|\b(?:tenemos|tengo) que esperar\b",
    "hope": r"\bespero que\b|\besperamos que\b|\bespero (?:poder|volver|seguir|contar)\b|"
    r"\besperamos (?:poder|volver|seguir|contar|ampliar|trabajar)\b|\bconfiamos en que\b|"
    r"\b(?:estamos|estoy) deseando\b|\bojal[aá]\b",
    "opportunity": r"\boportunidad\w*|\b(?:comprar[ií]amos|pedir[ií]amos|contratar[ií]amos) "
    r"(?:\w+ )?m[aá]s\b|\bpodr[ií]amos (?:\w+ )?(?:tambi[eé]n|adem[aá]s)\b|"
    r"\bsi (?:ofrecieran|tuvieran|a[nñ]adieran|incluyeran)\b|\bampliar (?:el|nuestro) "
    r"(?:pedido|contrato)\b",
}

_FLAG_PATTERNS: dict[str, dict[str, str]] = {
    "urgent": {
        "safety": r"\bpeligros[oa]s?\b|\b(?:problema|riesgo|fallo) de seguridad\b|"
        r"\bincendio\w*|\bse (?:prendi[oó]|incendi[oó]) fuego\b|\bse incendi[oó]\b|"
        r"\bprendi[oó] fuego\b|\ben llamas\b|\b(?:sal[ií]a|sali[oó]|echa|echaba) humo\b|"
        r"\bchispas\b|\bdescarga el[eé]ctrica\b|\belectrocut\w*|\bquemadura\w*|"
        r"\bme quem[eé]\b|\bherid[oa]s?\b|\blesi[oó]n(?:es)?\b|\b(?:un|el|tuvo un|sufri[oó] un) "
        r"accidente\b|\bexplot(?:[oó]|aron|ado)\b|\bt[oó]xic[oa]s?\b|\bintoxicaci[oó]n\b|"
        r"\breacci[oó]n al[eé]rgica\b",
        "outage": r"\b(?:l[ií]neas?|producci[oó]n|planta|f[aá]brica|m[aá]quinas?|sistemas?|"
        r"servidor(?:es)?|portal|plataforma|web|app|aplicaci[oó]n|operaciones) "
        r"(?:\w+ ){0,3}(?:parad[oa]s?|ca[ií]d[oa]s?|detenid[oa]s?|fuera de servicio|"
        r"sin funcionar|sin servicio)\b|"
        r"\b(?:se (?:ha|han) ca[ií]do|se cay[oó]|se cayeron) (?:\w+ ){0,2}(?:el |la |los |las |"
        r"nuestro |nuestra )?(?:sistema|servidor|portal|plataforma|web|p[aá]gina|app|"
        r"aplicaci[oó]n|red)\b|"
        r"\bno (?:podemos|pudimos|hemos podido) (?:trabajar|producir|operar|facturar)\b",
        "urgency": r"\burgent\w*|\burgencia\w*|\bemergencia\w*",
        "legal": r"\b(?:nuestro|nuestros|mi|mis|un|una) abogad[oa]s?\b|"
        r"\b(?:acciones|medidas) legales\b|\bv[ií]a judicial\b|\btribunales\b|"
        r"\bdemandar(?:les|los|las)?\b|\bdemandaremos\b|\bos demandar\w*|"
        r"\b(?:poner|pondremos|pondr[eé]|presentar|presentaremos) una (?:denuncia|demanda)\b|"
        r"\bdenunciar(?:les|los|las)?\b|\bdenunciaremos\b|\bhoja de reclamaciones\b|\bomic\b|"
        r"\bprofeco\b|\b(?:oficina|asociaci[oó]n|organismos?) (?:de|del) consum\w*|"
        r"\bdefensa del consumidor\b|\bdiscrimin\w*",
        "privacy": r"\b(?:filtraci[oó]n|fuga|brecha|violaci[oó]n) de (?:mis |nuestros |los )?"
        r"datos\b|\brgpd\b|\bgdpr\b|\blopd\b|\b(?:compartido|vendido|filtrado|cedido|publicado|"
        r"compartieron|vendieron|filtraron|cedieron|publicaron) (?:mis|nuestros|los) datos\b|"
        r"\b(?:mis|nuestros) datos (?:personales )?(?:han sido|fueron|se han) (?:\w+ )?"
        r"(?:compartidos|vendidos|filtrados|robados|publicados|cedidos|filtrado)\b|"
        r"\bhacke(?:ad[oa]s?|aron|o)\b|\bjaquead[oa]s?\b|\b(?:suplantaci[oó]n|robo) de "
        r"identidad\b|\bdatos de otr[oa] (?:cliente|persona)\b",
        "money lost": r"\b(?:cobrado|cobraron|cobrasteis|cargado|cargaron|facturado|"
        r"facturaron) (?:\w+ ){0,3}(?:dos veces|por duplicado)\b|\bdoble cobro\b|"
        r"\b(?:cobro|cargo)s? (?:duplicados?|indebidos?|no autorizados?)\b|\bestaf\w*|"
        r"\bfraude\w*|\bfraudulent\w*|\btimo\b|\btimad[oa]s?\b|\b(?:me|nos) han robado\b|"
        r"\b(?:nunca|todav[ií]a no|a[uú]n no) (?:me |nos )?(?:han )?devuelto (?:el|mi|nuestro) "
        r"dinero\b|\bperdido (?:mi|nuestro) dinero\b|\b(?:cobrado|cobraron|cobran) de m[aá]s\b",
    },
    "churn_risk": {
        # what the customer means to do is part of the phrase, so that "no vamos a cancelar"
        # ends in a negation and one word before it and is passed over
        "cancel": r"\b(?:(?:vamos|voy) a |queremos |quiero |pensamos |pienso |hemos decidido |"
        r"he decidido )?(?:cancel|anul|rescind)\w* (?:el |mi |nuestro |nuestra |la |los |"
        r"nuestros )?(?:contratos?|cuenta|suscripci[oó]n|servicio|membres[ií]a|plan|p[oó]liza)\b|"
        r"\b(?:(?:vamos|voy) a |queremos |quiero |pensamos |pienso |hemos decidido |"
        r"he decidido )?dar(?:me|nos|se)? de baja\b|\b(?:nos damos|me doy) de baja\b|"
        r"\b(?:solicit|ped|tramit|gestion)\w* (?:la )?baja\b",
        "leave": r"\bnunca m[aá]s\b|\bno (?:\w+ ){1,2}nunca m[aá]s\b|"
        r"\b(?:no|nunca|jam[aá]s) (?:vuelvo|volvemos|volver[eé]|volveremos|volver[ií]a|"
        r"volver[ií]amos) a (?:comprar|pedir|contratar|confiar|trabajar|usar|utilizar)\w*|"
        r"\bno (?:pienso|pensamos|vamos a|voy a) volver\b|"
        r"\b(?:es|ser[aá]|ha sido|fue) la [uú]ltima vez\b|\bpor [uú]ltima vez\b|"
        r"\b(?:han|habéis) perdido (?:a )?un cliente\b",
        "not renew": r"\bno (?:(?:lo|la|los|las|le|les) )?(?:(?:vamos|voy|van) a |pensamos |"
        r"pienso |queremos |quiero |podemos )?renov\w*|\bno habr[aá] renovaci[oó]n\b",
        "switch": r"\bcambi\w* (?:\w+ )?de (?:proveedor|proveedores|compa[nñ][ií]a|operador|"
        r"suministrador|distribuidor)\b|\b(?:a|con|en|de|por) la competencia\b|"
        r"\bcompetidor(?:es)?\b|\b(?:otro|otros|nuevo|nuevos) (?:proveedor|proveedores|"
        r"suministrador|suministradores|distribuidor|distribuidores)\b|"
        r"\b(?:busc|mir|valor|evalu|estudi|consider|explor)\w* (?:\w+ )?(?:otras )?"
        r"alternativas\b",
    },
}

_PRAISE = (
    r"\bgraci\w*|\bagradec\w*|\bfelicit\w*|\benhorabuena\b|\bexcelente\w*|\bgenial\w*|"
    r"\bestupend\w*|\bmaravill\w*|\bfenomenal\w*|\bamabl\w*|\bamabil\w*|\batent[oa]s?\b|"
    r"\bservicial\w*|\bprofesional\b|\bprofesionales\b|\bsimp[aá]tic\w*|\bmagn[ií]fic\w*|"
    r"\bespectacular\w*|\bimpecable\w*|\bde lujo\b|\bencant\w*|\bfant[aá]stic\w*|"
    r"\bresolutiv\w*|\bimplicad\w*|\bse (?:lo|la|los|las) curr\w*|\bde diez\b"
)
_CLAUSE_END = (
    r"[,;:.!?¿¡()]|\bpero\b|\bsino\b|\bsin embargo\b|\bno obstante\b|\baunque\b|"
    r"\ba pesar de\b|\bpese a\b"
)
_NEGATED = r"\b(?:no|nunca|jam[aá]s|ni|tampoco)\s+(?:\w+\s+)?$"
# a sentence that supposes: what stops in it has not stopped ("si las piezas vuelven a llegar
# tarde, nuestra línea se quedará parada" is a risk, not an outage)
_SUPPOSED = r"\s*[¿¡]?\s*(?:si|en caso de(?: que)?)\b"

SPANISH = Wordbook(
    code="es",
    name="Spanish",
    valences=_VALENCES,
    endings=_ENDINGS,
    phrases=_PHRASES,
    negators="no nunca jamás nada nadie ningún ninguna ninguno ningunos ningunas ni tampoco sin "
    "poco",
    boosters={
        0.3: """muy realmente verdaderamente totalmente absolutamente completamente
            especialmente altamente francamente mucho gran""",
        0.4: """extremadamente sumamente increíblemente tremendamente enormemente muchísimo
            súper super""",
        0.2: "bastante tan bien",
        -0.3: "algo ligeramente relativamente medianamente casi",
    },
    excess="demasiado demasiada demasiados demasiadas excesivamente",
    measures="""pequeño grande largo corto estrecho ancho apretado holgado tarde pronto
        temprano caro costoso lento alto bajo elevado escaso complicado complejo pesado
        ligero fino grueso duro blando frío caliente lejos ruidoso poco tiempo veces""",
    contrast="pero sino embargo obstante",
    concessive="aunque pese pesar",
    wishing="""sería serían podría podrían debería deberían estaría estarían habría habrían
        tendría tendrían convendría agradecería agradeceríamos desearía desearíamos ojalá
        fuera fueran fuese fuesen tuviera tuvieran tuviese hubiera hubieran hubiese pudiera
        pudieran estuviera estuvieran hiciera hicieran""",
    solved="""solucionado solucionada solucionados solucionadas resuelto resuelta resueltos
        resueltas arreglado arreglada arreglados arregladas reparado reparada reparados
        reparadas subsanado subsanada corregido corregida solucionaron solucionó resolvieron
        resolvió arreglaron repararon corrigieron corrigió subsanaron""",
    seeds=_SEEDS,
    stage_words=_STAGE_WORDS,
    care_patterns=_CARE_PATTERNS,
    flag_patterns=_FLAG_PATTERNS,
    praise=_PRAISE,
    clause_end=_CLAUSE_END,
    negated=_NEGATED,
    supposed=_SUPPOSED,
    # the default themes' English seed words that mean another thing in Spanish: "sale" is
    # "leaves", "mail" an email, "server" a computer
    false_friends="sale mail server",
    # words of the reader that English writes too, and the function words of its seed
    # phrases that other languages write too (Dutch "de", "en"; French "la"): they tell
    # nothing of the language
    shared="""error horrible terrible genial cordial ideal flexible mediocre intolerable
        lamentable super top ok okay material web app chat ticket stock email portal feedback
        newsletter tutorial color personal demo menu sin no gran tan nada pronto largo grande
        alto poco embargo de la el al del en con por se nos nuestro nuestra nuestras otro dos""",
    left_out="""contra ante tras
        uno una dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte
        treinta cuarenta cincuenta cien ciento mil primero primera segundo segunda tercero
        tercera último última día días semana semanas mes meses año años hora horas minuto
        minutos hoy ayer mañana vez veces siempre nunca también además ahora ya todavía aún
        luego después antes muy mucho mucha muchos muchas poco bastante todo todos toda todas
        nada algo cosa cosas gente cliente clientes empresa señor señora hola gracias saludos
        bueno pues entonces así etc favor usted ustedes vosotros ellos ellas ella él les nos
        mis tus hay han hemos has había ser sido estar estamos están estaba estaban era eran
        fueron tiene tienen tenemos tener hace hacer puede pueden podemos esto esta este estos
        estas ese esa eso esos esas aquel cuando donde porque sobre desde hasta entre tras
        hacia según durante mismo misma otro otra otros otras cada solo sólo tanto tan cual
        cuál qué cómo quien quién nuestros nuestras vuestro vuestra pide piden""",
    negation_looks_back=False,
    fold_accents=True,
    # forms that look like an opinion word and are none: evenings, goods, the closing formula
    neutral="tardes bienes atentamente",
    # a line, a plant or a system that has stopped: "la línea está parada", "tenemos la
    # producción parada" (not a bus stop, "la parada")
    after={
        form: (
            "está están estaba estaban sigue siguen lleva llevan queda quedan quedó quedado "
            "tenemos tiene tienen ha han",
            -1.8,
        )
        for form in ("parado", "parada", "parados", "paradas")
    },
)
