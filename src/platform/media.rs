//! Media queries as signals.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Keeps `matches` equal to `window.matchMedia(query).matches`: sets it now and on every change.
/// Without a window (or with an invalid query) it is left as it is.
///
/// ```ignore
/// let printing = RwSignal::new(false);
/// follow_media_query("print", printing);
/// ```
pub fn follow_media_query(query: &str, matches: RwSignal<bool>) {
    let Some(list) = web_sys::window().and_then(|w| w.match_media(query).ok().flatten()) else { return };
    matches.set(list.matches());
    let listener = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(move |ev: web_sys::MediaQueryListEvent| {
        matches.set(ev.matches());
    });
    let _ = list.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page, like the app itself.
    listener.forget();
}

/// A signal that follows `window.matchMedia(query).matches` from now on (see
/// [`follow_media_query`]); `false` without a window or with an invalid query.
pub fn media_query(query: &str) -> ReadSignal<bool> {
    let matches = RwSignal::new(false);
    follow_media_query(query, matches);
    matches.read_only()
}
