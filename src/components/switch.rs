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
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="switch" class:locked=move || locked.get()>
            <input
                type="checkbox"
                role="switch"
                id=id
                prop:checked=move || checked.get()
                disabled=move || locked.get()
                aria-describedby=(!hint.is_empty()).then(|| hint_id.clone())
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <span class="hint" id=hint_id.clone()>{hint}</span> })}
        </div>
    }
}
