//! The total, large, with its exact value for scripts.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;

/// The total parameter count. Carries `data-testid="total"` and `data-value` (digits only) for
/// tests and host pages.
#[component]
pub fn TotalDisplay() -> impl IntoView {
    let store = expect_context::<Store>();
    let total = Memo::new(move |_| store.breakdown.with(|b| b.as_ref().ok().map(|b| b.total)));
    let caption = move || {
        let c = store.config.get();
        let dir = if c.bidirectional { "bidirectional " } else { "" };
        let layers = if c.layers.get() > 1 { format!(", {} layers", c.layers) } else { String::new() };
        format!("{} {dir}{}({}) on {} inputs{layers}", c.framework, c.cell.class_name(c.framework), c.units, c.input_size)
    };
    view! {
        <div class="total">
            <output
                class="total-value"
                data-testid="total"
                data-value=move || total.get().map(|t| t.to_string()).unwrap_or_default()
                aria-describedby="total-caption"
            >
                {move || total.get().map(grouped).unwrap_or_else(|| "—".to_owned())}
            </output>
            <span class="total-unit">" parameters"</span>
            <p class="total-caption" id="total-caption">{caption}</p>
        </div>
    }
}
