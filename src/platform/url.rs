//! Reading and writing the page's address.

/// The page's `location.search` (with its `?`) and `location.hash` (with its `#`); empty when
/// there is none or no window.
pub fn read_location() -> (String, String) {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            (l.search().unwrap_or_default(), l.hash().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// Replaces the current history entry's query with `query` (no reload, no new entry), keeping the
/// path. The new address is built from the page's own origin and path, so a path that starts
/// with `//` (servers that merge slashes) stays on this origin instead of reading as another
/// host. A fragment that held the settings (`drop_hash`) is removed; any other fragment is kept.
///
/// # Errors
/// `Err(())` when the browser refuses the write (a sandboxed frame, an opaque origin): the page
/// still works, only the address bar is not updated.
pub fn replace_query(query: &str, drop_hash: bool) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let location = window.location();
    let origin = location.origin().map_err(|_| ())?;
    let path = location.pathname().unwrap_or_default();
    let hash = if drop_hash { String::new() } else { location.hash().unwrap_or_default() };
    // An opaque origin ("null": a sandboxed frame without allow-same-origin) cannot be written to.
    let base = if origin == "null" { String::new() } else { origin };
    let url = if query.is_empty() { format!("{base}{path}{hash}") } else { format!("{base}{path}?{query}{hash}") };
    window.history().map_err(|_| ())?.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)).map_err(|_| ())
}
