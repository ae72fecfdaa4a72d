//! The same layer's (or whole model's) count in the other framework, and why it differs.

use crate::store::Store;
use leptos::prelude::*;

/// One line under the total, e.g. "PyTorch: 4,458,496 — 1,024 more: PyTorch keeps a second bias
/// vector per gate block (b_ih and b_hh)". `data-other-value` holds the other count (empty when the
/// other framework cannot build the layer).
#[component]
pub fn ComparisonLine() -> impl IntoView {
    let store = expect_context::<Store>();
    // With layers around the stack, the whole model in the other framework.
    let whole = Memo::new(move |_| {
        store.around.with(|a| {
            (!a.is_bare()).then(|| store.config.with(|c| rnn_params_model::network::compare_line(c, a).ok().flatten()))
        })
    });
    let line = move || match whole.get() {
        Some(w) => w.map(|w| w.1).unwrap_or_default(),
        None => store.comparison.with(|c| c.as_ref().map(|c| c.line()).unwrap_or_default()),
    };
    let other = move || match whole.get() {
        Some(w) => w.map(|w| w.0.to_string()).unwrap_or_default(),
        None => {
            store.comparison.with(|c| c.as_ref().and_then(|c| c.total()).map(|t| t.to_string()).unwrap_or_default())
        }
    };
    view! {
        <p class="comparison" data-testid="comparison" data-other-value=other>
            {line}
        </p>
    }
}
