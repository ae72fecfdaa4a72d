//! The arithmetic behind the total, with the current numbers.

use crate::store::Store;
use leptos::prelude::*;

/// The one-line formula, e.g. `4 × ((4096 + 256 + 1) × 256) = 4,457,472`, and why the sequence
/// length and batch size are absent from it.
#[component]
pub fn ArithmeticPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let summary = move || store.arithmetic.with(|a| a.as_ref().map(|a| a.summary.clone()).unwrap_or_default());
    view! {
        <div class="arithmetic" data-testid="arithmetic">
            <p class="formula" data-term="summary" data-testid="arithmetic-summary">
                <code>{summary}</code>
            </p>
            <p class="note">
                "Sequence length and batch size never enter: the same weights are reused at every time step and for every sequence in the batch."
            </p>
        </div>
    }
}
