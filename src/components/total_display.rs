//! The total, large, with its exact value for scripts and a polite announcement for screen readers.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use std::time::Duration;

/// How long the count must stay still before it is announced: dragging a slider through twenty
/// stops announces once, not twenty times.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(500);

/// The grouped number with a line-break opportunity after each comma, so a long count on a narrow
/// screen wraps between digit groups, never inside one.
fn digit_groups(total: Option<u64>) -> impl IntoView {
    let text = total.map(grouped).unwrap_or_else(|| "—".to_owned());
    let groups: Vec<String> = text.split_inclusive(',').map(str::to_owned).collect();
    let last = groups.len().saturating_sub(1);
    groups.into_iter().enumerate().map(|(i, g)| view! { {g}{(i < last).then(|| view! { <wbr /> })} }).collect_view()
}

/// The total parameter count. Carries `data-testid="total"` and `data-value` (digits only) for
/// tests and host pages; a visually hidden `aria-live="polite"` region
/// (`data-testid="total-announcement"`) reads out each new count once it settles.
#[component]
pub fn TotalDisplay() -> impl IntoView {
    let store = expect_context::<Store>();
    let total = Memo::new(move |_| store.breakdown.with(|b| b.as_ref().ok().map(|b| b.total)));
    let caption = Memo::new(move |_| store.config.get().describe());
    let announcement = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |previous: Option<Option<u64>>| {
        let now = total.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(handle) = pending.get_value() {
                handle.clear();
            }
            let text = now.map(|t| format!("{} parameters: {}", grouped(t), caption.get_untracked()));
            pending.set_value(
                set_timeout_with_handle(move || announcement.set(text.unwrap_or_default()), ANNOUNCE_AFTER).ok(),
            );
        }
        now
    });
    view! {
        <div class="total">
            <p class="total-line">
                <span
                    class="total-value"
                    data-testid="total"
                    data-value=move || total.get().map(|t| t.to_string()).unwrap_or_default()
                >
                    {move || digit_groups(total.get())}
                </span>
                <span class="total-unit">" parameters"</span>
            </p>
            <p class="total-caption" id="total-caption">{caption}</p>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="total-announcement">
                {move || announcement.get()}
            </p>
        </div>
    }
}
