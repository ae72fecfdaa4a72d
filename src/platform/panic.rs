//! Makes a panic visible: a frozen page with no explanation is the worst outcome for a learner.
//!
//! The hook logs every panic to the console. The first one also shows the message that `index.html`
//! holds in `#fatal` (written there so that showing it needs no DOM creation, which may be what
//! failed), puts the panic's own text in its details (`#fatal-details`, as plain text), marks the
//! document `stopped` (the stylesheet dims the rest) and makes everything else `inert`, so that nobody
//! keeps moving controls that no longer update the numbers. Later panics are usually consequences of
//! the first, so they only go to the console.

use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the first panic.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Installs the hook. Call once, before mounting.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let details = info.to_string();
        web_sys::console::error_1(&format!("rnn-params stopped because of an internal error: {details}").into());
        if STOPPED.swap(true, Ordering::Relaxed) {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.document_element() {
            let _ = root.class_list().add_1("stopped");
        }
        if let Some(body) = document.body() {
            let children = body.children();
            for k in 0..children.length() {
                if let Some(child) = children.item(k) {
                    if child.id() != "fatal" {
                        let _ = child.set_attribute("inert", "");
                    }
                }
            }
        }
        if let Some(details_element) = document.get_element_by_id("fatal-details") {
            details_element.set_text_content(Some(&details));
        }
        if let Some(element) = document.get_element_by_id("fatal") {
            let _ = element.remove_attribute("hidden");
        }
    }));
}
