//! A whole-number control: a log-scaled slider and a number field that edit the same value.

use leptos::prelude::*;
use rnn_params_model::bounds::{parse_typed, RangeError};
use rnn_params_model::format::grouped;
use rnn_params_model::ladder::{nearest, stops};

/// A slider with friendly logarithmic stops (see `rnn_params_model::ladder`) beside a number field
/// that takes any whole number in range. Both edit `value`; invalid text in the field shows a
/// message and changes nothing.
///
/// ```ignore
/// view! { <SizeControl id="units" label="Units n" noun="units" min=1 max=1_048_576
///     value=units on_change=set_units locked=Signal::from(false) /> }
/// ```
#[component]
pub fn SizeControl(
    /// The field's id; the slider gets `{id}-slider`, the message `{id}-error`.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// What the number counts, for screen readers: the slider announces "256 units".
    noun: &'static str,
    /// The smallest accepted value.
    min: u64,
    /// The largest accepted value.
    #[prop(into)]
    max: Signal<u64>,
    /// The current value.
    #[prop(into)]
    value: Signal<u64>,
    /// Called with each new valid value.
    on_change: Callback<u64>,
    /// Read-only when true (an embedding page fixed this value).
    #[prop(into)]
    locked: Signal<bool>,
    /// A short explanation under the label.
    #[prop(optional)]
    hint: &'static str,
) -> impl IntoView {
    let ladder = Memo::new(move |_| stops(min, max.get()));
    let index = move || ladder.with(|l| nearest(l, value.get()));
    let error = RwSignal::new(None::<String>);
    let slider_id = format!("{id}-slider");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");

    let commit_text = move |text: String| {
        let parsed = parse_typed(&text).and_then(|v| {
            if v < min {
                Err(RangeError::TooSmall)
            } else if v > max.get_untracked() {
                Err(RangeError::TooLarge)
            } else {
                Ok(v)
            }
        });
        match parsed {
            Ok(v) => {
                error.set(None);
                if v != value.get_untracked() {
                    on_change.run(v);
                }
            }
            Err(_) => error.set(Some(format!(
                "{label} takes a whole number from {} to {}.",
                grouped(min),
                grouped(max.get_untracked())
            ))),
        }
    };

    view! {
        <div class="size-control" class:locked=move || locked.get()>
            <label for=id class="control-label">{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <div class="size-inputs">
                <input
                    type="range"
                    id=slider_id
                    class="slider"
                    min="0"
                    max=move || ladder.with(|l| l.len().saturating_sub(1)).to_string()
                    step="1"
                    prop:value=move || index().to_string()
                    aria-label=format!("{label} slider")
                    aria-valuetext=move || format!("{} {noun}", grouped(value.get()))
                    disabled=move || locked.get()
                    on:input=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        if let Some(v) = ladder.with_untracked(|l| l.get(i).copied()) {
                            error.set(None);
                            if v != value.get_untracked() {
                                on_change.run(v);
                            }
                        }
                    }
                />
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    id=id
                    class="number"
                    prop:value=move || value.get().to_string()
                    readonly=move || locked.get()
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby={
                        let error_id = error_id.clone();
                        move || {
                        let mut ids = Vec::new();
                        if !hint.is_empty() { ids.push(hint_id.clone()); }
                        if error.get().is_some() { ids.push(error_id.clone()); }
                        ids.join(" ")
                    }}
                    on:input=move |ev| {
                        if !locked.get_untracked() {
                            commit_text(event_target_value(&ev));
                        }
                    }
                    on:change=move |ev| {
                        // Leaving the field with invalid text restores the value in use.
                        if error.get_untracked().is_some() {
                            error.set(None);
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            input.set_value(&value.get_untracked().to_string());
                        }
                    }
                />
            </div>
            <p class="field-error" id=error_id role="alert" hidden=move || error.get().is_none()>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
