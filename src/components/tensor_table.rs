//! Every weight tensor the framework creates, in its order, with names and shapes.
//!
//! Built once: one `<tbody>` per layer (keyed by layer) and one row per tensor (keyed by layer,
//! direction and name) through keyed `<For>`s; each row reads its tensor through a memo, so a size
//! change rewrites only the texts and attributes that changed. Rows are added or removed only when
//! the set of tensors changes (bias on or off, a framework switch, layers, directions).

use crate::components::GateStrip;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::network::{Kind, Weight};
use rnn_params_model::{Direction, Framework, Tensor};

/// Which tensor a row shows: its layer, direction and framework name.
type RowKey = (u8, Direction, String);

fn direction_tag(bidirectional: bool, direction: Direction) -> &'static str {
    match (bidirectional, direction) {
        (false, _) => "",
        (true, Direction::Forward) => "forward",
        (true, Direction::Backward) => "backward",
    }
}

/// One tensor's row. Its name and place are its key; everything else follows the tensor's memo.
#[component]
fn TensorRow(
    /// The layer, direction and name of the tensor shown.
    row: RowKey,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let (layer, direction, name) = row;
    let (lookup, data_name) = (name.clone(), name.clone());
    let tensor = Memo::new(move |_| {
        store.breakdown.with(|b| {
            b.as_ref().ok().and_then(|b| {
                b.layers
                    .get(usize::from(layer))?
                    .directions
                    .iter()
                    .find(|d| d.direction == direction)?
                    .tensors
                    .iter()
                    .find(|t| t.name == lookup)
                    .cloned()
            })
        })
    });
    let field = move |f: fn(&Tensor) -> String| move || tensor.with(|t| t.as_ref().map(f).unwrap_or_default());
    // Keras's full weight path beside its short name (the other families name tensors by path).
    let keras = Memo::new(move |_| {
        store.config.with(|c| {
            use rnn_params_model::kind::Kind;
            c.framework == Framework::Keras && matches!(c.kind, Kind::Layer | Kind::ConvLstm(_) | Kind::CuDnn)
        })
    });
    let tag = Memo::new(move |_| store.config.with(|c| direction_tag(c.bidirectional, direction)));
    let holds = move || tensor.with(|t| t.as_ref().map(|t| t.holds.label()).unwrap_or_default());
    let role_key = move || tensor.with(|t| t.as_ref().map(|t| t.role.key()).unwrap_or_default());
    view! {
        <tr
            class="tensor-row"
            data-name=data_name
            data-shape=field(Tensor::shape_key)
            data-count=field(|t| t.count.to_string())
            data-layer=layer.to_string()
            data-direction=direction.label()
            data-role=role_key
        >
            <th scope="row">
                <code class="tensor-name">{name}</code>
                <Show when=move || !tag.get().is_empty()>
                    <span class="direction-tag">{move || tag.get()}</span>
                </Show>
                <Show when=move || keras.get()>
                    <span class="tensor-path">{field(|t| t.path.clone())}</span>
                </Show>
            </th>
            <td><code>{field(Tensor::shape_text)}</code></td>
            <td class="num">{field(|t| grouped(t.count))}</td>
            <td>
                <span class=move || format!("role role-{}", role_key())>{holds}</span>
                <GateStrip tensor=tensor />
            </td>
        </tr>
    }
}

/// One layer's rows under a heading with what the layer sees and counts.
#[component]
fn LayerBody(
    /// The 0-based layer.
    layer: u8,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let k = usize::from(layer);
    let summary = Memo::new(move |_| {
        store.breakdown.with(|b| b.as_ref().ok().and_then(|b| b.layers.get(k)).map(|l| (l.input_size, l.params)))
    });
    let rows = Memo::new(move |_| {
        store.breakdown.with(|b| {
            b.as_ref()
                .ok()
                .and_then(|b| b.layers.get(k))
                .map(|l| {
                    l.directions
                        .iter()
                        .flat_map(|d| d.tensors.iter().map(|t| (layer, d.direction, t.name.clone())))
                        .collect::<Vec<RowKey>>()
                })
                .unwrap_or_default()
        })
    });
    let heading = move || {
        summary.get().map(|(input, params)| {
            format!("Layer {} · sees {} input features · {} parameters", k + 1, grouped(input), grouped(params))
        })
    };
    view! {
        <tbody
            data-layer=k.to_string()
            data-input-size=move || summary.get().map(|s| s.0.to_string())
            data-params=move || summary.get().map(|s| s.1.to_string())
        >
            <tr class="layer-row">
                <th colspan="4" scope="rowgroup">{heading}</th>
            </tr>
            <For each=move || rows.get() key=|row| row.clone() let:row>
                <TensorRow row />
            </For>
        </tbody>
    }
}

/// The weights of the layers around the stack (`kind`: the Embedding before it, or the Dense
/// layers after it), by their framework names; keyed rows.
#[component]
fn AroundBody(kind: Kind) -> impl IntoView {
    let store = expect_context::<Store>();
    let rows = Memo::new(move |_| {
        store.network.with(|n| {
            n.as_ref()
                .map(|n| {
                    n.layers
                        .iter()
                        .filter(|l| l.kind == kind)
                        .flat_map(|l| l.weights.iter().map(|w| (l.name.clone(), w.clone())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Keyed by path: Keras names every Dense's weights `kernel` and `bias`; the paths differ.
    let paths = Memo::new(move |_| rows.with(|r| r.iter().map(|(_, w)| w.path.clone()).collect::<Vec<_>>()));
    let heading = match kind {
        Kind::Embedding => "Before the stack: the Embedding",
        _ => "After the stack: the Dense layers",
    };
    view! {
        <Show when=move || paths.with(|n| !n.is_empty())>
            <tbody data-layer=kind.key()>
                <tr class="layer-row">
                    <th colspan="4" scope="rowgroup">{heading}</th>
                </tr>
                <For each=move || paths.get() key=|n| n.clone() let:path>
                    {
                        let lookup = path.clone();
                        let w = Memo::new(move |_| rows.with(|r| r.iter().find(|(_, w)| w.path == lookup).cloned()));
                        let name = w.with_untracked(|w| w.as_ref().map(|(_, w)| w.name.clone()).unwrap_or_default());
                        let text = move |f: fn(&(String, Weight)) -> String| move || w.with(|w| w.as_ref().map(f).unwrap_or_default());
                        view! {
                            <tr
                                class="tensor-row"
                                data-name=name.clone()
                                data-layer=kind.key()
                                data-shape=text(|(_, w)| w.shape.iter().map(u64::to_string).collect::<Vec<_>>().join(","))
                                data-count=text(|(_, w)| w.count.to_string())
                            >
                                <th scope="row">
                                    <code class="tensor-name">{name.clone()}</code>
                                    <span class="tensor-path">{text(|(_, w)| w.path.clone())}</span>
                                </th>
                                <td><code>{text(|(_, w)| format!("({})", w.shape.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")))}</code></td>
                                <td class="num">{text(|(_, w)| grouped(w.count))}</td>
                                <td>{text(|(l, w)| if w.trainable { l.clone() } else { format!("{l} (frozen)") })}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </Show>
    }
}

/// The tensor table. Each row carries `data-name`, `data-shape` (comma-separated), `data-count`,
/// `data-layer` and `data-direction`; each layer's `tbody` carries `data-input-size` and
/// `data-params`. Hooks: `data-testid="tensors"`, `"tensors-total"`.
#[component]
pub fn TensorTable() -> impl IntoView {
    let store = expect_context::<Store>();
    let framework = Memo::new(move |_| store.config.with(|c| c.framework));
    let layers = Memo::new(move |_| store.breakdown.with(|b| b.as_ref().map(|b| b.layers.len() as u8).unwrap_or(0)));
    let total = move || store.network.with(|n| n.as_ref().map(|n| grouped(n.total)).unwrap_or_default());
    let order = move || match framework.get() {
        Framework::Keras => "Keras stores kernels as (input, gates × units): gates are columns.",
        Framework::PyTorch => "PyTorch stores weights as (gates × hidden, input): gates are rows.",
    };
    view! {
        <div class="tensor-table">
            <p class="note">{order}</p>
            // Only where the table is wider than the screen (the stylesheet decides).
            <p class="note scroll-hint">"The table scrolls sideways for the shapes and what each tensor holds; the counts stay in sight on the right."</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Table of weight tensors">
                <table class="tensors" data-testid="tensors">
                    <caption class="visually-hidden">
                        {move || format!("{} weight tensors in creation order, with shapes and counts", framework.get())}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">"Tensor"</th>
                            <th scope="col">"Shape"</th>
                            <th scope="col" class="num">"Parameters"</th>
                            <th scope="col">"Holds"</th>
                        </tr>
                    </thead>
                    <AroundBody kind=Kind::Embedding />
                    <For each=move || 0..layers.get() key=|k| *k let:layer>
                        <LayerBody layer />
                    </For>
                    <AroundBody kind=Kind::Dense />
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">"Total"</th>
                            <td class="num" data-testid="tensors-total">{total}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        </div>
    }
}
