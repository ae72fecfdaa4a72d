//! A panel from the second WebAssembly module, with its loading and failure states.

use crate::deferred::{Load, Loader, Panel};
use leptos::prelude::*;

/// Shows `panel` once the second module is in. Before, one short line says it is loading, in a box
/// that keeps the panel's usual height (`style/main.css`, `.deferred[data-panel=…]`), so nothing
/// below it moves much when it arrives; if the module could not be fetched the line says so and the
/// rest of the page keeps working. The view is built once, when the module arrives. The line is
/// not a live region: nine panels announcing their loading at once would drown the total.
#[component]
pub fn DeferredPanel(
    /// Which panel to show.
    panel: Panel,
) -> impl IntoView {
    let loader = expect_context::<Loader>();
    let state = Memo::new(move |_| loader.state());
    let text = move || match state.get() {
        Load::Failed => format!(
            "This part of the page, {}, could not be loaded: its file was not fetched (offline, or a blocked \
                 request). The count, its arithmetic and the controls still work; reload the page to try again.",
            panel.label()
        ),
        _ => format!("Loading {}…", panel.label()),
    };
    let waiting = move || {
        view! {
            <div
                class="deferred"
                class:failed=move || state.get() == Load::Failed
                data-panel=panel_key(panel)
            >
                <p>{text}</p>
            </div>
        }
    };
    view! {
        <Show when=move || loader.released(panel) fallback=waiting>
            {move || loader.build(panel)}
        </Show>
    }
}

/// The panel's key in `data-panel` (styles and tests name it).
fn panel_key(panel: Panel) -> &'static str {
    match panel {
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
