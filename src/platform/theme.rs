//! The colour theme on the root element.

use rnn_params_model::state::Theme;

/// Sets `data-theme="light"` or `"dark"` on `<html>`, or removes it for `auto` (the stylesheet then
/// follows `prefers-color-scheme`).
pub fn apply(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        Theme::Light | Theme::Dark => root.set_attribute("data-theme", theme.key()),
    };
}
