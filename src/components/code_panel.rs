//! Code that builds the same layer (or whole model) in the framework, to check the count there.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::code::model_snippet;

/// A Python snippet for the current framework (the construction used to produce the project's
/// ground truth) that prints the same total. It is written only while its disclosure is open: a
/// closed panel costs a change nothing.
#[component]
pub fn CodePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let text = move || {
        open.get().then(|| {
            let steps = store.steps.get().get();
            store.config.with(|c| store.around.with(|a| model_snippet(c, a, Some(steps)).text()))
        })
    };
    let framework = move || store.config.with(|c| c.framework.label());
    view! {
        <details
            class="code-panel"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            // A click writes the code at once (before the toggle event); the toggle keeps it in step.
            <summary on:click=move |_| open.set(true)>"Check it in " {framework}</summary>
            <pre class="code" data-testid="code" tabindex="0"><code>{text}</code></pre>
        </details>
    }
}
