//! A hidden frame that loads the embedded widget to learn how tall it is.

use crate::platform::debounce::Debounce;
use crate::platform::frame::{in_frame, RESIZE_MESSAGE};
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// How long the snippet must stay unchanged before the frame loads it: a slider drag is one load.
const SETTLE: Duration = Duration::from_millis(600);
/// How long a loaded frame has to report its height before the measure counts as failed (a host
/// that refuses to be framed, `X-Frame-Options`, offline).
const GIVE_UP: Duration = Duration::from_secs(8);

/// Where a measure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Not measured yet, or the snippet changed since.
    Pending,
    /// The widget in the frame reported this content height, in CSS pixels.
    Measured(u32),
    /// The frame did not report a height in time.
    Failed,
}

/// An invisible iframe of `width` CSS pixels that loads `src` (the iframe snippet's address) and
/// reports the content height the widget posts from inside it once complete, the same message a
/// course page's resize script receives (`{type: "rnn-params:resize", height, complete: true}`).
///
/// It loads only while `active` (the snippet is on screen), and leaves the page as soon as the
/// widget in it has reported (or given up): no second copy of the widget runs while the reader is
/// elsewhere on the page, or once its height is known. Only messages whose `source` is this frame's own
/// window are read, and only their height: a number from 0 to 1,000,000, in CSS pixels. `height`
/// is [`Measure::Pending`] from the moment `src` changes until the new page has reported, and
/// [`Measure::Failed`] when it has not reported within eight seconds of loading. A page that is
/// itself inside a frame measures nothing (the widget inside the measuring frame would otherwise
/// measure again).
///
/// ```ignore
/// let (height, set_height) = signal(Measure::Pending);
/// view! { <MeasureFrame src=snippet_src width=Signal::stored(760) active=on_screen height=set_height /> }
/// ```
#[component]
pub fn MeasureFrame(
    /// The address to measure; empty for nothing yet.
    src: Signal<String>,
    /// The frame's width in CSS pixels: the course page column the height is for.
    width: Signal<u32>,
    /// Whether a measure is wanted now (the snippet is on screen).
    active: Signal<bool>,
    /// Receives the state of the measure.
    height: WriteSignal<Measure>,
) -> impl IntoView {
    let frame = NodeRef::<leptos::html::Iframe>::new();
    // The address and width last loaded (a change back to them needs no new measure), and whether
    // the frame is in the page: only until it has reported, so that no second copy of the widget
    // keeps running (and holding its memory) after the measure.
    let loaded = RwSignal::new((String::new(), 0u32));
    let live = RwSignal::new(false);
    let settle = Debounce::new(SETTLE, false);
    let give_up = Debounce::new(GIVE_UP, false);
    let enabled = !in_frame();
    Effect::new(move |_| {
        let next = (src.get(), width.get());
        let wanted = active.get();
        if !enabled || next.0.is_empty() || !wanted {
            settle.cancel();
            return;
        }
        if next == loaded.get_untracked() {
            settle.cancel();
            return;
        }
        height.set(Measure::Pending);
        settle.call(move || {
            loaded.set(next);
            live.set(true);
            give_up.call(move || {
                height.set(Measure::Failed);
                live.set(false);
            });
        });
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
        // The widget posts while its panels are still coming; only the final height counts here.
        if field("complete").and_then(|c| c.as_bool()) != Some(true) {
            return;
        }
        if let Some(h) = field("height").and_then(|h| h.as_f64()).filter(|h| (0.0..=1_000_000.0).contains(h)) {
            give_up.cancel();
            height.set(Measure::Measured(h.ceil() as u32));
            live.set(false);
        }
    });
    on_cleanup(move || listener.remove());
    view! {
        <Show when=move || live.get()>
            // A box of no size clips the frame, so that its height adds nothing to the page's.
            <div class="measure-box">
            <iframe
                class="measure-frame"
                node_ref=frame
                src=move || loaded.with(|l| l.0.clone())
                width=move || loaded.with(|l| l.1.to_string())
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
