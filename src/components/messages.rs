//! Notices about input that was not used as given.

use crate::store::Store;
use leptos::prelude::*;

/// The list of notices, each with a dismiss button. Text only: a value from the URL is never
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
                    let param = notice.param.clone();
                    view! {
                        <p class="message" data-testid="message" data-param=notice.param.clone()>
                            <span class="message-text">{notice.text.clone()}</span>
                            <button
                                type="button"
                                class="message-dismiss"
                                aria-label="Dismiss this message"
                                on:click=move |_| store.clear_notice(&param)
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
