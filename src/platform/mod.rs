//! Thin wrappers over browser APIs (location, history, panics). Nothing here knows about counts.

pub mod clipboard;
pub mod debounce;
pub mod frame;
pub mod media;
pub mod page;
pub mod panic;
pub mod theme;
pub mod url;
pub mod visibility;
