//! The one debounce helper: run an action once calls have paused, optionally at once after a quiet
//! moment. Used for the address write, the polite announcement of the total and the share panel's
//! measuring frame.

use leptos::prelude::*;
use std::time::Duration;

/// Runs the last action given to [`Debounce::call`] once `delay` has passed without another call.
/// With `leading`, a call that comes after at least `delay` of quiet runs at once instead (a click
/// is acted on immediately, a drag once it stops). [`Debounce::flush`] runs a pending action now.
///
/// At most one browser timer is armed at a time, and none is ever cleared: a call only moves the
/// deadline, and a timer that fires early re-arms for the rest. (A cleared timeout's callback is
/// never called, and wasm-bindgen frees a one-shot callback only when it is called: clearing a
/// timer on every slider step leaked a closure per step.)
///
/// It is `Copy` (its parts live in the reactive arena), so closures can share it.
///
/// ```ignore
/// let write = Debounce::new(Duration::from_millis(250), true);
/// Effect::new(move |_| {
///     let query = store.state().to_query();
///     write.call(move || { let _ = url::write_query(&query, false, false); });
/// });
/// ```
#[derive(Clone, Copy)]
pub struct Debounce {
    delay: Duration,
    leading: bool,
    /// Whether a timer is armed.
    armed: StoredValue<bool>,
    /// When the pending action is due (`Date.now()` milliseconds).
    deadline: StoredValue<f64>,
    action: StoredValue<Option<Box<dyn FnOnce()>>, LocalStorage>,
    /// When the last call came (`Date.now()` milliseconds).
    last_call: StoredValue<f64>,
}

impl Debounce {
    /// A debouncer waiting `delay`; with `leading`, a call after a quiet moment runs at once.
    pub fn new(delay: Duration, leading: bool) -> Self {
        Debounce {
            delay,
            leading,
            armed: StoredValue::new(false),
            deadline: StoredValue::new(0.0),
            action: StoredValue::new_local(None),
            last_call: StoredValue::new(f64::NEG_INFINITY),
        }
    }

    fn delay_ms(&self) -> f64 {
        self.delay.as_millis() as f64
    }

    /// Replaces any pending action with `action`, to run once calls pause (or at once, see
    /// [`Debounce::new`]).
    pub fn call(&self, action: impl FnOnce() + 'static) {
        let now = js_sys::Date::now();
        let quiet = now - self.last_call.get_value() >= self.delay_ms();
        self.last_call.set_value(now);
        if self.leading && quiet {
            self.cancel();
            action();
            return;
        }
        self.action.set_value(Some(Box::new(action)));
        self.deadline.set_value(now + self.delay_ms());
        if !self.armed.get_value() {
            self.arm(self.delay);
        }
    }

    fn arm(&self, after: Duration) {
        let this = *self;
        self.armed.set_value(true);
        set_timeout(move || this.fire(), after);
    }

    /// The timer fired: run the action if it is due, else wait for the rest.
    fn fire(&self) {
        // The owner may be gone (the page is being torn down): then nothing is left to run.
        if self.armed.try_set_value(false).is_some() {
            return;
        }
        if !self.action.try_with_value(Option::is_some).unwrap_or(false) {
            return;
        }
        let left = self.deadline.get_value() - js_sys::Date::now();
        if left > 0.0 {
            self.arm(Duration::from_millis(left.ceil() as u64));
        } else {
            self.flush();
        }
    }

    /// Runs the pending action now, if there is one (an armed timer then finds nothing to do).
    pub fn flush(&self) {
        let action = self.action.try_update_value(Option::take).flatten();
        if let Some(action) = action {
            action();
        }
    }

    /// Drops the pending action, if there is one.
    pub fn cancel(&self) {
        let _ = self.action.try_update_value(Option::take);
    }

    /// Whether an action is waiting.
    pub fn pending(&self) -> bool {
        self.action.try_with_value(Option::is_some).unwrap_or(false)
    }
}
