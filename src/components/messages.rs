//! Notices about input that was not used as given.

use crate::store::Store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The list of notices, each with its own dismiss button. Text only: a value from the URL is never
/// interpreted as markup.
#[component]
pub fn Messages() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <div class="messages" role="status" aria-live="polite" data-testid="messages">
            <For
                each=move || store.notices.get()
                key=|n| (n.param.clone(), n.text.clone())
                children=move |notice| {
                    let this = notice.clone();
                    view! {
                        <p class="message" data-testid="message" data-param=notice.param.clone()>
                            <span class="message-text">{notice.text.clone()}</span>
                            <button
                                type="button"
                                class="message-dismiss"
                                aria-label="Dismiss this message"
                                on:click=move |ev| {
                                    // Keep the keyboard in the list: focus the next message's button.
                                    let button: web_sys::HtmlElement = event_target(&ev);
                                    let next = button
                                        .closest("[data-testid='message']")
                                        .ok()
                                        .flatten()
                                        .and_then(|m| m.next_element_sibling().or_else(|| m.previous_element_sibling()))
                                        .and_then(|m| m.query_selector("button").ok().flatten());
                                    store.dismiss(&this);
                                    if let Some(next) = next {
                                        let _ = next.unchecked_into::<web_sys::HtmlElement>().focus();
                                    }
                                }
                            >
                                "×"
                            </button>
                        </p>
                    }
                }
            />
        </div>
    }
}
