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

/// Writes `query` into the address (no reload), keeping the path: with `push` into a new history
/// entry (Back then returns to the one before; an unchanged address is never pushed), else
/// replacing the current entry's. The new address is built from the page's own origin and path,
/// so a path that starts with `//` (servers that merge slashes) stays on this origin instead of
/// reading as another host. A fragment that held the settings (`drop_hash`) is removed; any other
/// fragment is kept.
///
/// # Errors
/// `Err(())` when the browser refuses the write (a sandboxed frame, an opaque origin): the page
/// still works, only the address bar is not updated.
pub fn write_query(query: &str, drop_hash: bool, push: bool) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let location = window.location();
    let origin = location.origin().map_err(|_| ())?;
    let path = location.pathname().unwrap_or_default();
    let hash = if drop_hash { String::new() } else { location.hash().unwrap_or_default() };
    // An opaque origin ("null": a sandboxed frame without allow-same-origin) cannot be written to.
    let base = if origin == "null" { String::new() } else { origin };
    let url = if query.is_empty() { format!("{base}{path}{hash}") } else { format!("{base}{path}?{query}{hash}") };
    // The address already reads so (a shared link opened as it was copied): writing it again
    // would change nothing, and costs the browser a few milliseconds before the first paint.
    if !push && location.href().is_ok_and(|href| href == url) {
        return Ok(());
    }
    let history = window.history().map_err(|_| ())?;
    let same = location.search().unwrap_or_default().trim_start_matches('?') == query;
    if push && !same {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)).map_err(|_| ())
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)).map_err(|_| ())
    }
}

const PENDING_KEY: &str = "rnn-params:pending";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Remembers, for this tab, that the page showed `query` while its address still held `search`
/// (called as the page unloads with an address write still waiting). A reload would otherwise
/// bring back the address's older state: browsers take a reload's address before any unload
/// handler runs, so the write cannot be flushed in time. Storage refused (a sandboxed frame,
/// private mode limits) is ignored: only a reload within the wait then loses the last change.
pub fn remember_pending(search: &str, query: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(PENDING_KEY, &format!("{search}\n{query}"));
    }
}

/// The query a reload should show instead of `search`: the one remembered by
/// [`remember_pending`] when the address was still `search` then (so this load is a reload of
/// the address that missed its last write). It is forgotten once read.
pub fn take_pending(search: &str) -> Option<String> {
    let storage = session()?;
    let stored = storage.get_item(PENDING_KEY).ok().flatten()?;
    let _ = storage.remove_item(PENDING_KEY);
    let (base, query) = stored.split_once('\n')?;
    (base == search).then(|| query.to_owned())
}
