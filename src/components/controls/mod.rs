//! The control panel: every setting that changes the count, wired to the store's named writes.
//! Four groups, one component each: what the layer is, its sizes, the framework conventions, and
//! the layers around it (Embedding, Dense).

mod around;
mod conventions;
mod family_settings;
mod layer_family;
mod layer_kind;
mod layer_sizes;

use crate::store::Store;
use around::Around;
use conventions::Conventions;
pub use family_settings::FamilySettings;
pub use layer_family::settings_lines;
use layer_family::LayerFamily;
use layer_kind::LayerKind;
use layer_sizes::LayerSizes;
use leptos::prelude::*;
use rnn_params_model::state::Control;

/// Whether the page fixes `control` (`lock=`), as a signal.
fn locked(store: Store, control: Control) -> Signal<bool> {
    Signal::derive(move || store.view.with(|v| v.locks(control)))
}

/// All the controls, each read-only when the URL locks it and disabled, with the reason, where the
/// chosen framework or cell has no such setting.
#[component]
pub fn Controls() -> impl IntoView {
    view! {
        <div class="controls">
            <LayerKind />
            <LayerFamily />
            <LayerSizes />
            <Conventions />
            <Around />
        </div>
    }
}
