//! Copying text.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard through the asynchronous Clipboard API.
///
/// # Errors
/// When the API is missing or the browser refuses (no user gesture, a frame without
/// `allow="clipboard-write"`, an insecure origin); the caller then shows the text selected.
pub async fn copy(text: &str) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    if !allowed(&window) {
        return Err(());
    }
    let clipboard = window.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| ())
}

/// Whether the page's permissions policy allows writing to the clipboard. A frame embedded without
/// `allow="clipboard-write"` does not; asking anyway would only log a policy violation. Where the
/// browser cannot tell (no `document.featurePolicy`), the write is attempted.
fn allowed(window: &web_sys::Window) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = window.document() else { return false };
    let policy = js_sys::Reflect::get(&document, &"featurePolicy".into()).unwrap_or_default();
    let Some(allows) =
        js_sys::Reflect::get(&policy, &"allowsFeature".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return true;
    };
    allows.call1(&policy, &"clipboard-write".into()).map(|v| v.is_truthy()).unwrap_or(true)
}
