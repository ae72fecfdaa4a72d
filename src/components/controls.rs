//! The control panel: every setting that changes the count, wired to the store.

use crate::components::{RadioGroup, RadioOption, SizeControl, Switch};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::{Layers, ProjSize, Size};
use rnn_params_model::state::Control;
use rnn_params_model::{Cell, Config, Framework, MergeMode};

fn framework_options() -> Vec<RadioOption<Framework>> {
    vec![
        RadioOption { value: Framework::Keras, key: "keras", label: "Keras", detail: "TF2 / Keras 3".into() },
        RadioOption { value: Framework::PyTorch, key: "pytorch", label: "PyTorch", detail: "torch.nn".into() },
    ]
}

fn cell_options() -> Vec<RadioOption<Cell>> {
    Cell::ALL
        .into_iter()
        .map(|cell| RadioOption {
            value: cell,
            key: cell.key(),
            label: cell.label(),
            detail: match cell.gate_blocks() {
                1 => "1 block".to_owned(),
                g => format!("{g} gate blocks"),
            },
        })
        .collect()
}

fn merge_options() -> Vec<RadioOption<MergeMode>> {
    MergeMode::ALL
        .into_iter()
        .map(|m| RadioOption {
            value: m,
            key: m.key(),
            label: m.key(),
            detail: if m.width_factor() == 2 { "next layer sees 2n".into() } else { "next layer sees n".into() },
        })
        .collect()
}

/// Switching to a framework or cell without LSTM projection drops the projection rather than
/// refusing the switch (its control then shows why it is unavailable), and remembers it in
/// `dropped`; switching back to a PyTorch LSTM brings it back if it still fits the units.
fn switch_projection(c: &mut Config, dropped: StoredValue<ProjSize>) {
    if !c.allows_projection() {
        if c.proj_size != ProjSize::NONE {
            dropped.set_value(c.proj_size);
        }
        c.proj_size = ProjSize::NONE;
    } else if c.proj_size == ProjSize::NONE {
        let restored = Config { proj_size: dropped.get_value(), ..*c };
        if restored.check().is_ok() {
            *c = restored;
        }
        // Brought back once: a projection cleared later stays cleared.
        dropped.set_value(ProjSize::NONE);
    }
}

/// Why the framework and the cell cannot change: the page fixes a projection, which only a PyTorch
/// LSTM has (`lock=proj` with `proj > 0`).
fn held_by_projection(c: &Config, proj_locked: bool) -> Option<String> {
    (proj_locked && c.projection().is_some())
        .then(|| "Fixed: this page fixes proj_size, which only a PyTorch LSTM has.".to_owned())
}

/// Why `reset_after` does not apply, or `None` when it does.
fn reset_after_reason(c: &Config) -> Option<String> {
    match (c.framework, c.cell) {
        (Framework::Keras, Cell::Gru) => None,
        (Framework::PyTorch, Cell::Gru) => {
            Some("Keras only: PyTorch's GRU always has two bias vectors, as reset_after=True does (shown). Your Keras choice is kept for Keras.".into())
        }
        _ => Some("Keras GRU only.".into()),
    }
}

/// Why `merge_mode` does not apply, or `None` when it does.
fn merge_reason(c: &Config) -> Option<String> {
    match (c.framework, c.bidirectional) {
        (Framework::Keras, true) => None,
        (Framework::Keras, false) => Some("Keras Bidirectional only: switch bidirectional on.".into()),
        (Framework::PyTorch, _) => Some(
            "Keras only: PyTorch always concatenates the two directions (shown). Your Keras choice is kept for Keras."
                .into(),
        ),
    }
}

/// Why `proj_size` does not apply, or `None` when it does.
fn proj_reason(c: &Config) -> Option<String> {
    match (c.framework, c.cell) {
        (Framework::PyTorch, Cell::Lstm) => None,
        (Framework::PyTorch, _) => Some("PyTorch LSTM only: RNN and GRU take no proj_size.".into()),
        (Framework::Keras, _) => Some("PyTorch LSTM only: Keras has no LSTM projection.".into()),
    }
}

/// All the controls, each read-only when the URL locks it and disabled, with the reason, where the
/// chosen framework or cell has no such setting.
#[component]
pub fn Controls() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    // The projection a framework or cell switch dropped, for switching back.
    let dropped_projection = StoredValue::new(ProjSize::NONE);
    let locked = move |control: Control| Signal::derive(move || store.state.with(|s| s.view.locks(control)));
    // Sizes can be refused (units at or below a projection); the control shows why.
    let size = move |apply: fn(&mut Config, Size)| {
        Callback::new(move |v: u64| {
            let size = Size::new(v).map_err(|_| "Out of range.".to_owned())?;
            store.update_config(|c| apply(c, size)).map_err(|r| r.to_string())
        })
    };
    // Switches, radio choices and the layer count never make a configuration a framework refuses
    // (only the projection can be refused, and switching framework or cell drops it), so their
    // result needs no message.
    let flag = move |apply: fn(&mut Config, bool)| {
        Callback::new(move |on: bool| {
            let _ = store.update_config(|c| apply(c, on));
        })
    };
    view! {
        <div class="controls">
            <RadioGroup
                name="framework"
                legend="Framework"
                options=framework_options()
                value=Signal::derive(move || config.get().framework)
                on_change=Callback::new(move |f| {
                    let _ = store.update_config(|c| {
                        c.framework = f;
                        switch_projection(c, dropped_projection);
                    });
                })
                locked=locked(Control::Framework)
                unavailable=Signal::derive(move || held_by_projection(&config.get(), locked(Control::Proj).get()))
            />
            <RadioGroup
                name="cell"
                legend="Cell type"
                options=cell_options()
                value=Signal::derive(move || config.get().cell)
                on_change=Callback::new(move |cell| {
                    let _ = store.update_config(|c| {
                        c.cell = cell;
                        switch_projection(c, dropped_projection);
                    });
                })
                locked=locked(Control::Cell)
                unavailable=Signal::derive(move || held_by_projection(&config.get(), locked(Control::Proj).get()))
            />
            <SizeControl
                id="input"
                label="Input size m"
                noun="input features"
                hint="Features per time step: the last axis of the input."
                min=u64::from(Size::MIN)
                max=u64::from(Size::MAX)
                value=Signal::derive(move || config.get().input_size.wide())
                on_change=size(|c, s| c.input_size = s)
                locked=locked(Control::Input)
            />
            <SizeControl
                id="units"
                label="Units n"
                noun="units"
                hint="Keras units, PyTorch hidden_size."
                min=u64::from(Size::MIN)
                max=u64::from(Size::MAX)
                value=Signal::derive(move || config.get().units.wide())
                on_change=size(|c, s| c.units = s)
                locked=locked(Control::Units)
            />
            <Switch
                id="bidir"
                label="Bidirectional"
                hint="A forward and a backward copy, each with its own weights."
                checked=Signal::derive(move || config.get().bidirectional)
                on_change=flag(|c, on| c.bidirectional = on)
                locked=locked(Control::Bidir)
            />
            <Switch
                id="bias"
                label="Bias"
                hint="Keras use_bias, PyTorch bias."
                checked=Signal::derive(move || config.get().bias)
                on_change=flag(|c, on| c.bias = on)
                locked=locked(Control::Bias)
            />
            <SizeControl
                id="layers"
                label="Stacked layers L"
                noun="layers"
                hint="PyTorch num_layers; in Keras, layers one above the other."
                min=u64::from(Layers::MIN)
                max=u64::from(Layers::MAX)
                linear=true
                value=Signal::derive(move || config.get().layers.wide())
                on_change=Callback::new(move |v: u64| {
                    let layers = Layers::new(v).map_err(|_| "Out of range.".to_owned())?;
                    store.update_config(|c| c.layers = layers).map_err(|r| r.to_string())
                })
                locked=locked(Control::Layers)
            />
            <Switch
                id="reset_after"
                label="reset_after"
                hint="Keras GRU: a second (recurrent) bias vector. On by default in tf.keras (TF 2) and Keras 3; off by default in TF 1 and standalone Keras 2."
                // Disabled under PyTorch, it shows what PyTorch does; the Keras choice stays in the state.
                checked=Signal::derive(move || {
                    let c = config.get();
                    c.reset_after || (c.framework, c.cell) == (Framework::PyTorch, Cell::Gru)
                })
                on_change=flag(|c, on| c.reset_after = on)
                locked=locked(Control::ResetAfter)
                unavailable=Signal::derive(move || reset_after_reason(&config.get()))
            />
            <RadioGroup
                name="merge"
                legend="merge_mode"
                options=merge_options()
                value=Signal::derive(move || {
                    let c = config.get();
                    if c.framework == Framework::PyTorch { MergeMode::Concat } else { c.merge }
                })
                on_change=Callback::new(move |m| {
                    let _ = store.update_config(|c| c.merge = m);
                })
                locked=locked(Control::Merge)
                unavailable=Signal::derive(move || merge_reason(&config.get()))
            />
            <SizeControl
                id="proj"
                label="Projection proj_size p"
                noun="projected features"
                hint="PyTorch LSTM: h is projected to p < n features (weight_hr). 0 means none."
                min=0
                max=u64::from(ProjSize::MAX)
                slider_max=Signal::derive(move || config.get().units.wide().saturating_sub(1))
                value=Signal::derive(move || config.get().proj_size.wide())
                on_change=Callback::new(move |v: u64| {
                    let p = ProjSize::new(v).map_err(|_| "Out of range.".to_owned())?;
                    store.update_config(|c| c.proj_size = p).map_err(|r| r.to_string())
                })
                locked=locked(Control::Proj)
                unavailable=Signal::derive(move || proj_reason(&config.get()))
            />
        </div>
    }
}
