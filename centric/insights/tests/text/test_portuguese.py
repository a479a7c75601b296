"""Portuguese comments, read by the Portuguese wordbook: sentiment, themes, journey stage,
care signals, flags, praise and the language they are told to be in."""

import pytest

from centric.insights.tests.text.reading import label, themes
from centric.insights.text import Member, TextAnalyzer, analyze
from centric.insights.text.portuguese import PORTUGUESE
from centric.insights.text.reader import Reader


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A entrega chegou a tempo e muito bem embalada.", "positive"),
        ("A qualidade dos produtos é excelente.", "positive"),
        ("O apoio ao cliente foi antipático e incompetente.", "negative"),
        ("As peças chegaram danificadas.", "negative"),
        ("Estivemos quatro dias à espera de uma resposta do suporte.", "negative"),
        # negation before the word it turns, and Portuguese's doubled negation
        ("Não gostei do produto.", "negative"),
        ("Não estamos satisfeitos com o serviço.", "negative"),
        ("A fatura nunca bate certo com a nossa proposta.", "negative"),
        ("Ninguém nos ajudou.", "negative"),
        ("Não tive nenhum problema com a instalação.", "positive"),
        ("Não recebi nenhuma resposta até hoje.", "negative"),
        ("Nada mal para o preço.", "positive"),
        ("A máquina trabalha há meses sem problemas.", "positive"),
        ("O produto não funciona como foi anunciado.", "negative"),
        ("Continuamos sem resposta há duas semanas.", "negative"),
        # "pouco" before an adjective negates it, "um pouco" is a bit
        ("O técnico foi pouco profissional.", "negative"),
        ("A plataforma é confusa e pouco prática, não gostámos.", "negative"),
        ("O produto é um pouco caro.", "negative"),
        # a problem solved is praise; one not solved is not
        ("O técnico resolveu o nosso problema na hora.", "positive"),
        ("O problema foi resolvido em poucas horas, obrigado!", "positive"),
        ("O problema ainda não foi resolvido.", "negative"),
        ("Não foi resolvido nada, continuo à espera.", "negative"),
        # excess and boosters
        ("Os preços são demasiado altos.", "negative"),
        ("O envio demora sempre demasiado tempo, não é aceitável.", "negative"),
        ("O atendimento foi extremamente simpático.", "positive"),
        ("Estou muito desiludido com a qualidade do material.", "negative"),
        # what follows "mas" is the verdict; what "embora" and "apesar" concede counts less
        ("Não está mal, mas o preço é demasiado alto.", "negative"),
        ("A entrega foi lenta, mas o suporte foi excelente.", "positive"),
        ("A entrega foi rápida, mas a fatura veio errada.", "negative"),
        ("Gostei muito do atendimento, mas a entrega demorou imenso.", "negative"),
        ("A fatura estava errada, mas o apoio ao cliente corrigiu-a no mesmo dia.", "positive"),
        ("Embora a entrega tenha demorado, o produto é fantástico e muito bem feito.", "positive"),
        ("Apesar do atraso, a equipa foi impecável.", "positive"),
        # a wish or a condition: its praise is what is missing
        ("Seria ótimo se o portal tivesse uma função de exportação.", "negative"),
        ("Os preços são razoáveis, mas o serviço podia ser melhor.", "negative"),
        ("Deviam ter avisado que a encomenda ia atrasar.", "negative"),
        ("Recomendaria a vossa empresa sem hesitar, são muito profissionais.", "positive"),
        # greetings are no praise, and a question is no opinion
        ("Bom dia, a encomenda chegou partida.", "negative"),
        ("Boa tarde, gostaria de saber o estado da minha encomenda.", "neutral"),
        ("Temos uma questão sobre a fatura.", "neutral"),
        ("Vale muito a pena, recomendo sem hesitar!", "positive"),
        ("Péssimo atendimento, nunca mais compro aqui.", "negative"),
    ],
)
def test_portuguese_sentiment(text: str, expected: str) -> None:
    assert label(text) == expected


def test_the_words_that_drove_a_portuguese_score_are_named_with_their_offsets() -> None:
    text = "O envio foi muito rápido, mas a fatura estava errada."
    reading = Reader(PORTUGUESE).analyze(text)
    found = {c.phrase: c for c in reading.contributions}
    assert set(found) == {"rápido", "errada"}
    assert found["rápido"].weight > 0 > found["errada"].weight
    assert abs(found["errada"].weight) > 1.8  # the verdict after "mas" weighs more
    assert text[found["errada"].start : found["errada"].end] == "errada"


def test_inflected_forms_and_words_without_their_accents_are_known() -> None:
    reader = Reader(PORTUGUESE)

    def valence(word: str) -> float:
        return reader.valence(reader.key(word))

    assert valence("rápidas") == valence("rápido") > 0
    assert valence("incríveis") == valence("incrível") > 0
    assert valence("profissionais") == valence("profissional") > 0
    assert valence("reclamações") == valence("reclamação") < 0
    assert valence("rapidíssimo") == valence("rápido")
    assert valence("pessimamente") == valence("péssimo") < 0
    assert valence("ajudaram-nos") == valence("ajudaram") > 0
    assert valence("pessimo") == valence("péssimo")  # typed without its accent
    # "mas" is "but", not "más" (bad); "simplesmente" is "simply", not "simple"
    assert valence("mas") == valence("simplesmente") == 0.0
    # greetings and "later" are no opinion: "bom dia", "mais tarde"
    assert reader.analyze("Bom dia, voltamos a ligar mais tarde.").label == "neutral"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("A fatura deste mês vinha com o IVA errado.", "billing"),
        ("Ainda não recebi o reembolso da encomenda devolvida.", "refunds"),
        ("Os preços subiram muito este ano.", "price"),
        ("A transportadora deixou o pacote à porta do vizinho.", "delivery"),
        ("A devolução foi fácil e o reembolso chegou em dois dias.", "returns"),
        ("O apoio ao cliente nunca atende o telefone.", "support"),
        ("Os colaboradores da loja são sempre muito simpáticos e atenciosos.", "staff"),
        ("O acabamento é fraco e o tecido rasgou-se na primeira lavagem.", "product quality"),
        ("O tamanho é demasiado pequeno.", "fit and size"),
        ("A cor é linda e o design muito elegante.", "design"),
        ("A aplicação é confusa e pouco intuitiva.", "usability"),
        ("A instalação e a formação da equipa correram muito bem.", "onboarding"),
        ("Ninguém nos informou da alteração do horário.", "communication"),
        (
            "A nossa gestora de conta visita-nos todos os meses e conhece as nossas necessidades.",
            "relationship",
        ),
        ("O sistema falha todos os dias e é muito lento.", "reliability"),
        ("O artigo está esgotado há semanas e não sabem quando há reposição.", "availability"),
    ],
)
def test_portuguese_themes_come_from_portuguese_seed_words(text: str, theme: str) -> None:
    assert theme in themes(text)


def test_what_is_said_of_each_theme_takes_its_own_opinion() -> None:
    reading = analyze("A entrega foi boa, mas a fatura estava errada.")
    assert {(theme.name, theme.label) for theme in reading.themes} == {
        ("billing", "negative"),
        ("delivery", "positive"),
    }
    # "relação qualidade-preço" is the price's, no relationship
    assert "relationship" not in themes("Excelente relação qualidade-preço, recomendo.")


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("Comparámos propostas de vários fornecedores e a vossa foi a mais completa.", "shop"),
        ("Paguei com cartão de crédito e o pagamento foi aceite sem problemas.", "purchase"),
        ("A encomenda chegou dentro do prazo.", "delivery"),
        ("Uso a aplicação todos os dias no trabalho.", "use"),
        ("A máquina avariou e aguardamos a reparação ao abrigo da garantia.", "maintain"),
        ("Quero devolver o produto e receber o reembolso, não funciona nada bem.", "replace"),
        ("Cancelei a minha assinatura, o serviço não compensava e era muito caro.", "dispose"),
    ],
)
def test_portuguese_journey_stage(text: str, stage: str) -> None:
    assert analyze(text).journey_stage == stage


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        (
            "Receamos que os novos preços não caibam no nosso orçamento.",
            [
                ("fear", "Receamos que os novos preços não caibam no nosso orçamento"),
                ("constraint", "Receamos que os novos preços não caibam no nosso orçamento"),
            ],
        ),
        (
            "Quem me dera que a vossa app mostrasse também o estado da encomenda.",
            [("wish", "Quem me dera que a vossa app mostrasse também o estado da encomenda")],
        ),
        (
            "Esperamos poder usar as vossas bombas também na nossa segunda fábrica.",
            [("hope", "Esperamos poder usar as vossas bombas também na nossa segunda fábrica")],
        ),
        (
            "Precisamos de mais informação sobre a garantia da nossa máquina.",
            [("desire", "Precisamos de mais informação sobre a garantia da nossa máquina")],
        ),
        (
            "Compraríamos muito mais se baixassem os preços.",
            [("opportunity", "Compraríamos muito mais se baixassem os preços")],
        ),
        (
            "Se as peças voltarem a chegar tarde, a nossa linha fica parada.",
            [("risk", "a nossa linha fica parada")],
        ),
    ],
)
def test_portuguese_care_signals(text: str, signals: list[tuple[str, str]]) -> None:
    assert [(s.kind, s.phrase) for s in analyze(text).care_signals] == signals


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        (
            "Vamos cancelar o contrato no fim do mês, não estamos nada satisfeitos.",
            [("churn_risk", "cancel")],
        ),
        ("Péssimo atendimento, nunca mais compro aqui.", [("churn_risk", "leave")]),
        (
            "Se o serviço não melhorar, não vamos renovar o contrato com vocês.",
            [("churn_risk", "not renew")],
        ),
        (
            "Se o serviço não melhorar, vamos mudar para outro fornecedor.",
            [("churn_risk", "switch")],
        ),
        (
            "A nossa linha de produção está parada há dois dias por falta de peças.",
            [("urgent", "outage")],
        ),
        ("Uma tampa soltou-se e isto é um problema de segurança.", [("urgent", "safety")]),
        (
            "O carregador da nossa máquina começou a deitar fumo, é muito perigoso.",
            [("urgent", "safety")],
        ),
        (
            "Fomos cobrados duas vezes pela mesma fatura e não é a primeira vez.",
            [("urgent", "money lost")],
        ),
        (
            "Vou processar-vos e apresentar queixa à DECO, isto não é aceitável.",
            [("urgent", "legal")],
        ),
        (
            "Os meus dados pessoais foram partilhados sem autorização, isto não pode ser.",
            [("urgent", "privacy")],
        ),
        (
            "É urgente: o sistema não funciona e a equipa não consegue trabalhar.",
            [("urgent", "urgency")],
        ),
        # denied or only supposed: no flag
        ("Nunca cancelaríamos o contrato, estamos muito satisfeitos com o serviço.", []),
        ("Não é urgente, mas gostaria de saber o estado da encomenda.", []),
        ("Se as peças voltarem a chegar tarde, a nossa linha fica parada.", []),
        # cancelling an order is a complaint about the order, not leaving
        ("Vou cancelar a encomenda, o prazo de entrega é demasiado longo para nós.", []),
    ],
)
def test_portuguese_flags(text: str, flags: list[tuple[str, str]]) -> None:
    assert [(f.kind, f.reason) for f in analyze(text).flags] == flags


def test_a_flag_keeps_the_clause_that_carries_it() -> None:
    churn = analyze("Se o serviço não melhorar, não vamos renovar o contrato com vocês.")
    assert churn.flags[0].phrase == "não vamos renovar o contrato com vocês"
    assert churn.churn_risk
    assert not churn.urgent


@pytest.mark.parametrize(
    ("text", "praise"),
    [
        ("Excelente atendimento, muito obrigado pela paciência!", True),
        ("Obrigado à equipa de suporte, foram incansáveis.", True),
        ("Os colaboradores da loja são sempre muito simpáticos e atenciosos.", True),
        ("A entrega foi rápida, mas a fatura veio errada.", False),
        ("Bom dia, a encomenda chegou partida.", False),
    ],
)
def test_portuguese_praise(text: str, praise: bool) -> None:
    assert analyze(text).praise is praise


def test_a_person_praised_in_portuguese_is_named() -> None:
    joana = Member("7", "Joana Ferreira", "person")
    reading = TextAnalyzer(directory=[joana]).analyze(
        "A Joana Ferreira foi incansável e muito profissional, obrigado!"
    )
    assert reading.praise
    assert [p.member for p in reading.praised] == [joana]


@pytest.mark.parametrize(
    "text",
    [
        "Muito obrigado!",
        "Adorei!",
        "Não recomendo.",
        "Péssimo atendimento.",
        "Não funciona.",
        "A encomenda ainda não chegou e ninguém responde aos emails que enviamos há duas "
        "semanas. Já liguei para a linha de apoio três vezes e dizem sempre que vão ver o "
        "que se passa, mas nada muda. Estou muito desiludido com o vosso serviço.",
    ],
)
def test_portuguese_comments_are_told_to_be_portuguese(text: str) -> None:
    assert analyze(text).language == "pt"
