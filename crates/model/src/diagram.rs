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
    let drawing = Drawing::of(c);
    let order = drawing.stored_order(c.framework);
    // Flax's per-gate Dense layers differ in bias (Linen GRU's `hn`, MGU's `hn` with `reset_gate`):
    // each block is read from the tensors holding it.
    let per_gate = matches!(c.kind, crate::kind::Kind::Flax(f) if f.cell != crate::kind::FlaxCell::ConvLstm);
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
    let gates: Vec<GateView> = drawing
        .gates()
        .iter()
        .map(|&gate| {
            let stacked_at = order.iter().position(|g| *g == gate).unwrap_or(0);
            if per_gate {
                let (mut w, mut u, mut bias) = (0u64, 0u64, 0u64);
                for t in first.directions[0].tensors.iter().filter(|t| t.gate_order.contains(&gate)) {
                    let share = t.count / t.gate_order.len() as u64;
                    match t.role {
                        crate::count::Role::InputWeights => w += share,
                        crate::count::Role::RecurrentWeights => u += share,
                        crate::count::Role::Bias => bias += share,
                        crate::count::Role::Projection => {}
                    }
                }
                let n = block.units.max(1);
                return GateView {
                    gate,
                    activation: gate.activation(),
                    w: (block.units, w / n),
                    u: (block.units, u / n),
                    biases: bias / n,
                    units: block.units,
                    params: w + u + bias,
                    stacked_at,
                    kernels: None,
                };
            }
            GateView {
                gate,
                activation: gate.activation(),
                w: (block.units, block.input_size),
                u: (block.units, block.recurrent_width),
                biases: block.biases,
                units: block.units,
                params: block.params(),
                stacked_at,
                kernels: kernels.clone(),
            }
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
    let same = gates.iter().all(|g| g.params == g0.params && g.biases == g0.biases);
    let mut description = if same {
        format!(
            "{} cell with {blocks}: {}. Each block sees the previous hidden state h(t−1) and the input \
             x(t) and has its own {}, {} and {}: {} parameters.",
            drawing.label(),
            list.join(", "),
            g0.w_text(),
            g0.u_text(),
            g0.b_text(),
            grouped(g0.params)
        )
    } else {
        let each: Vec<String> = gates
            .iter()
            .map(|g| {
                format!(
                    "{} has {}, {} and {}: {} parameters",
                    g.gate.key(),
                    g.w_text(),
                    g.u_text(),
                    g.b_text(),
                    grouped(g.params)
                )
            })
            .collect();
        format!(
            "{} cell with {blocks}: {}. Each block sees the previous hidden state h(t−1) and the input \
             x(t); {}.",
            drawing.label(),
            list.join(", "),
            each.join("; ")
        )
    };
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
    description.push_str(" h(t) goes back to the input as h(t−1) of the next step");
    match b.layers.get(1) {
        Some(second) => description.push_str(&format!(
            " and on to layer 2, which reads it as its input ({}).",
            crate::format::input_features(second.input_size)
        )),
        None => description.push('.'),
    }
    description.push_str(&format!(
        " The same weights are used at every one of the {t} time step{}, so the total stays {}.",
        if t == 1 { "" } else { "s" },
        grouped(b.total)
    ));
    Diagram {
        cell: c.cell,
        framework: c.framework,
        title: format!("{} gate diagram", drawing.label()),
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
    /// h(t) carried back to the input bus, where it is h(t−1) of the next step.
    Feedback,
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
    /// A junction: a wire branches here (drawn as a dot). Wires that cross elsewhere do not
    /// connect, and are drawn with a gap in one of them.
    Junction {
        /// Centre x.
        x: f32,
        /// Centre y.
        y: f32,
    },
    /// A box that is not a gate block: the projection `weight_hr` (PyTorch LSTM `proj_size`) or
    /// the next stacked layer.
    Box {
        /// What it stands for.
        kind: BoxKind,
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Its name, first line.
        title: &'static str,
        /// Its second line.
        detail: &'static str,
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

/// What a [`Shape::Box`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxKind {
    /// PyTorch's `weight_hr` (p × n): h(t) is projected to p features before it leaves the cell
    /// and before it comes back as h(t−1). Source: `torch.nn.LSTM(proj_size=…)`.
    Projection,
    /// The stacked layers above the first, which read h(t) as their input.
    NextLayer,
}

impl BoxKind {
    /// The hook: `projection` or `next-layer`.
    pub const fn key(self) -> &'static str {
        match self {
            BoxKind::Projection => "projection",
            BoxKind::NextLayer => "next-layer",
        }
    }
}

/// What is drawn around the cell besides its gates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// A projection `weight_hr` on h(t) (PyTorch LSTM with `proj_size` > 0).
    pub projection: bool,
    /// The number of stacked layers (a box for the layers above the first when more than one).
    pub layers: u8,
}

impl Extras {
    /// What `config` has around its cell.
    ///
    /// ```
    /// use rnn_params_model::{Config, diagram::Extras};
    /// assert_eq!(Extras::of(&Config::default()), Extras { projection: false, layers: 1 });
    /// ```
    pub fn of(config: &Config) -> Extras {
        Extras { projection: config.projection().is_some(), layers: config.layers.get() }
    }
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
    layout_with(cell, orientation, r_before_u, Extras { projection: false, layers: 1 })
}

/// Lays out the cell in `orientation` with what is around it ([`Extras`]): h(t) leaves the cell
/// past the last block, goes through the projection `weight_hr` when there is one, and branches
/// at a junction: on to the output (and the next layer, when stacked) and back to the input bus,
/// where it is h(t−1) of the next step. Wires that cross without a junction are drawn with a gap
/// in one of them.
///
/// ```
/// use rnn_params_model::{Cell, diagram::{layout_with, BoxKind, Extras, Orientation, Shape, WireKind}};
/// let l = layout_with(Cell::Lstm, Orientation::Wide, false, Extras { projection: true, layers: 2 });
/// let boxes: Vec<_> = l.shapes.iter().filter_map(|s| match s { Shape::Box { kind, .. } => Some(*kind), _ => None }).collect();
/// assert_eq!(boxes, [BoxKind::Projection, BoxKind::NextLayer]);
/// assert!(l.shapes.iter().any(|s| matches!(s, Shape::Wire { kind: WireKind::Feedback, .. })));
/// ```
pub fn layout_with(cell: Cell, orientation: Orientation, r_before_u: bool, extras: Extras) -> Layout {
    layout_drawing(Drawing::Cell(cell), orientation, r_before_u, extras)
}

/// What the diagram draws: one of the three cells, or a cell of a new kind whose gates are not a
/// Keras / PyTorch cell's (Flax's `MGUCell`, gates f and n).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawing {
    /// A SimpleRNN, GRU or LSTM cell.
    Cell(Cell),
    /// Flax `MGUCell`: `f = σ(W_f x + U_f h + b_f)`, `n = tanh(W_n x + f ⊙ (U_n h + b_hn) + b_n)` (with
    /// `reset_gate`; without it `U_n h`), `h(t) = (1 − f) ⊙ n + f ⊙ h(t−1)`.
    /// Source: `flax.linen.MGUCell`.
    Mgu {
        /// `reset_gate=True`: f also scales the recurrent term inside n.
        reset_gate: bool,
    },
}

impl Drawing {
    /// What `config` draws.
    ///
    /// ```
    /// use rnn_params_model::{Config, Gate, diagram::Drawing, kind::{Flax, FlaxCell, Kind}};
    /// let mgu = Config { kind: Kind::Flax(Flax { cell: FlaxCell::Mgu, ..Flax::default() }), ..Config::default() };
    /// assert_eq!(Drawing::of(&mgu), Drawing::Mgu { reset_gate: true });
    /// assert_eq!(Drawing::of(&mgu).gates(), &[Gate::F, Gate::N]);
    /// ```
    pub fn of(config: &Config) -> Drawing {
        match config.kind {
            crate::kind::Kind::Flax(f) if f.cell == crate::kind::FlaxCell::Mgu => {
                Drawing::Mgu { reset_gate: f.reset_gate }
            }
            _ => Drawing::Cell(config.cell),
        }
    }

    /// The gate blocks drawn, in the order the data flows.
    pub const fn gates(self) -> &'static [Gate] {
        match self {
            Drawing::Cell(cell) => cell.gates(),
            Drawing::Mgu { .. } => &[Gate::F, Gate::N],
        }
    }

    /// The order the framework stores the blocks in (the arithmetic's and the tensor table's):
    /// the cell's [`Cell::gate_order`]; Flax's MGU keeps f and n in tensors of their own, f first.
    pub const fn stored_order(self, framework: Framework) -> &'static [Gate] {
        match self {
            Drawing::Cell(cell) => cell.gate_order(framework),
            Drawing::Mgu { .. } => self.gates(),
        }
    }

    /// The name on the page: `LSTM`, `GRU`, `SimpleRNN`, `MGU`.
    pub const fn label(self) -> &'static str {
        match self {
            Drawing::Cell(cell) => cell.label(),
            Drawing::Mgu { .. } => "MGU",
        }
    }
}

/// Lays out `drawing` in `orientation` with what is around it; see [`layout_with`].
///
/// ```
/// use rnn_params_model::diagram::{layout_drawing, Drawing, Extras, Orientation, Shape};
/// let l = layout_drawing(Drawing::Mgu { reset_gate: true }, Orientation::Wide, false, Extras::default());
/// let blocks: Vec<_> = l.shapes.iter().filter_map(|s| match s { Shape::Block { gate, .. } => Some(gate.key()), _ => None }).collect();
/// assert_eq!(blocks, ["f", "n"]);
/// ```
pub fn layout_drawing(drawing: Drawing, orientation: Orientation, r_before_u: bool, extras: Extras) -> Layout {
    let f = Frame::new(orientation);
    let gates = drawing.gates();
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
    // Where h(t) turns back towards the input bus, past the last block (and the projection's box).
    let back_at = span_end + if extras.projection { 56.0 } else { 34.0 };
    // The state line; h(t) of a GRU goes on into the tail, c(t) of an LSTM ends in an arrow.
    let state_line = |shapes: &mut Vec<Shape>, from: &'static str, to: &'static str, arrow: bool| {
        let points = vec![f.at(first - 14.0, line_out), f.at(span_end + 10.0, line_out)];
        shapes.push(if arrow { wire(WireKind::State, points) } else { line(WireKind::State, points) });
        let (a0, a1) = (f.at(first - 14.0, line_out + 10.0), f.at(span_end + 10.0, line_out + 10.0));
        match orientation {
            Orientation::Wide => {
                shapes.push(Shape::Label { x: a0.0, y: a0.1, text: from, anchor: "start" });
                if !to.is_empty() {
                    shapes.push(Shape::Label { x: a1.0, y: a1.1, text: to, anchor: "end" });
                }
            }
            Orientation::Tall => {
                let (p0, p1) = (f.at(first - 20.0, line_out), f.at(span_end + 26.0, line_out));
                shapes.push(Shape::Label { x: p0.0, y: p0.1, text: from, anchor: "middle" });
                if !to.is_empty() {
                    shapes.push(Shape::Label { x: p1.0, y: p1.1, text: to, anchor: "middle" });
                }
            }
        }
    };

    // Where h(t) leaves the cell, as (along, out).
    let h_out: Option<(f32, f32)>;
    let cell = match drawing {
        Drawing::Cell(cell) => Some(cell),
        Drawing::Mgu { .. } => None,
    };
    match cell {
        None => {
            let reset_gate = drawing == Drawing::Mgu { reset_gate: true };
            // gates: f, n. h(t) = (1 − f) ⊙ n + f ⊙ h(t−1): f plays the GRU's z (and, with
            // reset_gate, its r too).
            state_line(&mut shapes, "h(t−1)", "", false);
            h_out = Some((span_end + 10.0, line_out));
            let (cf, cn) = (centre(0), centre(1));
            let low = line_out * 0.3;
            let mid = line_out * 0.62;
            if reset_gate {
                // f scales U_n h(t−1) inside the candidate: a branch of f's wire into n's block.
                let into_n = cn - 0.3 * f.block_along;
                shapes.push(wire(WireKind::Gate, vec![f.at(cf, low), f.at(into_n, low), f.at(into_n, 0.0)]));
                let (x, y, text) = match orientation {
                    Orientation::Wide => {
                        let lbl = f.at(cf + 8.0, low);
                        (lbl.0, lbl.1 - 6.0, "f scales U·h(t−1) inside n")
                    }
                    Orientation::Tall => {
                        let lbl = f.at(cf + 0.5 * f.block_along, low);
                        (lbl.0 + 6.0, lbl.1, "f → n")
                    }
                };
                shapes.push(Shape::Label { x, y, text, anchor: "start" });
            }
            // f ⊙ h(t−1) on the state line.
            shapes.push(wire(WireKind::Gate, vec![f.at(cf, 0.0), f.at(cf, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(cf, line_out).0, y: f.at(cf, line_out).1 });
            // (1 − f) ⊙ n added to it.
            let one_minus = (cf + cn) / 2.0;
            let reach = f.along_reach(Op::OneMinus);
            shapes.push(wire(WireKind::Gate, vec![f.at(cf, mid), f.at(one_minus - reach, mid)]));
            shapes.push(Shape::Node { op: Op::OneMinus, x: f.at(one_minus, mid).0, y: f.at(one_minus, mid).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(one_minus + reach, mid), f.at(cn - r, mid)]));
            shapes.push(wire(WireKind::Gate, vec![f.at(cn, 0.0), f.at(cn, mid - r)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(cn, mid).0, y: f.at(cn, mid).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(cn, mid + r), f.at(cn, line_out - r)]));
            shapes.push(Shape::Node { op: Op::Plus, x: f.at(cn, line_out).0, y: f.at(cn, line_out).1 });
        }
        Some(Cell::Lstm) => {
            // gates(): f, i, g, o.
            state_line(&mut shapes, "c(t−1)", "c(t)", true);
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
            // o ⊙ tanh(c(t)) is the new hidden state: tanh(c) comes down from the cell state line,
            // o comes in from the side, and h(t) leaves past the last block.
            let tanh_at = co + 0.32 * f.block_along;
            let (tanh_out, o_mix) = match orientation {
                Orientation::Wide => (mid, mid * 0.46),
                Orientation::Tall => (line_out * 0.68, line_out * 0.22),
            };
            let reach = f.out_reach(Op::Tanh);
            shapes.push(wire(WireKind::State, vec![f.at(tanh_at, line_out), f.at(tanh_at, tanh_out + reach + 2.0)]));
            shapes.push(Shape::Node { op: Op::Tanh, x: f.at(tanh_at, tanh_out).0, y: f.at(tanh_at, tanh_out).1 });
            shapes.push(wire(WireKind::Gate, vec![f.at(tanh_at, tanh_out - reach), f.at(tanh_at, o_mix + r)]));
            shapes.push(wire(WireKind::Gate, vec![f.at(co, 0.0), f.at(co, o_mix), f.at(tanh_at - r, o_mix)]));
            shapes.push(Shape::Node { op: Op::Times, x: f.at(tanh_at, o_mix).0, y: f.at(tanh_at, o_mix).1 });
            h_out = Some((tanh_at + r, o_mix));
        }
        Some(Cell::Gru) => {
            // gates(): r, z, n. h(t) = (1 − z) ⊙ n + z ⊙ h(t−1).
            state_line(&mut shapes, "h(t−1)", "", false);
            h_out = Some((span_end + 10.0, line_out));
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
        Some(Cell::SimpleRnn) => {
            // The block's output is the new hidden state.
            let ch = centre(0);
            shapes.push(line(WireKind::State, vec![f.at(ch, 0.0), f.at(ch, line_out)]));
            h_out = Some((ch, line_out));
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

    // h(t): on past the last block, through the projection, to a junction; from there to the
    // output (and the next layer) and back to the input bus.
    let (h_along, h_level) = h_out.unwrap_or((span_end, 0.0));
    let bus = -(f.block_out + f.feed);
    let wide = orientation == Orientation::Wide;
    // A box `along` × `out` long, centred at (a, o) in the frame's directions.
    let boxed = |kind: BoxKind, a: f32, o: f32, along: f32, out: f32, title, detail| {
        let (p, q) = (f.at(a - along / 2.0, o - out / 2.0), f.at(a + along / 2.0, o + out / 2.0));
        Shape::Box { kind, x: p.0.min(q.0), y: p.1.min(q.1), w: (p.0 - q.0).abs(), h: (p.1 - q.1).abs(), title, detail }
    };
    let mut path = vec![f.at(h_along, h_level), f.at(back_at, h_level)];
    let mut junction = h_level.min(0.0) - if wide { 56.0 } else { 60.0 };
    if extras.projection {
        let (along, out) = if wide { (92.0, 40.0) } else { (40.0, 92.0) };
        let centre_out = h_level - 30.0 - out / 2.0;
        path.push(f.at(back_at, centre_out + out / 2.0));
        shapes.push(wire(WireKind::State, path));
        shapes.push(boxed(BoxKind::Projection, back_at, centre_out, along, out, "weight_hr", "p × n"));
        path = vec![f.at(back_at, centre_out - out / 2.0)];
        junction = junction.min(centre_out - out / 2.0 - 40.0);
    }
    path.push(f.at(back_at, junction));
    shapes.push(line(WireKind::State, path));
    let j = f.at(back_at, junction);
    shapes.push(Shape::Junction { x: j.0, y: j.1 });
    // Back to the bus: the next step's h(t−1).
    shapes.push(wire(WireKind::Feedback, vec![j, f.at(back_at, bus), f.before(span_end, f.feed)]));
    let next_step = match orientation {
        Orientation::Wide => {
            let p = f.at(back_at, bus);
            Shape::Label { x: p.0, y: p.1 + 20.0, text: "h(t) is h(t−1) at the next step", anchor: "end" }
        }
        Orientation::Tall => {
            let p = f.at(back_at, bus);
            Shape::Label { x: p.0 + 8.0, y: p.1 - 7.0, text: "to h(t−1)", anchor: "start" }
        }
    };
    shapes.push(next_step);
    // On to the output, and the next layer.
    let out_len = 44.0;
    shapes.push(wire(WireKind::State, vec![j, f.at(back_at + out_len, junction)]));
    let tip = f.at(back_at + out_len, junction);
    let (hx, hy, anchor) = match orientation {
        Orientation::Wide => (tip.0 - out_len / 2.0, tip.1 - 8.0, "middle"),
        Orientation::Tall => (tip.0 + 8.0, tip.1 - out_len / 2.0 + 4.0, "start"),
    };
    shapes.push(Shape::Label { x: hx, y: hy, text: "h(t)", anchor });
    let mut along_end = back_at + out_len;
    if extras.layers > 1 {
        let (along, out) = if wide { (104.0, 44.0) } else { (44.0, 104.0) };
        let detail = if extras.layers == 2 { "reads h(t)" } else { "each reads h(t) below" };
        let title = if extras.layers == 2 { "layer 2" } else { "layers 2 to L" };
        let (along, out) = if extras.layers == 2 {
            (along, out)
        } else if wide {
            (along + 52.0, out)
        } else {
            (along, out + 52.0)
        };
        shapes.push(boxed(BoxKind::NextLayer, back_at + out_len + along / 2.0, junction, along, out, title, detail));
        along_end += along;
    }

    let (width, height) = match orientation {
        Orientation::Wide => (along_end + 16.0, f.in_edge + f.feed + 32.0),
        Orientation::Tall => (f.out_edge + f.reach + 40.0, along_end + 16.0),
    };
    Layout { width, height, shapes: with_gaps(shapes) }
}

/// Half the gap left in a wire where another crosses it without a junction.
pub const GAP: f32 = 5.0;

/// Where two axis-parallel segments cross strictly inside both (not at an end of either).
fn crossing(a: ((f32, f32), (f32, f32)), b: ((f32, f32), (f32, f32))) -> Option<(f32, f32)> {
    let ((ax1, ay1), (ax2, ay2)) = a;
    let ((bx1, by1), (bx2, by2)) = b;
    let inside = |v: f32, p: f32, q: f32| v > p.min(q) + 0.5 && v < p.max(q) - 0.5;
    if ay1 == ay2 && bx1 == bx2 && inside(bx1, ax1, ax2) && inside(ay1, by1, by2) {
        return Some((bx1, ay1));
    }
    if ax1 == ax2 && by1 == by2 && inside(ax1, bx1, bx2) && inside(by1, ay1, ay2) {
        return Some((ax1, by1));
    }
    None
}

/// Cuts a gap of 2 × [`GAP`] into the later of two wires wherever they cross without a junction,
/// so that a crossing reads as a crossing, not as a connection.
fn with_gaps(shapes: Vec<Shape>) -> Vec<Shape> {
    let mut out: Vec<Shape> = Vec::new();
    for shape in shapes {
        let Shape::Wire { kind, points, arrow } = shape else {
            out.push(shape);
            continue;
        };
        // Split this wire wherever an earlier wire crosses it.
        let mut pieces: Vec<Vec<(f32, f32)>> = vec![vec![points[0]]];
        for seg in points.windows(2) {
            let (p, q) = (seg[0], seg[1]);
            let mut cuts: Vec<(f32, f32)> = out
                .iter()
                .filter_map(|s| match s {
                    Shape::Wire { points, .. } => Some(points),
                    _ => None,
                })
                .flat_map(|other| other.windows(2).filter_map(move |o| crossing((p, q), (o[0], o[1]))))
                .collect();
            let dist = |c: &(f32, f32)| (c.0 - p.0).abs() + (c.1 - p.1).abs();
            cuts.sort_by(|a, b| dist(a).total_cmp(&dist(b)));
            let len = (q.0 - p.0).abs() + (q.1 - p.1).abs();
            let (ux, uy) = ((q.0 - p.0) / len.max(f32::EPSILON), (q.1 - p.1) / len.max(f32::EPSILON));
            for c in cuts {
                if let Some(piece) = pieces.last_mut() {
                    piece.push((c.0 - ux * GAP, c.1 - uy * GAP));
                }
                pieces.push(vec![(c.0 + ux * GAP, c.1 + uy * GAP)]);
            }
            if let Some(piece) = pieces.last_mut() {
                piece.push(q);
            }
        }
        let last = pieces.len() - 1;
        for (k, piece) in pieces.into_iter().enumerate() {
            out.push(Shape::Wire { kind, points: piece, arrow: arrow && k == last });
        }
    }
    out
}
