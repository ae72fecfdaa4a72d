//! Directions, bias, stacking, and the settings only some frameworks have.

use super::locked;
use crate::components::{RadioGroup, RadioOption, SizeControl, Switch};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::availability::{shown_merge, shown_reset_after, unavailable, Conditional};
use rnn_params_model::bounds::{Layers, ProjSize};
use rnn_params_model::state::Control;
use rnn_params_model::{MergeMode, SizeSetting};

fn merge_options() -> Vec<RadioOption<Option<MergeMode>>> {
    MergeMode::ALL
        .into_iter()
        .map(|m| RadioOption { value: Some(m), key: m.key(), label: m.key(), detail: m.combines().into() })
        .collect()
}

/// Bidirectional, bias, stacked layers, Keras GRU `reset_after`, Keras `merge_mode` and PyTorch
/// LSTM `proj_size`; the last three are disabled, with the reason, where they do not apply.
#[component]
pub fn Conventions() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    let why_not =
        move |setting: Conditional| Memo::new(move |_| config.with(|c| unavailable(c, setting)).map(str::to_owned));
    let size = move |setting: SizeSetting| Callback::new(move |v: u64| store.set_size(setting, v));
    view! {
        <Switch
            id="bidir"
            label="Bidirectional"
            hint="A forward and a backward copy, each with its own weights."
            checked=Memo::new(move |_| config.with(|c| c.bidirectional))
            on_change=Callback::new(move |on| store.set_bidirectional(on))
            locked=locked(store, Control::Bidir)
        />
        <Switch
            id="bias"
            label="Bias"
            hint="Keras use_bias, PyTorch bias."
            checked=Memo::new(move |_| config.with(|c| c.bias))
            on_change=Callback::new(move |on| store.set_bias(on))
            locked=locked(store, Control::Bias)
        />
        <SizeControl
            id="layers"
            label="Stacked layers L"
            noun="layers"
            hint="PyTorch num_layers; in Keras, layers one above the other."
            min=u64::from(Layers::MIN)
            max=u64::from(Layers::MAX)
            linear=true
            value=Memo::new(move |_| config.with(|c| c.layers.wide()))
            on_change=size(SizeSetting::Layers)
            locked=locked(store, Control::Layers)
        />
        <Switch
            id="reset_after"
            label="reset_after"
            hint="Keras GRU: a second (recurrent) bias vector. On by default in tf.keras (TF 2) and Keras 3; off by default in TF 1 and standalone Keras 2."
            // Disabled under PyTorch, it shows what PyTorch does, and off on an RNN or LSTM; the Keras
            // choice stays in the state.
            checked=Memo::new(move |_| config.with(shown_reset_after))
            on_change=Callback::new(move |on| store.set_reset_after(on))
            locked=locked(store, Control::ResetAfter)
            unavailable=why_not(Conditional::ResetAfter)
        />
        <RadioGroup
            name="merge"
            legend="merge_mode"
            options=merge_options()
            // Without bidirectional nothing is selected; under PyTorch, concat (what PyTorch does).
            value=Memo::new(move |_| config.with(shown_merge))
            on_change=Callback::new(move |m: Option<MergeMode>| {
                if let Some(m) = m {
                    store.set_merge(m);
                }
            })
            locked=locked(store, Control::Merge)
            unavailable=why_not(Conditional::Merge)
        />
        <SizeControl
            id="proj"
            label="Projection proj_size p"
            noun="projected features"
            hint="PyTorch LSTM: h is projected to p < n features (weight_hr). 0 means none."
            min=0
            max=u64::from(ProjSize::MAX)
            allowed=Memo::new(move |_| {
                // Where no projection applies the control is disabled; its slider keeps n − 1 stops.
                config.with(|c| (0, c.units.wide().saturating_sub(1)))
            })
            value=Memo::new(move |_| config.with(|c| c.proj_size.wide()))
            on_change=size(SizeSetting::Proj)
            locked=locked(store, Control::Proj)
            unavailable=why_not(Conditional::Proj)
        />
    }
}
