//! A whole-number control: a log-scaled slider and a number field that edit the same value.

mod edit;

use edit::{Limits, SizeEdit};
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::ladder::stops;

/// A slider with friendly logarithmic stops (see `rnn_params_model::ladder`) beside a number field
/// that takes any whole number in range. Both edit `value`, live, through `on_change`. The field is
/// a spin button (`role="spinbutton"` with `aria-valuenow/min/max`): ArrowUp / ArrowDown step by 1,
/// by 10 with Shift, PageUp / PageDown by 10. Each drag, edit or key step that changes the value
/// marks a step in the page's history (`Store::mark_step`).
///
/// Text that is not a number in range shows a message under the field and changes nothing. A value
/// the framework refuses (`on_change` returns the reason) shows the reason under the field, and the
/// value from before the edit is restored, so the page always shows a state the framework accepts;
/// leaving the field puts that value back in it. A slider move past what `allowed` permits stops at
/// the last allowed stop (see [`SizeEdit`]).
///
/// ```ignore
/// view! { <SizeControl id="units" label="Units n" noun="units" min=1 max=1_048_576
///     allowed=units_range value=units on_change=set_units locked=Signal::from(false) /> }
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
    /// The values the framework accepts with the other settings as they are (inclusive); the
    /// slider's stops end at its upper end. Defaults to `min ..= max`.
    #[prop(optional, into)]
    allowed: Option<Signal<(u64, u64)>>,
    /// The current value.
    #[prop(into)]
    value: Signal<u64>,
    /// Called with each new value in range; returns the framework's reason when it refuses it.
    on_change: Callback<u64, Result<(), String>>,
    /// Read-only when true (an embedding page fixed this value).
    #[prop(into)]
    locked: Signal<bool>,
    /// A short explanation under the label.
    #[prop(optional)]
    hint: &'static str,
    /// Evenly spaced slider stops (every whole number) instead of logarithmic ones.
    #[prop(optional)]
    linear: bool,
    /// Not applicable when `Some(reason)`: both inputs are disabled and the reason shown.
    #[prop(optional, into)]
    unavailable: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let unavailable = unavailable.unwrap_or_else(|| Signal::stored(None));
    let allowed = allowed.unwrap_or_else(|| Signal::derive(move || (min, max.get())));
    let off = move || locked.get() || unavailable.with(Option::is_some);
    let ladder = Memo::new(move |_| {
        let top = allowed.get().1.min(max.get()).max(min);
        if linear {
            (min..=top).collect::<Vec<_>>()
        } else {
            stops(min, top)
        }
    });
    // Each gesture that changes the value is a step in the page's history (Back undoes it).
    let store = use_context::<crate::store::Store>();
    let on_step = Callback::new(move |()| {
        if let Some(store) = store {
            store.mark_step();
        }
    });
    let edit = SizeEdit::new(Limits { label, min, max, allowed, ladder }, value, on_change, on_step);
    let (error, text) = (edit.error, edit.text);
    let slider_id = format!("{id}-slider");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || if error.with(Option::is_some) { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };

    view! {
        <div
            class="size-control"
            class:locked=move || locked.get()
            class:unavailable=move || unavailable.with(Option::is_some)
        >
            <label for=id class="control-label">{label}</label>
            <p class="hint" id=hint_id>{move || unavailable.get().unwrap_or_else(|| hint.to_owned())}</p>
            <div class="size-inputs">
                <input
                    type="range"
                    id=slider_id
                    class="slider"
                    min="0"
                    max=move || ladder.with(|l| l.len().saturating_sub(1)).to_string()
                    step="1"
                    prop:value=move || edit.index().to_string()
                    aria-label=format!("{label} slider")
                    aria-valuetext=move || {
                        let v = value.get();
                        // "1 unit", "256 units".
                        let noun = if v == 1 { noun.strip_suffix('s').unwrap_or(noun) } else { noun };
                        format!("{} {noun}", grouped(v))
                    }
                    disabled=off
                    on:input=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        let shown = edit.slide(i);
                        // After a refusal the thumb goes to the value kept.
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.set_value(&shown.to_string());
                    }
                    // Released (or a key step): the next move is a step of its own.
                    on:change=move |_| edit.release()
                />
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    id=id
                    class="number"
                    // A spin button: ArrowUp / ArrowDown step by 1 (Shift: 10), PageUp / PageDown by 10.
                    role="spinbutton"
                    aria-valuenow=move || value.get().to_string()
                    aria-valuemin=move || edit.bottom().to_string()
                    aria-valuemax=move || edit.top().to_string()
                    prop:value=move || text.get()
                    readonly=move || locked.get()
                    disabled=move || unavailable.with(Option::is_some)
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=described_by
                    on:focus=move |_| edit.focus()
                    on:input=move |ev| {
                        if !locked.get_untracked() {
                            edit.typed(event_target_value(&ev));
                        }
                    }
                    on:blur=move |_| edit.blur()
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if locked.get_untracked() {
                            return;
                        }
                        let by = if ev.shift_key() { 10 } else { 1 };
                        let delta = match ev.key().as_str() {
                            "ArrowUp" => by,
                            "ArrowDown" => -by,
                            "PageUp" => 10,
                            "PageDown" => -10,
                            _ => return,
                        };
                        ev.prevent_default();
                        edit.nudge(delta);
                    }
                />
            </div>
            <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
