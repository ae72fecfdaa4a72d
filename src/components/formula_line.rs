//! The whole count on one line, under the total.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;

/// The one-line formula with the current numbers, e.g. `4 × ((4096 + 256 + 1) × 256) = 4,457,472`:
/// gate blocks × ((input + hidden + biases) × units), times directions, plus further layers. With
/// layers around the stack, a second line adds them up: `72,000 + 9,600 + 390 + 7 = 81,997`
/// (Embedding, recurrent layer, Dense layers). Hooks: `data-testid="arithmetic-summary"`,
/// `"model-sum"`.
#[component]
pub fn FormulaLine() -> impl IntoView {
    let store = expect_context::<Store>();
    let summary = move || store.arithmetic.with(|a| a.as_ref().map(|a| a.summary.clone()).unwrap_or_default());
    let sum = Memo::new(move |_| {
        if store.around.with(|a| a.is_bare()) {
            return None;
        }
        store.network.with(|n| {
            n.as_ref().ok().map(|n| {
                let parts: Vec<String> =
                    n.layers.iter().map(|l| format!("{} {}", l.class_name, grouped(l.params))).collect();
                format!("{} = {}", parts.join(" + "), grouped(n.total))
            })
        })
    });
    view! {
        <p class="formula" data-term="summary" data-testid="arithmetic-summary">
            <code>{summary}</code>
        </p>
        <Show when=move || sum.with(Option::is_some)>
            <p class="note model-sum" data-testid="model-sum">
                "Whole model: " <a href="#summary">{move || sum.get().unwrap_or_default()}</a>
            </p>
        </Show>
    }
}
