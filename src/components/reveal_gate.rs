//! Predict, then reveal (`reveal=1`): the count waits behind "Show the count" until the learner has
//! committed a guess in the "I got …" field, which then checks it.

use crate::store::Store;
use leptos::prelude::*;

/// Whether the count is hidden now: `reveal=1` and the learner has not yet shown it. `App` provides
/// it; the stylesheet hides every number that gives the count away under `.app.concealed`
/// (the total, the formula, the comparison, the check's verdict and every panel below), and the
/// tab's title waits too.
#[derive(Clone, Copy)]
pub struct Reveal {
    /// `reveal=1` on this page.
    pub on: bool,
    shown: RwSignal<bool>,
}

impl Reveal {
    /// Makes the reveal state for a page opened with (`on`) or without `reveal=1`, and provides it.
    pub fn provide(on: bool) -> Self {
        let reveal = Reveal { on, shown: RwSignal::new(false) };
        provide_context(reveal);
        reveal
    }

    /// Whether the count is hidden now.
    pub fn concealed(&self) -> bool {
        self.on && !self.shown.get()
    }
}

/// With `reveal=1`: until the count is shown, a note asking for a prediction and a "Show the count"
/// button, enabled once the field above holds a whole number (the guess is committed: the check
/// below then says whether it is right and names the mistakes that give it); once shown,
/// "Predict again" hides the count and clears the guess for the next layer. Nothing without
/// `reveal=1`. Hooks: `data-testid="reveal"` (the button), `data-testid="reveal-note"`.
#[component]
pub fn RevealGate() -> impl IntoView {
    let store = expect_context::<Store>();
    let reveal = expect_context::<Reveal>();
    if !reveal.on {
        return None;
    }
    let guessed = Memo::new(move |_| store.view.with(|v| v.got.is_some()));
    let shown = reveal.shown;
    let note = move || {
        if shown.get() {
            "Change the layer and predict again: the count hides until you show it."
        } else if guessed.get() {
            "Your prediction is in: show the count to check it."
        } else {
            "Predict first: type the number of parameters you expect above, then show the count."
        }
    };
    let click = move |_| {
        if shown.get_untracked() {
            store.set_got(None);
            shown.set(false);
        } else if guessed.get_untracked() {
            shown.set(true);
        }
    };
    Some(view! {
        <div class="reveal-gate">
            <p class="note" data-testid="reveal-note" aria-live="polite">{note}</p>
            <button
                type="button"
                class="button reveal-button"
                data-testid="reveal"
                disabled=move || !shown.get() && !guessed.get()
                on:click=click
            >
                {move || if shown.get() { "Predict again" } else { "Show the count" }}
            </button>
        </div>
    })
}
