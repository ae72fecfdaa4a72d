//! An on/off setting.

use leptos::prelude::*;

/// A checkbox presented as a switch (`role="switch"`), with its label and an optional hint.
///
/// ```ignore
/// view! { <Switch id="bidir" label="Bidirectional" checked=bidir on_change=set_bidir
///     locked=Signal::from(false) /> }
/// ```
#[component]
pub fn Switch(
    /// The input's id.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// Whether it is on.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state.
    on_change: Callback<bool>,
    /// Read-only when true.
    #[prop(into)]
    locked: Signal<bool>,
    /// A short explanation after the label.
    #[prop(optional)]
    hint: &'static str,
    /// Not applicable when `Some(reason)`: the switch is disabled and the reason shown instead of
    /// the hint.
    #[prop(optional, into)]
    unavailable: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let unavailable = unavailable.unwrap_or_else(|| Signal::stored(None));
    let hint_id = format!("{id}-hint");
    view! {
        <div
            class="switch"
            class:locked=move || locked.get()
            class:unavailable=move || unavailable.with(Option::is_some)
        >
            <input
                type="checkbox"
                role="switch"
                id=id
                prop:checked=move || checked.get()
                disabled=move || locked.get() || unavailable.with(Option::is_some)
                aria-describedby=hint_id.clone()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            <span class="hint" id=hint_id>{move || unavailable.get().unwrap_or_else(|| hint.to_owned())}</span>
        </div>
    }
}
