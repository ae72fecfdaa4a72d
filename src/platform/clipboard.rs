//! Copying text.

use wasm_bindgen_futures::JsFuture;

/// Writes `text` to the clipboard through the asynchronous Clipboard API.
///
/// # Errors
/// When the API is missing or the browser refuses (no user gesture, a frame without
/// `allow="clipboard-write"`, an insecure origin); the caller then shows the text selected.
pub async fn copy(text: &str) -> Result<(), ()> {
    let clipboard = web_sys::window().ok_or(())?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| ())
}
