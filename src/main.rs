//! rnn-params: the browser entry point. It only installs the panic reporter and mounts the app
//! (for a page opened on a ConvLSTM, Flax, … layer once that family's rules are in, so that the
//! first screen is built once, with its count); the counting lives in `crates/model`, the
//! components in `components/`.

mod app;
mod components;
mod deferred;
mod platform;
mod store;

fn main() {
    platform::panic::install();
    let (search, hash) = platform::url::read_location();
    let (state, _) = rnn_params_model::state::parse_location(&search, &hash);
    if state.config.kind == rnn_params_model::kind::Kind::Layer {
        leptos::mount::mount_to_body(app::App);
    } else {
        // The boot script has started fetching the rules already; the app reports a failure.
        // (Leptos' own executor is set up by the mount, so not yet.)
        wasm_bindgen_futures::spawn_local(async {
            deferred::install_families_first().await;
            leptos::mount::mount_to_body(app::App);
        });
    }
}
