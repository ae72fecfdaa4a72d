"""The rnn-params widget in Jupyter: how many parameters a SimpleRNN, GRU or LSTM layer has.

``RnnParams(cell="lstm", input=4096, units=256)`` displays the widget (an anywidget); its settings
are traitlets synced both ways: a slider moved in the widget updates the Python object, and setting
an attribute (``w.units = 128``) updates the widget. Sizes are those of the URL parameters
(docs/embedding.md): ``input`` and ``units`` 1 to 1,048,576, ``layers`` 1 to 16.
"""

from __future__ import annotations

import pathlib

import anywidget
import traitlets

from ._server import base_url

__all__ = ["RnnParams"]

_STATIC = pathlib.Path(__file__).parent / "static"

_SIZE_MAX = 1_048_576
_LAYERS_MAX = 16


class RnnParams(anywidget.AnyWidget):
    """The widget, with its settings as synced traitlets.

    framework: ``"keras"`` or ``"pytorch"``; cell: ``"rnn"``, ``"gru"`` or ``"lstm"``; input: the
    input size m; units: n (PyTorch ``hidden_size``); layers: stacked layers; bidirectional.
    ``extra`` is any other query (``"hide=plot&theme=dark"``, docs/embedding.md). A value out of
    range raises ``traitlets.TraitError`` naming the setting and its range.
    """

    _esm = _STATIC / "anywidget.js"

    framework = traitlets.Enum(["keras", "pytorch"], default_value="keras").tag(sync=True)
    cell = traitlets.Enum(["rnn", "gru", "lstm"], default_value="lstm").tag(sync=True)
    input = traitlets.Int(4096).tag(sync=True)
    units = traitlets.Int(256).tag(sync=True)
    layers = traitlets.Int(1).tag(sync=True)
    bidirectional = traitlets.Bool(False).tag(sync=True)
    extra = traitlets.Unicode("").tag(sync=True)
    height = traitlets.Int(900).tag(sync=True)
    base_url = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not self.base_url:
            self.base_url = base_url(_STATIC)

    @staticmethod
    def _bounded(name: str, value: int, high: int) -> int:
        if not 1 <= value <= high:
            raise traitlets.TraitError(f"{name} must be 1 to {high:,}, got {value:,}")
        return value

    @traitlets.validate("input")
    def _check_input(self, proposal):
        return self._bounded("input", proposal["value"], _SIZE_MAX)

    @traitlets.validate("units")
    def _check_units(self, proposal):
        return self._bounded("units", proposal["value"], _SIZE_MAX)

    @traitlets.validate("layers")
    def _check_layers(self, proposal):
        return self._bounded("layers", proposal["value"], _LAYERS_MAX)
