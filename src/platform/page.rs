//! The document around the app: the loading note and the body's embedded class.

/// Removes the "Loading…" note that `index.html` shows until the app starts (and that explains what
/// went wrong if it never does).
pub fn started() {
    if let Some(note) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("loading")) {
        note.remove();
    }
}

/// Marks the body as embedded (compact spacing in a course page's frame) or not.
pub fn set_embedded(embedded: bool) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.class_list().toggle_with_force("embedded", embedded);
    }
}

/// Sets the `content` of the page's `<meta property=…>` (Open Graph) or `<meta name=…>` element
/// `key`, if `index.html` has one; the text is an attribute value, never markup.
pub fn set_meta(key: &str, content: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let attribute = if key.starts_with("og:") { "property" } else { "name" };
    if let Ok(Some(meta)) = document.query_selector(&format!("meta[{attribute}=\"{key}\"]")) {
        let _ = meta.set_attribute("content", content);
    }
}
