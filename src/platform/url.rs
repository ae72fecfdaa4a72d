//! Reading and writing the page's query string.

/// The current query string without the leading `?` (empty when there is none or no window).
pub fn read_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .map(|s| s.trim_start_matches('?').to_owned())
        .unwrap_or_default()
}

/// Replaces the current history entry's query with `query` (no reload, no new entry). The path and
/// the fragment are kept. Failures (a sandboxed frame may refuse) are ignored: the page still works,
/// only the address bar is not updated.
pub fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
