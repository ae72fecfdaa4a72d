//! The whole model's summary, as the framework prints it: Keras `model.summary()` ("Layer (type)",
//! "Output Shape" with `None` for the batch, "Param #", "Total params") or torchinfo's table; each
//! row with its arithmetic (Embedding V × d, Dense in × k + k with in = D·n after a bidirectional
//! layer), then the whole model in the other framework and what changes no count.
//!
//! Built once: rows are a keyed `<For>` (by layer name), each reading its numbers through a memo.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::network::{compare_line, notes, Kind, Summary};

/// What one row shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct RowView {
    kind: &'static str,
    label: String,
    output: String,
    params: u64,
    working: String,
    formula: String,
    note: Option<String>,
}

/// One summary row, anchored (`id="summary-{name}"`) so that its arithmetic can be linked.
#[component]
fn SummaryRow(
    /// The layer's index in the network.
    index: usize,
    /// The layer's framework name (the row's key and anchor).
    name: String,
    /// The table's summary (one memo for all rows).
    summary: Memo<Option<Summary>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let row = Memo::new(move |_| {
        let net = store.network.with(|n| {
            n.as_ref()
                .ok()
                .and_then(|n| n.layers.get(index))
                .map(|l| (l.kind, l.params, l.working.clone(), l.formula.clone(), l.input_note.clone()))
        });
        let shown =
            summary.with(|s| s.as_ref().and_then(|s| s.rows.get(index)).map(|r| (r.label.clone(), r.output.clone())));
        match (net, shown) {
            (Some((kind, params, working, formula, note)), Some((label, output))) => {
                RowView { kind: kind.key(), label, output, params, working, formula, note }
            }
            _ => RowView::default(),
        }
    });
    let is_recurrent = Memo::new(move |_| row.with(|r| r.kind == Kind::Recurrent.key()));
    let anchor = format!("summary-{name}");
    view! {
        <tr
            id=anchor
            class="summary-row"
            data-layer=move || row.with(|r| r.kind)
            data-count=move || row.with(|r| r.params.to_string())
            data-name=name
        >
            <th scope="row"><code>{move || row.with(|r| r.label.clone())}</code></th>
            <td><code>{move || row.with(|r| r.output.clone())}</code></td>
            <td class="num">{move || row.with(|r| grouped(r.params))}</td>
            <td class="summary-arith">
                <Show
                    when=move || is_recurrent.get()
                    fallback=move || {
                        view! {
                            <span class="formula">{move || row.with(|r| r.formula.clone())}</span>
                            " = "
                            <span class="working" data-testid="summary-working">{move || row.with(|r| r.working.clone())}</span>
                            <Show when=move || row.with(|r| r.note.is_some())>
                                <span class="hint">{move || row.with(|r| r.note.clone().unwrap_or_default())}</span>
                            </Show>
                        }
                    }
                >
                    <a href="#explain-title">"the layer's arithmetic"</a>
                </Show>
            </td>
        </tr>
    }
}

/// The summary table. Hooks: `data-testid="summary"` on the table, `data-layer` (`embedding`,
/// `recurrent`, `dense`) and `data-count` on each row, `data-testid="summary-total"` (with
/// `data-value`) on the total, `"summary-comparison"` on the other framework's line.
#[component]
pub fn SummaryTable() -> impl IntoView {
    let store = expect_context::<Store>();
    let summary = store.summary();
    let keys = Memo::new(move |_| {
        store.network.with(|n| {
            n.as_ref()
                .map(|n| n.layers.iter().enumerate().map(|(i, l)| (i, l.name.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let header = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| s.first_header).unwrap_or("Layer")));
    let model_row = Memo::new(move |_| summary.with(|s| s.as_ref().and_then(|s| s.model_row.clone())));
    let totals = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| (s.total, s.trainable, s.non_trainable))));
    let total = move || totals.get().map(|t| t.0);
    let comparison =
        Memo::new(move |_| store.config.with(|c| store.around.with(|a| compare_line(c, a).ok().flatten())));
    let notes = Memo::new(move |_| store.config.with(|c| store.around.with(|a| notes(a, c.framework))));
    let caption = move || {
        store.config.with(|c| match c.framework {
            rnn_params_model::Framework::Keras => "As Keras model.summary() prints it",
            rnn_params_model::Framework::PyTorch => "As torchinfo summary() prints it",
        })
    };
    view! {
        <div class="summary-table">
            <div class="table-scroll" tabindex="0" role="region" aria-label="Model summary">
                <table class="summary" data-testid="summary">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || header.get()}</th>
                            <th scope="col">"Output Shape"</th>
                            <th scope="col" class="num">"Param #"</th>
                            <th scope="col">"Arithmetic"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <Show when=move || model_row.with(Option::is_some)>
                            <tr class="summary-model">
                                <th scope="row"><code>{move || model_row.get().map(|m| m.0).unwrap_or_default()}</code></th>
                                <td><code>{move || model_row.get().map(|m| m.1).unwrap_or_default()}</code></td>
                                <td class="num">"--"</td>
                                <td></td>
                            </tr>
                        </Show>
                        <For each=move || keys.get() key=|k| k.clone() let:k>
                            <SummaryRow index=k.0 name=k.1 summary />
                        </For>
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">"Total params"</th>
                            <td
                                class="num"
                                data-testid="summary-total"
                                data-value=move || total().map(|t| t.to_string()).unwrap_or_default()
                            >
                                {move || total().map(grouped).unwrap_or_default()}
                            </td>
                            <td></td>
                        </tr>
                        <tr>
                            <th scope="row" colspan="2">"Trainable params"</th>
                            <td class="num" data-testid="summary-trainable">{move || totals.get().map(|t| grouped(t.1)).unwrap_or_default()}</td>
                            <td></td>
                        </tr>
                        <tr>
                            <th scope="row" colspan="2">"Non-trainable params"</th>
                            <td class="num" data-testid="summary-non-trainable">{move || totals.get().map(|t| grouped(t.2)).unwrap_or_default()}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p
                class="comparison"
                data-testid="summary-comparison"
                data-other-value=move || comparison.get().map(|c| c.0.to_string()).unwrap_or_default()
            >
                {move || comparison.get().map(|c| c.1).unwrap_or_default()}
            </p>
            <ul class="note summary-notes">
                <For each=move || notes.get() key=|n| *n let:n>
                    <li>{n}</li>
                </For>
            </ul>
        </div>
    }
}
