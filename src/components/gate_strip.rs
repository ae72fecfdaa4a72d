//! The gate blocks stacked inside one weight tensor, as a labelled strip.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::Tensor;

/// One segment per gate, in the order the framework stacks them along the tensor's gate axis
/// (Keras: columns of `kernel`; PyTorch: rows of `weight_ih_l0`). Each segment names its gate and
/// index range, takes the gate's colour, and lights up when that gate is highlighted anywhere on
/// the page (through the root's `data-highlight`, see `App`). Hovering a segment highlights its gate (keyboard users reach
/// the same link through the focusable diagram blocks and arithmetic terms, which keeps the Tab
/// order short however many tensors there are).
///
/// ```ignore
/// view! { <GateStrip tensor=tensor.clone() /> }
/// ```
#[component]
pub fn GateStrip(
    /// The tensor whose gate layout is drawn; nothing is drawn for a tensor without gates
    /// (`weight_hr`).
    tensor: Tensor,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let segments = tensor
        .gate_order
        .iter()
        .filter_map(|&gate| {
            let (axis, start, end) = tensor.gate_slice(gate)?;
            let slice = tensor.gate_slice_text(gate)?;
            let label = format!("{}: {} of {}", gate.name(), slice, tensor.name);
            Some(view! {
                <span
                    class=format!("gate-seg gate-{}", gate.key())
                    data-gate=gate.key()
                    data-slice=format!("{axis}:{start}:{end}")
                    title=label
                    on:mouseenter=move |_| store.pointed.set(Some(gate))
                    on:mouseleave=move |_| store.pointed.set(None)
                >
                    <span class="gate-letter">{gate.key()}</span>
                    <span class="gate-range">{slice}</span>
                </span>
            })
        })
        .collect_view();
    view! { <span class="gate-strip">{segments}</span> }
}
