//! The count kept in sight on a phone while the controls below it are used.

use crate::platform::visibility::in_view;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;

/// A bar fixed to the bottom of a narrow screen (the stylesheet shows it below 40rem only) that
/// repeats the total and the layer while the total itself has scrolled out of view. It sits where
/// it is placed, right after the total, and watches that spot. Screen readers already hear the
/// total's polite announcement, so the bar is hidden from them.
#[component]
pub fn StickyTotal() -> impl IntoView {
    let store = expect_context::<Store>();
    let spot = NodeRef::<leptos::html::Div>::new();
    let total_visible = in_view(spot);
    let text = move || {
        let total = store.network.with(|n| n.as_ref().ok().map(|n| grouped(n.total)));
        let what = store.config.with(|c| store.around.with(|a| rnn_params_model::network::describe(c, a)));
        total.map(|t| format!("{t} parameters · {what}"))
    };
    view! {
        <div class="sticky-spot" node_ref=spot></div>
        <div class="sticky-total" aria-hidden="true" data-testid="sticky-total" hidden=move || total_visible.get()>
            {text}
        </div>
    }
}
