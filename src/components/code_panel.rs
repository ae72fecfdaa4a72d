//! Code that builds the same layer (or whole model) in the framework, to check the count there.

use crate::platform::clipboard;
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rnn_params_model::code::model_snippet;

/// A Python snippet for the current framework (the construction used to produce the project's
/// ground truth) that prints the same total (Keras also prints `model.summary()`), with a Copy
/// button. It is written only while its disclosure is open: a closed panel costs a change
/// nothing. Each line is its own block, so a long line wraps with its continuation indented;
/// lines are keyed by position and rewrite their text only.
#[component]
pub fn CodePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let open = RwSignal::new(false);
    let text = Memo::new(move |_| {
        if open.get() {
            let steps = store.steps.get().get();
            store.config.with(|c| store.around.with(|a| model_snippet(c, a, Some(steps)).text()))
        } else {
            String::new()
        }
    });
    let lines = Memo::new(move |_| text.with(|t| t.lines().map(str::to_owned).collect::<Vec<_>>()));
    let count = Memo::new(move |_| lines.with(Vec::len));
    let framework = move || store.config.with(|c| c.framework.label());
    let status = RwSignal::new(String::new());
    Effect::new(move |_| {
        text.track();
        status.set(String::new());
    });
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            status.set(match clipboard::copy(&value).await {
                Ok(()) => "Copied.".into(),
                Err(()) => "The browser did not allow copying: select the code and press Ctrl+C (⌘C on a Mac).".into(),
            });
        });
    };
    view! {
        <details
            class="code-panel"
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            // A click writes the code at once (before the toggle event); the toggle keeps it in step.
            <summary on:click=move |_| open.set(true)>"Check it in " {framework}</summary>
            <div class="code-actions">
                <button
                    type="button"
                    class="button"
                    data-testid="code-copy"
                    on:click=copy
                    aria-describedby="code-copy-status"
                >
                    "Copy"
                </button>
                <span class="copy-status" id="code-copy-status" role="status">{move || status.get()}</span>
            </div>
            <pre class="code" data-testid="code" tabindex="0"><code>
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <span class="code-line">{move || lines.with(|l| l.get(i).cloned().unwrap_or_default())}"\n"</span>
                </For>
            </code></pre>
        </details>
    }
}
