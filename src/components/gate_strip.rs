//! The gate blocks stacked inside one weight tensor, as a labelled strip.

use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::{Gate, Tensor};

/// One segment per gate, in the order the framework stacks them along the tensor's gate axis
/// (Keras: columns of `kernel`; PyTorch: rows of `weight_ih_l0`). Each segment names its gate and
/// index range, takes the gate's colour, and lights up when that gate is highlighted anywhere on
/// the page (through the root's `data-highlight`, see `App`). Hovering a segment highlights its gate (keyboard users reach
/// the same link through the focusable diagram blocks and arithmetic terms, which keeps the Tab
/// order short however many tensors there are).
///
/// ```ignore
/// view! { <GateStrip tensor=tensor_memo /> }
/// ```
#[component]
pub fn GateStrip(
    /// The tensor whose gate layout is drawn; nothing is drawn for a tensor without gates
    /// (`weight_hr`) or for none.
    tensor: Memo<Option<Tensor>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    // The segments exist per gate (a cell switch adds or removes them); their ranges follow the
    // tensor's numbers.
    let gates = Memo::new(move |_| {
        tensor.with(|t| t.as_ref().filter(|t| t.gate_axis.is_some()).map(|t| t.gate_order.to_vec()).unwrap_or_default())
    });
    let segment = move |gate: Gate| {
        let slice = Memo::new(move |_| {
            tensor.with(|t| {
                t.as_ref().and_then(|t| {
                    let (axis, start, end) = t.gate_slice(gate)?;
                    let text = t.gate_slice_text(gate)?;
                    Some((format!("{axis}:{start}:{end}"), format!("{}: {} of {}", gate.name(), text, t.name), text))
                })
            })
        });
        let part = move |f: fn(&(String, String, String)) -> &String| {
            move || slice.with(|s| s.as_ref().map(|s| f(s).clone()).unwrap_or_default())
        };
        view! {
            <span
                class=format!("gate-seg gate-{}", gate.key())
                data-gate=gate.key()
                data-slice=part(|s| &s.0)
                title=part(|s| &s.1)
                on:mouseenter=move |_| store.pointed.set(Some(gate))
                on:mouseleave=move |_| store.pointed.set(None)
            >
                <span class="gate-letter">{gate.key()}</span>
                <span class="gate-range">{part(|s| &s.2)}</span>
            </span>
        }
    };
    view! {
        <span class="gate-strip">
            <For each=move || gates.get() key=|g| *g children=segment />
        </span>
    }
}
