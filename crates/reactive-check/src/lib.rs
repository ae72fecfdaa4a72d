//! Native checks of the reactive behaviour the app relies on, run by `cargo test`.
//!
//! The app builds each panel once and adds or removes list items only when the shape changes
//! (a cell switch adds a gate block). Those removed items must give back their memory. In
//! reactive_graph 0.2.16 they did not: a dropped render effect or memo stayed listed in the
//! subscriber set of every long-lived signal or memo it had read, and a dropped item owner stayed
//! listed among its parent's children, each entry keeping an allocation alive (about 3 KB per cell
//! switch in the app). `vendor/reactive_graph` carries the fix; `tests/removed_views.rs` proves it
//! with a counting allocator and fails on the unpatched crate.
//!
//! This crate has no code of its own beyond [`Pool`], the single-threaded executor the tests drive.

use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use std::cell::RefCell;

thread_local! {
    static POOL: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: LocalSpawner = POOL.with(|pool| pool.borrow().spawner());
}

/// A single-threaded executor for reactive_graph's effects, run to a standstill by [`Pool::flush`]
/// (the browser's microtask queue does the same for the app).
///
/// ```
/// use rnn_params_reactive_check::Pool;
/// Pool::install();
/// Pool::flush();
/// ```
pub struct Pool;

impl Pool {
    /// Makes this thread's effects run on the pool. Call once per thread, before creating effects.
    pub fn install() {
        let _ = any_spawner::Executor::init_local_custom_executor(Pool);
    }

    /// Runs every effect that is due, until none is.
    pub fn flush() {
        POOL.with(|pool| pool.borrow_mut().run_until_stalled());
    }
}

impl any_spawner::CustomExecutor for Pool {
    fn spawn(&self, future: any_spawner::PinnedFuture<()>) {
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: any_spawner::PinnedLocalFuture<()>) {
        SPAWNER.with(|spawner| spawner.spawn_local(future).expect("the pool lives as long as the thread"));
    }

    fn poll_local(&self) {}
}
