//! The gate diagram: what each gate block holds, a description in words, the unrolled time steps,
//! and a geometric layout that the app draws as SVG.
//!
//! Shapes and counts are read from a [`Breakdown`], never recomputed here. The layout places the
//! gate blocks side by side (wide screens) or one above the other (narrow ones); the wiring is
//! written once in a block-relative frame and mapped onto either orientation.

use crate::bounds::Steps;
use crate::cell::{Activation, Cell, Framework, Gate};
use crate::config::Config;
use crate::count::Breakdown;
use crate::format::grouped;

/// One gate block of the first layer, as the diagram labels it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateView {
    /// Which gate.
    pub gate: Gate,
    /// Its activation (σ or tanh).
    pub activation: Activation,
    /// W's shape: (n, input size of layer 1).
    pub w: (u64, u64),
    /// U's shape: (n, n), or (n, p) with a projection.
    pub u: (u64, u64),
    /// How many bias vectors of length n (0, 1 or 2).
    pub biases: u64,
    /// n, the length of each bias vector.
    pub units: u64,
    /// The block's parameters: `n·in + n·r + b·n`.
    pub params: u64,
    /// The block's position (0-based) in the framework's stacked tensors.
    pub stacked_at: usize,
    /// A convolutional cell's per-gate kernels (input, recurrent), as the framework shapes them:
    /// `3×3×1×64` and `3×3×64×64` (kernel size, then channels in, then filters); `None` otherwise.
    pub kernels: Option<(String, String)>,
}

impl GateView {
    /// `W 256 × 4096`.
    pub fn w_text(&self) -> String {
        match &self.kernels {
            Some((w, _)) => format!("W {w}"),
            None => format!("W {} × {}", self.w.0, self.w.1),
        }
    }

    /// `U 256 × 256`.
    pub fn u_text(&self) -> String {
        match &self.kernels {
            Some((_, u)) => format!("U {u}"),
            None => format!("U {} × {}", self.u.0, self.u.1),
        }
    }

    /// `b 256`, `b 2 × 256`, or `no bias`.
    pub fn b_text(&self) -> String {
        match self.biases {
            0 => "no bias".to_owned(),
            1 => format!("b {}", self.units),
            b => format!("b {b} × {}", self.units),
        }
    }
}

/// A time step in the unrolled drawing, or a gap standing for the steps not drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMark {
    /// Step t (1-based).
    Step(u32),
    /// This many steps, not drawn.
    Gap(u32),
}

/// The most steps drawn before the rest are elided.
pub const MAX_DRAWN_STEPS: u32 = 8;

/// The steps to draw for a sequence of `t` steps: all of them up to [`MAX_DRAWN_STEPS`], otherwise
/// the first six, a gap, and the last.
///
/// ```
/// use rnn_params_model::diagram::{unrolled, StepMark::*};
/// assert_eq!(unrolled(3), [Step(1), Step(2), Step(3)]);
/// assert_eq!(unrolled(100), [Step(1), Step(2), Step(3), Step(4), Step(5), Step(6), Gap(93), Step(100)]);
/// ```
pub fn unrolled(t: u32) -> Vec<StepMark> {
    if t <= MAX_DRAWN_STEPS {
        (1..=t).map(StepMark::Step).collect()
    } else {
        let mut v: Vec<StepMark> = (1..=MAX_DRAWN_STEPS - 2).map(StepMark::Step).collect();
        v.push(StepMark::Gap(t - (MAX_DRAWN_STEPS - 1)));
        v.push(StepMark::Step(t));
        v
    }
}

/// Everything the diagram shows about the current configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagram {
    /// The cell.
    pub cell: Cell,
    /// The framework (for the stacking order).
    pub framework: Framework,
    /// The gate blocks of layer 1, in the order the literature explains them.
    pub gates: Vec<GateView>,
    /// Parameters of one direction of layer 1.
    pub direction_params: u64,
    /// The PyTorch projection `weight_hr` of each direction: (p, n, p·n).
    pub projection: Option<(u64, u64, u64)>,
    /// The number of stacked layers.
    pub layers: u8,
    /// The total of the whole configuration.
    pub total: u64,
    /// 1 or 2.
    pub directions: u64,
    /// The sequence length.
    pub steps: u32,
    /// What the unrolled drawing shows.
    pub unrolled: Vec<StepMark>,
    /// The SVG title.
    pub title: String,
    /// The SVG description: structure and counts in words.
    pub description: String,
}

/// Builds the diagram of a breakdown for a sequence of `steps` time steps.
///
/// ```
/// use rnn_params_model::{count, Config, bounds::Steps, diagram::diagram};
/// let d = diagram(&count(&Config::default()).unwrap(), Steps::new(5).unwrap());
/// assert_eq!(d.gates.len(), 4);
/// assert_eq!(d.gates[0].w_text(), "W 256 × 4096");
/// assert!(d.description.contains("4,457,472"));
/// ```
pub fn diagram(b: &Breakdown, steps: Steps) -> Diagram {
    let c = &b.config;
    let first = &b.layers[0];
    let block = first.block;
    let order = c.cell.gate_order(c.framework);
    // ConvLSTM (Keras, or Flax's ConvLSTMCell): each gate's slice of the kernels.
    let conv = match c.kind {
        crate::kind::Kind::ConvLstm(conv) => Some(conv),
        crate::kind::Kind::Flax(f) if f.cell == crate::kind::FlaxCell::ConvLstm => Some(f.conv),
        _ => None,
    };
    let kernels = conv.map(|conv| {
        let k = conv.kernel_text();
        (format!("{k}×{}×{}", first.input_size, block.units), format!("{k}×{}×{}", block.units, block.units))
    });
    let gates: Vec<GateView> = c
        .cell
        .gates()
        .iter()
        .map(|&gate| GateView {
            gate,
            activation: gate.activation(),
            w: (block.units, block.input_size),
            u: (block.units, block.recurrent_width),
            biases: block.biases,
            units: block.units,
            params: block.params(),
            stacked_at: order.iter().position(|g| *g == gate).unwrap_or(0),
            kernels: kernels.clone(),
        })
        .collect();
    let t = steps.get();
    let list: Vec<String> =
        gates.iter().map(|g| format!("{} {} ({})", g.gate.name(), g.gate.key(), g.activation.symbol())).collect();
    let g0 = &gates[0];
    let blocks = match gates.len() {
        1 => "one block".to_owned(),
        k => format!("{k} gate blocks"),
    };
    let mut description = format!(
        "{} cell with {blocks}: {}. Each block sees the previous hidden state h(t−1) and the input \
         x(t) and has its own {}, {} and {}: {} parameters.",
        c.cell.label(),
        list.join(", "),
        g0.w_text(),
        g0.u_text(),
        g0.b_text(),
        grouped(g0.params)
    );
    if let Some(p) = c.projection() {
        description.push_str(&format!(" A projection weight_hr of {p} × {} follows.", block.units));
    }
    if let Some(conv) = conv {
        description.push_str(&format!(
            " Each kernel slides over every position of the {} frame: it is shared across positions as W is \
             shared across time steps, so the frame size never enters the count.",
            conv.frame_text()
        ));
    }
    description.push_str(&format!(" One direction of layer 1 has {} parameters.", grouped(first.directions[0].params)));
    if c.bidirectional {
        description.push_str(" A backward copy with its own weights doubles the layer.");
    }
    description.push_str(&format!(
        " The same weights are used at every one of the {t} time step{}, so the total stays {}.",
        if t == 1 { "" } else { "s" },
        grouped(b.total)
    ));
    Diagram {
        cell: c.cell,
        framework: c.framework,
        title: format!("{} gate diagram", c.cell.label()),
        gates,
        direction_params: first.directions[0].params,
        projection: c.projection().map(|p| (p, block.units, p * block.units)),
        layers: c.layers.get(),
        total: b.total,
        directions: c.directions(),
        steps: t,
        unrolled: unrolled(t),
        description,
    }
}

/// Which way the gate blocks are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Blocks side by side; inputs from below, outputs upwards (wide screens).
    Wide,
    /// Blocks one above the other; inputs from the left, outputs to the right (phones).
    Tall,
}

/// An element-wise operation node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Element-wise product ⊙ (drawn ×).
    Times,
    /// Element-wise sum (drawn +).
    Plus,
    /// tanh applied to the cell state.
    Tanh,
    /// 1 − z (GRU).
    OneMinus,
}

impl Op {
    /// The node's symbol.
    pub const fn symbol(self) -> &'static str {
        match self {
            Op::Times => "×",
            Op::Plus => "+",
            Op::Tanh => "tanh",
            Op::OneMinus => "1−",
        }
    }

    /// Half the node's width: [`NODE_RADIUS`] for a one-character symbol (a circle), more for a
    /// word (`tanh`, `1−`), which is drawn as an ellipse [`NODE_RADIUS`] high.
    ///
    /// ```
    /// use rnn_params_model::diagram::{Op, NODE_RADIUS};
    /// assert_eq!(Op::Times.half_width(), NODE_RADIUS);
    /// assert!(Op::Tanh.half_width() > NODE_RADIUS);
    /// ```
    pub fn half_width(self) -> f32 {
        if self.symbol().chars().count() > 1 {
            NODE_RADIUS * 2.3
        } else {
            NODE_RADIUS
        }
    }
}

/// What a wire carries (for styling).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireKind {
    /// The concatenated input [h(t−1), x(t)] feeding every block.
    Input,
    /// A gate's output.
    Gate,
    /// The cell state (LSTM) or hidden state line.
    State,
}

/// A positioned element of the drawing, in SVG user units.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A gate block: its rectangle.
    Block {
        /// Which gate.
        gate: Gate,
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// An element-wise operation node (a circle of radius [`NODE_RADIUS`]).
    Node {
        /// The operation.
        op: Op,
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
    },
    /// A polyline, with an arrow head at its last point when `arrow`.
    Wire {
        /// What it carries.
        kind: WireKind,
        /// The points.
        points: Vec<(f32, f32)>,
        /// Arrow head at the end.
        arrow: bool,
    },
    /// A label.
    Label {
        /// Anchor x.
        x: f32,
        /// Baseline y.
        y: f32,
        /// The text.
        text: &'static str,
        /// `start`, `middle` or `end`.
        anchor: &'static str,
    },
}

/// The radius of operation nodes.
pub const NODE_RADIUS: f32 = 11.0;

/// A complete drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// viewBox width.
    pub width: f32,
    /// viewBox height.
    pub height: f32,
    /// Everything to draw, back to front.
    pub shapes: Vec<Shape>,
}

/// Geometry shared by the two orientations. "Along" runs across the blocks (x when wide, y when
/// tall); "out" runs from the blocks' output edge towards the state line (up when wide, right when
/// tall).
struct Frame {
    orientation: Orientation,
    /// Block size along and across.
    block_along: f32,
    block_out: f32,
    /// Gap between blocks.
    spacing: f32,
    /// Where the first block starts along.
    start: f32,
    /// The coordinate of the blocks' output edge (y of their top when wide, x of their right edge
    /// when tall) and of their input edge.
    out_edge: f32,
    in_edge: f32,
    /// Distance from the output edge to the state line.
    reach: f32,
    /// Distance from the input edge to the input bus.
    feed: f32,
}

impl Frame {
    fn new(orientation: Orientation) -> Frame {
        match orientation {
            Orientation::Wide => Frame {
                orientation,
                block_along: 176.0,
                block_out: 124.0,
                spacing: 16.0,
                start: 24.0,
                out_edge: 170.0,
                in_edge: 294.0,
                reach: 130.0,
                feed: 36.0,
            },
            Orientation::Tall => Frame {
                orientation,
                block_along: 100.0,
                block_out: 196.0,
                spacing: 12.0,
                start: 34.0,
                out_edge: 240.0,
                in_edge: 44.0,
                reach: 92.0,
                feed: 24.0,
            },
        }
    }

    /// A point `along` across the blocks and `out` beyond their output edge.
    fn at(&self, along: f32, out: f32) -> (f32, f32) {
        match self.orientation {
            Orientation::Wide => (along, self.out_edge - out),
            Orientation::Tall => (self.out_edge + out, along),
        }
    }

    /// How far node `op` reaches from its centre along the out direction (where a wire running that
    /// way must stop): its half height when wide, its half width when tall.
    fn out_reach(&self, op: Op) -> f32 {
        match self.orientation {
            Orientation::Wide => NODE_RADIUS,
            Orientation::Tall => op.half_width(),
        }
    }

    /// How far node `op` reaches from its centre along the blocks.
    fn along_reach(&self, op: Op) -> f32 {
        match self.orientation {
            Orientation::Wide => op.half_width(),
            Orientation::Tall => NODE_RADIUS,
        }
    }

    /// A point `along` and `back` before the blocks' input edge.
    fn before(&self, along: f32, back: f32) -> (f32, f32) {
        match self.orientation {
            Orientation::Wide => (along, self.in_edge + back),
            Orientation::Tall => (self.in_edge - back, along),
        }
    }

    /// Where block `k` starts along, and its centre.
    fn slot(&self, k: usize) -> (f32, f32) {
        let a = self.start + k as f32 * (self.block_along + self.spacing);
        (a, a + self.block_along / 2.0)
    }

    fn block(&self, gate: Gate, k: usize) -> Shape {
        let (a, _) = self.slot(k);
        match self.orientation {
            Orientation::Wide => Shape::Block { gate, x: a, y: self.out_edge, w: self.block_along, h: self.block_out },
            Orientation::Tall => Shape::Block { gate, x: self.in_edge, y: a, w: self.block_out, h: self.block_along },
        }
    }

    fn end(&self, blocks: usize) -> f32 {
        self.start + blocks as f32 * (self.block_along + self.spacing) - self.spacing
    }
}

fn wire(kind: WireKind, points: Vec<(f32, f32)>) -> Shape {
    Shape::Wire { kind, points, arrow: true }
}

fn line(kind: WireKind, points: Vec<(f32, f32)>) -> Shape {
    Shape::Wire { kind, points, arrow: false }
}

/// Lays out the cell in `orientation`.
///
/// ```
/// use rnn_params_model::{Cell, diagram::{layout, Orientation, Shape}};
/// let l = layout(Cell::Lstm, Orientation::Wide);
/// let blocks = l.shapes.iter().filter(|s| matches!(s, Shape::Block { .. })).count();
/// assert_eq!(blocks, 4);
/// ```
pub fn layout(cell: Cell, orientation: Orientation) -> Layout {
    layout_for(cell, orientation, false)
}

/// Whether a GRU's reset gate applies to h(t−1) before U (Keras `reset_after=False`: the candidate
/// is `tanh(W x + U (r ⊙ h(t−1)) + b)`), not to the product U h(t−1) (`reset_after=True`, PyTorch).
///
/// Source: Keras `GRU(reset_after=…)`; PyTorch `torch.nn.GRU` (n = tanh(W x + b + r ⊙ (U h + b_hn))).
///
/// ```
/// use rnn_params_model::{diagram::reset_before_u, Cell, Config};
/// let gru = Config { cell: Cell::Gru, reset_after: false, ..Config::default() };
/// assert!(reset_before_u(&gru));
/// assert!(!reset_before_u(&Config { reset_after: true, ..gru }));
/// ```
pub fn reset_before_u(config: &Config) -> bool {
    config.uses_reset_after() && !config.reset_after
}

/// Lays out the cell in `orientation`; for a GRU, `r_before_u` (see [`reset_before_u`]) says where
/// the reset gate's label puts r.
///
/// ```
/// use rnn_params_model::{Cell, diagram::{layout_for, Orientation, Shape}};
/// let labels = |before| layout_for(Cell::Gru, Orientation::Wide, before).shapes.into_iter()
///     .filter_map(|s| match s { Shape::Label { text, .. } if text.starts_with("r ") => Some(text), _ => None })
///     .collect::<Vec<_>>();
/// assert_eq!(labels(false), ["r scales U·h(t−1) inside n"]);
/// assert_eq!(labels(true), ["r scales h(t−1) before U"]);
/// ```
pub fn layout_for(cell: Cell, orientation: Orientation, r_before_u: bool) -> Layout {
    let f = Frame::new(orientation);
    let gates = cell.gates();
    let n = gates.len();
    let r = NODE_RADIUS;
    let mut shapes = Vec::new();
    // The blocks span at least three slots so that a single SimpleRNN block has room for wiring.
    let span_end = f.end(n.max(3));
    let first = f.start;
    let centre = |k: usize| f.slot(k).1;

    // The input bus and one arrow into each block.
    shapes.push(line(WireKind::Input, vec![f.before(first - 14.0, f.feed), f.before(span_end, f.feed)]));
    for k in 0..n {
        shapes.push(wire(WireKind::Input, vec![f.before(centre(k), f.feed), f.before(centre(k), 0.0)]));
    }
    let bus_label = match orientation {
        Orientation::Wide => Shape::Label {
            x: first - 14.0,
            y: f.in_edge + f.feed + 20.0,
            text: "[h(t−1), x(t)]: every block sees both",
            anchor: "start",
        },
        Orientation::Tall => Shape::Label { x: 8.0, y: first - 19.0, text: "[h(t−1), x(t)]", anchor: "start" },
    };
    shapes.push(bus_label);

    let line_out = f.reach;
    let state_line = |shapes: &mut Vec<Shape>, from: &'static str, to: &'static str| {
        shapes.push(wire(WireKind::State, vec![f.at(first - 14.0, line_out), f.at(span_end + 10.0, line_out)]));
        let (a0, a1) = (f.at(first - 14.0, line_out + 10.0), f.at(span_end + 10.0, line_out + 10.0));
        match orientation {
            Orientation::Wide => {
                shapes.push(Shape::Label { x: a0.0, y: a0.1, text: from, anchor: "start" });
                shapes.push(Shape::Label { x: a1.0, y: a1.1, text: to, anchor: "end" });
            }
            Orientation::Tall => {
                let (p0, p1) = (f.at(first - 20.0, line_out), f.at(span_end + 26.0, line_out));
                shapes.push(Shape::Label { x: p0.0, y: p0.1, text: from, anchor: "middle" });
                shapes.push(Shape::Label { x: p1.0, y: p1.1, text: to, anchor: "middle" });
            }
        }
    };

    match cell {
        Cell::Lstm => {
            // gates(): f, i, g, o.
            state_line(&mut shapes, "c(t−1)", "c(t)");
            let (cf, ci, cg, co) = (centre(0), centre(1), centre(2), centre(3));
            // f multiplies the old cell state.
            shapes.push(wire(WireKind::Gate, vec![f.at(cf, 0.0), f.at(cf, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(cf, line_out).0, y: f.at(cf, line_out).1 });
            // i ⊙ g is added to it.
            let mix = (ci + cg) / 2.0;
            let mid = line_out * 0.5;
            shapes.push(wire(WireKind::Gate, vec![f.at(ci, 0.0), f.at(ci, mid), f.at(mix - r, mid)]));
            shapes.push(wire(WireKind::Gate, vec![f.at(cg, 0.0), f.at(cg, mid), f.at(mix + r, mid)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(mix, mid).0, y: f.at(mix, mid).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(mix, mid + r), f.at(mix, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Plus, x: f.at(mix, line_out).0, y: f.at(mix, line_out).1 });
            // o ⊙ tanh(c(t)) is the new hidden state.
            let tanh_at = co + 0.32 * f.block_along;
            let o_mix = mid * 0.8;
            let reach = f.out_reach(Op::Tanh);
            shapes.push(wire(WireKind::State, vec![f.at(tanh_at, line_out), f.at(tanh_at, mid + reach + 2.0)]));
            shapes.push(Shape::Node { op: Op::Tanh, x: f.at(tanh_at, mid).0, y: f.at(tanh_at, mid).1 });
            shapes.push(wire(
                WireKind::Gate,
                vec![f.at(tanh_at, mid - reach), f.at(tanh_at, o_mix), f.at(co + r, o_mix)],
            ));
            shapes.push(wire(WireKind::Gate, vec![f.at(co, 0.0), f.at(co, o_mix - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(co, o_mix).0, y: f.at(co, o_mix).1 });
            shapes.push(wire(WireKind::State, vec![f.at(co - r, o_mix), f.at(co - 0.36 * f.block_along, o_mix)]));
            let h = f.at(co - 0.36 * f.block_along, o_mix);
            let (hx, hy, anchor) = match orientation {
                Orientation::Wide => (h.0 - 4.0, h.1 + 4.0, "end"),
                Orientation::Tall => (h.0, h.1 - 6.0, "middle"),
            };
            shapes.push(Shape::Label { x: hx, y: hy, text: "h(t)", anchor });
        }
        Cell::Gru => {
            // gates(): r, z, n. h(t) = (1 − z) ⊙ n + z ⊙ h(t−1).
            state_line(&mut shapes, "h(t−1)", "h(t)");
            let (cr, cz, cn) = (centre(0), centre(1), centre(2));
            let low = line_out * 0.3;
            let mid = line_out * 0.62;
            // r acts inside the candidate: it scales the recurrent term U_n h(t−1) (or, Keras
            // reset_after=False, h(t−1) before U_n).
            shapes.push(wire(
                WireKind::Gate,
                vec![
                    f.at(cr, 0.0),
                    f.at(cr, low),
                    f.at(cn - 0.3 * f.block_along, low),
                    f.at(cn - 0.3 * f.block_along, 0.0),
                ],
            ));
            // z ⊙ h(t−1) on the state line.
            shapes.push(wire(WireKind::Gate, vec![f.at(cz, 0.0), f.at(cz, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(cz, line_out).0, y: f.at(cz, line_out).1 });
            // (1 − z) ⊙ n added to it.
            let one_minus = (cz + cn) / 2.0;
            let reach = f.along_reach(Op::OneMinus);
            shapes.push(wire(WireKind::Gate, vec![f.at(cz, mid), f.at(one_minus - reach, mid)]));
            shapes.push(Shape::Node { op: Op::OneMinus, x: f.at(one_minus, mid).0, y: f.at(one_minus, mid).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(one_minus + reach, mid), f.at(cn - r, mid)]));
            shapes.push(wire(WireKind::Gate, vec![f.at(cn, 0.0), f.at(cn, mid - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(cn, mid).0, y: f.at(cn, mid).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(cn, mid + r), f.at(cn, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Plus, x: f.at(cn, line_out).0, y: f.at(cn, line_out).1 });
            // Wide: the label starts just past r's wire so that it ends before z's wire.
            let (x, y) = match orientation {
                Orientation::Wide => {
                    let lbl = f.at(cr + 8.0, low);
                    (lbl.0, lbl.1 - 6.0)
                }
                Orientation::Tall => {
                    let lbl = f.at(cr + 0.5 * f.block_along, low);
                    (lbl.0 + 6.0, lbl.1)
                }
            };
            let text = match (orientation, r_before_u) {
                (Orientation::Wide, false) => "r scales U·h(t−1) inside n",
                (Orientation::Wide, true) => "r scales h(t−1) before U",
                (Orientation::Tall, _) => "r → n",
            };
            shapes.push(Shape::Label { x, y, text, anchor: "start" });
        }
        Cell::SimpleRnn => {
            // The block's output is the new hidden state.
            let ch = centre(0);
            shapes.push(wire(WireKind::State, vec![f.at(ch, 0.0), f.at(ch, line_out)]));
            let top = f.at(ch, line_out + 8.0);
            let (x, y, anchor) = match orientation {
                Orientation::Wide => (top.0, top.1, "middle"),
                Orientation::Tall => (top.0 + 4.0, top.1 + 4.0, "start"),
            };
            shapes.push(Shape::Label { x, y, text: "h(t)", anchor });
            // The formula sits where a second block would be.
            let (x, y) = match orientation {
                Orientation::Wide => f.at(centre(1) - 0.4 * f.block_along, line_out * 0.5),
                Orientation::Tall => (f.in_edge, centre(1)),
            };
            shapes.push(Shape::Label { x, y, text: "h(t) = tanh(W·x(t) + U·h(t−1) + b)", anchor: "start" });
        }
    }

    for (k, &gate) in gates.iter().enumerate() {
        shapes.push(f.block(gate, k));
    }

    let (width, height) = match orientation {
        Orientation::Wide => (span_end + 24.0, f.in_edge + f.feed + 32.0),
        Orientation::Tall => (f.out_edge + f.reach + 40.0, span_end + 40.0),
    };
    Layout { width, height, shapes }
}
