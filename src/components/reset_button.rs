//! Back to the classic example in one click.

use crate::store::Store;
use leptos::prelude::*;

/// "Reset to the classic example": Keras `LSTM(256)` on 4096 inputs, 16 time steps. Disabled while
/// the classic example is shown; absent where the page fixes any control (`lock=`), since a reset
/// could not reach the example there. The reset is a step: Back undoes it.
/// Hook: `data-testid="reset"`.
#[component]
pub fn ResetButton() -> impl IntoView {
    let store = expect_context::<Store>();
    let classic = Memo::new(move |_| store.is_classic());
    let fixed = Memo::new(move |_| store.view.with(|v| !v.lock.is_empty()));
    view! {
        <Show when=move || !fixed.get()>
            <button
                type="button"
                class="reset"
                data-testid="reset"
                aria-disabled=move || classic.get().then_some("true")
                on:click=move |_| store.reset_to_classic()
            >
                "Reset to the classic example"
            </button>
        </Show>
    }
}
