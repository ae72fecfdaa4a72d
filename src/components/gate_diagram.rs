//! The gate diagram of the selected cell, drawn as SVG from the model's layout.

use crate::platform::media::media_query;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::diagram::{
    layout_drawing, reset_before_u, Diagram, Drawing, Extras, GateView, Layout, Orientation, Shape, WireKind,
    NODE_RADIUS,
};
use rnn_params_model::format::grouped;
use rnn_params_model::Gate;

fn points(p: &[(f32, f32)]) -> String {
    p.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ")
}

fn wire_class(kind: WireKind) -> &'static str {
    match kind {
        WireKind::Input => "wire wire-input",
        WireKind::Gate => "wire wire-gate",
        WireKind::State => "wire wire-state",
        WireKind::Feedback => "wire wire-state wire-feedback",
    }
}

/// One focusable gate block: its rectangle, name, activation, W/U/b shapes and count. Built once
/// per gate and orientation; its texts follow the gate's memo and its pressed state the pin.
#[component]
fn GateBlockView(
    /// The gate drawn.
    gate: Gate,
    /// Where: x, y, width and height in the drawing's units.
    rect: (f32, f32, f32, f32),
    /// The narrow-screen layout (blocks one above the other, lines closer together).
    tall: bool,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let diagram = expect_context::<Memo<Option<Diagram>>>();
    let (x, y, w, h) = rect;
    let key = gate.key();
    let cx = x + w / 2.0;
    // Line positions inside the block.
    let (l1, l2, l3, l4, l5) = if tall { (18.0, 37.0, 53.0, 69.0, 90.0) } else { (22.0, 46.0, 64.0, 82.0, 108.0) };
    let view_of =
        Memo::new(move |_| diagram.with(|d| d.as_ref().and_then(|d| d.gates.iter().find(|g| g.gate == gate)).cloned()));
    let text = move |f: fn(&GateView) -> String| move || view_of.with(|g| g.as_ref().map(f).unwrap_or_default());
    let toggle = move || store.pinned.update(|p| *p = if *p == Some(gate) { None } else { Some(gate) });
    view! {
        <g
            class=format!("gate-block gate-{key}")
            data-gate=key
            data-params=text(|g| g.params.to_string())
            tabindex="0"
            role="button"
            aria-pressed=move || if store.pinned.get() == Some(gate) { "true" } else { "false" }
            on:mouseenter=move |_| store.pointed.set(Some(gate))
            on:mouseleave=move |_| store.pointed.set(None)
            on:focus=move |_| store.pointed.set(Some(gate))
            on:blur=move |_| store.pointed.set(None)
            on:click=move |_| toggle()
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    toggle();
                }
            }
        >
            <rect class="gate-rect" x=x y=y width=w height=h rx="8" />
            <text class="gate-title" x=x + 10.0 y=y + l1>
                <tspan class="gate-key">{key}</tspan>
                {format!("  {}", gate.name())}
            </text>
            <text class="gate-act" x=x + w - 10.0 y=y + l1 text-anchor="end">
                {text(|g| g.activation.symbol().to_owned())}
            </text>
            <text class="gate-shape" x=cx y=y + l2 text-anchor="middle">{text(GateView::w_text)}</text>
            <text class="gate-shape" x=cx y=y + l3 text-anchor="middle">{text(GateView::u_text)}</text>
            <text class="gate-shape" x=cx y=y + l4 text-anchor="middle">{text(GateView::b_text)}</text>
            <text class="gate-count" x=cx y=y + l5 text-anchor="middle">{text(|g| grouped(g.params))}</text>
        </g>
    }
}

/// The drawing's fixed parts for one layout: wires, element-wise nodes and labels. Nothing inside
/// reads a signal; it is rebuilt only when the layout changes (a cell switch, a rotation).
fn wiring(l: &Layout) -> impl IntoView {
    l.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Wire { kind, points: p, arrow } => Some(
                view! {
                    <polyline
                        class=wire_class(*kind)
                        data-testid=(*kind == WireKind::Feedback).then_some("feedback")
                        points=points(p)
                        marker-end=arrow.then_some("url(#rnn-arrow)")
                    />
                }
                .into_any(),
            ),
            Shape::Node { op, x, y } => {
                let wide = op.symbol().chars().count() > 1;
                let rx = op.half_width();
                Some(
                    view! {
                        <g class="op-node" class:op-word=wide>
                            <ellipse cx=*x cy=*y rx=rx ry=NODE_RADIUS />
                            <text x=*x y=*y + 4.0 text-anchor="middle">{op.symbol()}</text>
                        </g>
                    }
                    .into_any(),
                )
            }
            Shape::Label { x, y, text, anchor } => {
                Some(view! { <text class="diagram-label" x=*x y=*y text-anchor=*anchor>{*text}</text> }.into_any())
            }
            Shape::Junction { x, y } => Some(view! { <circle class="junction" cx=*x cy=*y r="3.5" /> }.into_any()),
            Shape::Box { kind, x, y, w, h, title, detail } => {
                let cx = x + w / 2.0;
                let cy = y + h / 2.0;
                Some(
                    view! {
                        <g class=format!("diagram-box box-{}", kind.key()) data-testid=kind.key()>
                            <rect x=*x y=*y width=*w height=*h rx="6" />
                            <text class="box-title" x=cx y=cy - 3.0 text-anchor="middle">{*title}</text>
                            <text class="box-detail" x=cx y=cy + 13.0 text-anchor="middle">{*detail}</text>
                        </g>
                    }
                    .into_any(),
                )
            }
            Shape::Block { .. } => None,
        })
        .collect_view()
}

/// Where each gate block sits in a layout, keyed (for the `<For>`) by gate and orientation.
type BlockPlace = (Gate, bool, (f32, f32, f32, f32));

fn block_places(l: &Layout, tall: bool) -> Vec<BlockPlace> {
    l.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Block { gate, x, y, w, h } => Some((*gate, tall, (*x, *y, *w, *h))),
            _ => None,
        })
        .collect()
}

/// The cell's gate blocks (σ/tanh, W, U, b and count for the current numbers), the state line and
/// the element-wise nodes. Gates are focusable; hovering, focusing or tapping one highlights it
/// here, in the arithmetic and in the tensor table. Blocks sit side by side on wide screens and
/// one above the other on narrow ones. Hooks: `data-testid="diagram"`, `data-gate` per gate.
#[component]
pub fn GateDiagram() -> impl IntoView {
    let store = expect_context::<Store>();
    let diagram = expect_context::<Memo<Option<Diagram>>>();
    let narrow = media_query("(max-width: 40rem)");
    let orientation = Memo::new(move |_| if narrow.get() { Orientation::Tall } else { Orientation::Wide });
    // The cell, or a new kind's own gates (Flax MGU: f and n).
    let drawing = Memo::new(move |_| store.config.with(Drawing::of));
    let r_before_u = Memo::new(move |_| store.config.with(reset_before_u));
    // What is drawn around the cell (a projection, the layers above): part of the shape.
    let extras = Memo::new(move |_| store.config.with(Extras::of));
    let shape = Memo::new(move |_| layout_drawing(drawing.get(), orientation.get(), r_before_u.get(), extras.get()));
    let title = move || diagram.with(|d| d.as_ref().map(|d| d.title.clone()).unwrap_or_default());
    let desc = move || diagram.with(|d| d.as_ref().map(|d| d.description.clone()).unwrap_or_default());
    let view_box = move || shape.with(|l| format!("0 0 {} {}", l.width, l.height));
    let back = move || shape.with(wiring);
    let blocks = move || shape.with(|l| block_places(l, orientation.get() == Orientation::Tall));
    // The blocks are drawn in the order the data flows; the frameworks store them in another.
    let order = Memo::new(move |_| {
        let c = store.config.get();
        let keys = |gates: &[rnn_params_model::Gate]| gates.iter().map(|g| g.key()).collect::<Vec<_>>().join(", ");
        let shown = Drawing::of(&c);
        let (drawn, stored) = (keys(shown.gates()), keys(shown.stored_order(c.framework)));
        (drawn != stored).then(|| {
            format!(
                "Drawn in the order the data flows ({drawn}); {} stores the blocks as {stored}, the order of the \
                 arithmetic and the tensor table.",
                c.framework
            )
        })
    });
    let order_note = move || order.get().map(|text| view! { <p class="note" data-testid="order-note">{text}</p> });
    // The highlighted gate's term, right under the drawing: on a phone the arithmetic it lights up
    // is a screen away.
    let focus_line = move || {
        let term = store.highlight.get().and_then(|gate| {
            store.arithmetic.with(|a| {
                a.as_ref().and_then(|a| a.gates.iter().find(|t| t.gate == gate)).map(|t| {
                    format!(
                        "{} {}: {} = {} parameters (layer 1, one direction). Its term is lit in the arithmetic, its \
                         slice in the tensor table.",
                        gate.key(),
                        gate.name(),
                        t.expr,
                        grouped(t.value)
                    )
                })
            })
        });
        term.unwrap_or_else(|| "Hover, tap or Tab to a block: its term shows here.".to_owned())
    };
    let projection = Memo::new(move |_| diagram.with(|d| d.as_ref().and_then(|d| d.projection)));
    let projection_text = move || {
        projection.get().map(|(p, n, params)| {
            format!(
                "After the gates, PyTorch projects h(t) from n = {n} to p = {p} features with weight_hr ({p} × {n} = {} \
                 parameters per direction and layer); U then reads that p-wide h, so each block's U is n × p.",
                grouped(params)
            )
        })
    };
    view! {
        <svg
            class="gate-diagram"
            class:tall=move || orientation.get() == Orientation::Tall
            data-testid="diagram"
            viewBox=view_box
            role="group"
            aria-labelledby="diagram-title"
            aria-describedby="diagram-desc"
        >
            <title id="diagram-title">{title}</title>
            <desc id="diagram-desc">{desc}</desc>
            <defs>
                <marker
                    id="rnn-arrow"
                    viewBox="0 0 10 10"
                    refX="9"
                    refY="5"
                    markerWidth="7"
                    markerHeight="7"
                    orient="auto-start-reverse"
                >
                    <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                </marker>
            </defs>
            {back}
            <For each=blocks key=|(gate, tall, _)| (*gate, *tall) let:place>
                <GateBlockView gate=place.0 tall=place.1 rect=place.2 />
            </For>
        </svg>
        <p class="note gate-focus" data-testid="gate-focus">{focus_line}</p>
        {order_note}
        <Show when=move || projection.with(Option::is_some)>
            <p class="note projection-note" data-testid="projection-note">{projection_text}</p>
        </Show>
    }
}
