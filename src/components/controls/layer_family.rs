//! Which family of recurrent layer (issue 17): the Keras / PyTorch layers, PyTorch's cells,
//! Keras ConvLSTM, Flax, and the legacy TensorFlow 1, CuDNN and Keras 2 layers. The choice goes
//! through `Store::set_kind`; the chosen family's own settings are `FamilySettings`, built by the
//! second module.

use crate::components::{DeferredPanel, RadioGroup, RadioOption};
use crate::deferred::Panel;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::kind::{FlaxCell, Kind};
use rnn_params_model::Config;

/// How many lines `FamilySettings` takes for `config`'s family (0: the family has no settings of its
/// own), for the room its box keeps before the second module arrives: a choice is two lines (its
/// label and its menu), a text field three (label, field, hint).
pub fn settings_lines(config: &Config) -> usize {
    let (choices, fields) = match config.kind {
        // Axes, padding, data format; kernel, frame, strides, dilation.
        Kind::ConvLstm(_) => (3, 4),
        // API, cell, wrapper, reset gate; ConvLSTMCell adds kernel and frame.
        Kind::Flax(f) if f.cell == FlaxCell::ConvLstm => (4, 2),
        Kind::Flax(_) => (4, 0),
        // LSTM class, peepholes; projection, shards.
        Kind::Tf1(_) => (2, 2),
        _ => (0, 0),
    };
    2 * choices + 3 * fields
}

fn kind_options() -> Vec<RadioOption<&'static str>> {
    let o = |key: &'static str, label: &'static str, detail: &str| RadioOption {
        value: key,
        key,
        label,
        detail: detail.to_owned(),
    };
    vec![
        o("layer", "Layer", "Keras / PyTorch RNN, GRU, LSTM"),
        o("cell", "PyTorch cell", "nn.RNNCell, GRUCell, LSTMCell"),
        o("convlstm", "ConvLSTM", "Keras ConvLSTM1D/2D/3D"),
        o("flax", "Flax", "Linen and NNX cells"),
        o("tf1", "TF1 cells (legacy)", "tf.compat.v1.nn.rnn_cell"),
        o("cudnn", "CuDNN (legacy)", "CuDNNLSTM, CuDNNGRU"),
        o("keras2", "Keras 2 (legacy)", "tf.keras 2.15"),
    ]
}

/// The family choice, and below it the chosen family's settings (from the second module; nothing
/// for a family without settings of its own).
#[component]
pub fn LayerFamily() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    let kind_key = Memo::new(move |_| config.with(|c| c.kind.key()));
    let has_settings = Memo::new(move |_| config.with(settings_lines) > 0);
    view! {
        <RadioGroup
            name="kind"
            legend="Layer family"
            options=kind_options()
            value=Signal::derive(move || kind_key.get())
            on_change=Callback::new(move |k: &'static str| store.set_kind(k))
            locked=Signal::derive(move || store.view.with(|v| v.locks(rnn_params_model::state::Control::Framework)))
        />
        <div class="kind-options" data-testid="kind-options">
            {move || has_settings.get().then(|| view! { <DeferredPanel panel=Panel::Family /> })}
        </div>
    }
}
