//! A whole-number control: a log-scaled slider and a number field that edit the same value.

use leptos::prelude::*;
use rnn_params_model::bounds::{parse_typed, RangeError};
use rnn_params_model::format::grouped;
use rnn_params_model::ladder::{nearest, stops};

/// A slider with friendly logarithmic stops (see `rnn_params_model::ladder`) beside a number field
/// that takes any whole number in range. Both edit `value`, live, through `on_change`.
///
/// Text that is not a number in range shows a message under the field and changes nothing. A value
/// the framework refuses (`on_change` returns the reason) shows the reason under the field, and the
/// value from before the edit is restored, so the page always shows a state the framework accepts;
/// leaving the field puts that value back in it.
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
    /// Called with each new value in range; returns the framework's reason when it refuses it.
    on_change: Callback<u64, Result<(), String>>,
    /// Read-only when true (an embedding page fixed this value).
    #[prop(into)]
    locked: Signal<bool>,
    /// A short explanation under the label.
    #[prop(optional)]
    hint: &'static str,
    /// The slider's largest stop when it should end before `max` (the field still takes up to `max`).
    #[prop(optional, into)]
    slider_max: Option<Signal<u64>>,
    /// Evenly spaced slider stops (every whole number) instead of logarithmic ones.
    #[prop(optional)]
    linear: bool,
    /// Not applicable when `Some(reason)`: both inputs are disabled and the reason shown.
    #[prop(optional, into)]
    unavailable: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let unavailable = unavailable.unwrap_or_else(|| Signal::stored(None));
    let off = move || locked.get() || unavailable.with(Option::is_some);
    let ladder = Memo::new(move |_| {
        let top = slider_max.map_or_else(|| max.get(), |m| m.get().min(max.get())).max(min);
        if linear {
            (min..=top).collect::<Vec<_>>()
        } else {
            stops(min, top)
        }
    });
    let index = move || ladder.with(|l| nearest(l, value.get()));
    let error = RwSignal::new(None::<String>);
    let slider_id = format!("{id}-slider");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");

    // The value when the current edit began: what a refusal goes back to.
    let baseline = StoredValue::new(value.get_untracked());
    // The field's text follows the value, except while the reader is typing in it: then it shows
    // what they typed, even when that is refused and the value goes back to the baseline.
    let editing = StoredValue::new(false);
    let text = RwSignal::new(value.get_untracked().to_string());
    Effect::new(move |_| {
        let v = value.get();
        if !editing.get_value() {
            text.set(v.to_string());
        }
    });
    let commit = move |v: u64| {
        if v == value.get_untracked() {
            error.set(None);
            return;
        }
        match on_change.run(v) {
            Ok(()) => error.set(None),
            Err(reason) => {
                let before = baseline.get_value();
                if value.get_untracked() != before {
                    let _ = on_change.run(before);
                }
                error.set(Some(format!("{reason} Keeping {}.", grouped(before))));
            }
        }
    };
    // A slider move to stop `i`. A fast drag can jump past the last stop that is allowed (units
    // just above a projection): then the value goes as far toward `i` as is allowed.
    let slide = move |i: usize| {
        let current = value.get_untracked();
        let Some(v) = ladder.with_untracked(|l| l.get(i).copied()) else { return };
        if v == current {
            error.set(None);
            return;
        }
        if let Err(reason) = on_change.run(v) {
            let from = ladder.with_untracked(|l| nearest(l, current));
            let between: Vec<u64> = ladder.with_untracked(|l| match i.cmp(&from) {
                std::cmp::Ordering::Less => l[i + 1..from].to_vec(),
                std::cmp::Ordering::Greater => l[from + 1..i].iter().rev().copied().collect(),
                std::cmp::Ordering::Equal => Vec::new(),
            });
            let message = match between.into_iter().find(|&c| on_change.run(c).is_ok()) {
                Some(reached) => format!("{reason} Stopped at {}.", grouped(reached)),
                None => format!("{reason} Keeping {}.", grouped(current)),
            };
            error.set(Some(message));
        } else {
            error.set(None);
        }
    };
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
            Ok(v) => commit(v),
            Err(_) => {
                // Text that is not (or no longer) a number in range: the value from before the
                // edit stands, not a prefix typed on the way ("1" of "1e3").
                let before = baseline.get_value();
                if value.get_untracked() != before {
                    let _ = on_change.run(before);
                }
                // The range the slider offers is the one that can be used (a projection below n).
                let top =
                    slider_max.map_or_else(|| max.get_untracked(), |m| m.get_untracked().min(max.get_untracked()));
                error.set(Some(format!(
                    "{label} takes a whole number from {} to {}. Keeping {}.",
                    grouped(min),
                    grouped(top),
                    grouped(before)
                )))
            }
        }
    };

    view! {
        <div
            class="size-control"
            class:locked=move || locked.get()
            class:unavailable=move || unavailable.with(Option::is_some)
        >
            <label for=id class="control-label">{label}</label>
            <p class="hint" id=hint_id.clone()>{move || unavailable.get().unwrap_or_else(|| hint.to_owned())}</p>
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
                    aria-valuetext=move || {
                        let v = value.get();
                        // "1 unit", "256 units".
                        let noun = if v == 1 { noun.strip_suffix('s').unwrap_or(noun) } else { noun };
                        format!("{} {noun}", grouped(v))
                    }
                    disabled=off
                    on:input=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        baseline.set_value(value.get_untracked());
                        slide(i);
                        // After a refusal the thumb goes to the value kept.
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let kept = ladder.with_untracked(|l| nearest(l, value.get_untracked()));
                        input.set_value(&kept.to_string());
                    }
                />
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    id=id
                    class="number"
                    prop:value=move || text.get()
                    readonly=move || locked.get()
                    disabled=move || unavailable.with(Option::is_some)
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby={
                        let error_id = error_id.clone();
                        move || {
                        if error.get().is_some() {
                            format!("{hint_id} {error_id}")
                        } else {
                            hint_id.clone()
                        }
                    }}
                    on:focus=move |_| {
                        baseline.set_value(value.get_untracked());
                        editing.set_value(true);
                    }
                    on:input=move |ev| {
                        if !locked.get_untracked() {
                            let typed = event_target_value(&ev);
                            text.set(typed.clone());
                            commit_text(typed);
                        }
                    }
                    on:blur=move |_| {
                        // Leaving the field shows the value in use again (after refused or invalid
                        // text, the one from before the edit).
                        editing.set_value(false);
                        baseline.set_value(value.get_untracked());
                        error.set(None);
                        text.set(value.get_untracked().to_string());
                    }
                />
            </div>
            <p class="field-error" id=error_id role="alert" hidden=move || error.get().is_none()>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
