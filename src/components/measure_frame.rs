//! A hidden frame that loads the embedded widget to learn how tall it is.

use crate::platform::frame::{in_frame, RESIZE_MESSAGE};
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// How long the snippet must stay unchanged before the frame loads it: a slider drag is one load.
const SETTLE: Duration = Duration::from_millis(600);

/// An invisible iframe of `width` CSS pixels that loads `src` (the iframe snippet's address) and
/// reports the content height the widget posts from inside it, the same message a course page's
/// resize script receives (`{type: "rnn-params:resize", height}`).
///
/// Only messages whose `source` is this frame's own window are read, and only their height: a
/// number from 0 to 1,000,000, in CSS pixels. `height` is `None` from the moment `src` changes
/// until the new page has reported. A page that is itself inside a frame measures nothing (the
/// widget inside the measuring frame would otherwise measure again).
///
/// ```ignore
/// let (height, set_height) = signal(None::<u32>);
/// view! { <MeasureFrame src=snippet_src width=Signal::stored(760) height=set_height /> }
/// ```
#[component]
pub fn MeasureFrame(
    /// The address to measure; empty for nothing yet.
    src: Signal<String>,
    /// The frame's width in CSS pixels: the course page column the height is for.
    width: Signal<u32>,
    /// Receives the measured content height in CSS pixels.
    height: WriteSignal<Option<u32>>,
) -> impl IntoView {
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let loaded = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let enabled = !in_frame();
    Effect::new(move |_| {
        let next = src.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if !enabled || next.is_empty() || next == loaded.get_untracked() {
            return;
        }
        height.set(None);
        pending.set_value(set_timeout_with_handle(move || loaded.set(next), SETTLE).ok());
    });
    let listener = window_event_listener(ev::message, move |event| {
        let Some(own) = frame.get_untracked().and_then(|f| f.content_window()) else { return };
        if !event.source().is_some_and(|s| js_sys::Object::is(&s, &own)) {
            return;
        }
        let data = event.data();
        let field = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
        if field("type").and_then(|t| t.as_string()).as_deref() != Some(RESIZE_MESSAGE) {
            return;
        }
        if let Some(h) = field("height").and_then(|h| h.as_f64()).filter(|h| (0.0..=1_000_000.0).contains(h)) {
            height.set(Some(h.ceil() as u32));
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <Show when=move || !loaded.with(String::is_empty)>
            // A box of no size clips the frame, so that its height adds nothing to the page's.
            <div class="measure-box">
            <iframe
                class="measure-frame"
                node_ref=frame
                src=move || loaded.get()
                width=move || width.get().to_string()
                // Taller than any widget: no scroll bar narrows it, and every chart is drawn as it is
                // when the course page shows the whole frame.
                height="20000"
                tabindex="-1"
                aria-hidden="true"
                title="Measures the embedded widget's height (not shown)"
            ></iframe>
            </div>
        </Show>
    }
}
