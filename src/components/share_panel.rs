//! Links and snippets that reproduce exactly what is shown.

use crate::platform::clipboard;
use crate::platform::visibility::seen_once;
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rnn_params_model::format::grouped;
use rnn_params_model::state::State;

/// The page's address without its query: where the widget is served.
fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// A short description of the layer for titles and link texts: "Keras LSTM(256) on 4096 inputs".
fn describe(s: &State) -> String {
    let c = &s.config;
    let dir = if c.bidirectional { "bidirectional " } else { "" };
    format!("{} {dir}{}({}) on {} inputs", c.framework, c.cell.class_name(c.framework), c.units, c.input_size)
}

/// One copyable text: a label, the text in a read-only field, and a Copy button. When the
/// clipboard refuses, the text is selected in its field with a hint to copy it by hand.
fn copy_row(id: &'static str, label: &'static str, text: Signal<String>, multiline: bool) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let field = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            match clipboard::copy(&value).await {
                Ok(()) => status.set("Copied.".into()),
                Err(()) => {
                    if let Some(el) = field.get_untracked() {
                        let _ = el.focus();
                        el.select();
                    }
                    status.set(
                        "The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).".into(),
                    );
                }
            }
        });
    };
    view! {
        <div class="copy-row">
            <label for=id class="control-label">{label}</label>
            <textarea
                id=id
                node_ref=field
                class="copy-text"
                class:multiline=multiline
                readonly=true
                rows=if multiline { "3" } else { "1" }
                prop:value=move || text.get()
                data-testid=id
            ></textarea>
            <button type="button" class="button" on:click=copy aria-describedby=format!("{id}-status")>
                "Copy"
            </button>
            <span class="copy-status" id=format!("{id}-status") role="status">{move || status.get()}</span>
        </div>
    }
}

/// The share panel: the permalink, an iframe snippet for course pages, and a Markdown link, each
/// with a Copy button. Hooks: `data-testid="share-link"`, `"share-iframe"`, `"share-markdown"`.
#[component]
pub fn SharePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    // The texts are written once the panel nears the viewport, not on every change before that.
    let container = NodeRef::<leptos::html::Div>::new();
    let seen = seen_once(container);
    let permalink = Signal::derive(move || {
        if !seen.get() {
            return String::new();
        }
        format!("{}?{}", base_url(), store.state.with(|s| s.full_query()))
    });
    let iframe = Signal::derive(move || {
        if !seen.get() {
            return String::new();
        }
        let (query, title) = store.state.with(|s| {
            let mut embedded = s.clone();
            embedded.view.embed = true;
            (embedded.to_query(), describe(s))
        });
        let height = store.content_height.get().clamp(320, 4000);
        format!(
            "<iframe src=\"{}?{query}\" title=\"rnn-params: {title}\" width=\"100%\" height=\"{height}\" \
             loading=\"lazy\" style=\"border:0\" allow=\"clipboard-write\"></iframe>",
            base_url()
        )
    });
    let markdown = Signal::derive(move || {
        if !seen.get() {
            return String::new();
        }
        let total = store.breakdown.with(|b| b.as_ref().map(|b| grouped(b.total)).unwrap_or_default());
        let title = store.state.with(describe);
        format!("[{title}: {total} parameters]({})", permalink.get())
    });
    view! {
        <div class="share" node_ref=container>
            {copy_row("share-link", "Link to exactly this", permalink, false)}
            {copy_row("share-iframe", "Embed in a course page (iframe)", iframe, true)}
            {copy_row("share-markdown", "Markdown link", markdown, false)}
            <p class="note">
                "The iframe resizes itself when the host page listens for its height; see the embedding guide (docs/embedding.md) for the few lines of script and for Moodle, Canvas, Jupyter Book and reveal.js."
            </p>
        </div>
    }
}
