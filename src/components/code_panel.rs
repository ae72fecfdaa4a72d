//! Code that builds the same layer in the framework, to check the count there.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::code::snippet;

/// A Python snippet for the current framework (the construction used to produce the project's
/// ground truth) that prints the same total.
#[component]
pub fn CodePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let text = move || {
        let steps = store.steps.get().get();
        store.config.with(|c| snippet(c, Some(steps)).text())
    };
    let framework = move || store.config.with(|c| c.framework.label());
    view! {
        <details class="code-panel">
            <summary>"Check it in " {framework}</summary>
            <pre class="code" data-testid="code" tabindex="0"><code>{text}</code></pre>
        </details>
    }
}
