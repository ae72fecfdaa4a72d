//! Every weight tensor the framework creates, in its order, with names and shapes.

use crate::components::GateStrip;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::format::grouped;
use rnn_params_model::{Breakdown, Direction, Framework, Role, Tensor};

fn role_text(t: &Tensor) -> &'static str {
    match t.role {
        Role::InputWeights => "input weights W",
        Role::RecurrentWeights => "recurrent weights U",
        Role::Bias if t.shape.len() == 2 => "biases (row 0 input, row 1 recurrent)",
        Role::Bias if t.name.starts_with("bias_hh") => "recurrent biases b_hh",
        Role::Bias if t.name.starts_with("bias_ih") => "input biases b_ih",
        Role::Bias => "biases b",
        Role::Projection => "projection (h → p)",
    }
}

fn row(t: Tensor, framework: Framework, bidirectional: bool) -> impl IntoView {
    let direction = match (bidirectional, t.direction) {
        (false, _) => "",
        (true, Direction::Forward) => "forward",
        (true, Direction::Backward) => "backward",
    };
    let path = (framework == Framework::Keras).then(|| t.path.clone());
    let (name, shape_key, count, layer) = (t.name.clone(), t.shape_key(), t.count.to_string(), t.layer.to_string());
    let (shape_text, count_text, role_key, holds) = (t.shape_text(), grouped(t.count), t.role.key(), role_text(&t));
    let direction_key = t.direction.label();
    view! {
        <tr
            class="tensor-row"
            data-name=t.name.clone()
            data-shape=shape_key
            data-count=count
            data-layer=layer
            data-direction=direction_key
            data-role=role_key
        >
            <th scope="row">
                <code class="tensor-name">{name}</code>
                {(!direction.is_empty()).then(|| view! { <span class="direction-tag">{direction}</span> })}
                {path.map(|p| view! { <span class="tensor-path">{p}</span> })}
            </th>
            <td><code>{shape_text}</code></td>
            <td class="num">{count_text}</td>
            <td>
                <span class=format!("role role-{role_key}")>{holds}</span>
                <GateStrip tensor=t.clone() />
            </td>
        </tr>
    }
}

fn layer_body(b: &Breakdown, k: usize) -> impl IntoView {
    let layer = &b.layers[k];
    let framework = b.config.framework;
    let bidirectional = b.config.bidirectional;
    let heading = format!(
        "Layer {} · sees {} input features · {} parameters",
        k + 1,
        grouped(layer.input_size),
        grouped(layer.params)
    );
    let rows = layer
        .directions
        .iter()
        .flat_map(|d| d.tensors.iter().cloned())
        .map(|t| row(t, framework, bidirectional))
        .collect_view();
    view! {
        <tbody data-layer=k.to_string() data-input-size=layer.input_size.to_string() data-params=layer.params.to_string()>
            <tr class="layer-row">
                <th colspan="4" scope="rowgroup">{heading}</th>
            </tr>
            {rows}
        </tbody>
    }
}

/// The tensor table. Each row carries `data-name`, `data-shape` (comma-separated), `data-count`,
/// `data-layer` and `data-direction`; each layer's `tbody` carries `data-input-size` and
/// `data-params`.
#[component]
pub fn TensorTable() -> impl IntoView {
    let store = expect_context::<Store>();
    let body = move || {
        store.breakdown.with(|b| {
            b.as_ref().ok().map(|b| {
                let bodies = (0..b.layers.len()).map(|k| layer_body(b, k)).collect_view();
                let framework = b.config.framework;
                let order = match framework {
                    Framework::Keras => "Keras stores kernels as (input, gates × units): gates are columns.",
                    Framework::PyTorch => "PyTorch stores weights as (gates × hidden, input): gates are rows.",
                };
                view! {
                    <p class="note">{order}</p>
                    // Only where the table is wider than the screen (the stylesheet decides).
                    <p class="note scroll-hint">"The table scrolls sideways: the parameter counts are to the right →"</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Table of weight tensors">
                        <table class="tensors" data-testid="tensors">
                            <caption class="visually-hidden">
                                {format!("{framework} weight tensors in creation order, with shapes and counts")}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Tensor"</th>
                                    <th scope="col">"Shape"</th>
                                    <th scope="col" class="num">"Parameters"</th>
                                    <th scope="col">"Holds"</th>
                                </tr>
                            </thead>
                            {bodies}
                            <tfoot>
                                <tr>
                                    <th scope="row" colspan="2">"Total"</th>
                                    <td class="num" data-testid="tensors-total">{grouped(b.total)}</td>
                                    <td></td>
                                </tr>
                            </tfoot>
                        </table>
                    </div>
                }
            })
        })
    };
    view! { <div class="tensor-table">{body}</div> }
}
