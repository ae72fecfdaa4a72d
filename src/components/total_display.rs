//! The total (of the whole model: Embedding, stack, Dense), large, with its exact value for scripts and a polite announcement for screen readers.

use crate::platform::debounce::Debounce;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use std::time::Duration;

/// How long the count must stay still before it is announced: dragging a slider through twenty
/// stops announces once, not twenty times.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(500);

/// The grouped number split after each comma (`4,` `457,` `472`), so that a long count on a
/// narrow screen wraps between digit groups, never inside one.
fn digit_groups(total: Option<u64>) -> Vec<String> {
    let text = total.map(grouped).unwrap_or_else(|| "—".to_owned());
    text.split_inclusive(',').map(str::to_owned).collect()
}

/// The total parameter count. Carries `data-testid="total"` and `data-value` (digits only) for
/// tests and host pages; a visually hidden `aria-live="polite"` region
/// (`data-testid="total-announcement"`) reads out each new count once it settles.
#[component]
pub fn TotalDisplay() -> impl IntoView {
    let store = expect_context::<Store>();
    // The whole model's total: the layer's own when nothing surrounds it.
    let total = Memo::new(move |_| store.network.with(|n| n.as_ref().ok().map(|n| n.total)));
    let caption =
        Memo::new(move |_| store.config.with(|c| store.around.with(|a| rnn_params_model::network::describe(c, a))));
    let groups = Memo::new(move |_| digit_groups(total.get()));
    let group_count = Memo::new(move |_| groups.with(Vec::len));
    let announcement = RwSignal::new(String::new());
    let announce = Debounce::new(ANNOUNCE_AFTER, false);
    Effect::new(move |previous: Option<Option<u64>>| {
        let now = total.get();
        if previous.is_some_and(|p| p != now) {
            let text = now.map(|t| format!("{} parameters: {}", grouped(t), caption.get_untracked()));
            announce.call(move || announcement.set(text.unwrap_or_default()));
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
                    // One text node per group with a line-break opportunity between them; the nodes
                    // are rebuilt only when the number of groups changes.
                    {move || {
                        let n = group_count.get();
                        (0..n)
                            .map(|i| {
                                let text = move || groups.with(|g| g.get(i).cloned().unwrap_or_default());
                                view! { {text}{(i + 1 < n).then(|| view! { <wbr /> })} }
                            })
                            .collect_view()
                    }}
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
