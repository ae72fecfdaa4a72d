//! rnn-params: the browser entry point. It only installs the panic reporter and mounts the app;
//! the counting lives in `crates/model`, the components in `components/`.

mod app;
mod components;
mod deferred;
mod platform;
mod store;

fn main() {
    platform::panic::install();
    leptos::mount::mount_to_body(app::App);
}
