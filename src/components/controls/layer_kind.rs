//! Framework and cell type.

use super::locked;
use crate::components::{RadioGroup, RadioOption};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::availability::held_by_projection;
use rnn_params_model::state::Control;
use rnn_params_model::{Cell, Framework};

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

/// The framework and cell radio groups. Switching to a framework or cell without LSTM projection
/// drops the projection rather than refusing the switch (`Config::switch`); a page that fixes a
/// projection fixes both.
#[component]
pub fn LayerKind() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    let held = Signal::<Option<String>>::from(Memo::new(move |_| {
        let proj_locked = locked(store, Control::Proj).get();
        config.with(|c| held_by_projection(c, proj_locked)).map(str::to_owned)
    }));
    // The other layer families decide the framework, and some the cell (issue 17).
    let framework_held = Memo::new(move |_| {
        held.get().or_else(|| config.with(|c| rnn_params_model::kind::framework_fixed(c).map(str::to_owned)))
    });
    let cell_held = Memo::new(move |_| {
        held.get().or_else(|| config.with(|c| rnn_params_model::kind::cell_fixed(c).map(str::to_owned)))
    });
    view! {
        <RadioGroup
            name="framework"
            legend="Framework"
            options=framework_options()
            value=Signal::from(Memo::new(move |_| config.with(|c| c.framework)))
            on_change=Callback::new(move |f| store.set_framework(f))
            locked=locked(store, Control::Framework)
            unavailable=framework_held
        />
        <RadioGroup
            name="cell"
            legend="Cell type"
            options=cell_options()
            value=Signal::from(Memo::new(move |_| config.with(|c| c.cell)))
            on_change=Callback::new(move |cell| store.set_cell(cell))
            locked=locked(store, Control::Cell)
            unavailable=cell_held
        />
    }
}
