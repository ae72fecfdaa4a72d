//! What does grow with the sequence: multiply-adds, activation memory, and the bytes of the weights.

use crate::components::SizeControl;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::Batch;
use rnn_params_model::cost::{
    cost, elementwise_factor, format_bytes, grouped128, growth_sentence, si, torchinfo_difference, weight_bytes,
    Amounts, Cost, Precision,
};
use rnn_params_model::state::Control;

/// One row of the multiply-adds table: per step, per sequence (× T) and per batch (× T × B).
fn amount_cells(cost: Memo<Option<Cost>>, of: fn(&Cost) -> Amounts) -> impl IntoView {
    let cell = move |pick: fn(&Amounts) -> u128| {
        move || cost.with(|c| c.as_ref().map(|c| grouped128(pick(&of(c)))).unwrap_or_default())
    };
    view! {
        <td class="num">{cell(|a| a.per_step)}</td>
        <td class="num">{cell(|a| a.per_sequence)}</td>
        <td class="num">{cell(|a| a.per_batch)}</td>
    }
}

/// The cost panel: the sentence that contrasts parameters (the same whatever T) with
/// multiply-adds (linear in T), a batch-size control, the multiply-adds of the matrix products and
/// the element-wise operations per step, sequence and batch, torchinfo's "Total mult-adds" beside
/// the plain count for PyTorch, the weights' bytes at each precision, and the activation memory of
/// one forward pass kept for training. Every number comes from `rnn_params_model::cost`. Hooks:
/// `data-testid="mult-adds"` (`data-value`: multiply-adds for the current T and B, in torchinfo's
/// convention for PyTorch) and `data-testid="weight-bytes"` (`data-value`: bytes at float32).
#[component]
pub fn CostPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let batch = Memo::new(move |_| store.view.with(|v| v.batch));
    let cost = Memo::new(move |_| {
        let (steps, batch) = (store.steps.get(), batch.get());
        store.breakdown.with(|b| b.as_ref().ok().and_then(|b| cost(b, steps, batch).ok()))
    });
    let text = move |f: fn(&Cost) -> String| move || cost.with(|c| c.as_ref().map(f).unwrap_or_default());
    // torchinfo's convention where it applies (PyTorch), else the plain count of the products.
    let reported = move |c: &Cost| c.torchinfo_mult_adds.unwrap_or(c.multiply_adds.per_batch);
    let torchinfo = Memo::new(move |_| cost.with(|c| c.as_ref().and_then(|c| c.torchinfo_mult_adds)));
    let bytes = move |precision: Precision| {
        move || cost.with(|c| c.as_ref().map(|c| format_bytes(weight_bytes(c.params, precision))).unwrap_or_default())
    };
    let t = move || grouped128(u128::from(store.steps.get().get()));
    let b = move || grouped128(u128::from(batch.get().get()));
    view! {
        <div class="cost">
            <p class="cost-sentence" data-testid="growth-sentence">{text(growth_sentence)}</p>
            <SizeControl
                id="batch"
                label="Batch size B"
                noun="sequences"
                hint="Sequences processed together. Like T, it multiplies the work, never the parameters."
                min=u64::from(Batch::MIN)
                max=u64::from(Batch::MAX)
                value=Signal::derive(move || u64::from(batch.get().get()))
                on_change=Callback::new(move |v: u64| {
                    let batch = Batch::new(v).map_err(|_| "Out of range.".to_owned())?;
                    store.set_batch(batch);
                    Ok(())
                })
                locked=Signal::derive(move || store.view.with(|v| v.locks(Control::Batch)))
            />
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table of the work per step, sequence and batch">
                <table class="cost-table">
                    <thead>
                        <tr>
                            <th scope="col">"Work"</th>
                            <th scope="col" class="num">"per time step"</th>
                            <th scope="col" class="num">{move || format!("per sequence (× T = {})", t())}</th>
                            <th scope="col" class="num">{move || format!("per batch (× B = {})", b())}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr>
                            <th scope="row">"multiply-adds of W·x, U·h (and the projection)"</th>
                            {amount_cells(cost, |c| c.multiply_adds)}
                        </tr>
                        <tr>
                            <th scope="row">"element-wise operations (activations, gate products, sums, bias adds)"</th>
                            {amount_cells(cost, |c| c.elementwise)}
                        </tr>
                    </tbody>
                </table>
            </div>
            <p class="note">
                "Each gate block multiplies W (n × input) by x(t) and U (n × h) by h(t−1): n·(input + h) multiply-adds per step, as many as its weights without the biases. "
                {move || {
                    let (cell, biases) = store.config.with(|c| (c.cell, c.biases_per_gate()));
                    format!(
                        "The element-wise work of a {} is counted as {}·n per step and direction: one operation per activation, gate product, sum and bias add.",
                        cell.label(),
                        elementwise_factor(cell, biases)
                    )
                }}
            </p>
            <p
                data-testid="mult-adds"
                data-value=move || cost.with(|c| c.as_ref().map(|c| reported(c).to_string()).unwrap_or_default())
            >
                <strong>{move || cost.with(|c| c.as_ref().map(|c| si(c.multiply_adds.per_batch)).unwrap_or_default())}</strong>
                {move || format!(" multiply-adds for T = {} and B = {}.", t(), b())}
                <Show when=move || torchinfo.with(Option::is_some)>
                    " torchinfo reports "
                    <strong>{move || torchinfo.get().map(si).unwrap_or_default()}</strong>
                    " as “Total mult-adds”: "
                    {text(|c| torchinfo_difference(c).unwrap_or_default())}
                </Show>
            </p>
            <h3>"Memory"</h3>
            <ul class="cost-bytes">
                <li data-testid="weight-bytes" data-value=move || cost.with(|c| c.as_ref().map(|c| weight_bytes(c.params, Precision::Float32).to_string()).unwrap_or_default())>
                    "Weights at float32 (4 bytes each): " <strong>{bytes(Precision::Float32)}</strong>
                </li>
                <li>"at bfloat16 or float16 (2 bytes): " <strong>{bytes(Precision::BFloat16)}</strong></li>
                <li>"at int8 (1 byte): " <strong>{bytes(Precision::Int8)}</strong></li>
                <li>
                    "Activations one forward pass keeps for training, at float32: about "
                    <strong>{text(|c| format_bytes(c.activation_bytes))}</strong>
                    {text(|c| format!(
                        " ({} values per time step and sequence — each step's gate outputs and states — × T × B; an estimate: frameworks differ in what they keep).",
                        grouped128(c.stored_per_step)
                    ))}
                </li>
            </ul>
            <p class="note">"Kilobytes, megabytes and gigabytes are powers of 1,000, as torchinfo's “Params size (MB)” is."</p>
        </div>
    }
}
