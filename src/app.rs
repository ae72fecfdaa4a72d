//! The page: reads the URL once, provides the [`Store`], keeps the URL in step, lays out sections.

use crate::components::{
    ArithmeticPanel, CodePanel, ComparisonLine, Controls, GateDiagram, Messages, ScalingPlot, TensorTable, TotalDisplay, UnrolledSteps,
};
use crate::platform::{theme, url};
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::state::parse_query;

/// The whole widget.
#[component]
pub fn App() -> impl IntoView {
    let (state, notices) = parse_query(&url::read_query());
    let store = Store::new(state, notices);
    provide_context(store);

    // The address bar always holds the canonical query of what is shown, so a copied link
    // reproduces it. `replace_state` keeps the history clean.
    Effect::new(move |_| {
        let query = store.state.with(|s| s.to_query());
        url::replace_query(&query);
    });

    // The theme from the URL (auto, light, dark) on the root element.
    Effect::new(move |_| theme::apply(store.state.with(|s| s.view.theme)));

    view! {
        <header class="page-header">
            <h1>"How many parameters does this recurrent layer have?"</h1>
            <p class="lede">
                "Pick a cell and its sizes; the count, and the arithmetic behind it, follow live."
            </p>
        </header>
        <main class="layout">
            <Messages />
            <section class="panel controls-panel" aria-labelledby="controls-title">
                <h2 id="controls-title">"Layer"</h2>
                <Controls />
            </section>
            <section class="panel result-panel" aria-labelledby="result-title">
                <h2 id="result-title" class="visually-hidden">"Parameter count"</h2>
                <TotalDisplay />
                <ComparisonLine />
                <ArithmeticPanel />
                <CodePanel />
            </section>
            <section class="panel wide" aria-labelledby="diagram-heading">
                <h2 id="diagram-heading">"Inside the cell"</h2>
                <p class="note">
                    "Each block is a small dense layer over [h(t−1), x(t)] with its own weights and bias. Hover, tap or Tab to a block to find its term and its slice of the tensors."
                </p>
                <GateDiagram />
                <UnrolledSteps />
            </section>
            <section class="panel wide" aria-labelledby="tensors-title">
                <h2 id="tensors-title">"Weight tensors"</h2>
                <TensorTable />
            </section>
            <section class="panel wide" aria-labelledby="plot-title">
                <h2 id="plot-title">"How the count scales"</h2>
                <ScalingPlot />
            </section>
        </main>
    }
}
