//! The whole count on one line, under the total.

use crate::store::Store;
use leptos::prelude::*;

/// The one-line formula with the current numbers, e.g. `4 × ((4096 + 256 + 1) × 256) = 4,457,472`:
/// gate blocks × ((input + hidden + biases) × units), times directions, plus further layers. Hook:
/// `data-testid="arithmetic-summary"`.
#[component]
pub fn FormulaLine() -> impl IntoView {
    let store = expect_context::<Store>();
    let summary = move || store.arithmetic.with(|a| a.as_ref().map(|a| a.summary.clone()).unwrap_or_default());
    view! {
        <p class="formula" data-term="summary" data-testid="arithmetic-summary">
            <code>{summary}</code>
        </p>
    }
}
