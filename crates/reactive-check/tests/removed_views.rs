//! Removed views give back their memory: a render effect or memo dropped while subscribed to a
//! long-lived signal or memo, and an item owner dropped under a long-lived parent, leave nothing
//! behind. Measured with a counting allocator over thousands of removals; on the unpatched
//! reactive_graph 0.2.16 the live bytes grow by about 150 bytes per removed effect.

use reactive_graph::computed::Memo;
use reactive_graph::effect::RenderEffect;
use reactive_graph::owner::Owner;
use reactive_graph::prelude::*;
use reactive_graph::signal::RwSignal;
use rnn_params_reactive_check::Pool;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting per thread the bytes currently allocated (the tests run on
/// threads of their own, side by side).
struct Counting;

thread_local! {
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
}

fn count(bytes: isize) {
    // `try_with`: the counter is gone while a thread shuts down.
    let _ = LIVE_BYTES.try_with(|live| live.set(live.get() + bytes));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE_BYTES.with(Cell::get)
}

/// How many changes each check makes after warming up; a leak of even 8 bytes per change would
/// show as 40,000 bytes.
const CHANGES: u64 = 5_000;

/// Growth allowed over [`CHANGES`] changes: sets and lists may end at another capacity.
const SLACK: isize = 4_096;

/// Runs `change` for a warm-up, then [`CHANGES`] more times, flushing effects after each, and
/// returns how many bytes stayed allocated over the second part.
fn growth(mut change: impl FnMut(u64)) -> isize {
    for i in 0..200 {
        change(i);
        Pool::flush();
    }
    let before = live_bytes();
    for i in 200..200 + CHANGES {
        change(i);
        Pool::flush();
    }
    live_bytes() - before
}

/// A list whose item count alternates between two and three on each change, like the total's
/// digit groups (795,840 ↔ 1,065,216): an outer render effect drops the previous items' effects and
/// creates new ones, each reading a long-lived source.
fn rebuilt_items(read_memo: bool) -> isize {
    Pool::install();
    let root = Owner::new();
    root.set();
    let source = RwSignal::new(0u64);
    let doubled = Memo::new(move |_| source.get() * 2);
    let item_count = Memo::new(move |_| 2 + (source.get() % 2) as usize);
    let _list = RenderEffect::new(move |previous: Option<Vec<RenderEffect<u64>>>| {
        drop(previous);
        (0..item_count.get() as u64)
            .map(|i| RenderEffect::new(move |_| if read_memo { doubled.get() + i } else { source.get() + i }))
            .collect::<Vec<_>>()
    });
    growth(|i| source.set(i))
}

#[test]
fn items_reading_a_long_lived_memo_leave_nothing_when_removed() {
    let grown = rebuilt_items(true);
    assert!(grown <= SLACK, "{grown} bytes stayed allocated over {CHANGES} changes");
}

#[test]
fn items_reading_a_long_lived_signal_leave_nothing_when_removed() {
    let grown = rebuilt_items(false);
    assert!(grown <= SLACK, "{grown} bytes stayed allocated over {CHANGES} changes");
}

/// A keyed list's items, each with its own owner under the list's long-lived owner (as `<For>`
/// makes them): one item removed and another added on each change.
#[test]
fn item_owners_under_a_long_lived_parent_leave_nothing_when_removed() {
    Pool::install();
    let list_owner = Owner::new();
    list_owner.set();
    let source = RwSignal::new(0u64);
    let mut items: Vec<Owner> = Vec::new();
    let grown = growth(|i| {
        source.set(i);
        if items.len() == 3 {
            drop(items.remove(0));
        }
        let item = list_owner.with(Owner::new);
        item.with(|| {
            let value = Memo::new(move |_| source.get() + 1);
            value.get_untracked();
        });
        items.push(item);
    });
    assert!(grown <= SLACK, "{grown} bytes stayed allocated over {CHANGES} changes");
}
