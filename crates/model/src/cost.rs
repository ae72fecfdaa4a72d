//! What grows with the sequence: multiply-adds, element-wise operations and activation memory for
//! T time steps and a batch of B sequences, next to the parameters and their bytes, which do not.
//!
//! Everything here is read from a [`Breakdown`] (the result of [`crate::count()`]): each layer's
//! [`GateBlock`](crate::count::GateBlock) gives n (units), `in` (the input size that layer sees),
//! r (the recurrent width: n, or p with a PyTorch LSTM projection) and b (bias vectors per gate
//! block: 0, 1 or 2, from [`Config::biases_per_gate`](crate::Config::biases_per_gate)). G is the
//! number of gate blocks (1, 3, 4) and D the number of directions of the layer.
//!
//! # Rules (per layer, per direction, per time step, per sequence)
//!
//! **Multiply-adds of the matrix products**: `G·n·in` (W·x) + `G·n·r` (U·h) + `p·n` (the PyTorch
//! projection `weight_hr`, when there is one). That is exactly the layer's weights without its
//! biases: every weight is used in one multiply-add per step.
//!
//! **Element-wise operations**, each scalar operation counted once, a σ or tanh evaluation counted
//! as one operation (although it costs several floating-point operations in practice), and `1 − z`
//! counted as one:
//! - every cell: `G·n` sums (W·x + U·h for each gate) and `b·G·n` bias adds;
//! - SimpleRNN, `h = tanh(W·x + U·h + b)`: `n` tanh. Total **(2 + b)·n**.
//! - GRU: `3n` activations (σ for r and z, tanh for the candidate), `n` products with r
//!   (`r ⊙ (U_n·h + b_hn)` with `reset_after=True` / PyTorch, `U_h·(r ⊙ h)` with
//!   `reset_after=False`: the same count, at a different place), and `4n` for
//!   `h = z ⊙ h₋₁ + (1 − z) ⊙ ñ` (one subtraction, two products, one sum). Total **(11 + 3b)·n**,
//!   for `reset_after` 0 and 1 alike (b differs: Keras `reset_after=False` has b = 1, `True` b = 2).
//! - LSTM: `4n` activations (σ for i, f, o, tanh for g), `3n` for `c = f ⊙ c₋₁ + i ⊙ g`, `2n` for
//!   `h = o ⊙ tanh(c)`. Total **(13 + 4b)·n**. The projection adds only multiply-adds.
//! - Keras `Bidirectional` merges the two directions at every layer: `sum` and `mul` `n` per step,
//!   `ave` `2n` (a sum and a halving), `concat` 0 (a copy). Counted once per layer, not per direction.
//!
//! **Activation memory kept for training** (values a backward pass needs, one forward pass; the
//! derivatives of σ and tanh are computed from their outputs, so pre-activations are not kept):
//! - SimpleRNN: `h` — **n**;
//! - GRU: r, z, the candidate, `h`, and the one product input the gradient of r needs
//!   (`U_n·h + b_hn`, or `r ⊙ h₋₁` with `reset_after=False`) — **5n**;
//! - LSTM: i, f, g, o, `c`, `tanh(c)`, `h` — **7n**; with a projection `h` is the p-wide
//!   `W_hr·(o ⊙ tanh c)` and `o ⊙ tanh c` (n) is kept too — **7n + p**.
//!
//! The first layer's input sequence (held by the caller), the initial states, merged or concatenated
//! copies of the outputs and framework workspaces are not counted. Stored at float32 (4 bytes).
//!
//! # torchinfo
//! torchinfo 1.8.0 reports "Total mult-adds" for `nn.RNN` / `nn.GRU` / `nn.LSTM` as `T · B · P`
//! (time steps × batch × all parameters, biases included, element-wise operations left out), and
//! for `nn.RNNCell` / `nn.GRUCell` / `nn.LSTMCell` on a `(B, m)` input as `B · n · P`: n times the
//! `B · P` of the one step a cell computes. Both rules were checked against torchinfo's own output
//! (`tests/data/pytorch_cells.jsonl`, `tests/data/models_pytorch.jsonl`).
//!
//! # Bounds and overflow
//! T is a [`Steps`] (1 to 1,000,000), B a [`Batch`] (1 to 65,536). Figures are `u128`; for the
//! largest configuration the widget accepts (m = n = 1,048,576, 16 bidirectional LSTM layers) they
//! stay below 2^90. All arithmetic is checked: a figure beyond `u128` (only reachable with a
//! hand-built [`Breakdown`] outside the bounds) gives [`CountError::Overflow`], never a wrong number
//! or a panic.
//!
//! ```
//! use rnn_params_model::{bounds::Batch, cost::cost};
//! use rnn_params_model::bounds::Steps;
//! use rnn_params_model::{count, Config};
//! let b = count(&Config::default()).unwrap(); // Keras LSTM(256) on 4096
//! let c = cost(&b, Steps::new(16).unwrap(), Batch::ONE).unwrap();
//! assert_eq!(c.multiply_adds.per_step, 4 * 256 * (4096 + 256));
//! assert_eq!(c.multiply_adds.per_sequence, 16 * 4_456_448);
//! ```

use crate::bounds::{Batch, Size, Steps};
use crate::cell::{Cell, Framework, MergeMode};
use crate::count::{Breakdown, CountError};
use crate::format::grouped;
use thousands::Separable;

/// A number type the weights may be stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// IEEE float32 (`torch.float32`, Keras `"float32"`): 4 bytes.
    Float32,
    /// bfloat16: 2 bytes.
    BFloat16,
    /// IEEE float16 (half): 2 bytes.
    Float16,
    /// 8-bit integers (quantized weights, scales not counted): 1 byte.
    Int8,
}

impl Precision {
    /// All precisions, widest first.
    pub const ALL: [Precision; 4] = [Precision::Float32, Precision::BFloat16, Precision::Float16, Precision::Int8];

    /// Bytes per value: 4, 2, 2, 1.
    ///
    /// ```
    /// use rnn_params_model::cost::Precision;
    /// assert_eq!(Precision::BFloat16.bytes(), 2);
    /// ```
    pub const fn bytes(self) -> u64 {
        match self {
            Precision::Float32 => 4,
            Precision::BFloat16 | Precision::Float16 => 2,
            Precision::Int8 => 1,
        }
    }

    /// The name as the frameworks spell the dtype: `float32`, `bfloat16`, `float16`, `int8`.
    ///
    /// ```
    /// use rnn_params_model::cost::Precision;
    /// assert_eq!(Precision::Float32.label(), "float32");
    /// ```
    pub const fn label(self) -> &'static str {
        match self {
            Precision::Float32 => "float32",
            Precision::BFloat16 => "bfloat16",
            Precision::Float16 => "float16",
            Precision::Int8 => "int8",
        }
    }
}

/// One figure at three scales: one time step of one sequence, the T steps of one sequence, and the
/// B sequences of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amounts {
    /// One time step, one sequence.
    pub per_step: u128,
    /// `per_step × T`.
    pub per_sequence: u128,
    /// `per_step × T × B`.
    pub per_batch: u128,
}

impl Amounts {
    fn new(per_step: u128, steps: Steps, batch: Batch) -> Result<Self, CountError> {
        let per_sequence = mul(per_step, steps.get() as u128)?;
        Ok(Amounts { per_step, per_sequence, per_batch: mul(per_sequence, batch.get() as u128)? })
    }
}

/// What a configuration costs for T time steps and a batch of B (see the module docs for the rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// T.
    pub steps: Steps,
    /// B.
    pub batch: Batch,
    /// All parameters P ([`Breakdown::total`]); the same for every T and B.
    pub params: u64,
    /// The bias parameters among them.
    pub biases: u64,
    /// Multiply-adds of the matrix products (W·x, U·h, projection), all layers and directions.
    pub multiply_adds: Amounts,
    /// Element-wise operations (sums, bias adds, activations, gate products, Keras merges).
    pub elementwise: Amounts,
    /// Values one time step of one sequence keeps for the backward pass, all layers and directions.
    pub stored_per_step: u128,
    /// Activation memory of one forward pass kept for training, in bytes at float32:
    /// `stored_per_step × 4 × T × B`.
    pub activation_bytes: u128,
    /// torchinfo's "Total mult-adds", `T · B · P`, for a PyTorch configuration; `None` for Keras
    /// (torchinfo summarises PyTorch modules only).
    pub torchinfo_mult_adds: Option<u128>,
}

fn mul(a: u128, b: u128) -> Result<u128, CountError> {
    a.checked_mul(b).ok_or(CountError::Overflow)
}

fn add(a: u128, b: u128) -> Result<u128, CountError> {
    a.checked_add(b).ok_or(CountError::Overflow)
}

/// Element-wise operations per unit, per step and direction: SimpleRNN `2 + b`, GRU `11 + 3b`,
/// LSTM `13 + 4b`, with b bias vectors per gate block (the rules are in the module docs).
///
/// ```
/// use rnn_params_model::cost::elementwise_factor;
/// use rnn_params_model::Cell;
/// assert_eq!(elementwise_factor(Cell::Lstm, 1), 17); // Keras LSTM: 17·n per step
/// assert_eq!(elementwise_factor(Cell::Lstm, 2), 21); // PyTorch LSTM
/// assert_eq!(elementwise_factor(Cell::SimpleRnn, 0), 2);
/// ```
pub const fn elementwise_factor(cell: Cell, biases: u64) -> u128 {
    let b = biases as u128;
    match cell {
        Cell::SimpleRnn => 2 + b,
        Cell::Gru => 11 + 3 * b,
        Cell::Lstm => 13 + 4 * b,
    }
}

/// Values kept for the backward pass per unit, per step and direction: SimpleRNN 1 (h), GRU 5
/// (r, z, candidate, h, one product), LSTM 7 (i, f, g, o, c, tanh c, h). A PyTorch projection adds
/// p per step on top (see [`cost`]).
///
/// ```
/// use rnn_params_model::cost::stored_factor;
/// use rnn_params_model::Cell;
/// assert_eq!(stored_factor(Cell::Lstm), 7);
/// ```
pub const fn stored_factor(cell: Cell) -> u64 {
    match cell {
        Cell::SimpleRnn => 1,
        Cell::Gru => 5,
        Cell::Lstm => 7,
    }
}

/// Element-wise operations per unit and step of a Keras `Bidirectional` merge: `concat` 0, `sum` 1,
/// `mul` 1, `ave` 2.
///
/// ```
/// use rnn_params_model::cost::merge_factor;
/// use rnn_params_model::MergeMode;
/// assert_eq!(merge_factor(MergeMode::Ave), 2);
/// ```
pub const fn merge_factor(merge: MergeMode) -> u64 {
    match merge {
        MergeMode::Concat => 0,
        MergeMode::Sum | MergeMode::Mul => 1,
        MergeMode::Ave => 2,
    }
}

/// The cost of the counted configuration for `steps` time steps and a batch of `batch`.
///
/// Multiply-adds, element-wise operations and activation memory follow the module docs' rules,
/// summed over every layer and direction of `breakdown`; parameters and their biases are copied from
/// it.
///
/// # Errors
/// [`CountError::Overflow`] when a figure would leave `u128`, which cannot happen for a breakdown
/// from [`crate::count()`] (every figure stays below 2^90).
///
/// ```
/// use rnn_params_model::{bounds::Batch, cost::cost};
/// use rnn_params_model::bounds::Steps;
/// use rnn_params_model::{count, Config, Framework};
/// let b = count(&Config { framework: Framework::PyTorch, ..Config::default() }).unwrap();
/// let c = cost(&b, Steps::new(100).unwrap(), Batch::ONE).unwrap();
/// assert_eq!(c.torchinfo_mult_adds, Some(445_849_600)); // torchinfo 1.8.0, input (1, 100, 4096)
/// assert_eq!(c.multiply_adds.per_step, 4_456_448);     // the biases are not multiply-adds
/// assert_eq!(c.elementwise.per_step, 21 * 256);
/// assert_eq!(c.activation_bytes, 7 * 256 * 4 * 100);
/// ```
pub fn cost(breakdown: &Breakdown, steps: Steps, batch: Batch) -> Result<Cost, CountError> {
    let config = &breakdown.config;
    let g = config.cell.gate_blocks() as u128;
    let projection = config.projection().unwrap_or(0) as u128;
    let keras_merge = config.framework == Framework::Keras && config.bidirectional;
    let (mut macs, mut elementwise, mut stored) = (0u128, 0u128, 0u128);
    for layer in &breakdown.layers {
        let block = layer.block;
        let d = layer.directions.len() as u128;
        let n = block.units as u128;
        let gn = mul(g, n)?;
        let direction_macs = add(
            add(mul(gn, block.input_size as u128)?, mul(gn, block.recurrent_width as u128)?)?,
            mul(projection, n)?,
        )?;
        macs = add(macs, mul(d, direction_macs)?)?;
        let direction_ops = mul(elementwise_factor(config.cell, block.biases), n)?;
        elementwise = add(elementwise, mul(d, direction_ops)?)?;
        if keras_merge && d == 2 {
            elementwise = add(elementwise, mul(merge_factor(config.merge) as u128, n)?)?;
        }
        let direction_stored = add(mul(stored_factor(config.cell) as u128, n)?, projection)?;
        stored = add(stored, mul(d, direction_stored)?)?;
    }
    let values = mul(mul(stored, steps.get() as u128)?, batch.get() as u128)?;
    Ok(Cost {
        steps,
        batch,
        params: breakdown.total,
        biases: breakdown.parts.biases,
        multiply_adds: Amounts::new(macs, steps, batch)?,
        elementwise: Amounts::new(elementwise, steps, batch)?,
        stored_per_step: stored,
        activation_bytes: mul(values, Precision::Float32.bytes() as u128)?,
        torchinfo_mult_adds: (config.framework == Framework::PyTorch)
            .then(|| torchinfo_layer_mult_adds(breakdown.total, steps, batch)),
    })
}

/// The bytes `params` weights take at `precision`: `params × bytes per value`. Cannot overflow
/// (`u64 × 4` fits `u128`).
///
/// ```
/// use rnn_params_model::cost::{weight_bytes, Precision};
/// assert_eq!(weight_bytes(4_457_472, Precision::Float32), 17_829_888);
/// assert_eq!(weight_bytes(4_457_472, Precision::Int8), 4_457_472);
/// ```
pub const fn weight_bytes(params: u64, precision: Precision) -> u128 {
    params as u128 * precision.bytes() as u128
}

/// torchinfo 1.8.0's "Total mult-adds" of a PyTorch `nn.RNN` / `nn.GRU` / `nn.LSTM` run on T steps
/// of a batch of B: `T · B · P`, every parameter (biases included) counted once per step and
/// sequence. Cannot overflow (`u64 × 2^20 × 2^17` fits `u128`).
///
/// Source: torchinfo's output for an input of `(B, T, m)` (`batch_first=True`) or `(T, B, m)`.
///
/// ```
/// use rnn_params_model::{bounds::Batch, cost::torchinfo_layer_mult_adds};
/// use rnn_params_model::bounds::Steps;
/// // nn.LSTM(4096, 256), input (1, 100, 4096): torchinfo prints "Total mult-adds (Units.MEGABYTES): 445.85".
/// assert_eq!(torchinfo_layer_mult_adds(4_458_496, Steps::new(100).unwrap(), Batch::ONE), 445_849_600);
/// ```
pub const fn torchinfo_layer_mult_adds(params: u64, steps: Steps, batch: Batch) -> u128 {
    params as u128 * steps.get() as u128 * batch.get() as u128
}

/// torchinfo 1.8.0's "Total mult-adds" of a PyTorch cell (`nn.RNNCell` / `nn.GRUCell` /
/// `nn.LSTMCell`) on one step of a `(B, m)` input: `B · n · P`, with n the hidden size. The step
/// really uses each weight once per sequence (`B · P`), so this is n times too much: torchinfo's
/// rule, not a compute figure.
///
/// ```
/// use rnn_params_model::{bounds::Batch, cost::torchinfo_cell_mult_adds};
/// use rnn_params_model::bounds::Size;
/// // nn.LSTMCell(4096, 256), input (32, 4096): torchinfo prints 36,523,999,232.
/// let n = Size::new(256).unwrap();
/// assert_eq!(torchinfo_cell_mult_adds(4_458_496, n, Batch::new(32).unwrap()), 36_523_999_232);
/// ```
pub const fn torchinfo_cell_mult_adds(params: u64, hidden_size: Size, batch: Batch) -> u128 {
    params as u128 * hidden_size.get() as u128 * batch.get() as u128
}

/// One sentence on why torchinfo's figure differs from the plain multiply-adds, with the numbers of
/// one step of one sequence; `None` for Keras (no torchinfo figure).
///
/// ```
/// use rnn_params_model::{bounds::Batch, cost::{cost, torchinfo_difference}};
/// use rnn_params_model::bounds::Steps;
/// use rnn_params_model::{count, Config, Framework};
/// let b = count(&Config { framework: Framework::PyTorch, ..Config::default() }).unwrap();
/// let c = cost(&b, Steps::new(16).unwrap(), Batch::ONE).unwrap();
/// assert_eq!(
///     torchinfo_difference(&c).unwrap(),
///     "torchinfo counts each of the 4,458,496 parameters once per step and sequence, so it adds \
///      the 2,048 biases (additions, not multiply-adds) and leaves out the 5,376 element-wise \
///      operations of each step."
/// );
/// ```
pub fn torchinfo_difference(cost: &Cost) -> Option<String> {
    cost.torchinfo_mult_adds?;
    let params = grouped(cost.params);
    let ops = grouped128(cost.elementwise.per_step);
    Some(if cost.biases == 0 {
        format!(
            "torchinfo counts each of the {params} parameters once per step and sequence, which \
             without biases equals the multiply-adds, but leaves out the {ops} element-wise \
             operations of each step."
        )
    } else {
        format!(
            "torchinfo counts each of the {params} parameters once per step and sequence, so it adds \
             the {} biases (additions, not multiply-adds) and leaves out the {ops} element-wise \
             operations of each step.",
            grouped(cost.biases)
        )
    })
}

/// The contrast between parameters (constant in T) and multiply-adds (linear in T), for one
/// sequence: "4,457,472 parameters whatever T; 71.3 M multiply-adds for T = 16, 16 × as many as
/// for T = 1." Multiply-adds are shown with [`si`].
///
/// ```
/// use rnn_params_model::{bounds::Batch, cost::{cost, growth_sentence}};
/// use rnn_params_model::bounds::Steps;
/// use rnn_params_model::{count, Config};
/// let b = count(&Config::default()).unwrap();
/// let one = cost(&b, Steps::new(1).unwrap(), Batch::ONE).unwrap();
/// assert_eq!(
///     growth_sentence(&one),
///     "4,457,472 parameters whatever T; 4.5 M multiply-adds for T = 1, and T times as many for T steps."
/// );
/// ```
pub fn growth_sentence(cost: &Cost) -> String {
    let params = grouped(cost.params);
    let macs = si(cost.multiply_adds.per_sequence);
    let t = grouped(cost.steps.wide());
    if cost.steps.get() == 1 {
        format!("{params} parameters whatever T; {macs} multiply-adds for T = 1, and T times as many for T steps.")
    } else {
        format!("{params} parameters whatever T; {macs} multiply-adds for T = {t}, {t} × as many as for T = 1.")
    }
}

/// [`grouped`] for `u128`: comma thousands separators.
///
/// ```
/// use rnn_params_model::cost::grouped128;
/// assert_eq!(grouped128(71_303_168), "71,303,168");
/// assert_eq!(grouped128(u128::MAX).len(), 51);
/// ```
pub fn grouped128(value: u128) -> String {
    match u64::try_from(value) {
        Ok(v) => grouped(v),
        Err(_) => value.separate_with_commas(),
    }
}

/// SI prefixes, powers of 1000 (`k` = 10^3 ... `Q` = 10^30).
const PREFIXES: [&str; 11] = ["", "k", "M", "G", "T", "P", "E", "Z", "Y", "R", "Q"];

/// `value` at the largest power of 1000 that keeps the whole part below 1000 (rounded half up to
/// `decimals` ≤ 2): the digits, the decimals and the prefix. Integer arithmetic only.
fn scaled(value: u128, decimals: u32) -> (u128, u128, &'static str) {
    let unit = 10u128.pow(decimals.min(2));
    let mut scale = 1u128;
    for (i, prefix) in PREFIXES.iter().enumerate() {
        let (mut whole, rem) = (value / scale, value % scale);
        // rem < scale ≤ 10^30 and unit ≤ 100, so this stays below 2^107.
        let mut frac = (rem * unit + scale / 2) / scale;
        if frac == unit {
            whole += 1;
            frac = 0;
        }
        if whole < 1000 || i == PREFIXES.len() - 1 {
            return (whole, frac, prefix);
        }
        scale *= 1000;
    }
    (value, 0, "")
}

/// A large count compactly with an SI prefix (powers of 1000), one decimal, a trailing `.0`
/// dropped: `950`, `4.5 k`, `71.3 M`, `36.5 G`. Integer arithmetic only (no float formatting).
///
/// ```
/// use rnn_params_model::cost::si;
/// assert_eq!(si(950), "950");
/// assert_eq!(si(71_303_168), "71.3 M");
/// assert_eq!(si(999_960), "1 M");
/// assert_eq!(si(36_523_999_232), "36.5 G");
/// ```
pub fn si(value: u128) -> String {
    let (whole, tenths, prefix) = scaled(value, 1);
    match (prefix, tenths) {
        ("", _) => whole.to_string(),
        (_, 0) => format!("{whole} {prefix}"),
        _ => format!("{whole}.{tenths} {prefix}"),
    }
}

/// Bytes for people, in powers of **1000** (kB = 1,000 B, MB = 10^6 B, GB = 10^9 B), with two
/// decimals from kB up: `396 B`, `17.83 MB`. Integer arithmetic only.
///
/// 1000 because torchinfo's "Params size (MB)" divides by 10^6 (17.83 for 4,458,496 float32
/// parameters); Keras 3's summary divides by 2^20 but still writes "MB" (`(17.00 MB)` for
/// 4,457,472), which [`fixed_point`] with `1 << 20` reproduces.
///
/// ```
/// use rnn_params_model::cost::format_bytes;
/// assert_eq!(format_bytes(396), "396 B");
/// assert_eq!(format_bytes(17_833_984), "17.83 MB");
/// assert_eq!(format_bytes(1_000_000_000), "1.00 GB");
/// ```
pub fn format_bytes(bytes: u128) -> String {
    let (whole, cents, prefix) = scaled(bytes, 2);
    if prefix.is_empty() {
        format!("{whole} B")
    } else {
        format!("{whole}.{cents:02} {prefix}B")
    }
}

/// `value / divisor` written with exactly `decimals` decimals (at most 9), rounded half up, with
/// integer arithmetic only; `None` when `divisor` is 0. Reproduces the numbers torchinfo and Keras
/// print: torchinfo's `Params size (MB)` is `fixed_point(4 × P, 1_000_000, 2)`, its
/// `Total mult-adds (Units.GIGABYTES)` is `fixed_point(mult_adds, 1_000_000_000, 2)`.
///
/// ```
/// use rnn_params_model::cost::fixed_point;
/// assert_eq!(fixed_point(445_849_600, 1_000_000, 2).as_deref(), Some("445.85"));
/// assert_eq!(fixed_point(17_829_888, 1 << 20, 2).as_deref(), Some("17.00")); // Keras's "MB"
/// assert_eq!(fixed_point(5, 10, 0).as_deref(), Some("1"));
/// assert_eq!(fixed_point(1, 0, 2), None);
/// ```
pub fn fixed_point(value: u128, divisor: u128, decimals: u32) -> Option<String> {
    if divisor == 0 {
        return None;
    }
    let decimals = decimals.min(9);
    let unit = 10u128.pow(decimals);
    let (mut whole, rem) = (value / divisor, value % divisor);
    let mut frac = match rem.checked_mul(unit).and_then(|x| x.checked_add(divisor / 2)) {
        Some(x) => x / divisor,
        // A divisor above 2^98: scale it down instead (exact enough for any printed figure).
        None => rem / (divisor / unit),
    };
    if frac >= unit {
        whole += 1;
        frac = 0;
    }
    Some(if decimals == 0 { whole.to_string() } else { format!("{whole}.{frac:0width$}", width = decimals as usize) })
}
