//! Doing work only when it will be seen.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A signal that becomes `true` (once, for good) when `target` comes within 300 px of the
/// viewport, or when the page is about to be printed (`beforeprint`, or the print media query
/// starting to match). Without IntersectionObserver it is `true`
/// at once.
///
/// ```ignore
/// let node = NodeRef::<leptos::html::Div>::new();
/// let seen = seen_once(node);
/// view! { <div node_ref=node>{move || seen.get().then(expensive_view)}</div> }
/// ```
pub fn seen_once(target: NodeRef<leptos::html::Div>) -> ReadSignal<bool> {
    let (seen, set_seen) = signal(false);
    let Some(window) = web_sys::window() else {
        set_seen.set(true);
        return seen;
    };
    let on_print = Closure::<dyn Fn()>::new(move || set_seen.set(true));
    let _ = window.add_event_listener_with_callback("beforeprint", on_print.as_ref().unchecked_ref());
    // A print that fires no beforeprint (a headless PDF, an emulated print medium) still switches
    // the print media query.
    if let Ok(Some(print)) = window.match_media("print") {
        let _ = print.add_event_listener_with_callback("change", on_print.as_ref().unchecked_ref());
    }
    on_print.forget();
    Effect::new(move |_| {
        let Some(element) = target.get() else { return };
        let callback = Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible =
                    entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
                if visible {
                    set_seen.set(true);
                    observer.disconnect();
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("300px");
        match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options) {
            Ok(observer) => observer.observe(&element),
            Err(_) => set_seen.set(true),
        }
        callback.forget();
    });
    seen
}

/// A signal that is `true` while any part of `target` is inside the viewport, following it as the
/// reader scrolls. Without IntersectionObserver it stays `true`.
///
/// ```ignore
/// let node = NodeRef::<leptos::html::Div>::new();
/// let visible = in_view(node);
/// view! { <div node_ref=node></div> <p hidden=move || visible.get()>"Scrolled past"</p> }
/// ```
pub fn in_view(target: NodeRef<leptos::html::Div>) -> ReadSignal<bool> {
    let (visible, set_visible) = signal(true);
    Effect::new(move |_| {
        let Some(element) = target.get() else { return };
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.iter().last() {
                set_visible.set(entry.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
            }
        });
        if let Ok(observer) = web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&element);
        }
        // The observer lives as long as the page, like the element it watches.
        callback.forget();
    });
    visible
}
