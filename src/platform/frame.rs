//! The page's content height, and life inside an iframe.
//!
//! Inside a frame the page posts its content height to `window.parent` on load and whenever its
//! layout changes, in two forms: `{type: "rnn-params:resize", height}` (documented in
//! docs/embedding.md) and `{subject: "lti.frameResize", height}` (what Canvas listens for). Nothing a
//! host (or anyone else) sends can change the widget: the only message it reads is that height,
//! from the share panel's own measuring frame (`components::MeasureFrame`).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Whether the page runs inside a frame.
pub fn in_frame() -> bool {
    let Some(window) = web_sys::window() else { return false };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// The `type` of the height message.
pub const RESIZE_MESSAGE: &str = "rnn-params:resize";

fn message(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn post_height(height: u32) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let h = JsValue::from_f64(f64::from(height));
    // Only a height is sent, so any host origin may receive it.
    let _ = parent.post_message(&message(&[("type", RESIZE_MESSAGE.into()), ("height", h.clone())]), "*");
    let _ = parent.post_message(&message(&[("subject", "lti.frameResize".into()), ("height", h)]), "*");
}

thread_local! {
    /// Whether the page is complete, so that a posted height is final (see [`start_posting`]).
    static POSTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts posting the content height to a host frame: the height now (measured once, a forced
/// layout) and every change from here on. `App` calls it once every panel is built: a host (or the
/// share panel's measuring frame) that sized itself by the first screen alone would cut the widget
/// short.
pub fn start_posting() {
    POSTING.with(|p| p.set(true));
    if in_frame() {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            post_height(body.get_bounding_client_rect().height().ceil().max(0.0) as u32);
        }
    }
}

/// The height of the page's content in CSS pixels (the body's border box, which, unlike the root
/// element, does not stretch to the frame), kept up to date by a ResizeObserver, so reading it never
/// forces a layout. Inside a frame, every change is also posted to the host page once
/// [`start_posting`] has been called.
pub fn content_height() -> ReadSignal<u32> {
    let (height, set_height) = signal(0u32);
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return height };
    let framed = in_frame();
    let on_resize = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let Some(entry) = entries.iter().next() else { return };
        let rect = entry.unchecked_into::<web_sys::ResizeObserverEntry>().target().get_bounding_client_rect();
        let h = rect.height().ceil().max(0.0) as u32;
        if h != height.get_untracked() {
            set_height.set(h);
            if framed && POSTING.with(std::cell::Cell::get) {
                post_height(h);
            }
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page.
    on_resize.forget();
    height
}
