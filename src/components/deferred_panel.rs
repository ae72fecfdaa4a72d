//! A panel from the second WebAssembly module, with its loading, slow and failure states.

use crate::deferred::{Load, Loader, Panel};
use crate::store::Store;
use leptos::prelude::*;

/// Shows `panel` once the second module is in. Before, a box that keeps about the room the panel
/// will take for the current layer (`style/main.css`, `.deferred[data-panel=…]`, scaled by `--rows`,
/// the rows the panel will have), so that little moves when it arrives, with a short "Loading …" line
/// (shown after 0.4 s); after [`crate::deferred::SLOW`] it says the connection is slow. If the module
/// could not be fetched, one line says the panel did not load, with a "Try again" button (the page's
/// messages explain once why); the rest of the page keeps working. The view is built once, when the
/// module arrives. The line is not a live region (nine panels announcing their loading at once would
/// drown the total); the box is `aria-busy` while it waits. Printed, the box takes no room.
#[component]
pub fn DeferredPanel(
    /// Which panel to show.
    panel: Panel,
) -> impl IntoView {
    let loader = expect_context::<Loader>();
    let store = expect_context::<Store>();
    let state = Memo::new(move |_| loader.state());
    let rows = Memo::new(move |_| rows_of(panel, &store));
    let text = move || match state.get() {
        Load::Failed => format!("{} did not load.", capitalised(panel.label())),
        Load::Slow => format!(
            "Still loading {}: the connection is slow. The count, its arithmetic and the controls work meanwhile.",
            panel.label()
        ),
        Load::Pending | Load::Ready => format!("Loading {}…", panel.label()),
    };
    let waiting = move || {
        view! {
            <div
                class="deferred"
                class:failed=move || state.get() == Load::Failed
                class:slow=move || state.get() == Load::Slow
                data-panel=panel_key(panel)
                aria-busy=move || matches!(state.get(), Load::Pending | Load::Slow).then_some("true")
                style:--rows=move || rows.get().to_string()
            >
                <p>{text}</p>
                <button
                    type="button"
                    class="button"
                    hidden=move || state.get() != Load::Failed
                    on:click=move |_| loader.retry()
                >
                    "Try again"
                </button>
            </div>
        }
    };
    view! {
        <Show when=move || loader.released(panel) fallback=waiting>
            {move || loader.build(panel)}
        </Show>
    }
}

/// How many rows `panel` will have for the current layer, for the room its box keeps: the tensor
/// table's tensors, the summary table's layers, the lines of the family's settings, 1 or 0 for the number check
/// (a number typed or not);
/// 1 for the others (their room does not depend on the layer much).
fn rows_of(panel: Panel, store: &Store) -> usize {
    match panel {
        Panel::Tensors => {
            store.network.with(|n| n.as_ref().map(|n| n.layers.iter().map(|l| l.weights.len()).sum()).unwrap_or(1))
        }
        Panel::Summary => store.network.with(|n| n.as_ref().map(|n| n.layers.len()).unwrap_or(1)),
        Panel::GotCheck => usize::from(store.view.with(|v| v.got.is_some())),
        Panel::Family => store.config.with(crate::components::settings_lines),
        _ => 1,
    }
}

/// "the diagram" → "The diagram".
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The panel's key in `data-panel` (styles and tests name it).
fn panel_key(panel: Panel) -> &'static str {
    match panel {
        Panel::Family => "family",
        Panel::GotCheck => "got",
        Panel::Code => "code",
        Panel::Summary => "summary",
        Panel::Diagram => "diagram",
        Panel::Cost => "cost",
        Panel::Paste => "paste",
        Panel::Tensors => "tensors",
        Panel::Plot => "plot",
        Panel::Share => "share",
    }
}
