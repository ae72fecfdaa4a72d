//! Life inside an iframe: telling the host page how tall the content is.
//!
//! The page posts its content height to `window.parent` on load and whenever its layout changes,
//! in two forms: `{type: "rnn-params:resize", height}` (documented in docs/embedding.md) and
//! `{subject: "lti.frameResize", height}` (what Canvas listens for). It never listens to messages:
//! nothing a host (or anyone else) sends can change the widget.

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

/// The height of the page's content in CSS pixels (the body's box, which does not stretch to the
/// frame the way the root element does).
pub fn content_height() -> u32 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .map(|b| b.get_bounding_client_rect().height().ceil().max(0.0) as u32)
        .unwrap_or(0)
}

fn message(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn post_height(last: &std::cell::Cell<u32>) {
    let height = content_height();
    if height == last.get() {
        return;
    }
    last.set(height);
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let h = JsValue::from_f64(f64::from(height));
    // Only a height is sent, so any host origin may receive it.
    let _ = parent.post_message(&message(&[("type", "rnn-params:resize".into()), ("height", h.clone())]), "*");
    let _ = parent.post_message(&message(&[("subject", "lti.frameResize".into()), ("height", h)]), "*");
}

/// When in a frame, posts the content height now and after every change of the body's size.
pub fn report_height() {
    if !in_frame() {
        return;
    }
    let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) else { return };
    let last = std::rc::Rc::new(std::cell::Cell::new(0));
    post_height(&last);
    let on_resize = Closure::<dyn Fn()>::new(move || post_height(&last));
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // The observer lives as long as the page.
    on_resize.forget();
}
