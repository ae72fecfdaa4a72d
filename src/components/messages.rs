//! Notices about input that was not used as given.

use crate::store::Store;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The first element after `element` in document order that the keyboard can reach.
fn focusable_after(element: &web_sys::Element) -> Option<web_sys::Element> {
    const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), \
                             select:not([disabled]), summary, [tabindex='0']";
    let all = element.owner_document()?.query_selector_all(FOCUSABLE).ok()?;
    (0..all.length())
        .filter_map(|k| all.item(k))
        .filter(|node| element.compare_document_position(node) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0)
        .filter(|node| !element.contains(Some(node)))
        .find_map(|node| node.dyn_into::<web_sys::Element>().ok())
}

/// The list of notices, each with its own dismiss button. Text only: a value from the URL is never
/// interpreted as markup.
#[component]
pub fn Messages() -> impl IntoView {
    let store = expect_context::<Store>();
    let list = NodeRef::<leptos::html::Div>::new();
    view! {
        <div class="messages" role="status" aria-live="polite" data-testid="messages" node_ref=list>
            <For
                each=move || store.notices.get()
                key=|n| n.id
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
                                    // After the last one, focus what follows the list.
                                    let next = button
                                        .closest("[data-testid='message']")
                                        .ok()
                                        .flatten()
                                        .and_then(|m| m.next_element_sibling().or_else(|| m.previous_element_sibling()))
                                        .and_then(|m| m.query_selector("button").ok().flatten())
                                        .or_else(|| list.get_untracked().and_then(|l| focusable_after(&l)));
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
