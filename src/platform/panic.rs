//! Makes a panic visible: a frozen page with no explanation is the worst outcome for a learner.
//!
//! The hook logs the panic to the console and writes a short message into a fixed element that
//! `index.html` provides (`#fatal`), as plain text.

use std::panic;

/// Installs the hook. Call once, before mounting.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let text = format!("rnn-params stopped because of an internal error: {info}");
        web_sys::console::error_1(&text.clone().into());
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("fatal"));
        if let Some(element) = element {
            element.set_text_content(Some(&format!(
                "{text}\nPlease reload the page; if it happens again, the link you opened may help us reproduce it."
            )));
            let _ = element.remove_attribute("hidden");
        }
    }));
}
