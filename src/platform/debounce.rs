//! The one debounce helper: run an action once calls have paused, optionally at once after a quiet
//! moment. Used for the address write, the polite announcement of the total and the share panel's
//! measuring frame.

use leptos::prelude::*;
use std::time::Duration;

/// Runs the last action given to [`Debounce::call`] once `delay` has passed without another call.
/// With `leading`, a call that comes after at least `delay` of quiet runs at once instead (a click
/// is acted on immediately, a drag once it stops). [`Debounce::flush`] runs a pending action now.
///
/// It is `Copy` (its parts live in the reactive arena), so closures can share it.
///
/// ```ignore
/// let write = Debounce::new(Duration::from_millis(250), true);
/// Effect::new(move |_| {
///     let query = store.state().to_query();
///     write.call(move || { let _ = url::replace_query(&query, false); });
/// });
/// ```
#[derive(Clone, Copy)]
pub struct Debounce {
    delay: Duration,
    leading: bool,
    timer: StoredValue<Option<TimeoutHandle>>,
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
            timer: StoredValue::new(None),
            action: StoredValue::new_local(None),
            last_call: StoredValue::new(f64::NEG_INFINITY),
        }
    }

    /// Replaces any pending action with `action`, to run once calls pause (or at once, see
    /// [`Debounce::new`]).
    pub fn call(&self, action: impl FnOnce() + 'static) {
        self.cancel();
        let now = js_sys::Date::now();
        let quiet = now - self.last_call.get_value() >= self.delay.as_millis() as f64;
        self.last_call.set_value(now);
        if self.leading && quiet {
            action();
            return;
        }
        self.action.set_value(Some(Box::new(action)));
        let this = *self;
        self.timer.set_value(set_timeout_with_handle(move || this.flush(), self.delay).ok());
    }

    /// Runs the pending action now, if there is one.
    pub fn flush(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        let action = self.action.try_update_value(Option::take).flatten();
        if let Some(action) = action {
            action();
        }
    }

    /// Drops the pending action, if there is one.
    pub fn cancel(&self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        let _ = self.action.try_update_value(Option::take);
    }
}
