//! The page's content height, and life inside an iframe.
//!
//! Inside a frame the page posts its content height to `window.parent` on load and whenever its
//! layout changes, in two forms: `{type: "rnn-params:resize", height, complete}` (documented in
//! docs/embedding.md) and `{subject: "lti.frameResize", height}` (what Canvas listens for). A host
//! that starts listening late asks with `{type: "rnn-params:request-height"}` and gets the height
//! again ([`answer_height_requests`]). Nothing a host (or anyone else) sends can change the widget:
//! the only messages it reads are that request (answered with the height, nothing else) and the
//! height from the share panel's own measuring frame (`components::MeasureFrame`).

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
    let complete = JsValue::from_bool(COMPLETE.with(std::cell::Cell::get));
    // Only a height is sent, so any host origin may receive it.
    let resize = message(&[("type", RESIZE_MESSAGE.into()), ("height", h.clone()), ("complete", complete)]);
    let _ = parent.post_message(&resize, "*");
    let _ = parent.post_message(&message(&[("subject", "lti.frameResize".into()), ("height", h)]), "*");
}

/// The `type` of the message that tells the parent page the widget's state (its canonical query),
/// for hosts that keep settings of their own in step (the anywidget module, `anywidget.js`).
pub const STATE_MESSAGE: &str = "rnn-params:state";

/// Inside a frame, posts `{type: "rnn-params:state", query}` to the parent page: what the frame's
/// own address holds, so any origin may receive it.
pub fn post_state(query: &str) {
    if !in_frame() {
        return;
    }
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else { return };
    let _ = parent.post_message(&message(&[("type", STATE_MESSAGE.into()), ("query", query.into())]), "*");
}

/// The `type` of the message a host sends to get the height posted again.
pub const REQUEST_MESSAGE: &str = "rnn-params:request-height";

thread_local! {
    /// Whether the first screen is painted, so that a posted height means something (see
    /// [`start_posting`]).
    static POSTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether every panel is in, so that a posted height is final (see [`mark_complete`]).
    static COMPLETE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts posting the content height to a host frame: the height now (measured once, a forced
/// layout) and every change from here on. `App` calls it once the first screen is painted, so a
/// host sizes its frame while the panels below are still coming; each message says whether the
/// page is `complete` yet.
pub fn start_posting() {
    POSTING.with(|p| p.set(true));
    post_current_height();
}

/// Marks the page complete (every panel in, or said to be missing) and posts the height again, now
/// with `complete: true`: a host (or the share panel's measuring frame) that wants the final height
/// waits for that one.
pub fn mark_complete() {
    COMPLETE.with(|c| c.set(true));
    if POSTING.with(std::cell::Cell::get) {
        post_current_height();
    }
}

fn post_current_height() {
    if in_frame() {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            post_height(body.get_bounding_client_rect().height().ceil().max(0.0) as u32);
        }
    }
}

/// Answers a height request from the parent page (`{type: "rnn-params:request-height"}`, from
/// `window.parent` only) by posting the height again, once the first screen is painted: a host script
/// added after the widget loaded (or `embed.js` when a frame's load event came first) missed the
/// first height. The request changes nothing else; any origin may ask, as any may receive the height.
pub fn answer_height_requests() {
    if !in_frame() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        let from_parent = matches!((event.source(), parent), (Some(s), Some(p)) if js_sys::Object::is(&s, &p));
        let data = event.data();
        let kind = js_sys::Reflect::get(&data, &JsValue::from_str("type")).ok().and_then(|t| t.as_string());
        if from_parent && kind.as_deref() == Some(REQUEST_MESSAGE) && POSTING.with(std::cell::Cell::get) {
            post_current_height();
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_message.forget();
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
