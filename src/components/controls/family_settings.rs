//! The chosen layer family's own settings (issue 17): ConvLSTM's axes, kernel, frame, padding,
//! strides, dilation and data format; Flax's API, cell and wrapper; the TF1 LSTM's class,
//! peepholes, projection and shards. Every value goes through `Store::set_kind_option`, which reads
//! it with the URL's rules (`rnn_params_model::kind_query`).
//!
//! Built by the second module (`src/deferred`): the default layer has none of these settings, so
//! the first screen needs only the family choice itself (`LayerFamily`), and these fields, with
//! the URL option code they call, stay out of the first module.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::kind::Kind;
use rnn_params_model::kind_query::value;

/// A text field for one option; `on:change` commits it (a rejected value shows a message).
#[component]
fn OptionField(key: &'static str, label: &'static str, hint: &'static str) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = format!("kind-{key}");
    let current = Memo::new(move |_| store.config.with(|c| value(c, key)));
    view! {
        <div class="typed-field kind-option">
            <label class="control-label" for=id.clone()>{label}</label>
            <input
                class="number"
                type="text"
                id=id
                data-testid=format!("kind-{key}")
                autocomplete="off"
                spellcheck="false"
                prop:value=move || current.get()
                on:change=move |ev| store.set_kind_option(key, &event_target_value(&ev))
            />
            <span class="hint">{hint}</span>
        </div>
    }
}

/// A choice among fixed values for one option.
#[component]
fn OptionSelect(
    key: &'static str,
    label: &'static str,
    choices: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let store = expect_context::<Store>();
    let id = format!("kind-{key}");
    let current = Memo::new(move |_| store.config.with(|c| value(c, key)));
    view! {
        <div class="typed-field kind-option">
            <label class="control-label" for=id.clone()>{label}</label>
            <select
                id=id
                data-testid=format!("kind-{key}")
                prop:value=move || current.get()
                on:change=move |ev| store.set_kind_option(key, &event_target_value(&ev))
            >
                {choices
                    .iter()
                    .map(|(v, text)| view! { <option value=*v selected=move || current.get() == *v>{*text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

fn conv_fields(flax: bool) -> impl IntoView {
    view! {
        {(!flax).then(|| view! {
            <OptionSelect key="rank" label="Spatial axes" choices=&[("1", "1 (ConvLSTM1D)"), ("2", "2 (ConvLSTM2D)"), ("3", "3 (ConvLSTM3D)")] />
        })}
        <OptionField key="kernel" label="Kernel size" hint="One size per axis (3x5) or one for all (3)." />
        <OptionField key="frame" label="Frame size" hint="Never changes the count: the kernel slides over every position." />
        {(!flax).then(|| view! {
            <OptionSelect key="padding" label="Padding" choices=&[("same", "same"), ("valid", "valid")] />
            <OptionField key="strides" label="Strides" hint="1 – 16; never changes the count." />
            <OptionField key="dilation" label="Dilation rate" hint="1 – 16; not with strides > 1." />
            <OptionSelect key="format" label="Data format" choices=&[("last", "channels_last"), ("first", "channels_first")] />
        })}
    }
}

/// The settings of the family the layer belongs to, rebuilt only when the family (or the Flax cell,
/// which decides whether a kernel applies) changes: a shape change. Nothing for the Keras / PyTorch
/// layers, PyTorch's cells, CuDNN and Keras 2, which have no settings of their own.
#[component]
pub fn FamilySettings() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    let kind_key = Memo::new(move |_| config.with(|c| c.kind.key()));
    let flax_conv = Memo::new(move |_| {
        config.with(|c| matches!(c.kind, Kind::Flax(f) if f.cell == rnn_params_model::kind::FlaxCell::ConvLstm))
    });
    move || {
        let conv = flax_conv.get();
        match kind_key.get() {
            "convlstm" => conv_fields(false).into_any(),
            "flax" => view! {
                <OptionSelect key="api" label="Flax API" choices=&[("linen", "Linen (flax.linen)"), ("nnx", "NNX (flax.nnx)")] />
                <OptionSelect key="flax_cell" label="Flax cell" choices=&[
                    ("lstm", "LSTMCell"), ("optimizedlstm", "OptimizedLSTMCell"), ("gru", "GRUCell"),
                    ("simple", "SimpleCell"), ("mgu", "MGUCell (Linen)"), ("convlstm", "ConvLSTMCell (Linen)"),
                ] />
                <OptionSelect key="wrap" label="Wrapper" choices=&[
                    ("rnn", "nn.RNN (bidirectional: two RNNs)"), ("cell", "the bare cell (one step)"),
                    ("shared", "nn.Bidirectional(rnn, rnn): one shared RNN"),
                ] />
                <OptionSelect key="reset_gate" label="MGUCell reset_gate" choices=&[("1", "True"), ("0", "False")] />
                {conv.then(|| conv_fields(true))}
            }
            .into_any(),
            "tf1" => view! {
                <OptionSelect key="lstm_cell" label="TF1 LSTM class" choices=&[("basic", "BasicLSTMCell"), ("full", "LSTMCell")] />
                <OptionSelect key="peepholes" label="use_peepholes (LSTMCell)" choices=&[("0", "False"), ("1", "True")] />
                <OptionField key="num_proj" label="num_proj p (LSTMCell)" hint="0 = none; below the units." />
                <OptionField key="unit_shards" label="num_unit_shards (LSTMCell)" hint="1 – 16; splits the kernel, same total." />
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}
