"""Fine-tuning: the packaged MiniLM model trained on an organisation's own labels.

The ``embeddings`` engine reads comments through a frozen sentence embedding, which describes a
sentence as a whole. ``engine="fine-tuned"`` trains the model itself, every layer and a small
head over its tokens, on the comments people labelled: it learns this organisation's themes and
what its customers mean about each one. It needs the ``embeddings`` extra (PyTorch and the
packaged weights; nothing is downloaded), a few hundred labelled comments to be worth it, and
CPU time: about a minute and a half per pass over 3,000 short comments on two cores, five passes
by default. The learners in ``learning.py`` use it through their ``engine`` option.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from centric.insights.text.encoders import EMBEDDINGS_PACKAGE, INSTALL_HINT, embeddings_available

FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class FineTuning:
    """How the model is trained: passes over the data, learning rate (warmed up over the
    first tenth of the steps, then decayed linearly to zero), examples per step, tokens read
    per comment, and the seed that makes a run repeatable on the same machine."""

    epochs: int = 5
    learning_rate: float = 8e-5
    batch_size: int = 16
    max_length: int = 128
    seed: int = 0


class TunedModel:
    """all-MiniLM-L6-v2 with a linear head over its mean-pooled tokens, trained end to end.

    ``multilabel`` models give each of ``outputs`` an independent probability (themes);
    otherwise the outputs are one distribution (a label), with each class weighted by the
    inverse of its frequency when ``balanced``. ``fit`` and ``predict_proba`` take
    the comments and, optionally, a second text per comment that the model reads with it
    (the theme asked about). Pickles with its trained weights (about 90 MB).
    """

    def __init__(
        self,
        outputs: int,
        *,
        multilabel: bool,
        balanced: bool = False,
        settings: FineTuning | None = None,
    ) -> None:
        self.outputs = outputs
        self.multilabel = multilabel
        self.balanced = balanced
        self.settings = settings or FineTuning()
        self._network: Any = None
        self._tokenizer: Any = None

    def fit(
        self,
        texts: Sequence[str],
        targets: npt.NDArray[Any],
        pairs: Sequence[str] | None = None,
    ) -> Self:
        """Train on ``texts`` (with ``pairs``) and ``targets``: a 0/1 matrix of ``outputs``
        columns when multi-label, else one class index per text."""
        torch = _torch()
        settings = self.settings
        torch.manual_seed(settings.seed)
        network = self._build(torch)
        optimiser = torch.optim.AdamW(
            network.parameters(), lr=settings.learning_rate, weight_decay=0.01
        )
        steps = settings.epochs * -(-len(texts) // settings.batch_size)
        warm = max(1, steps // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser,
            lambda step: step / warm if step < warm else max(0.0, (steps - step) / (steps - warm)),
        )
        if self.multilabel:
            expected = torch.tensor(np.asarray(targets), dtype=torch.float32)
            loss_of = torch.nn.functional.binary_cross_entropy_with_logits
        else:
            expected = torch.tensor(np.asarray(targets), dtype=torch.long)
            weights = None
            if self.balanced:
                counts = np.bincount(np.asarray(targets), minlength=self.outputs)
                weights = torch.tensor(
                    len(targets) / (self.outputs * np.maximum(counts, 1)), dtype=torch.float32
                )
            loss_of = functools.partial(torch.nn.functional.cross_entropy, weight=weights)
        order = np.random.default_rng(settings.seed)
        lengths = _lengths(texts, pairs)
        network.train()
        for _ in range(settings.epochs):
            for batch in _batches(lengths, settings.batch_size, order):
                logits = network(self._tokens(texts, pairs, batch))
                loss = loss_of(logits, expected[torch.from_numpy(batch)])
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
        network.eval()
        return self

    def predict_proba(
        self, texts: Sequence[str], pairs: Sequence[str] | None = None
    ) -> FloatMatrix:
        """One row per text: each output's probability."""
        torch = _torch()
        if self._network is None:
            raise RuntimeError("fit the model before predicting")
        # read in order of length, so that a batch pads its comments to about their own length
        by_length = np.argsort(_lengths(texts, pairs), kind="stable")
        chances = np.zeros((len(texts), self.outputs))
        with torch.no_grad():
            for start in range(0, len(texts), 64):
                batch = by_length[start : start + 64]
                logits = self._network(self._tokens(texts, pairs, batch))
                batch_chances = torch.sigmoid(logits) if self.multilabel else logits.softmax(dim=1)
                chances[batch] = batch_chances.numpy()
        return chances

    def _tokens(
        self, texts: Sequence[str], pairs: Sequence[str] | None, batch: npt.NDArray[np.int64]
    ) -> Any:
        chosen = [texts[i] for i in batch]
        arguments: list[list[str]] = [[pairs[i] for i in batch], chosen] if pairs else [chosen]
        return self._tokenizer(
            *arguments,
            padding=True,
            truncation=True,
            max_length=self.settings.max_length,
            return_tensors="pt",
        )

    def _build(self, torch: Any) -> Any:
        """The packaged model and a new head, from the files inside the installed package."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        transformers = importlib.import_module("transformers")
        transformers.utils.logging.disable_progress_bar()
        path = str(importlib.import_module(EMBEDDINGS_PACKAGE).get_model_path())
        self._tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        encoder = transformers.AutoModel.from_pretrained(path)
        self._network = _network_class(torch)(encoder, self.outputs)
        return self._network

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        network = state.pop("_network")
        state.pop("_tokenizer")
        state["_weights"] = None if network is None else network.state_dict()
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        weights = state.pop("_weights")
        self.__dict__.update(state)
        self._network = self._tokenizer = None
        if weights is not None:
            self._build(_torch()).load_state_dict(weights)
            self._network.eval()


def _lengths(texts: Sequence[str], pairs: Sequence[str] | None) -> npt.NDArray[np.int64]:
    """Each example's length in characters: a stand-in for its count of tokens."""
    return np.array(
        [len(text) + (len(pairs[i]) if pairs else 0) for i, text in enumerate(texts)],
        dtype=np.int64,
    )


def _batches(
    lengths: npt.NDArray[np.int64], size: int, order: np.random.Generator
) -> list[npt.NDArray[np.int64]]:
    """One pass over the examples in random batches of about equal length: the examples are
    shuffled, sorted by length within pools of fifty batches, cut into batches, and the batches
    shuffled. Padding every comment of a batch to its longest then wastes little work."""
    shuffled = order.permutation(len(lengths))
    pool = size * 50
    batches: list[npt.NDArray[np.int64]] = []
    for start in range(0, len(shuffled), pool):
        chunk = shuffled[start : start + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    return [batches[k] for k in order.permutation(len(batches))]


def _torch() -> Any:
    if not embeddings_available():
        raise ImportError(INSTALL_HINT)
    return importlib.import_module("torch")  # by name: an optional, untyped import here


@functools.cache
def _network_class(torch: Any) -> Any:
    """The network's class, made once PyTorch is imported (it is an optional dependency)."""

    class MeanPooledHead(torch.nn.Module):  # type: ignore[misc]
        def __init__(self, encoder: Any, outputs: int) -> None:
            super().__init__()
            self.encoder = encoder
            self.head = torch.nn.Linear(encoder.config.hidden_size, outputs)

        def forward(self, tokens: Any) -> Any:
            hidden = self.encoder(**tokens).last_hidden_state
            mask = tokens["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            return self.head((hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0))

    return MeanPooledHead
