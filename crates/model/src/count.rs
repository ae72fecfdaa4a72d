//! The count itself: per gate block, per direction, per layer, per tensor.
//!
//! One gate block of a layer that sees `in` features has `n·in` input weights, `n·r` recurrent
//! weights (r = n, or p with a PyTorch projection) and `b·n` biases (b from
//! [`Config::biases_per_gate`]). A direction has G blocks (plus `p·n` for a projection), a layer D
//! directions, a stack the sum of its layers. Every tensor below is cut from those same numbers.

use crate::cell::{Framework, Gate};
use crate::config::{Config, Refusal};
use core::fmt;

/// Why a count could not be produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CountError {
    /// The framework refuses the configuration.
    Refused(Refusal),
    /// A product left `u64`. Within the documented bounds this cannot happen (the largest count is
    /// below 2^50); it is reported rather than wrapped.
    Overflow,
    /// A layer of a family beyond the Keras / PyTorch layers, in a build whose rules for those
    /// families have not arrived yet ([`crate::families`]).
    RulesNotLoaded,
}

impl fmt::Display for CountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CountError::Refused(r) => r.fmt(f),
            CountError::Overflow => f.write_str("The count is too large to compute exactly."),
            CountError::RulesNotLoaded => f.write_str("The rules for this layer family have not loaded yet."),
        }
    }
}

impl From<Refusal> for CountError {
    fn from(r: Refusal) -> Self {
        CountError::Refused(r)
    }
}

fn mul(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_mul(b).ok_or(CountError::Overflow)
}

fn add(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_add(b).ok_or(CountError::Overflow)
}

/// What kind of parameters a tensor (or a part of the count) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Input-to-hidden weights W (Keras `kernel`, PyTorch `weight_ih`).
    InputWeights,
    /// Hidden-to-hidden weights U (Keras `recurrent_kernel`, PyTorch `weight_hh`).
    RecurrentWeights,
    /// Bias vectors (Keras `bias`, PyTorch `bias_ih` and `bias_hh`).
    Bias,
    /// The PyTorch LSTM projection `weight_hr` (p × n).
    Projection,
}

impl Role {
    /// All roles, in the order the count lists them.
    pub const ALL: [Role; 4] = [Role::InputWeights, Role::RecurrentWeights, Role::Bias, Role::Projection];

    /// A stable key for attributes and CSS classes: `input`, `recurrent`, `bias`, `projection`.
    pub const fn key(self) -> &'static str {
        match self {
            Role::InputWeights => "input",
            Role::RecurrentWeights => "recurrent",
            Role::Bias => "bias",
            Role::Projection => "projection",
        }
    }

    /// A short name for tables and legends.
    pub const fn label(self) -> &'static str {
        match self {
            Role::InputWeights => "input weights",
            Role::RecurrentWeights => "recurrent weights",
            Role::Bias => "biases",
            Role::Projection => "projection",
        }
    }
}

/// One of the two directions of a bidirectional layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Reads the sequence from first to last step.
    Forward,
    /// Reads it from last to first (Keras `backward_…`, PyTorch `…_reverse`).
    Backward,
}

impl Direction {
    /// `forward` or `backward`.
    pub const fn label(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Backward => "backward",
        }
    }
}

/// The parameters of one gate block, which all G blocks of a direction share in shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GateBlock {
    /// n: rows of every per-gate matrix.
    pub units: u64,
    /// The input size this layer sees (columns of W).
    pub input_size: u64,
    /// The recurrent width r (columns of U): n, or p with a projection.
    pub recurrent_width: u64,
    /// Bias vectors of length n in this block: 0, 1 or 2.
    pub biases: u64,
}

impl GateBlock {
    /// `n·in`: the block's input weights W.
    pub fn input_weights(&self) -> u64 {
        self.units * self.input_size
    }

    /// `n·r`: the block's recurrent weights U.
    pub fn recurrent_weights(&self) -> u64 {
        self.units * self.recurrent_width
    }

    /// `b·n`: the block's biases.
    pub fn bias_params(&self) -> u64 {
        self.biases * self.units
    }

    /// `n·in + n·r + b·n`: the block's parameters.
    pub fn params(&self) -> u64 {
        self.input_weights() + self.recurrent_weights() + self.bias_params()
    }
}

/// A parameter count split by [`Role`]. Adds up to the total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// All input weights.
    pub input_weights: u64,
    /// All recurrent weights.
    pub recurrent_weights: u64,
    /// All biases.
    pub biases: u64,
    /// All projection weights.
    pub projection: u64,
}

impl Parts {
    /// The sum of the parts.
    pub fn total(&self) -> u64 {
        self.input_weights + self.recurrent_weights + self.biases + self.projection
    }

    /// The part for `role`.
    pub fn get(&self, role: Role) -> u64 {
        match role {
            Role::InputWeights => self.input_weights,
            Role::RecurrentWeights => self.recurrent_weights,
            Role::Bias => self.biases,
            Role::Projection => self.projection,
        }
    }

    fn scaled_add(&mut self, other: Parts, times: u64) -> Result<(), CountError> {
        self.input_weights = add(self.input_weights, mul(other.input_weights, times)?)?;
        self.recurrent_weights = add(self.recurrent_weights, mul(other.recurrent_weights, times)?)?;
        self.biases = add(self.biases, mul(other.biases, times)?)?;
        self.projection = add(self.projection, mul(other.projection, times)?)?;
        Ok(())
    }
}

/// What one tensor holds, finer than its [`Role`]: which of a framework's bias vectors it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holds {
    /// The input weights W of every gate block (Keras `kernel`, PyTorch `weight_ih`).
    InputWeights,
    /// The recurrent weights U of every gate block (Keras `recurrent_kernel`, PyTorch `weight_hh`).
    RecurrentWeights,
    /// Keras's one bias vector per gate block (`bias`, shape `(G·n,)`).
    Bias,
    /// Keras GRU with `reset_after=True`: `bias` of shape `(2, 3n)`, row 0 the input biases, row 1
    /// the recurrent ones.
    BiasRows,
    /// PyTorch `bias_ih`: the bias added to W·x.
    InputBias,
    /// PyTorch `bias_hh`: the bias added to U·h.
    RecurrentBias,
    /// PyTorch LSTM `weight_hr`: the projection of h from n to p features.
    Projection,
    /// TensorFlow 1's single kernel for `[x, h]` stacked: rows `0..in` are W, the rest U.
    JointKernel,
    /// TensorFlow 1 `LSTMCell(use_peepholes=True)`: one diagonal vector (n,) per peephole.
    Peephole,
    /// CuDNN's one bias vector `(2·G·n,)`: the input biases, then the recurrent ones.
    DoubleBias,
}

impl Holds {
    /// A reader's description, e.g. `recurrent biases b_hh`.
    ///
    /// ```
    /// use rnn_params_model::{count, Config, Framework, Holds};
    /// let b = count(&Config { framework: Framework::PyTorch, ..Config::default() }).unwrap();
    /// let holds: Vec<Holds> = b.tensors().map(|t| t.holds).collect();
    /// assert_eq!(holds[3], Holds::RecurrentBias);
    /// assert_eq!(holds[3].label(), "recurrent biases b_hh");
    /// ```
    pub const fn label(self) -> &'static str {
        match self {
            Holds::InputWeights => "input weights W",
            Holds::RecurrentWeights => "recurrent weights U",
            Holds::Bias => "biases b",
            Holds::BiasRows => "biases (row 0 input, row 1 recurrent)",
            Holds::InputBias => "input biases b_ih",
            Holds::RecurrentBias => "recurrent biases b_hh",
            Holds::Projection => "projection (h → p)",
            Holds::JointKernel => "input and recurrent weights [W; U] stacked",
            Holds::Peephole => "peephole weights (diagonal, c → gate)",
            Holds::DoubleBias => "biases (input then recurrent)",
        }
    }
}

/// A weight tensor as the framework creates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tensor {
    /// The framework's name: Keras `kernel` / `recurrent_kernel` / `bias`; PyTorch
    /// `weight_ih_l0`, `bias_hh_l1_reverse`, `weight_hr_l0`, ...
    pub name: String,
    /// Keras's weight path (`bidirectional/forward_lstm/lstm_cell/kernel`, as Keras 3 names layers
    /// built in a fresh session); for PyTorch the same as `name`.
    pub path: String,
    /// What the tensor holds, by part of the count.
    pub role: Role,
    /// What the tensor holds, naming which bias vector it is.
    pub holds: Holds,
    /// The framework's shape, outermost axis first.
    pub shape: Vec<u64>,
    /// The product of `shape`.
    pub count: u64,
    /// The 0-based layer.
    pub layer: u8,
    /// The direction.
    pub direction: Direction,
    /// The axis along which the gate blocks are stacked (`None` for `weight_hr`).
    pub gate_axis: Option<usize>,
    /// The gates in the order they are stacked along `gate_axis`.
    pub gate_order: &'static [Gate],
    /// n: the width of each gate's slice along `gate_axis`.
    pub units: u64,
}

impl Tensor {
    /// The shape as the framework prints it: `(4096, 1024)`, `(1024,)`.
    pub fn shape_text(&self) -> String {
        match self.shape.as_slice() {
            [one] => format!("({one},)"),
            dims => {
                let inner: Vec<String> = dims.iter().map(u64::to_string).collect();
                format!("({})", inner.join(", "))
            }
        }
    }

    /// The shape comma-separated without spaces, for `data-shape`: `1024,4096`.
    pub fn shape_key(&self) -> String {
        let dims: Vec<String> = self.shape.iter().map(u64::to_string).collect();
        dims.join(",")
    }

    /// Where `gate`'s block lies: the axis and the half-open index range `start..end` along it.
    ///
    /// ```
    /// use rnn_params_model::{count, Config, Gate};
    /// let b = count(&Config::default()).unwrap(); // Keras LSTM(256) on 4096
    /// let kernel = &b.layers[0].directions[0].tensors[0];
    /// assert_eq!(kernel.gate_slice(Gate::F), Some((1, 256, 512))); // columns 256..512
    /// ```
    pub fn gate_slice(&self, gate: Gate) -> Option<(usize, u64, u64)> {
        let axis = self.gate_axis?;
        let k = self.gate_order.iter().position(|g| *g == gate)? as u64;
        Some((axis, k * self.units, (k + 1) * self.units))
    }

    /// A reader's description of a gate slice: `columns 256–511` or `rows 0–255`.
    pub fn gate_slice_text(&self, gate: Gate) -> Option<String> {
        let (axis, start, end) = self.gate_slice(gate)?;
        let what = if self.shape.len() == 1 {
            "entries"
        } else if axis == 0 {
            "rows"
        } else {
            "columns"
        };
        Some(format!("{what} {start}–{}", end - 1))
    }
}

/// One direction of one layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirectionCount {
    /// Forward or backward.
    pub direction: Direction,
    /// The direction's tensors in the framework's order.
    pub tensors: Vec<Tensor>,
    /// The sum of the tensors.
    pub params: u64,
}

/// One layer of the stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerCount {
    /// 0-based index.
    pub index: u8,
    /// The input size this layer sees.
    pub input_size: u64,
    /// One gate block's shape and count.
    pub block: GateBlock,
    /// One direction, or forward then backward.
    pub directions: Vec<DirectionCount>,
    /// The layer's parameters (all directions).
    pub params: u64,
}

/// The full count of a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakdown {
    /// What was counted.
    pub config: Config,
    /// Each layer, bottom first.
    pub layers: Vec<LayerCount>,
    /// The split by role.
    pub parts: Parts,
    /// Every parameter.
    pub total: u64,
}

impl Breakdown {
    /// Every tensor in the framework's order (layer by layer, forward before backward).
    pub fn tensors(&self) -> impl Iterator<Item = &Tensor> {
        self.layers.iter().flat_map(|l| l.directions.iter()).flat_map(|d| d.tensors.iter())
    }
}

/// One gate block of layer `k`.
pub fn gate_block(config: &Config, k: u8) -> GateBlock {
    GateBlock {
        units: config.units.wide(),
        input_size: config.input_size_of_layer(k),
        recurrent_width: config.recurrent_width(),
        biases: config.biases_per_gate(),
    }
}

/// The parameters of one direction of layer `k`, by role.
fn direction_parts(config: &Config, k: u8) -> Result<Parts, CountError> {
    let b = gate_block(config, k);
    let g = config.cell.gate_blocks();
    let n = b.units;
    Ok(Parts {
        input_weights: mul(g, mul(n, b.input_size)?)?,
        recurrent_weights: mul(g, mul(n, b.recurrent_width)?)?,
        biases: mul(g, mul(b.biases, n)?)?,
        projection: match config.projection() {
            Some(p) => mul(p, n)?,
            None => 0,
        },
    })
}

/// The count split by role, without building tensors (fast; used for plots).
///
/// # Errors
/// [`CountError::Refused`] when the framework refuses the configuration.
///
/// ```
/// use rnn_params_model::{parts, Config};
/// let p = parts(&Config::default()).unwrap();
/// assert_eq!(p.input_weights, 4 * 256 * 4096);
/// assert_eq!(p.total(), 4_457_472);
/// ```
pub fn parts(config: &Config) -> Result<Parts, CountError> {
    if config.kind != crate::kind::Kind::Layer {
        return crate::families::count(config).map(|b| b.parts);
    }
    config.check()?;
    let mut total = Parts::default();
    for k in 0..config.layers.get() {
        total.scaled_add(direction_parts(config, k)?, config.directions())?;
    }
    Ok(total)
}

/// The total parameter count: what Keras `model.count_params()` or PyTorch
/// `sum(p.numel() for p in module.parameters())` reports.
///
/// # Errors
/// [`CountError::Refused`] when the framework refuses the configuration.
///
/// ```
/// use rnn_params_model::{total, Config, Framework};
/// assert_eq!(total(&Config::default()), Ok(4_457_472)); // Keras LSTM(256) on 4096
/// let torch = Config { framework: Framework::PyTorch, ..Config::default() };
/// assert_eq!(total(&torch), Ok(4_458_496));
/// ```
pub fn total(config: &Config) -> Result<u64, CountError> {
    parts(config).map(|p| p.total())
}

/// Names tensors the way each framework does.
struct Namer<'a> {
    config: &'a Config,
}

impl Namer<'_> {
    fn keras_path(&self, k: u8, direction: Direction, name: &str) -> String {
        let stem = self.config.cell.keras_stem();
        let suffix = if k == 0 { String::new() } else { format!("_{k}") };
        if self.config.bidirectional {
            format!("bidirectional{suffix}/{}_{stem}{suffix}/{stem}_cell/{name}", direction.label())
        } else {
            format!("{stem}{suffix}/{stem}_cell/{name}")
        }
    }

    fn torch_name(&self, k: u8, direction: Direction, stem: &str) -> String {
        let reverse = if direction == Direction::Backward { "_reverse" } else { "" };
        format!("{stem}_l{k}{reverse}")
    }
}

fn direction_tensors(config: &Config, k: u8, direction: Direction) -> Result<Vec<Tensor>, CountError> {
    let b = gate_block(config, k);
    let n = b.units;
    let gn = mul(config.cell.gate_blocks(), n)?;
    let gate_order = config.cell.gate_order(config.framework);
    let namer = Namer { config };
    let mut out = Vec::with_capacity(5);
    let mut push = |name: String, path: String, holds: Holds, shape: Vec<u64>, gate_axis: Option<usize>| {
        let count = shape.iter().try_fold(1u64, |acc, d| mul(acc, *d))?;
        let role = match holds {
            Holds::InputWeights => Role::InputWeights,
            Holds::RecurrentWeights => Role::RecurrentWeights,
            Holds::Bias | Holds::BiasRows | Holds::InputBias | Holds::RecurrentBias | Holds::DoubleBias => Role::Bias,
            Holds::Projection => Role::Projection,
            Holds::JointKernel => Role::InputWeights,
            Holds::Peephole => Role::RecurrentWeights,
        };
        out.push(Tensor {
            name,
            path,
            role,
            holds,
            shape,
            count,
            layer: k,
            direction,
            gate_axis,
            gate_order,
            units: n,
        });
        Ok::<(), CountError>(())
    };
    match config.framework {
        Framework::Keras => {
            let mut keras = |name: &str, role, shape, axis| {
                push(name.to_owned(), namer.keras_path(k, direction, name), role, shape, axis)
            };
            keras("kernel", Holds::InputWeights, vec![b.input_size, gn], Some(1))?;
            keras("recurrent_kernel", Holds::RecurrentWeights, vec![n, gn], Some(1))?;
            match b.biases {
                0 => {}
                1 => keras("bias", Holds::Bias, vec![gn], Some(0))?,
                _ => keras("bias", Holds::BiasRows, vec![b.biases, gn], Some(1))?,
            }
        }
        Framework::PyTorch => {
            let mut torch = |stem: &str, role, shape, axis| {
                let name = namer.torch_name(k, direction, stem);
                push(name.clone(), name, role, shape, axis)
            };
            torch("weight_ih", Holds::InputWeights, vec![gn, b.input_size], Some(0))?;
            torch("weight_hh", Holds::RecurrentWeights, vec![gn, b.recurrent_width], Some(0))?;
            if b.biases > 0 {
                torch("bias_ih", Holds::InputBias, vec![gn], Some(0))?;
                torch("bias_hh", Holds::RecurrentBias, vec![gn], Some(0))?;
            }
            if let Some(p) = config.projection() {
                torch("weight_hr", Holds::Projection, vec![p, n], None)?;
            }
        }
    }
    Ok(out)
}

/// The full breakdown: layers, directions and every tensor with its framework name and shape.
///
/// Sources: PyTorch `nn.RNN` / `nn.GRU` / `nn.LSTM` "Variables" (names and shapes); Keras
/// `SimpleRNNCell` / `GRUCell` / `LSTMCell` `build()` (kernel, recurrent_kernel, bias).
///
/// # Errors
/// [`CountError::Refused`] when the framework refuses the configuration.
///
/// ```
/// use rnn_params_model::{count, Config, Framework};
/// let b = count(&Config { framework: Framework::PyTorch, ..Config::default() }).unwrap();
/// let names: Vec<_> = b.tensors().map(|t| t.name.as_str()).collect();
/// assert_eq!(names, ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]);
/// assert_eq!(b.total, 4_458_496);
/// ```
pub fn count(config: &Config) -> Result<Breakdown, CountError> {
    if config.kind != crate::kind::Kind::Layer {
        return crate::families::count(config);
    }
    let parts = parts(config)?;
    let mut layers = Vec::with_capacity(config.layers.get() as usize);
    for k in 0..config.layers.get() {
        let dirs: &[Direction] =
            if config.bidirectional { &[Direction::Forward, Direction::Backward] } else { &[Direction::Forward] };
        let mut directions = Vec::with_capacity(dirs.len());
        let mut layer_params = 0u64;
        for &d in dirs {
            let tensors = direction_tensors(config, k, d)?;
            let params = tensors.iter().try_fold(0u64, |acc, t| add(acc, t.count))?;
            layer_params = add(layer_params, params)?;
            directions.push(DirectionCount { direction: d, tensors, params });
        }
        layers.push(LayerCount {
            index: k,
            input_size: config.input_size_of_layer(k),
            block: gate_block(config, k),
            directions,
            params: layer_params,
        });
    }
    let total = layers.iter().try_fold(0u64, |acc, l| add(acc, l.params))?;
    debug_assert_eq!(total, parts.total(), "tensors and parts disagree");
    Ok(Breakdown { config: *config, layers, parts, total })
}
