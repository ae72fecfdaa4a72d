//! Media queries as signals.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A signal that follows `window.matchMedia(query).matches`, updated on every change. Without a
/// window (or with an invalid query) it stays `false`.
pub fn media_query(query: &str) -> ReadSignal<bool> {
    let list = web_sys::window().and_then(|w| w.match_media(query).ok().flatten());
    let (matches, set_matches) = signal(list.as_ref().is_some_and(|l| l.matches()));
    if let Some(list) = list {
        let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |ev: web_sys::MediaQueryListEvent| {
            set_matches.set(ev.matches());
        });
        let _ = list.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        // The listener lives as long as the page, like the app itself.
        listener.forget();
    }
    matches
}
