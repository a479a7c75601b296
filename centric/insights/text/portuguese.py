"""Reading Portuguese comments: the words and the few rules of place that Portuguese needs.

Written for European and Brazilian Portuguese alike: both spellings where they differ
("ótimo" and "óptimo", "fatura" and "factura", "equipa" and "equipe", "receção" and
"recepção"), and the words each uses ("avariado" and "quebrado", "estafeta" and
"entregador", "fixe" and "bacana"). What is particular about reading Portuguese:

- negation comes before what it negates, never after it: "não funciona", "nunca chegou",
  "nada mal", "sem demora", "ninguém respondeu"; "pouco" before an adjective is a negation
  too ("pouco prático", "pouco claro" are unpractical and unclear), while "um pouco" is
  "a bit" ("um pouco caro"). Portuguese doubles its negations ("não recebi nenhuma
  resposta", "não gostei nada"): the second one agrees with the first and turns nothing
  more. So ``negation_looks_back`` is off;
- contrast: "mas", "porém", "contudo", "todavia" and "no entanto" (by "entanto") make what
  follows the verdict; "embora" and "apesar (de)" concede;
- wishes and suppositions are conditional or subjunctive verbs: "seria ótimo se …", "podia
  ser melhor", "deviam ter avisado", "se fosse mais barato": the praise in their clause is
  what is missing. "Gostaria" is left out, as it thanks as often as it wishes ("gostaria de
  agradecer");
- no elision is written with an apostrophe: contractions ("do", "na", "pelo", "num") are
  words of their own. Object pronouns are joined by a hyphen ("ajudaram-nos",
  "avariou-se"), and the endings cut them off;
- adjectives and participles inflect for gender and number ("rápida", "rápidos",
  "avariadas"), -vel/-il/-al words and nouns in -ão have their own plurals ("incríveis",
  "úteis", "profissionais", "reclamações"), "-íssimo" is a superlative and "-mente" makes
  adverbs ("rapidamente", "pessimamente"); the endings find the base form of all of these.
  Customers often leave accents out ("nao", "pessimo"), so words are also known without
  them (``fold_accents``), and the endings are written without accents for that reason;
- "bom dia", "boa tarde" and "caros senhores" greet: they are no opinion, nor is "tarde" in
  "mais tarde" or "à tarde" (later, in the afternoon), though "chegou tarde" is late.
"""

from __future__ import annotations

from centric.insights.text.wordbook import Wordbook

PORTUGUESE = Wordbook(
    code="pt",
    name="Portuguese",
    valences={
        3.4: """excelente excecional excepcional extraordinário fantástico fenomenal impecável
        incrível magnífico perfeito sensacional espetacular espectacular soberbo esplêndido
        irrepreensível primoroso fabuloso estupendo""",
        3.0: """ótimo óptimo maravilhoso maravilha brilhante exemplar super top adorei adoro
        adoramos adoraram amei encantado recomendável""",
        2.6: """recomendo recomendamos recomendaria recomendaríamos recomendar recomendado
        aconselho aconselhamos aconselhável incansável lindo feliz encantador adorável
        notável parabéns fixe porreiro bacana""",
        2.2: """satisfeito contente agradecido grato simpático atencioso prestável prestativo
        cordial educado bem-educado gentil amável competente profissional
        eficiente eficaz dedicado empenhado cuidadoso intuitivo agradável confiável fiável
        bonito gostei gostamos gostou gostaram""",
        1.8: """bom boa bons melhor rápido célere ágil veloz pontual fácil prático cómodo
        confortável estável sólido robusto resistente durável duradouro económico
        acessível competitivo útil flexível honesto rigoroso organizado obrigado
        obrigada agradeço agradecemos ajudou ajudaram resolvido resolveu resolveram
        solucionado solucionou solucionaram prontamente sucesso profissionalismo simpatia
        rapidez eficiência competência cordialidade amabilidade prontidão celeridade
        pontualidade""",
        1.2: """bem simples claro correto correcto adequado completo decente satisfatório limpo
        felizmente funciona funcionam funcionou funcionaram funcionar funcionando melhorou
        melhoraram melhorado informado informou informaram esclarecido esclareceu
        esclareceram explicou explicaram respondeu responderam respondido cumpre cumprem
        cumpriu cumpriram corrigido corrigiu corrigiram reparado consertado consertou
        consertaram arranjado arranjou arranjaram""",
        0.8: """ok okay razoável aceitável suficiente""",
        -0.8: """infelizmente lamentavelmente aumentou aumentaram melhorar""",
        -1.2: """problema erro engano demora demorou demoraram demoram tarde parado esgotado
        falta faltou faltam faltava faltavam faltaram reclamação reclamar reclamei reclamamos
        aguardar aguardando perdido perdeu perderam perdi esqueceram esqueceu esperei insistir
        insisti insistimos bloqueado bloqueou frágil preocupado""",
        -1.5: """caro dispendioso exagerado lento lentidão complicado confuso confusão
        demorado atraso atrasado atrasou atrasaram atrasar queixa cancelar cancelamento
        cancelado cancelaram trabalhoso chato incómodo burocrático burocracia difícil
        incompleto encareceu travado travando""",
        -1.8: """errado incorreto incorrecto falha falhou falharam avaria avariou avariaram
        estragou estragaram amolgado amassado riscado rasgado sujo extraviado irritante
        transtorno prejuízo dano aborrecido desorganizado desorganização instável fraco
        insuficiente problemático mal travou travaram ignorado ignoraram ignorou indevido
        desisti feio grave preocupante""",
        -2.2: """mau má maus ruim pior defeito defeituoso avariado estragado quebrado
        danificado partiu-se soltou-se rude antipático grosseiro mal-educado desagradável inútil
        inutilizável frustrado frustrante chateado irritado farto insatisfatório
        exorbitante enganado enganaram enganou arrependido arrependi arrependo desleixo
        desleixado perigoso""",
        -2.6: """decepcionado dececionado decepcionante dececionante decepção deceção
        desiludido desilusão desapontado insatisfeito incompetente incompetência
        lamentável caos caótico impossível revoltado indignado ridículo negligente
        negligência irresponsável desonesto abusivo abuso descaso desrespeito mentira
        mentiram mentiu desaconselho""",
        -3.0: """horrível terrível inaceitável inadmissível vergonha vergonhoso absurdo
        revoltante furioso fraude burla roubo enganação palhaçada pesadelo porcaria
        detestei detesto odiei odeio""",
        -3.4: """péssimo catastrófico catástrofe desastroso desastre horroroso pavoroso
        miserável escandaloso escândalo nojento deplorável""",
    },
    # matched against the word without its accents, so written without them; tried in
    # order: the superlative, the adverb, a pronoun joined by a hyphen, then the plural and
    # feminine forms ("rapidíssimo", "rapidamente", "ajudaram-nos", "incríveis", "úteis",
    # "profissionais", "reclamações", "felizes", "ruins", "encantadoras", "rápidas")
    endings=(
        ("issimos", "o"),
        ("issimas", "o"),
        ("issimo", "o"),
        ("issima", "o"),
        ("amente", "o"),
        ("mente", ""),
        ("-lhes", ""),
        ("-lhe", ""),
        ("-nos", ""),
        ("-vos", ""),
        ("-los", ""),
        ("-las", ""),
        ("-me", ""),
        ("-se", ""),
        ("-te", ""),
        ("-lo", ""),
        ("-la", ""),
        ("-no", ""),
        ("-na", ""),
        ("-os", ""),
        ("-as", ""),
        ("-o", ""),
        ("-a", ""),
        ("oras", "or"),
        ("ores", "or"),
        ("veis", "vel"),
        ("ora", "or"),
        ("eis", "il"),
        ("oes", "ao"),
        ("ais", "al"),
        ("zes", "z"),
        ("ns", "m"),
        ("as", "o"),
        ("os", "o"),
        ("a", "o"),
        ("s", ""),
    ),
    phrases={
        # thanks and praise
        "muito obrigado": 2.6,
        "muito obrigada": 2.6,
        "vale a pena": 2.2,
        "valeu a pena": 2.2,
        "vale muito a pena": 2.6,
        "valeu muito a pena": 2.6,
        "vale bem a pena": 2.6,
        "valeu bem a pena": 2.6,
        "bate certo": 1.2,
        "batem certo": 1.2,
        "não bate certo": -1.5,
        "não batem certo": -1.5,
        "nota 10": 2.6,
        "nota dez": 2.6,
        "nota mil": 2.6,
        "show de bola": 3.0,
        "cinco estrelas": 2.6,
        "5 estrelas": 2.6,
        "nada a apontar": 2.2,
        "nada a reclamar": 2.2,
        "não hesito em recomendar": 3.0,
        "não hesitamos em recomendar": 3.0,
        "de confiança": 1.8,
        "de qualidade": 1.5,
        "alta qualidade": 2.2,
        "preço justo": 1.8,
        "preços justos": 1.8,
        # on time, or not
        "a tempo e horas": 2.2,
        "chegou a tempo": 1.8,
        "chegaram a tempo": 1.8,
        "entregue a tempo": 1.8,
        "no prazo": 1.8,
        "dentro do prazo": 1.8,
        "antes do prazo": 2.2,
        "antes do previsto": 2.2,
        "mais cedo": 1.2,
        "em pouco tempo": 1.2,
        "demorou pouco": 1.2,
        "fora do prazo": -1.5,
        "não chegou a tempo": -1.8,
        "não chegaram a tempo": -1.8,
        "não chegou no prazo": -1.8,
        # without a problem
        "sem problemas": 1.8,
        "sem qualquer problema": 1.8,
        "sem nenhum problema": 1.8,
        # it does not work
        "não funciona": -1.8,
        "não funcionam": -1.8,
        "não funcionou": -1.8,
        "não funcionava": -1.8,
        "não está a funcionar": -1.8,
        "não está funcionando": -1.8,
        "nunca funcionou": -1.8,
        "deixou de funcionar": -1.8,
        "parou de funcionar": -1.8,
        "funciona mal": -1.8,
        "funcionam mal": -1.8,
        # not received, no answer
        "não recebi": -1.8,
        "não recebemos": -1.8,
        "nunca recebi": -1.8,
        "nunca recebemos": -1.8,
        "não chegou": -1.8,
        "não chegaram": -1.8,
        "nunca chegou": -1.8,
        "não foi entregue": -1.8,
        "não entregaram": -1.8,
        "chegou partido": -2.2,
        "chegou partida": -2.2,
        "chegaram partidos": -2.2,
        "veio partido": -2.2,
        "veio partida": -2.2,
        "sem resposta": -1.5,
        "nenhuma resposta": -1.5,
        "ainda sem resposta": -1.8,
        "não tive resposta": -1.5,
        "não tivemos resposta": -1.5,
        "não obtive resposta": -1.5,
        "não obtivemos resposta": -1.5,
        "não tive nenhuma resposta": -1.8,
        "não tivemos nenhuma resposta": -1.8,
        "não tive qualquer resposta": -1.8,
        "não tivemos qualquer resposta": -1.8,
        "não há resposta": -1.5,
        "sem retorno": -1.5,
        "nenhum retorno": -1.5,
        "sem notícias": -1.2,
        "não respondem": -1.5,
        "não responderam": -1.5,
        "não respondeu": -1.5,
        "ninguém responde": -1.5,
        "ninguém respondeu": -1.5,
        "não atendem": -1.5,
        "ninguém atende": -1.5,
        "não cumpriram": -1.5,
        "não cumprem": -1.5,
        "não melhorar": -0.8,
        "não melhorarem": -0.8,
        "não vamos renovar": -1.5,
        "não iremos renovar": -1.5,
        "não renovaremos": -1.5,
        # without explanation, unsolved
        "sem explicação": -1.5,
        "sem qualquer explicação": -1.5,
        "sem aviso": -1.5,
        "sem qualquer aviso": -1.5,
        "sem aviso prévio": -1.5,
        "sem solução": -1.5,
        "sem sucesso": -1.5,
        "sem qualidade": -1.8,
        "sem educação": -2.2,
        "sem autorização": -2.2,
        "não compro mais": -1.8,
        "não compramos mais": -1.8,
        "por resolver": -1.5,
        "mal resolvido": -1.8,
        "mal resolvida": -1.8,
        "mal educado": -2.2,
        "mal educada": -2.2,
        "mal educados": -2.2,
        # waiting, lacking, charged twice
        "à espera": -1.2,
        "em espera": -1.2,
        "tempo de espera": -1.2,
        "tive de esperar": -1.2,
        "tive que esperar": -1.2,
        "tivemos de esperar": -1.2,
        "tivemos que esperar": -1.2,
        "horas ao telefone": -1.5,
        "perda de tempo": -2.2,
        "dor de cabeça": -1.8,
        "a desejar": -1.8,
        "de mal a pior": -2.6,
        "mais ou menos": -0.8,
        "nada de especial": -0.8,
        "esperava mais": -1.5,
        "esperava melhor": -1.5,
        "esperávamos mais": -1.5,
        "baixa qualidade": -1.8,
        "nunca mais": -1.8,
        "não volto": -1.8,
        "não voltarei": -1.8,
        "não voltamos": -1.8,
        "não voltaremos": -1.8,
        "cobraram duas vezes": -1.8,
        "cobrado duas vezes": -1.8,
        "cobrados duas vezes": -1.8,
        "cobrada duas vezes": -1.8,
        "cobrou duas vezes": -1.8,
        "cobraram a mais": -1.8,
        "cobrado a mais": -1.8,
        "paguei a mais": -1.8,
        "falta de profissionalismo": -2.2,
        "falta de simpatia": -2.2,
        "falta de rapidez": -1.8,
        "falta de eficiência": -1.8,
        "falta de competência": -2.2,
        "falta de cordialidade": -2.2,
        "falta de pontualidade": -1.8,
        # a bit: "um pouco caro" ("pouco" alone negates: "pouco prático")
        "um pouco": -0.3,
        # no opinion: greetings, the afternoon, "later", "not only", "without doubt"
        "bom dia": 0.0,
        "boa tarde": 0.0,
        "boa noite": 0.0,
        "boa semana": 0.0,
        "bom fim de semana": 0.0,
        "caros senhores": 0.0,
        "caro senhor": 0.0,
        "cara senhora": 0.0,
        "cara equipa": 0.0,
        "cara equipe": 0.0,
        "o cara": 0.0,
        "mais tarde": 0.0,
        "à tarde": 0.0,
        "da tarde": 0.0,
        "de tarde": 0.0,
        "esta tarde": 0.0,
        "pela tarde": 0.0,
        "não só": 0.0,
        "não apenas": 0.0,
        "sem dúvida": 0.0,
        "há pouco": 0.0,
        "pouco depois": 0.0,
        "pouco a pouco": 0.0,
        "por pouco": 0.0,
        "daqui a pouco": 0.0,
        "à partida": 0.0,
        "bem como": 0.0,
        "na prática": 0.0,
        "em prática": 0.0,
        "se bem que": 0.0,
    },
    negators="não nunca jamais nem nenhum nenhuma nenhuns nenhumas ninguém nada sem pouco",
    boosters={
        0.3: """muito muita muitos muitas realmente totalmente completamente absolutamente
        verdadeiramente particularmente especialmente mesmo deveras""",
        0.4: """extremamente super incrivelmente altamente imensamente excecionalmente
        excepcionalmente extraordinariamente muitíssimo""",
        0.2: "bem tão bastante",
        -0.3: "algo ligeiramente meio relativamente razoavelmente",
    },
    excess="demasiado demasiada demasiados demasiadas excessivamente exageradamente",
    measures="""pequeno grande longo curto comprido apertado largo estreito justo tarde cedo
        caro lento demorado alto baixo pouco complicado burocrático pesado leve fino grosso
        frio quente escuro forte fraco barulhento rígido tempo vezes""",
    contrast="mas porém contudo todavia entanto",
    concessive="embora apesar conquanto",
    wishing="""seria seriam poderia poderiam podia podiam deveria deveriam devia deviam
        teria teriam fosse fossem tivesse tivessem""",
    solved="""resolvido resolvida resolvidos resolvidas resolveu resolveram
        resolveu-se resolveram-no resolveram-me resolveram-nos solucionado solucionada
        solucionados solucionadas solucionou solucionaram reparado reparada reparados
        reparadas corrigido corrigida corrigidos corrigidas corrigiu
        corrigiram consertado consertada consertados consertadas consertou consertaram
        arranjado arranjada arranjados arranjadas arranjou arranjaram sanado sanada""",
    seeds={
        "billing": "fatura, faturas, factura, facturas, faturação, facturação, faturado, "
        "cobrança, cobranças, cobrado, cobrada, cobrados, cobradas, cobraram, cobrou, "
        "pagamento, pagamentos, "
        "débito direto, débito directo, débito, debitado, cartão de crédito, recibo, "
        "recibos, taxa, taxas, mensalidade, boleto, nota fiscal, multibanco, mb way, pix, "
        "iva, nif, segunda via",
        "refunds": "reembolso, reembolsos, reembolsado, reembolsada, reembolsar, estorno, "
        "estornado, dinheiro de volta, devolução do dinheiro, devolveram o dinheiro, "
        "nota de crédito",
        "price": "preço, preços, caro, caros, caríssimo, barato, barata, "
        "baratos, custo, custos, custa, custou, valor, valores, desconto, descontos, "
        "promoção, promoções, económico, econômico, tarifa, tarifas, orçamento, "
        "aumento de preço, aumento dos preços, subida de preço, subida dos preços, dinheiro, "
        "qualidade-preço, qualidade preço",
        "delivery": "entrega, entregas, entregue, entregues, entregaram, entregador, envio, "
        "envios, enviado, enviada, enviados, enviaram, expedição, expedido, expedida, "
        "pacote, pacotes, embalagem, embalagens, embalado, embalada, transportadora, "
        "estafeta, correio, correios, ctt, portes, frete, rastreio, rastreamento, "
        "seguimento da encomenda, chegou, chegaram, chegada, prazo de entrega, motorista, "
        "extraviado, extraviada, amolgado, amassado",
        "returns": "devolução, devoluções, devolver, devolvi, devolvemos, devolvido, "
        "devolvida, troca, trocas, troquei, trocado, trocada, reenviar, enviar de volta, "
        "mandar de volta, etiqueta de devolução, política de devolução",
        "support": "suporte, apoio, apoio ao cliente, apoio técnico, atendimento, "
        "serviço ao cliente, serviço de apoio, linha de apoio, assistência, "
        "assistência técnica, call center, help desk, helpdesk, ticket, chamado, sac, "
        "resposta, respostas, respondeu, responderam, ajuda, operador, operadora, "
        "assistente",
        "staff": "funcionário, funcionária, funcionários, funcionárias, colaborador, "
        "colaboradora, colaboradores, equipa, equipe, pessoal, técnico, técnica, técnicos, "
        "atendente, atendentes, vendedor, vendedora, empregado, empregada, gerente, "
        "simpático, simpática, antipático, antipática, educado, educada, mal-educado, "
        "mal educado, rude, prestável, prestativo, atencioso, atenciosa",
        "product quality": "qualidade, material, materiais, acabamento, acabamentos, "
        "defeito, defeitos, defeituoso, defeituosa, avaria, avarias, avariado, avariada, "
        "estragado, estragada, quebrado, quebrada, partido, partiu-se, danificado, "
        "danificada, durável, duradouro, resistente, frágil, tecido, costura, costuras, "
        "mal feito, bem feito, durabilidade",
        "fit and size": "tamanho, tamanhos, medida, medidas, numeração, ficou pequeno, "
        "ficou grande, ficou apertado, ficou largo, apertado, apertada, largo, larga, "
        "comprimento",
        "design": "design, cor, cores, aspeto, aspecto, aparência, visual, estilo, bonito, "
        "bonita, lindo, linda, feio, feia, elegante, padrão",
        "usability": "fácil de usar, difícil de usar, intuitivo, intuitiva, confuso, "
        "confusa, complicado, complicada, interface, navegação, site, sítio, aplicação, "
        "aplicativo, app, plataforma, utilização, usabilidade, menu",
        "onboarding": "instalação, instalar, instalado, configuração, configurar, registo, "
        "registro, cadastro, inscrição, formação, treinamento, tutorial, primeiros passos, "
        "ativação, activação, implementação, arranque",
        "communication": "comunicação, comunicar, informado, informada, informados, "
        "informação, informações, informar, informou, informaram, notificação, "
        "notificações, aviso, avisos, "
        "avisado, avisaram, email, e-mail, emails, mail, mensagem, mensagens, explicação, "
        "explicou, explicaram, esclarecimento, esclarecimentos, newsletter, sms, "
        "atualização, actualização, ninguém avisa, ninguém informa, ninguém diz nada",
        "relationship": "relacionamento, relação comercial, parceria, parceiro, "
        "gestor de conta, gestora de conta, gerente de conta, gestor de cliente, visita, "
        "visitas, reunião, reuniões, acompanhamento, proativo, proativa, proactivo, "
        "proactiva, nossos planos, "
        "os nossos planos, nossas necessidades, as nossas necessidades, nosso negócio, "
        "o nosso negócio, feedback",
        "reliability": "falha, falhas, falhou, erro, erros, bug, bugs, fora do ar, "
        "está em baixo, offline, travou, travando, trava, bloqueou, instável, "
        "instabilidade, lento, lenta, lentidão, não funciona, deixou de funcionar, "
        "parou de funcionar, inoperacional, o sistema caiu, caiu o sistema, o site caiu, "
        "fiável, confiável",
        "availability": "stock, estoque, esgotado, esgotada, esgotados, disponível, "
        "disponíveis, disponibilidade, indisponível, sem stock, sem estoque, fora de stock, "
        "rutura de stock, ruptura de estoque, horário, horários, "
        "horário de funcionamento, reposição",
    },
    stage_words={
        "shop": r"orçament\w*|orcament\w*|cotaç\w*|catálogo\w*|catalogo\w*|compar\w*|"
        r"pesquis\w*|escolh\w*|opç(?:ão|ões)|demonstraç\w*|proposta\w*|loja online|site",
        "purchase": r"compr(?:ei|amos|ámos|ou|aram|ar|a|as|ado|ada|ados|adas)|"
        r"encomend(?:ei|amos|ámos|ou|aram|ar|ado|ada)|fiz (?:o|um) pedido|"
        r"fizemos (?:o|um) pedido|pag(?:o|ar|ei|amos|ámos|ou|aram|amento\w*)|checkout|"
        r"carrinho|contrat(?:o|os|ei|amos|ámos|ou|aram|ar|ação)|assinatura|subscriç\w*",
        "delivery": r"entreg\w*|envi(?:o|os|ado|ada|ados|adas|aram)|expedi\w*|"
        r"transportadora\w*|estafeta\w*|correios?|ctt|pacote\w*|cheg(?:ou|aram|ada)|"
        r"rastre\w*|portes|frete|instalaç(?:ão|ao|ões|oes)",
        "use": r"us(?:o|a|am|amos|ámos|ar|ei|ando|ado|ada)|utiliz\w*|"
        r"funcion(?:a|am|ou|ar|amento|ando)|no dia a dia|diariamente|todos os dias|"
        r"em uso|em funcionamento",
        "maintain": r"manuten\w*|repar\w*|garantia\w*|avari\w*|defeit\w*|estragad\w*|"
        r"quebrad\w*|assistência técnica|assistencia tecnica|consert\w*|suporte",
        "replace": r"substitu\w*|troc\w*|devol\w*|reembols\w*|estorn\w*|reenvi\w*|"
        r"voltar a (?:encomendar|comprar)|recompr\w*",
        "dispose": r"recicl\w*|deit(?:ar|ei|amos|ámos) fora|jog(?:ar|uei|amos) fora|"
        r"descart\w*|rescindi\w*|rescis\w*|cancel\w* (?:a |o )?(?:minha |meu |nossa |nosso )?"
        r"(?:conta|assinatura|subscrição|contrato)",
    },
    care_patterns={
        "risk": r"\brisco\w*|\bem causa\b|\bperigo\b|\bparagem\b|\bparalis\w*|"
        r"\b(?:está|esta|estão|estao|ficou|ficaram|fica|ficam) (?:\w+ ){0,2}parad[ao]s?\b|"
        r"\bpoder(?:emos|íamos|iamos|ia|iam|á|a|ão|ao) (?:\w+ ){0,3}perder\b|"
        r"\bpodemos (?:\w+ ){0,3}perder\b",
        "fear": r"\bmedo\b|\breceio\b|\breceamos\b|\breceia\w*|\bpreocup\w*|\btem(?:o|emos) que\b|"
        r"\bapreensiv\w*|\binquiet\w*",
        "desire": r"(?<!que )\b(?:precis(?:o|amos)|quer(?:o|emos))\b|"
        r"\bgost(?:aria|aríamos|ariamos|ava|ávamos|avamos) (?:de|que)\b",
        "wish": r"(?<!\ba )\bdesej(?:o|amos|ava|ávamos|avamos|aria|aríamos|ariamos)\b|"
        r"\bquem (?:me |nos )?dera\b|"
        r"\bseria (?:\w+ )?(?:bom|ótimo|otimo|óptimo|optimo|útil|util|interessante|melhor|"
        r"excelente|importante|simpático|simpatico)\b|"
        r"\b(?:deveriam?|deviam?) (?:ter|oferecer|adicionar|incluir|permitir)\b|"
        r"\bpor favor (?:adicionem|incluam|acrescentem)\b",
        "constraint": r"\bbudget\w*|\bverba\w*|\b(?:o nosso|nosso|do nosso|no nosso|ao nosso) "
        r"orçamento\b|\borçamento (?:anual|limitado|apertado|reduzido|disponível)\b|"
        r"\bprazo (?:limite|final)\b|\bdata limite\b|\bdeadline\w*|"
        r"\bnão (?:podemos|posso|conseguimos) pagar\b|\bnão temos (?:verba|orçamento|dinheiro)\b|"
        r"\bcongelad[oa]s?\b|\btemos (?:de|que) esperar\b|\bregulament\w*|\bobrigatóri\w*",
        "hope": r"\bespe(?:ro|ramos|rávamos|ravamos) que\b|"
        r"\bespe(?:ro|ramos) (?:poder|continuar|voltar|ver)\b|\boxalá\b|\boxala\b|"
        r"\btomara que\b|\besperançad\w*|\bansios[oa]s? (?:por|para|pel[oa])\b",
        "opportunity": r"\boportunidade\w*|"
        r"\b(?:comprar|encomendar)(?:ia|íamos|iamos) (?:\w+ )?(?:mais|também|tambem|"
        r"novamente|outra vez)\b|\bpoder(?:íamos|iamos) (?:\w+ )?(?:também|tambem|alargar|"
        r"expandir|aumentar)\b|\bse (?:vocês |voces |v[oó]s )?(?:tivessem|oferecessem|"
        r"fizessem)\b|\b(?:mais|outras) (?:cores|tamanhos)\b",
    },
    flag_patterns={
        "urgent": {
            "safety": r"\bperigos[oa]s?\b|\b(?:problema|risco|questão|questao|incidente|falha) "
            r"de segurança\b|\bferid[oa]s?\b|\bferimentos?\b|\bqueim(?:ou|aram|adura\w*)\b|"
            r"\bincêndio\b|\bincendio\b|\bpeg(?:ou|aram) fogo\b|\bchoque el[ée]c?trico\b|"
            r"\bexplod(?:iu|iram)\b|\bexplosão\b|\btóxic[oa]s?\b|\bintoxica\w*|"
            r"(?<!por )\bacidente\w*|\bfaíscas?\b|"
            r"\b(?:saiu|sai|sair|deita|deitou|começou a deitar) (?:\w+ )?(?:fumo|fumaça)\b|"
            r"\brea(?:c?ção|c?çao) alérgica\b",
            "outage": r"\b(?:linhas?|produção|producao|fábrica|fabrica|máquinas?|maquinas?|"
            r"sistemas?|servidor(?:es)?|portal|site|plataforma|rede|armazém|armazem|"
            r"operação|operacao) (?:\w+ ){0,3}(?:parad[ao]s?|em baixo|fora do ar|offline|down|"
            r"inoperacional|inoperante)\b|"
            r"\b(?:caiu|caíram) (?:o |a )?(?:sistema|servidor|site|portal|plataforma|rede)\b|"
            r"\b(?:sistema|servidor|site|portal|plataforma|rede) caiu\b|"
            r"\bparou (?:a|o) (?:produção|producao|linha|fábrica|fabrica|operação)\b|"
            r"\bsem (?:poder )?(?:produzir|faturar|operar)\b",
            "urgency": r"\burgent\w*|\burgência\b|\burgencia\b|\bemergência\b|\bemergencia\b|"
            r"\bcom a máxima brevidade\b",
            "legal": r"\b(?:o nosso|nosso|o meu|meu|um|uma|nossos|os nossos) advogad[oa]s?\b|"
            r"\bprocessar-(?:vos|los|te)\b|\b(?:vou|vamos|iremos|irei) processar "
            r"(?:vocês|voces|a empresa|a vossa empresa)\b|\baç(?:ão|ao) judicial\b|"
            r"\bacç(?:ão|ao) judicial\b|\btribuna(?:l|is)\b|"
            r"\b(?:entrar|recorrer|ir|irei|vou|vamos) (?:na|à|a) justiça\b|"
            r"\bdeco\b|\bprocon\b|\blivro de reclama(?:ções|coes)\b|\breclame aqui\b|"
            r"\bportal da queixa\b|\bdiscrimina\w*",
            "privacy": r"\b(?:violação|violacao|invasão|invasao) de privacidade\b|"
            r"\b(?:violação|violacao|fuga|vazamento) de dados\b|\brgpd\b|\blgpd\b|\bgdpr\b|"
            r"\b(?:os )?(?:meus|nossos) dados (?:pessoais )?(?:foram|estão|estao) "
            r"(?:\w+ )?(?:partilhados|compartilhados|vendidos|divulgados|expostos|roubados|"
            r"publicados)\b|\b(?:partilharam|compartilharam|venderam|divulgaram|expuseram) "
            r"(?:os )?(?:meus|nossos) dados\b|\bhackead[ao]s?\b|\bpiratead[ao]s?\b",
            "money lost": r"\bcobr\w*(?:-(?:me|nos))? (?:\w+ ){0,2}(?:duas vezes|em duplicado|"
            r"em dobro|a dobrar)\b|\bcobranças? (?:duplicada|dupla|indevida)s?\b|"
            r"\bdébito (?:duplicado|indevido)\b|\bpagamento duplicado\b|\bburla\w*|"
            r"\bfraude\w*|\bé (?:um )?golpe\b|\bfomos roubados\b|\bfui roubad[oa]\b|"
            r"\bperdi (?:o meu )?dinheiro\b|\bquero (?:o )?(?:meu )?dinheiro de volta\b",
        },
        "churn_risk": {
            "cancel": r"\bcancel\w* (?:\w+ )?(?:a |o )?(?:minha |meu |nossa |nosso )?"
            r"(?:conta|contrato|assinatura|subscrição|subscricao|plano|adesão|adesao)\b|"
            r"\brescindi\w*|\brescis\w*|\bdenunciar o contrato\b|"
            r"\b(?:vou|vamos|iremos|irei|queremos|quero|decidimos|decidi|pretendemos|pretendo) "
            r"cancelar\b(?! (?:(?:a|o|as|os|esta|este|essa|esse) )?(?:encomendas?|pedidos?|"
            r"compras?|entregas?)\b)",
            "leave": r"\bnunca mais (?:\w+ )?(?:compro|comprarei|compramos|compraremos|encomendo|"
            r"encomendarei|encomendamos|encomendaremos|volto|voltarei|voltamos|voltaremos|"
            r"contrato|contratamos)\b|\bnão (?:volto|voltarei|voltamos|voltaremos) a "
            r"(?:comprar|encomendar|contratar|usar)\b|\bnão (?:compro|compramos|encomendo|"
            r"encomendamos) mais\b|\b(?:é|foi) a [úu]ltima vez\b|"
            r"\bpela [úu]ltima vez\b|\b(?:perderam|perdeu|perdem|vão perder|vao perder) "
            r"(?:um|uma|mais um|mais uma) cliente\b|\b(?:vou|vamos) (?:comprar|encomendar) "
            r"(?:noutro lado|em outro lugar|noutro sítio|noutro sitio)\b",
            "not renew": r"\b(?:não|nao) (?:\w+ ){0,2}renov(?:ar|aremos|amos|o|arei)\b",
            "switch": r"\bconcorrência\b|\bconcorrencia\b|\bconcorrentes?\b|"
            r"\b(?:mudar|trocar|mudamos|trocamos|mudaremos|trocaremos) (?:de|para (?:outr[oa]|"
            r"a concorrência)) (?:fornecedor|operadora|prestador|empresa|marca)\w*|"
            r"\boutros? (?:fornecedor(?:es)?|prestador(?:es)?)\b|\boutras operadoras?\b|"
            r"\balternativas\b",
        },
    },
    praise=r"\bobrigad[oa]s?\b|\bagrade[cç]\w*|\bparab[ée]ns\b|\bexcelente\w*|"
    r"\b[óo]p?tim[oa]s?\b|\bfant[áa]stic\w*|\bimpec[áa]ve\w*|\bespec?tacular\w*|"
    r"\bsimp[áa]tic[oa]s?\b|\bprest[áa]ve\w*|\bprestativ\w*|\batencios\w*|\bprofission\w*|"
    r"\bcompetente\w*|"
    r"\bincr[íi]ve\w*|\bmaravilh\w*|\bexemplar\w*|\bempenhad\w*|\bdedicad\w*|\bgentil\w*|"
    r"\bam[áa]ve\w*|\bincans[áa]ve\w*|\bcordia\w*|\bexce[cp]?cional\w*|\bfenomena\w*|"
    r"\bnota (?:10|dez|mil)\b|\bbem-educad[oa]s?\b",
    clause_end=r"[,;:.!?()]|\bmas\b|\bporém\b|\bporem\b|\bcontudo\b|\btodavia\b|"
    r"\bno entanto\b|\bembora\b|\bapesar\b",
    negated=r"\b(?:não|nao|nunca|jamais|nem|nenhum\w*|ninguém|ninguem)\s+(?:\w+\s+)?$",
    # a sentence that supposes: what stops in it has not stopped ("se as peças voltarem a
    # chegar tarde, a nossa linha fica parada" is a risk, not an outage)
    supposed=r"\s*(?:se|caso|no caso de|na eventualidade de)\b",
    # the English words among them, and the function words of the seed phrases ("apoio ao
    # cliente", "dentro do prazo"), which tell no language by themselves
    shared="""super top ok okay tops design email e-mail emails app site menu interface ticket
        stock feedback offline bug bugs tutorial newsletter sms material visual cordial rude
        grave exemplar valor cores fiscal via way sac call center help desk helpdesk
        a o e de do da dos das as no nos que para""",
    left_out="""contra diante
        dois duas três quatro cinco seis sete oito nove dez onze doze vinte trinta
        cem cento mil primeiro primeira segundo terceiro metade dúzia vários várias muitos
        muitas poucos poucas algum alguma alguns algumas todo toda todos todas tudo coisa
        coisas sempre vez vezes dia dias semana semanas mês meses ano anos hora horas
        minutos hoje ontem amanhã agora ainda já aqui ali lá então depois antes cada outro
        outra outros outras isso isto aquilo esse essa este esta aquele aquela pelo pela
        pelos pelas num numa dum duma sobre entre até desde durante contra após porque pois
        quando onde como qual quais quem ser estar ter haver fazer ficar tinha tem têm há
        houve seja sido sendo estava estavam estão fica ficou vai vou foram muita pouca
        apenas só mesmo bastante sim talvez quase frequentemente raramente geralmente
        normalmente""",
    neutral="""simplesmente claramente praticamente completamente""",
    fold_accents=True,
    # the default themes' English seed words that mean another thing in Portuguese: "mail"
    # is an email, "box" a shower, "print" a screenshot, "server" a computer
    false_friends="mail box print server",
)
