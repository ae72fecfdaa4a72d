//! The control panel: every setting that changes the count, wired to the store.

use crate::components::{CellPicker, SizeControl, Switch};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::Size;
use rnn_params_model::state::Control;

/// Input size, units, cell type and bidirectional, each locked when the URL asks for it.
#[component]
pub fn Controls() -> impl IntoView {
    let store = expect_context::<Store>();
    let locked = move |control: Control| Signal::derive(move || store.state.with(|s| s.view.locks(control)));
    let set_size = move |param: &'static str, apply: fn(&mut rnn_params_model::Config, Size)| {
        Callback::new(move |v: u64| {
            if let Ok(size) = Size::new(v) {
                store.update_config(param, |c| apply(c, size));
            }
        })
    };
    view! {
        <div class="controls">
            <SizeControl
                id="input"
                label="Input size m"
                noun="input features"
                hint="Features per time step (the last axis of the input)."
                min=u64::from(Size::MIN)
                max=u64::from(Size::MAX)
                value=Signal::derive(move || store.config.get().input_size.wide())
                on_change=set_size("input", |c, s| c.input_size = s)
                locked=locked(Control::Input)
            />
            <SizeControl
                id="units"
                label="Units n"
                noun="units"
                hint="Keras units, PyTorch hidden_size."
                min=u64::from(Size::MIN)
                max=u64::from(Size::MAX)
                value=Signal::derive(move || store.config.get().units.wide())
                on_change=set_size("units", |c, s| c.units = s)
                locked=locked(Control::Units)
            />
            <CellPicker
                value=Signal::derive(move || store.config.get().cell)
                on_change=Callback::new(move |cell| store.update_config("cell", |c| c.cell = cell))
                locked=locked(Control::Cell)
            />
            <Switch
                id="bidir"
                label="Bidirectional"
                hint="A forward and a backward copy, each with its own weights."
                checked=Signal::derive(move || store.config.get().bidirectional)
                on_change=Callback::new(move |on| store.update_config("bidir", |c| c.bidirectional = on))
                locked=locked(Control::Bidir)
            />
        </div>
    }
}
