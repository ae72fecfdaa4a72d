//! The bar at the top of an embedded widget: a link to the full version, and what to do when the
//! frame cannot open it.

use crate::platform::clipboard;
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The full version's address: this page without `embed`, `hide`, `lock` and the lesson settings.
/// Built from `location.href` (not `origin`, which is `"null"` in a frame sandboxed without
/// `allow-same-origin`).
fn full_address(query: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let page = href.split(['?', '#']).next().unwrap_or_default();
    format!("{page}?{query}")
}

/// "Open the full version ↗" in a new tab. A frame sandboxed without `allow-popups` cannot open
/// one (`window.open` gives no window and the click would do nothing): the bar then says so and
/// shows the address, selected in a read-only field, with a Copy button. Hooks:
/// `data-testid="full-version"`, `"popup-blocked"`, `"full-address"`.
#[component]
pub fn EmbedBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let href = move || format!("?{}", store.state().full_query());
    let blocked = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Input>::new();
    let status = RwSignal::new(String::new());
    let open = move |ev: leptos::ev::MouseEvent| {
        // Modified clicks (a new window, a download) are the browser's.
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        let address = full_address(&store.state().full_query());
        let opened = web_sys::window().and_then(|w| w.open_with_url_and_target(&address, "_blank").ok().flatten());
        match opened {
            Some(tab) => {
                // As rel="noopener" would: the full version gets no handle on this frame.
                let _ = js_sys::Reflect::set(&tab, &"opener".into(), &wasm_bindgen::JsValue::NULL);
                blocked.set(None);
            }
            None => {
                blocked.set(Some(address));
                status.set(String::new());
                request_animation_frame(move || {
                    if let Some(el) = field.get_untracked() {
                        let _ = el.focus();
                        el.select();
                    }
                });
            }
        }
    };
    let copy = move |_| {
        let value = blocked.get_untracked().unwrap_or_default();
        spawn_local(async move {
            let text = match clipboard::copy(&value).await {
                Ok(()) => "Copied.",
                Err(()) => "The browser did not allow copying: the address is selected, press Ctrl+C (⌘C on a Mac).",
            };
            status.set(text.to_owned());
        });
    };
    view! {
        <header class="embed-bar">
            <h1 class="visually-hidden">"rnn-params: how many parameters does this recurrent layer have?"</h1>
            <p>
                <a href=href target="_blank" rel="noopener" data-testid="full-version" on:click=open>
                    "Open the full version ↗"
                </a>
            </p>
            <div class="popup-blocked" data-testid="popup-blocked" role="alert" hidden=move || blocked.with(Option::is_none)>
                <p>
                    "This page cannot open a new tab here (the frame is sandboxed without allow-popups). Copy the address and open it yourself:"
                </p>
                <div class="copy-row">
                    <label for="full-address" class="visually-hidden">"Address of the full version"</label>
                    <input
                        id="full-address"
                        node_ref=field
                        class="copy-text"
                        type="text"
                        readonly=true
                        data-testid="full-address"
                        prop:value=move || blocked.get().unwrap_or_default()
                    />
                    <button type="button" class="button" on:click=copy>"Copy"</button>
                    <span class="copy-status" role="status">{move || status.get()}</span>
                </div>
            </div>
        </header>
    }
}
