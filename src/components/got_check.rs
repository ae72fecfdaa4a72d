//! "I got …": the learner's own number, checked against the model's catalogue of named mistakes.

use crate::components::DeferredPanel;
use crate::deferred::Panel;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::parse_typed;

/// A field for the number the learner got or expected (`got=` in the URL), and below it what the
/// catalogue of named mistakes makes of it ([`crate::components::GotResult`], from the second
/// module: the field works, and `reveal=1` can take a guess, before it arrives). Hooks:
/// `data-testid="got"` (the field).
#[component]
pub fn GotCheck() -> impl IntoView {
    let store = expect_context::<Store>();
    let got = Memo::new(move |_| store.view.with(|v| v.got));
    let text = RwSignal::new(got.get_untracked().map(|g| g.to_string()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    // A number set from elsewhere (a reset, Back) replaces the field's text; what the reader is
    // typing stays as typed.
    Effect::new(move |_| {
        let now = got.get();
        let typed = text.with_untracked(|t| if t.trim().is_empty() { None } else { parse_typed(t).ok() });
        if typed != now && (now.is_some() || error.with_untracked(Option::is_none)) {
            text.set(now.map(|g| g.to_string()).unwrap_or_default());
        }
    });
    let on_input = move |ev| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        if typed.trim().is_empty() {
            error.set(None);
            store.set_got(None);
            return;
        }
        match parse_typed(&typed) {
            Ok(n) => {
                error.set(None);
                store.set_got(Some(n));
            }
            Err(_) => error.set(Some("Type the whole number you got, digits only (commas are fine).".to_owned())),
        }
    };
    view! {
        <div class="got-check">
            <label for="got" class="control-label">"The number I got or expected"</label>
            <input
                id="got"
                data-testid="got"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                placeholder="e.g. 17,246,978,048"
                prop:value=move || text.get()
                aria-describedby="got-error got-result"
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:input=on_input
            />
            <p class="field-error" id="got-error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
            <div id="got-result" class="got-result" aria-live="polite">
                <DeferredPanel panel=Panel::GotCheck />
            </div>
        </div>
    }
}
