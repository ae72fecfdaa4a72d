//! Why the time steps never enter the count, and why U is n × n, on the first screen.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::summary::steps_note;

/// The sentence that answers the classic misconception: time steps and batch size never enter
/// (the same W, U, b at every step), and U is n × n because it multiplies the layer's own previous
/// output (see `rnn_params_model::summary::steps_note`). One text node, rewritten on a change.
/// Hook: `data-testid="steps-note"`.
#[component]
pub fn StepsNote() -> impl IntoView {
    let store = expect_context::<Store>();
    let text = Memo::new(move |_| {
        let steps = store.steps.get().get();
        store.breakdown.with(|b| b.as_ref().ok().map(|b| steps_note(b, steps)).unwrap_or_default())
    });
    view! { <p class="steps-note" data-testid="steps-note">{text}</p> }
}
