//! The edit state of one whole-number control, apart from its view: what the field shows, the
//! message under it, and what a slider move, a keystroke or leaving the field does to the value.

use leptos::prelude::*;
use rnn_params_model::bounds::{parse_typed, RangeError};
use rnn_params_model::format::grouped;
use rnn_params_model::ladder::{clamp, nearest};

/// What [`SizeEdit`] needs to know about its control.
#[derive(Clone, Copy)]
pub struct Limits {
    /// The visible label, for messages ("Units n takes a whole number from 1 to …").
    pub label: &'static str,
    /// The smallest value the field accepts.
    pub min: u64,
    /// The largest value the field accepts.
    pub max: Signal<u64>,
    /// The values the framework accepts with every other setting as it is (units above a
    /// projection): what a slider move is clamped to.
    pub allowed: Signal<(u64, u64)>,
    /// The slider's stops.
    pub ladder: Memo<Vec<u64>>,
}

/// The edit state machine of a [`super::SizeControl`].
///
/// - A slider move to a stop the framework refuses goes to the allowed stop nearest to it
///   ([`clamp`], tested natively), with the framework's reason: "… Stopped at 65.".
/// - Text typed into the field applies at each keystroke when it is a number in range; otherwise
///   (or when refused) the value from before the edit stands, with a message: "… Keeping 256.".
///   The field keeps showing what was typed until it is left.
#[derive(Clone, Copy)]
pub struct SizeEdit {
    limits: Limits,
    value: Signal<u64>,
    on_change: Callback<u64, Result<(), String>>,
    /// The message under the field, if any.
    pub error: RwSignal<Option<String>>,
    /// The field's text.
    pub text: RwSignal<String>,
    /// The value when the current edit began: what a refusal goes back to.
    baseline: StoredValue<u64>,
    /// Whether the reader is typing in the field (its text then is theirs).
    editing: StoredValue<bool>,
    /// Called once per gesture (a drag, an edit in the field, a key step) that changed the value:
    /// the store then records a history entry.
    on_step: Callback<()>,
    /// Whether the current gesture already changed the value (and so was recorded).
    gesture: StoredValue<bool>,
}

impl SizeEdit {
    /// The state for a control showing `value` and changing it through `on_change`.
    pub fn new(
        limits: Limits,
        value: Signal<u64>,
        on_change: Callback<u64, Result<(), String>>,
        on_step: Callback<()>,
    ) -> Self {
        let edit = SizeEdit {
            limits,
            value,
            on_change,
            error: RwSignal::new(None),
            text: RwSignal::new(value.get_untracked().to_string()),
            baseline: StoredValue::new(value.get_untracked()),
            editing: StoredValue::new(false),
            on_step,
            gesture: StoredValue::new(false),
        };
        // The field's text follows the value, except while the reader is typing in it.
        Effect::new(move |_| {
            let v = value.get();
            if !edit.editing.get_value() {
                edit.text.set(v.to_string());
            }
        });
        edit
    }

    /// The slider position of the current value.
    pub fn index(&self) -> usize {
        let v = self.value.get();
        self.limits.ladder.with(|l| nearest(l, v))
    }

    /// The value changed within the current gesture: the first change of a gesture is a step.
    fn changed(&self) {
        if !self.gesture.get_value() {
            self.gesture.set_value(true);
            self.on_step.run(());
        }
    }

    /// The slider was released (or moved a stop with the keyboard): the next move is a new step.
    pub fn release(&self) {
        self.gesture.set_value(false);
    }

    /// The top of the values that can be used now (the field's maximum, below any framework limit).
    pub fn top(&self) -> u64 {
        self.limits.allowed.get().1.min(self.limits.max.get())
    }

    /// The bottom of the values that can be used now.
    pub fn bottom(&self) -> u64 {
        self.limits.allowed.get().0.max(self.limits.min)
    }

    /// A spin-button step from the field (ArrowUp / ArrowDown, ×10 with Shift, PageUp / PageDown):
    /// from the number typed (or the value in use) by `delta`, kept within what can be used now.
    /// Each step is a committed value (a step of its own in the history).
    pub fn nudge(&self, delta: i64) {
        let current = self.value.get_untracked();
        let from = parse_typed(&self.text.get_untracked()).unwrap_or(current);
        let (low, high) = (
            self.limits.allowed.get_untracked().0.max(self.limits.min),
            self.limits.allowed.get_untracked().1.min(self.limits.max.get_untracked()),
        );
        if low > high {
            return;
        }
        let next = from.saturating_add_signed(delta).clamp(low, high);
        self.baseline.set_value(current);
        self.gesture.set_value(false);
        if next != current {
            match self.on_change.run(next) {
                Ok(()) => self.changed(),
                Err(reason) => {
                    self.error.set(Some(format!("{reason} Keeping {}.", grouped(current))));
                    return;
                }
            }
        }
        self.gesture.set_value(false);
        self.error.set(None);
        self.text.set(next.to_string());
    }

    /// Goes back to the value from before the edit, if it changed on the way.
    fn restore(&self) -> u64 {
        let before = self.baseline.get_value();
        if self.value.get_untracked() != before {
            let _ = self.on_change.run(before);
        }
        before
    }

    /// A slider move to stop `i`; returns the stop the slider shows afterwards.
    pub fn slide(&self, i: usize) -> usize {
        let current = self.value.get_untracked();
        self.baseline.set_value(current);
        let ladder = self.limits.ladder;
        let Some(target) = ladder.with_untracked(|l| l.get(i).copied()) else {
            return ladder.with_untracked(|l| nearest(l, current));
        };
        if target == current {
            self.error.set(None);
            return i;
        }
        match self.on_change.run(target) {
            Ok(()) => {
                self.changed();
                self.error.set(None);
                i
            }
            Err(reason) => {
                // A fast drag can jump past the last allowed stop: it goes as far as is allowed.
                let allowed = self.limits.allowed.get_untracked();
                let reached = ladder
                    .with_untracked(|l| clamp(l, i, allowed).map(|k| (k, l[k])))
                    .filter(|&(_, v)| v != current && self.on_change.run(v).is_ok());
                match reached {
                    Some((k, v)) => {
                        self.changed();
                        self.error.set(Some(format!("{reason} Stopped at {}.", grouped(v))));
                        k
                    }
                    None => {
                        self.error.set(Some(format!("{reason} Keeping {}.", grouped(current))));
                        ladder.with_untracked(|l| nearest(l, current))
                    }
                }
            }
        }
    }

    /// The reader starts editing the field.
    pub fn focus(&self) {
        self.baseline.set_value(self.value.get_untracked());
        self.editing.set_value(true);
    }

    /// The reader typed: `text` is the field's whole new text.
    pub fn typed(&self, text: String) {
        self.text.set(text.clone());
        let max = self.limits.max.get_untracked();
        let parsed = parse_typed(&text).and_then(|v| {
            if v < self.limits.min {
                Err(RangeError::TooSmall)
            } else if v > max {
                Err(RangeError::TooLarge)
            } else {
                Ok(v)
            }
        });
        match parsed {
            Ok(v) if v == self.value.get_untracked() => self.error.set(None),
            Ok(v) => match self.on_change.run(v) {
                Ok(()) => {
                    self.changed();
                    self.error.set(None);
                }
                Err(reason) => {
                    let before = self.restore();
                    self.error.set(Some(format!("{reason} Keeping {}.", grouped(before))));
                }
            },
            Err(_) => {
                // Text that is not (or no longer) a number in range: the value from before the
                // edit stands, not a prefix typed on the way ("1" of "1e3").
                let before = self.restore();
                // The range named is the one that can be used (a projection below n).
                let top = self.limits.allowed.get_untracked().1.min(max);
                self.error.set(Some(format!(
                    "{} takes a whole number from {} to {}. Keeping {}.",
                    self.limits.label,
                    grouped(self.limits.min),
                    grouped(top),
                    grouped(before)
                )));
            }
        }
    }

    /// The reader left the field: it shows the value in use again (after refused or invalid text,
    /// the one from before the edit).
    pub fn blur(&self) {
        self.editing.set_value(false);
        self.gesture.set_value(false);
        self.baseline.set_value(self.value.get_untracked());
        self.error.set(None);
        self.text.set(self.value.get_untracked().to_string());
    }
}
