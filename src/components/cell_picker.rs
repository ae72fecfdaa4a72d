//! The choice of cell: SimpleRNN, GRU or LSTM.

use leptos::prelude::*;
use rnn_params_model::Cell;

/// A radio group of the three cells, each with its number of gate blocks.
///
/// ```ignore
/// view! { <CellPicker value=cell on_change=set_cell locked=Signal::from(false) /> }
/// ```
#[component]
pub fn CellPicker(
    /// The selected cell.
    #[prop(into)]
    value: Signal<Cell>,
    /// Called with the newly selected cell.
    on_change: Callback<Cell>,
    /// Read-only when true.
    #[prop(into)]
    locked: Signal<bool>,
) -> impl IntoView {
    let options = Cell::ALL
        .into_iter()
        .map(|cell| {
            let id = format!("cell-{}", cell.key());
            let blocks = match cell.gate_blocks() {
                1 => "1 block".to_owned(),
                g => format!("{g} gate blocks"),
            };
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        name="cell"
                        id=id.clone()
                        value=cell.key()
                        prop:checked=move || value.get() == cell
                        disabled=move || locked.get()
                        on:change=move |_| on_change.run(cell)
                    />
                    <label for=id>
                        <span class="radio-name">{cell.label()}</span>
                        <span class="radio-detail">{blocks}</span>
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="radio-group" class:locked=move || locked.get()>
            <legend class="control-label">"Cell type"</legend>
            {options}
        </fieldset>
    }
}
