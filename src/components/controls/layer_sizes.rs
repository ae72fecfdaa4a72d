//! Input size and units.

use super::locked;
use crate::components::SizeControl;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::Size;
use rnn_params_model::state::Control;
use rnn_params_model::SizeSetting;

/// The input size and units controls. Each slider is clamped to what the framework accepts with the other
/// settings as they are (`Config::allowed`: units stay above a projection).
#[component]
pub fn LayerSizes() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = store.config;
    let value = move |setting: SizeSetting| {
        Memo::new(move |_| {
            config.with(|c| match setting {
                SizeSetting::Input => c.input_size.wide(),
                SizeSetting::Units => c.units.wide(),
                SizeSetting::Layers => c.layers.wide(),
                SizeSetting::Proj => c.proj_size.wide(),
            })
        })
    };
    let allowed = move |setting: SizeSetting| Memo::new(move |_| config.with(|c| c.allowed(setting)));
    let set = move |setting: SizeSetting| Callback::new(move |v: u64| store.set_size(setting, v));
    view! {
        <SizeControl
            id="input"
            label="Input size m"
            noun="input features"
            hint="Features per time step: the last axis of the input."
            min=u64::from(Size::MIN)
            max=u64::from(Size::MAX)
            allowed=allowed(SizeSetting::Input)
            value=value(SizeSetting::Input)
            on_change=set(SizeSetting::Input)
            locked=locked(store, Control::Input)
        />
        <SizeControl
            id="units"
            label="Units n"
            noun="units"
            hint="Keras units, PyTorch hidden_size."
            min=u64::from(Size::MIN)
            max=u64::from(Size::MAX)
            allowed=allowed(SizeSetting::Units)
            value=value(SizeSetting::Units)
            on_change=set(SizeSetting::Units)
            locked=locked(store, Control::Units)
        />
    }
}
