//! The recurrent layers beyond Keras 3's and PyTorch's `RNN/GRU/LSTM` layers: Keras
//! `ConvLSTM1D/2D/3D`, Flax (Linen and NNX) cells in `nn.RNN` / `nn.Bidirectional`, PyTorch's
//! `nn.RNNCell/GRUCell/LSTMCell`, TensorFlow 1's `tf.compat.v1.nn.rnn_cell` cells, the CuDNN layers
//! and Keras 2 (`tf.keras` 2.15).
//!
//! Each is the same idea as the layers in [`mod@crate::count`]: G gate blocks of input and recurrent
//! weights, with the framework's own choice of biases, names, shapes and order. [`count`] builds
//! the same [`Breakdown`] (layers → directions → tensors), so every panel reads it the same way.
//!
//! Sources (the rules, confirmed by `tests/data/keras_convlstm.jsonl`, `flax.jsonl`,
//! `pytorch_cells.jsonl`, `tf_legacy.jsonl`):
//! - Keras `ConvLSTM1D/2D/3D` (<https://keras.io/api/layers/recurrent_layers/conv_lstm2d/>):
//!   kernel `kernel_size + (c, 4f)`, recurrent kernel `kernel_size + (f, 4f)`, bias `(4f,)`.
//! - Flax Linen `LSTMCell`, `OptimizedLSTMCell`, `GRUCell`, `SimpleCell`, `MGUCell`, `ConvLSTMCell`
//!   and NNX `nnx.LSTMCell`, `OptimizedLSTMCell`, `GRUCell`, `SimpleCell`
//!   (<https://flax.readthedocs.io/en/latest/api_reference/flax.linen/layers.html#recurrent>).
//! - PyTorch `nn.RNNCell`, `nn.GRUCell`, `nn.LSTMCell` (<https://pytorch.org/docs/stable/nn.html>).
//! - TensorFlow 1 `BasicRNNCell`, `GRUCell`, `BasicLSTMCell`, `LSTMCell`
//!   (<https://www.tensorflow.org/api_docs/python/tf/compat/v1/nn/rnn_cell>), `CuDNNLSTM`,
//!   `CuDNNGRU` (`tf.compat.v1.keras.layers`), Keras 2.15 `GRU(reset_after=…)`.
//!
//! Bounds: sizes are [`Size`](crate::bounds::Size)s (≤ 2^20), kernel sizes ≤ [`Conv::MAX_KERNEL`]
//! per axis (K ≤ 2^15), layers ≤ 16: the largest count (16 bidirectional ConvLSTM3D layers with a
//! 32×32×32 kernel, 2^20 channels and filters) is about 1.35·10^19, below `u64::MAX` (1.8·10^19;
//! tested). Every product is still checked; a count past `u64` would be
//! [`CountError::Overflow`], never wrapped.

use crate::cell::{Cell, Framework, Gate, MergeMode};
use crate::config::{Config, Refusal};
use crate::count::{
    Breakdown, CountError, Direction, DirectionCount, GateBlock, Holds, LayerCount, Parts, Role, Tensor,
};
use core::fmt;

/// Which family of layer a [`Config`] describes. [`Kind::Layer`] (the default) is Keras 3's or
/// PyTorch's `RNN/GRU/LSTM` layer as [`mod@crate::count`] counts it; the others are counted here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Kind {
    /// Keras 3 `SimpleRNN/GRU/LSTM`, PyTorch `nn.RNN/GRU/LSTM` (the framework says which).
    #[default]
    Layer,
    /// PyTorch `nn.RNNCell` / `nn.GRUCell` / `nn.LSTMCell`: one step of one layer, two biases.
    TorchCell,
    /// Keras `ConvLSTM1D` / `ConvLSTM2D` / `ConvLSTM3D`: `units` are the filters f, `input_size`
    /// the input channels c.
    ConvLstm(Conv),
    /// A Flax cell, in `nn.RNN` / `nn.Bidirectional` or bare.
    Flax(Flax),
    /// A TensorFlow 1 `tf.compat.v1.nn.rnn_cell` cell in `dynamic_rnn` /
    /// `bidirectional_dynamic_rnn` / `MultiRNNCell` (legacy).
    Tf1(Tf1),
    /// `tf.compat.v1.keras.layers.CuDNNLSTM` / `CuDNNGRU` (legacy): Keras layout, PyTorch's two
    /// biases.
    CuDnn,
    /// Keras 2.15 (`tf.keras`) `SimpleRNN/GRU/LSTM` (legacy): Keras 3's counts, names ending in `:0`.
    Keras2,
}

/// The URL keys of the kinds, in the order the widget offers them.
pub const KIND_KEYS: [&str; 7] = ["layer", "cell", "convlstm", "flax", "tf1", "cudnn", "keras2"];

impl Kind {
    /// The URL key (`kind=`): `layer`, `cell`, `convlstm`, `flax`, `tf1`, `cudnn`, `keras2`.
    pub const fn key(self) -> &'static str {
        match self {
            Kind::Layer => "layer",
            Kind::TorchCell => "cell",
            Kind::ConvLstm(_) => "convlstm",
            Kind::Flax(_) => "flax",
            Kind::Tf1(_) => "tf1",
            Kind::CuDnn => "cudnn",
            Kind::Keras2 => "keras2",
        }
    }

    /// The kind for a URL key, with default settings.
    pub fn from_key(key: &str) -> Option<Kind> {
        Some(match key.trim().to_ascii_lowercase().as_str() {
            "layer" => Kind::Layer,
            "cell" | "torchcell" => Kind::TorchCell,
            "convlstm" => Kind::ConvLstm(Conv::default()),
            "flax" => Kind::Flax(Flax::default()),
            "tf1" => Kind::Tf1(Tf1::default()),
            "cudnn" => Kind::CuDnn,
            "keras2" => Kind::Keras2,
            _ => return None,
        })
    }

    /// Whether this kind is a legacy API (TensorFlow 1, CuDNN layers, Keras 2).
    pub const fn legacy(self) -> bool {
        matches!(self, Kind::Tf1(_) | Kind::CuDnn | Kind::Keras2)
    }

    /// The framework whose layout conventions the rest of the page follows for this kind:
    /// PyTorch for PyTorch cells, Keras (kernels stored `(input, G·n)`) for every other new kind.
    pub const fn framework(self, layer: Framework) -> Framework {
        match self {
            Kind::Layer => layer,
            Kind::TorchCell => Framework::PyTorch,
            _ => Framework::Keras,
        }
    }

    /// A short name for the framework choice: `Keras`, `PyTorch`, `Flax Linen`, `TensorFlow 1`, …
    pub fn framework_label(self, layer: Framework) -> &'static str {
        match self {
            Kind::Layer | Kind::ConvLstm(_) => layer.label(),
            Kind::TorchCell => "PyTorch",
            Kind::Flax(f) if f.api == FlaxApi::Nnx => "Flax NNX",
            Kind::Flax(_) => "Flax Linen",
            Kind::Tf1(_) => "TensorFlow 1",
            Kind::CuDnn => "TensorFlow 1 (CuDNN)",
            Kind::Keras2 => "Keras 2",
        }
    }
}

/// `padding` of a convolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Padding {
    /// Keras `same` / Flax `SAME` (the output frame is the input frame divided by the stride).
    #[default]
    Same,
    /// Keras `valid`: the kernel stays inside the frame, so the frame shrinks by `d·(k − 1)`.
    Valid,
}

impl Padding {
    /// `same` or `valid`.
    pub const fn key(self) -> &'static str {
        match self {
            Padding::Same => "same",
            Padding::Valid => "valid",
        }
    }
}

/// The convolution of a ConvLSTM: rank (1, 2 or 3 spatial axes), the kernel size per axis, and
/// the settings that never change the count (padding, strides, dilation, data format, frame size),
/// kept so the widget can show them and refuse what Keras refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Conv {
    /// Spatial axes: 1 (`ConvLSTM1D`), 2 or 3.
    pub rank: u8,
    /// Kernel size per axis (only the first `rank` entries are read), each 1 – [`Conv::MAX_KERNEL`].
    pub kernel: [u32; 3],
    /// `padding`.
    pub padding: Padding,
    /// `strides` (the same on every axis), 1 – 16.
    pub strides: u32,
    /// `dilation_rate` (the same on every axis), 1 – 16.
    pub dilation: u32,
    /// `data_format='channels_first'` (else `channels_last`).
    pub channels_first: bool,
    /// The frame size per axis (only the first `rank` entries are read), each 1 – 65,536.
    pub frame: [u32; 3],
}

impl Default for Conv {
    /// `ConvLSTM2D(kernel_size=3)` on 64×64 frames, `same` padding, stride 1.
    fn default() -> Self {
        Conv {
            rank: 2,
            kernel: [3, 3, 3],
            padding: Padding::Same,
            strides: 1,
            dilation: 1,
            channels_first: false,
            frame: [64, 64, 64],
        }
    }
}

impl Conv {
    /// The largest kernel size per axis (32): K = k1·k2·k3 ≤ 2^15.
    pub const MAX_KERNEL: u32 = 32;
    /// The largest frame size per axis (65,536).
    pub const MAX_FRAME: u32 = 65_536;
    /// The largest stride or dilation (16).
    pub const MAX_STEP: u32 = 16;

    /// The kernel sizes of the `rank` axes.
    pub fn kernel_dims(&self) -> &[u32] {
        &self.kernel[..usize::from(self.rank.clamp(1, 3))]
    }

    /// The frame sizes of the `rank` axes.
    pub fn frame_dims(&self) -> &[u32] {
        &self.frame[..usize::from(self.rank.clamp(1, 3))]
    }

    /// K: the product of the kernel sizes (`k`, `k1·k2`, `k1·k2·k3`), at most 2^15.
    pub fn k(&self) -> u64 {
        self.kernel_dims().iter().map(|&k| u64::from(k)).product()
    }

    /// The kernel size as written: `3×3`, `3×5`, `3`.
    pub fn kernel_text(&self) -> String {
        join_dims(self.kernel_dims())
    }

    /// The frame size as written: `64×64`.
    pub fn frame_text(&self) -> String {
        join_dims(self.frame_dims())
    }

    /// The output frame of one layer, per axis (Keras `compute_conv_output_shape`): `same`
    /// gives ⌈in / s⌉, `valid` gives ⌊(in − d·(k − 1) − 1) / s⌋ + 1, or `None` when that would
    /// be zero or negative.
    pub fn output_frame(&self, frame: &[u32]) -> Option<Vec<u32>> {
        frame
            .iter()
            .zip(self.kernel_dims())
            .map(|(&size, &k)| match self.padding {
                Padding::Same => Some(size.div_ceil(self.strides.max(1))),
                Padding::Valid => {
                    let span = self.dilation.max(1).checked_mul(k - 1)?.checked_add(1)?;
                    (size >= span).then(|| (size - span) / self.strides.max(1) + 1)
                }
            })
            .collect()
    }

    /// Checks the convolution the way Keras does, for `layers` stacked layers.
    ///
    /// # Errors
    /// [`KindRefusal::StridesWithDilation`] (Keras: "Specifying `strides > 1` is not compatible
    /// with `dilation_rate > 1`") and [`KindRefusal::OutputTooSmall`] (Keras: "Computed output
    /// size would be zero or negative") for a `valid` kernel larger than the frame (at any layer).
    pub fn check(&self, layers: u8) -> Result<(), KindRefusal> {
        if self.strides > 1 && self.dilation > 1 {
            return Err(KindRefusal::StridesWithDilation);
        }
        let mut frame = self.frame_dims().to_vec();
        for layer in 0..layers {
            frame = self.output_frame(&frame).ok_or(KindRefusal::OutputTooSmall {
                layer: layer + 1,
                kernel: self.kernel_text(),
                frame: join_dims(&frame),
            })?;
        }
        Ok(())
    }

    /// The Keras class: `ConvLSTM1D`, `ConvLSTM2D`, `ConvLSTM3D`.
    pub fn class_name(&self) -> &'static str {
        match self.rank {
            1 => "ConvLSTM1D",
            3 => "ConvLSTM3D",
            _ => "ConvLSTM2D",
        }
    }
}

fn join_dims(dims: &[u32]) -> String {
    dims.iter().map(u32::to_string).collect::<Vec<_>>().join("×")
}

/// Flax's two APIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FlaxApi {
    /// `flax.linen` (`nn.RNN`, parameters in `model.init(...)["params"]`).
    #[default]
    Linen,
    /// `flax.nnx` (`nnx.RNN`, parameters in `nnx.state(model, nnx.Param)`).
    Nnx,
}

/// A Flax recurrent cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum FlaxCell {
    /// `LSTMCell`: per-gate `Dense` layers `ii if ig io` (no bias) and `hi hf hg ho` (bias).
    #[default]
    Lstm,
    /// `OptimizedLSTMCell`: the same count; NNX stores it as `dense_i` `(m, 4n)` and `dense_h`.
    OptimizedLstm,
    /// `GRUCell`: Linen has biases on `ir iz in` and `hn`; NNX one biased `dense_i (m, 3n)`.
    Gru,
    /// `SimpleCell`: bias on the input layer only.
    Simple,
    /// `MGUCell` (Linen only): gates f and n, bias on `if`, `in` and (with `reset_gate`) `hn`.
    Mgu,
    /// `ConvLSTMCell` (Linen only): convolutions `ih` and `hh`, both with a bias.
    ConvLstm,
}

impl FlaxCell {
    /// Every Flax cell.
    pub const ALL: [FlaxCell; 6] =
        [FlaxCell::Lstm, FlaxCell::OptimizedLstm, FlaxCell::Gru, FlaxCell::Simple, FlaxCell::Mgu, FlaxCell::ConvLstm];

    /// The class name: `LSTMCell`, `OptimizedLSTMCell`, `GRUCell`, `SimpleCell`, `MGUCell`,
    /// `ConvLSTMCell`.
    pub const fn class_name(self) -> &'static str {
        match self {
            FlaxCell::Lstm => "LSTMCell",
            FlaxCell::OptimizedLstm => "OptimizedLSTMCell",
            FlaxCell::Gru => "GRUCell",
            FlaxCell::Simple => "SimpleCell",
            FlaxCell::Mgu => "MGUCell",
            FlaxCell::ConvLstm => "ConvLSTMCell",
        }
    }

    /// The URL key: `lstm`, `optimizedlstm`, `gru`, `simple`, `mgu`, `convlstm`.
    pub const fn key(self) -> &'static str {
        match self {
            FlaxCell::Lstm => "lstm",
            FlaxCell::OptimizedLstm => "optimizedlstm",
            FlaxCell::Gru => "gru",
            FlaxCell::Simple => "simple",
            FlaxCell::Mgu => "mgu",
            FlaxCell::ConvLstm => "convlstm",
        }
    }

    /// Parses a key or a class name (any case).
    pub fn from_key(key: &str) -> Option<FlaxCell> {
        let k = key.trim().to_ascii_lowercase();
        FlaxCell::ALL.into_iter().find(|c| c.key() == k || c.class_name().eq_ignore_ascii_case(&k))
    }

    /// The gates, in the order the cell computes them.
    pub const fn gates(self) -> &'static [Gate] {
        match self {
            FlaxCell::Lstm | FlaxCell::OptimizedLstm | FlaxCell::ConvLstm => &[Gate::I, Gate::F, Gate::G, Gate::O],
            FlaxCell::Gru => &[Gate::R, Gate::Z, Gate::N],
            FlaxCell::Simple => &[Gate::H],
            FlaxCell::Mgu => &[Gate::F, Gate::N],
        }
    }

    /// The Keras / PyTorch cell closest to it (for the rest of the page): LSTM, GRU or SimpleRNN.
    pub const fn nearest(self) -> Cell {
        match self {
            FlaxCell::Lstm | FlaxCell::OptimizedLstm | FlaxCell::ConvLstm => Cell::Lstm,
            FlaxCell::Gru | FlaxCell::Mgu => Cell::Gru,
            FlaxCell::Simple => Cell::SimpleRnn,
        }
    }
}

/// A Flax model around a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Flax {
    /// Linen or NNX.
    pub api: FlaxApi,
    /// The cell class.
    pub cell: FlaxCell,
    /// The bare cell (one step), not wrapped in `nn.RNN`.
    pub bare: bool,
    /// `nn.Bidirectional(rnn, rnn)` with the same RNN object both ways: the weights are shared.
    pub shared: bool,
    /// `MGUCell(reset_gate=…)` (default `True`).
    pub reset_gate: bool,
    /// In a stack of bidirectional layers, the top layer is a plain `nn.RNN`
    /// (`nn.Sequential([nn.Bidirectional(...), nn.RNN(...)])`).
    pub top_forward: bool,
    /// `ConvLSTMCell`'s kernel size and frame (its `strides` and `padding` must stay 1 and SAME).
    pub conv: Conv,
}

impl Default for Flax {
    /// Linen `nn.RNN(nn.LSTMCell(features=n))`.
    fn default() -> Self {
        Flax {
            api: FlaxApi::Linen,
            cell: FlaxCell::Lstm,
            bare: false,
            shared: false,
            reset_gate: true,
            top_forward: false,
            conv: Conv::default(),
        }
    }
}

/// A TensorFlow 1 cell's options (`tf.compat.v1.nn.rnn_cell`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tf1 {
    /// `LSTMCell` rather than `BasicLSTMCell` (LSTM only; needed for peepholes, projection, shards).
    pub full_lstm: bool,
    /// `LSTMCell(use_peepholes=True)`: three diagonal vectors `w_f_diag`, `w_i_diag`, `w_o_diag` (+3n).
    pub peepholes: bool,
    /// `LSTMCell(num_proj=p)` (0 = none): `projection/kernel (n, p)`, and the kernel takes `[x, r]`
    /// with r = p.
    pub num_proj: u32,
    /// `num_unit_shards` (1 = unsplit): the kernel is stored in that many `part_k` pieces by rows.
    pub unit_shards: u8,
    /// `num_proj_shards` (1 = unsplit): the projection kernel in that many pieces (only with
    /// `num_proj`).
    pub proj_shards: u8,
}

impl Default for Tf1 {
    /// `BasicLSTMCell` (or `BasicRNNCell` / `GRUCell`): no peepholes, projection or shards.
    fn default() -> Self {
        Tf1 { full_lstm: false, peepholes: false, num_proj: 0, unit_shards: 1, proj_shards: 1 }
    }
}

impl Tf1 {
    /// The most shards accepted (16).
    pub const MAX_SHARDS: u8 = 16;
}

/// A configuration one of these frameworks refuses (or cannot express).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindRefusal {
    /// Keras ConvLSTM: strides > 1 together with dilation > 1.
    StridesWithDilation,
    /// Keras ConvLSTM with `valid` padding: the kernel does not fit the frame.
    OutputTooSmall {
        /// The 1-based layer whose output would vanish.
        layer: u8,
        /// The kernel size, e.g. `9×9`.
        kernel: String,
        /// The frame that layer sees, e.g. `8×8`.
        frame: String,
    },
    /// A setting outside its range (kernel, frame, strides, dilation, shards, projection).
    OutOfRange {
        /// The parameter's name.
        what: &'static str,
        /// Its range, in words.
        range: &'static str,
    },
    /// The cell has no such option (the framework's constructor rejects the keyword).
    NoSuchOption {
        /// The class, e.g. `nn.LSTMCell`.
        class: &'static str,
        /// The option, e.g. `num_layers`.
        option: &'static str,
    },
    /// NNX 0.12.8 has no `MGUCell` / `ConvLSTMCell`.
    NotInNnx {
        /// The class asked for.
        class: &'static str,
    },
    /// Flax `ConvLSTMCell` only runs with stride 1 and `SAME` padding (its state keeps the frame).
    FlaxConvStride,
    /// There is no CuDNN SimpleRNN.
    NoCuDnnRnn,
    /// TF1's `num_proj` must be below `num_units` here (as PyTorch's `proj_size`).
    ProjNotSmaller {
        /// p.
        proj_size: u32,
        /// n.
        units: u32,
    },
}

impl fmt::Display for KindRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KindRefusal::StridesWithDilation => f.write_str(
                "Keras refuses this: \"Specifying `strides > 1` is not compatible with `dilation_rate > 1`\" \
                 (set strides or dilation_rate to 1).",
            ),
            KindRefusal::OutputTooSmall { layer, kernel, frame } => write!(
                f,
                "Keras refuses this: \"Computed output size would be zero or negative\" (layer {layer}: a \
                 {kernel} kernel with padding='valid' does not fit a {frame} frame)."
            ),
            KindRefusal::OutOfRange { what, range } => write!(f, "{what} must be {range}."),
            KindRefusal::NoSuchOption { class, option } => write!(
                f,
                "{class} has no {option} argument: \"__init__() got an unexpected keyword argument '{option}'\"."
            ),
            KindRefusal::NotInNnx { class } => {
                write!(f, "Flax refuses this: \"Module flax.nnx has no attribute '{class}'\" (Linen only).")
            }
            KindRefusal::FlaxConvStride => f.write_str(
                "Flax's ConvLSTMCell only runs with strides 1 and padding 'SAME': its state keeps the \
                 frame size, and other settings fail with \"incompatible shapes for broadcasting\".",
            ),
            KindRefusal::NoCuDnnRnn => {
                f.write_str("There is no CuDNN SimpleRNN: tf.compat.v1.keras.layers has CuDNNLSTM and CuDNNGRU only.")
            }
            KindRefusal::ProjNotSmaller { proj_size, units } => {
                write!(f, "num_proj must be smaller than num_units here (num_proj {proj_size} ≥ num_units {units}).")
            }
        }
    }
}

fn refuse(r: KindRefusal) -> Refusal {
    Refusal::Kind(r)
}

fn conv_ranges(conv: &Conv) -> Result<(), KindRefusal> {
    let bad = |what, range| Err(KindRefusal::OutOfRange { what, range });
    if !(1..=3).contains(&conv.rank) {
        return bad("rank", "1, 2 or 3");
    }
    if conv.kernel_dims().iter().any(|&k| k == 0 || k > Conv::MAX_KERNEL) {
        return bad("kernel_size", "1 – 32 on each axis");
    }
    if conv.frame_dims().iter().any(|&s| s == 0 || s > Conv::MAX_FRAME) {
        return bad("frame size", "1 – 65,536 on each axis");
    }
    if !(1..=Conv::MAX_STEP).contains(&conv.strides) {
        return bad("strides", "1 – 16");
    }
    if !(1..=Conv::MAX_STEP).contains(&conv.dilation) {
        return bad("dilation_rate", "1 – 16");
    }
    Ok(())
}

/// Checks a configuration of a new kind the way its framework does.
///
/// # Errors
/// A [`Refusal::Kind`] naming the framework's own reason. [`Kind::Layer`] is always accepted
/// here ([`Config::check`] checks it).
pub fn check(config: &Config) -> Result<(), Refusal> {
    let no = |class, option| Err(refuse(KindRefusal::NoSuchOption { class, option }));
    let projection = config.proj_size.get() > 0;
    match config.kind {
        Kind::Layer => Ok(()),
        Kind::TorchCell => {
            let class = match config.cell {
                Cell::SimpleRnn => "nn.RNNCell",
                Cell::Gru => "nn.GRUCell",
                Cell::Lstm => "nn.LSTMCell",
            };
            if config.layers.get() > 1 {
                no(class, "num_layers")
            } else if config.bidirectional {
                no(class, "bidirectional")
            } else if projection {
                no(class, "proj_size")
            } else {
                Ok(())
            }
        }
        Kind::ConvLstm(conv) => {
            if projection {
                return no("ConvLSTM", "proj_size");
            }
            conv_ranges(&conv).map_err(refuse)?;
            conv.check(config.layers.get()).map_err(refuse)
        }
        Kind::Flax(flax) => {
            let class = flax.cell.class_name();
            if flax.api == FlaxApi::Nnx && matches!(flax.cell, FlaxCell::Mgu | FlaxCell::ConvLstm) {
                return Err(refuse(KindRefusal::NotInNnx { class }));
            }
            if projection {
                return no(class, "proj_size");
            }
            if !config.bias && flax.cell != FlaxCell::ConvLstm {
                return no(class, "use_bias");
            }
            if flax.bare && (config.bidirectional || config.layers.get() > 1) {
                return Err(refuse(KindRefusal::NoSuchOption {
                    class,
                    option: "bidirectional / stacking (wrap it in nn.RNN)",
                }));
            }
            if flax.cell == FlaxCell::ConvLstm {
                conv_ranges(&flax.conv).map_err(refuse)?;
                if flax.conv.strides != 1 || flax.conv.padding != Padding::Same {
                    return Err(refuse(KindRefusal::FlaxConvStride));
                }
            }
            Ok(())
        }
        Kind::Tf1(t) => {
            let class = tf1_class(config.cell, t);
            if !config.bias {
                return no(class, "use_bias");
            }
            if projection {
                return no(class, "proj_size (use LSTMCell's num_proj)");
            }
            let full = config.cell == Cell::Lstm && t.full_lstm;
            if !full && t.peepholes {
                return no(class, "use_peepholes");
            }
            if !full && t.num_proj > 0 {
                return no(class, "num_proj");
            }
            if !full && (t.unit_shards > 1 || t.proj_shards > 1) {
                return no(class, "num_unit_shards");
            }
            if !(1..=Tf1::MAX_SHARDS).contains(&t.unit_shards) || !(1..=Tf1::MAX_SHARDS).contains(&t.proj_shards) {
                return Err(refuse(KindRefusal::OutOfRange {
                    what: "num_unit_shards / num_proj_shards",
                    range: "1 – 16",
                }));
            }
            if t.num_proj >= config.units.get() && t.num_proj > 0 {
                return Err(refuse(KindRefusal::ProjNotSmaller { proj_size: t.num_proj, units: config.units.get() }));
            }
            Ok(())
        }
        Kind::CuDnn => {
            if config.cell == Cell::SimpleRnn {
                Err(refuse(KindRefusal::NoCuDnnRnn))
            } else if !config.bias {
                no(cudnn_class(config.cell), "use_bias")
            } else if projection {
                no(cudnn_class(config.cell), "proj_size")
            } else {
                Ok(())
            }
        }
        Kind::Keras2 => {
            if projection {
                Err(Refusal::ProjNotKeras)
            } else {
                Ok(())
            }
        }
    }
}

fn cudnn_class(cell: Cell) -> &'static str {
    if cell == Cell::Gru {
        "CuDNNGRU"
    } else {
        "CuDNNLSTM"
    }
}

/// The TF1 class for a cell: `BasicRNNCell`, `GRUCell`, `BasicLSTMCell` or `LSTMCell`.
pub const fn tf1_class(cell: Cell, t: Tf1) -> &'static str {
    match cell {
        Cell::SimpleRnn => "BasicRNNCell",
        Cell::Gru => "GRUCell",
        Cell::Lstm if t.full_lstm => "LSTMCell",
        Cell::Lstm => "BasicLSTMCell",
    }
}

fn mul(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_mul(b).ok_or(CountError::Overflow)
}

fn add(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_add(b).ok_or(CountError::Overflow)
}

fn one_gate(g: Gate) -> &'static [Gate] {
    match g {
        Gate::I => &[Gate::I],
        Gate::F => &[Gate::F],
        Gate::G => &[Gate::G],
        Gate::O => &[Gate::O],
        Gate::R => &[Gate::R],
        Gate::Z => &[Gate::Z],
        Gate::N => &[Gate::N],
        Gate::H => &[Gate::H],
    }
}

/// Collects one direction's tensors and its parts by role.
struct Dir {
    layer: u8,
    direction: Direction,
    units: u64,
    tensors: Vec<Tensor>,
    parts: Parts,
}

impl Dir {
    fn new(layer: u8, direction: Direction, units: u64) -> Dir {
        Dir { layer, direction, units, tensors: Vec::new(), parts: Parts::default() }
    }

    /// Adds a tensor; `split` gives (input, recurrent) parameters for a joint `[x, h]` kernel.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        name: String,
        path: String,
        holds: Holds,
        shape: Vec<u64>,
        gate_axis: Option<usize>,
        gate_order: &'static [Gate],
        split: Option<(u64, u64)>,
    ) -> Result<(), CountError> {
        let count = shape.iter().try_fold(1u64, |acc, d| mul(acc, *d))?;
        let role = match holds {
            Holds::InputWeights | Holds::JointKernel => Role::InputWeights,
            Holds::RecurrentWeights | Holds::Peephole => Role::RecurrentWeights,
            Holds::Projection => Role::Projection,
            _ => Role::Bias,
        };
        match split {
            Some((i, r)) => {
                self.parts.input_weights = add(self.parts.input_weights, i)?;
                self.parts.recurrent_weights = add(self.parts.recurrent_weights, r)?;
            }
            None => match role {
                Role::InputWeights => self.parts.input_weights = add(self.parts.input_weights, count)?,
                Role::RecurrentWeights => self.parts.recurrent_weights = add(self.parts.recurrent_weights, count)?,
                Role::Bias => self.parts.biases = add(self.parts.biases, count)?,
                Role::Projection => self.parts.projection = add(self.parts.projection, count)?,
            },
        }
        self.tensors.push(Tensor {
            name,
            path,
            role,
            holds,
            shape,
            count,
            layer: self.layer,
            direction: self.direction,
            gate_axis,
            gate_order,
            units: self.units,
        });
        Ok(())
    }

    fn finish(self) -> Result<(DirectionCount, Parts), CountError> {
        let params = self.parts.total();
        Ok((DirectionCount { direction: self.direction, tensors: self.tensors, params }, self.parts))
    }
}

/// Segment-wise order of parameter paths, numbers compared as numbers (NNX's `layers/10` after
/// `layers/2`), as `nnx.to_flat_state` and Linen's lifted `nn.RNN` sort them.
fn path_order(a: &str, b: &str) -> core::cmp::Ordering {
    let mut x = a.split('/');
    let mut y = b.split('/');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return core::cmp::Ordering::Equal,
            (None, Some(_)) => return core::cmp::Ordering::Less,
            (Some(_), None) => return core::cmp::Ordering::Greater,
            (Some(p), Some(q)) => {
                let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                    (Ok(i), Ok(j)) => i.cmp(&j),
                    _ => p.cmp(q),
                };
                if o.is_ne() {
                    return o;
                }
            }
        }
    }
}

/// The full breakdown of a configuration of a new kind (any kind but [`Kind::Layer`]).
///
/// Per direction, per layer (`in` = that layer's input, K = product of the kernel sizes):
/// ConvLSTM `4(K·c·f + K·f² + f)`; Flax Linen LSTM `4(n·in + n² + n)`, GRU `3(n·in + n² + n) + n`,
/// NNX GRU `3(n·in + n² + n)`, SimpleCell `n·in + n² + n`, MGU `2(n·in + n² + n) + n`,
/// ConvLSTMCell `4(K·c·f + K·f² + 2f)`; PyTorch cells as one-layer `nn.RNN/GRU/LSTM`; TF1
/// `G((in + r)·n + n)` (+3n peepholes, + n·p projection); CuDNN `G(n·in + n² + 2n)`; Keras 2 as
/// Keras 3.
///
/// # Errors
/// [`CountError::Refused`] as [`check`] refuses, [`CountError::Overflow`] past `u64`.
///
/// ```
/// use rnn_params_model::kind::{Conv, Kind};
/// use rnn_params_model::bounds::Size;
/// use rnn_params_model::{count, Config};
/// // ConvLSTM2D(filters=64, kernel_size=3) on 1 channel: 4 × (9·1·64 + 9·64·64 + 64).
/// let c = Config { kind: Kind::ConvLstm(Conv::default()), input_size: Size::new(1).unwrap(),
///                  units: Size::new(64).unwrap(), ..Config::default() };
/// assert_eq!(count(&c).unwrap().total, 150_016);
/// ```
pub fn count(config: &Config) -> Result<Breakdown, CountError> {
    check(config)?;
    match config.kind {
        Kind::Layer => crate::count::count(config),
        Kind::TorchCell => torch_cell(config),
        Kind::Keras2 => keras2(config),
        _ => build(config),
    }
}

fn torch_cell(config: &Config) -> Result<Breakdown, CountError> {
    let layer = Config { kind: Kind::Layer, framework: Framework::PyTorch, ..*config };
    let mut b = crate::count::count(&layer)?;
    for t in b.layers.iter_mut().flat_map(|l| l.directions.iter_mut()).flat_map(|d| d.tensors.iter_mut()) {
        t.name = t.name.trim_end_matches("_l0").to_owned();
        t.path = t.name.clone();
    }
    b.config = *config;
    Ok(b)
}

fn keras2(config: &Config) -> Result<Breakdown, CountError> {
    let layer = Config { kind: Kind::Layer, framework: Framework::Keras, ..*config };
    let mut b = crate::count::count(&layer)?;
    for t in b.layers.iter_mut().flat_map(|l| l.directions.iter_mut()).flat_map(|d| d.tensors.iter_mut()) {
        t.path.push_str(":0");
        t.name = t.path.clone();
    }
    b.config = *config;
    Ok(b)
}

/// What layer `k` sees and builds, for the generic builder.
fn layer_input(config: &Config, k: u8, below_dirs: u64, below_width: u64) -> u64 {
    if k == 0 {
        return config.input_size.wide();
    }
    match config.kind {
        // Keras's Bidirectional: concat doubles, the others keep the width.
        Kind::ConvLstm(_) | Kind::CuDnn if below_dirs == 2 => config.merge.width_factor() * below_width,
        // TF1: each direction stacks its own MultiRNNCell, so cell_k sees its own direction only.
        Kind::Tf1(_) => below_width,
        _ => below_dirs * below_width,
    }
}

fn build(config: &Config) -> Result<Breakdown, CountError> {
    let n = config.units.wide();
    let layers_n = config.layers.get();
    let mut layers = Vec::with_capacity(usize::from(layers_n));
    let mut parts = Parts::default();
    let mut below = (1u64, 0u64);
    for k in 0..layers_n {
        let dirs = directions_of(config, k);
        let input = layer_input(config, k, below.0, below.1);
        let mut directions = Vec::with_capacity(dirs.len());
        let mut layer_params = 0u64;
        for &d in &dirs {
            let (dc, p) = direction(config, k, d, input)?;
            layer_params = add(layer_params, dc.params)?;
            parts.input_weights = add(parts.input_weights, p.input_weights)?;
            parts.recurrent_weights = add(parts.recurrent_weights, p.recurrent_weights)?;
            parts.biases = add(parts.biases, p.biases)?;
            parts.projection = add(parts.projection, p.projection)?;
            directions.push(dc);
        }
        if let Kind::Flax(f) = config.kind {
            if f.api == FlaxApi::Nnx {
                // nnx.to_flat_state sorts: backward_rnn before forward_rnn.
                directions.reverse();
            }
        }
        let block = block_of(config, input);
        let out_width = match config.kind {
            Kind::Tf1(t) if t.num_proj > 0 => u64::from(t.num_proj),
            _ => n,
        };
        // A shared Bidirectional still outputs both directions.
        // (Without Bidirectional, `shared` means nothing: one nn.RNN.)
        let shared = matches!(config.kind, Kind::Flax(f) if f.shared) && config.bidirectional;
        let out_dirs = if shared { 2 } else { dirs.len() as u64 };
        below = (out_dirs, out_width);
        layers.push(LayerCount { index: k, input_size: input, block, directions, params: layer_params });
    }
    let total = layers.iter().try_fold(0u64, |acc, l| add(acc, l.params))?;
    Ok(Breakdown { config: *config, layers, parts, total })
}

fn directions_of(config: &Config, k: u8) -> Vec<Direction> {
    let mut bi = config.bidirectional;
    if let Kind::Flax(f) = config.kind {
        if f.shared || (f.top_forward && k + 1 == config.layers.get()) {
            bi = false;
        }
    }
    if bi {
        vec![Direction::Forward, Direction::Backward]
    } else {
        vec![Direction::Forward]
    }
}

/// One gate block of a layer that sees `input` (channels for a ConvLSTM): `n·in + n·r + b·n` with
/// the kernel volume K folded into `in` and `r` for a convolution. For the cells whose gates
/// differ in bias (Flax GRU, MGU) `biases` is the input-side bias of one gate.
fn block_of(config: &Config, input: u64) -> GateBlock {
    let n = config.units.wide();
    let b = u64::from(config.bias);
    match config.kind {
        Kind::ConvLstm(conv) => {
            GateBlock { units: n, input_size: conv.k() * input, recurrent_width: conv.k() * n, biases: b }
        }
        Kind::Flax(f) if f.cell == FlaxCell::ConvLstm => {
            GateBlock { units: n, input_size: f.conv.k() * input, recurrent_width: f.conv.k() * n, biases: 2 * b }
        }
        Kind::Tf1(t) => GateBlock {
            units: n,
            input_size: input,
            recurrent_width: if t.num_proj > 0 { u64::from(t.num_proj) } else { n },
            biases: 1,
        },
        Kind::CuDnn => GateBlock { units: n, input_size: input, recurrent_width: n, biases: 2 },
        _ => GateBlock { units: n, input_size: input, recurrent_width: n, biases: 1 },
    }
}

fn direction(config: &Config, k: u8, d: Direction, input: u64) -> Result<(DirectionCount, Parts), CountError> {
    let n = config.units.wide();
    let mut dir = Dir::new(k, d, n);
    match config.kind {
        Kind::ConvLstm(conv) => conv_lstm(config, &conv, k, d, input, &mut dir)?,
        Kind::Flax(f) => flax(config, &f, k, d, input, &mut dir)?,
        Kind::Tf1(t) => tf1(config, &t, k, d, input, &mut dir)?,
        Kind::CuDnn => cudnn(config, k, d, input, &mut dir)?,
        Kind::Layer | Kind::TorchCell | Kind::Keras2 => unreachable_kind(),
    }
    dir.finish()
}

fn unreachable_kind() {
    debug_assert!(false, "counted by crate::count");
}

fn conv_lstm(config: &Config, conv: &Conv, k: u8, d: Direction, c: u64, dir: &mut Dir) -> Result<(), CountError> {
    let f = config.units.wide();
    let f4 = mul(4, f)?;
    let stem = match conv.rank {
        1 => "conv_lstm1d",
        3 => "conv_lstm3d",
        _ => "conv_lstm2d",
    };
    let suffix = if k == 0 { String::new() } else { format!("_{k}") };
    let prefix = if config.bidirectional {
        format!("bidirectional{suffix}/{}_{stem}{suffix}/conv_lstm_cell", d.label())
    } else {
        format!("{stem}{suffix}/conv_lstm_cell")
    };
    let kd: Vec<u64> = conv.kernel_dims().iter().map(|&x| u64::from(x)).collect();
    let axis = kd.len() + 1;
    let order = Cell::Lstm.gate_order(Framework::Keras);
    let mut shape_in = kd.clone();
    shape_in.extend([c, f4]);
    let mut shape_h = kd;
    shape_h.extend([f, f4]);
    dir.push("kernel".into(), format!("{prefix}/kernel"), Holds::InputWeights, shape_in, Some(axis), order, None)?;
    dir.push(
        "recurrent_kernel".into(),
        format!("{prefix}/recurrent_kernel"),
        Holds::RecurrentWeights,
        shape_h,
        Some(axis),
        order,
        None,
    )?;
    if config.bias {
        dir.push("bias".into(), format!("{prefix}/bias"), Holds::Bias, vec![f4], Some(0), order, None)?;
    }
    Ok(())
}

fn flax(config: &Config, fx: &Flax, k: u8, d: Direction, m: u64, dir: &mut Dir) -> Result<(), CountError> {
    let n = config.units.wide();
    let nnx = fx.api == FlaxApi::Nnx;
    // The module path down to the cell's parameters.
    let mut prefix = String::new();
    if config.layers.get() > 1 {
        prefix.push_str(&if nnx { format!("layers/{k}/") } else { format!("layers_{k}/") });
    }
    let bi_here = config.bidirectional && !(fx.top_forward && k + 1 == config.layers.get());
    if bi_here {
        prefix.push_str(if d == Direction::Backward { "backward_rnn/" } else { "forward_rnn/" });
    }
    if !fx.bare {
        prefix.push_str("cell/");
    }
    let mut list: Vec<(String, Holds, Vec<u64>, &'static [Gate])> = Vec::new();
    let mut dense = |name: &str, holds: Holds, shape: Vec<u64>, gates: &'static [Gate]| {
        list.push((name.to_owned(), holds, shape, gates));
    };
    match (fx.cell, nnx) {
        (FlaxCell::Lstm, _) | (FlaxCell::OptimizedLstm, false) => {
            for &g in FlaxCell::Lstm.gates() {
                let letter = g.key();
                let i_name = if nnx && g == Gate::F { "if_".to_owned() } else { format!("i{letter}") };
                dense(&format!("{i_name}/kernel"), Holds::InputWeights, vec![m, n], one_gate(g));
                dense(&format!("h{letter}/kernel"), Holds::RecurrentWeights, vec![n, n], one_gate(g));
                dense(&format!("h{letter}/bias"), Holds::RecurrentBias, vec![n], one_gate(g));
            }
        }
        (FlaxCell::OptimizedLstm, true) => {
            let gates = FlaxCell::Lstm.gates();
            dense("dense_i/kernel", Holds::InputWeights, vec![m, 4 * n], gates);
            dense("dense_h/kernel", Holds::RecurrentWeights, vec![n, 4 * n], gates);
            dense("dense_h/bias", Holds::RecurrentBias, vec![4 * n], gates);
        }
        (FlaxCell::Gru, false) => {
            for &g in FlaxCell::Gru.gates() {
                let letter = g.key();
                dense(&format!("i{letter}/kernel"), Holds::InputWeights, vec![m, n], one_gate(g));
                dense(&format!("i{letter}/bias"), Holds::InputBias, vec![n], one_gate(g));
                dense(&format!("h{letter}/kernel"), Holds::RecurrentWeights, vec![n, n], one_gate(g));
                if g == Gate::N {
                    dense("hn/bias", Holds::RecurrentBias, vec![n], one_gate(g));
                }
            }
        }
        (FlaxCell::Gru, true) => {
            let gates: &'static [Gate] = &[Gate::R, Gate::Z, Gate::N];
            dense("dense_i/kernel", Holds::InputWeights, vec![m, 3 * n], gates);
            dense("dense_i/bias", Holds::InputBias, vec![3 * n], gates);
            dense("dense_h/kernel", Holds::RecurrentWeights, vec![n, 3 * n], gates);
        }
        (FlaxCell::Simple, _) => {
            let (i, h) = if nnx { ("dense_i", "dense_h") } else { ("i", "h") };
            dense(&format!("{i}/kernel"), Holds::InputWeights, vec![m, n], &[Gate::H]);
            dense(&format!("{i}/bias"), Holds::InputBias, vec![n], &[Gate::H]);
            dense(&format!("{h}/kernel"), Holds::RecurrentWeights, vec![n, n], &[Gate::H]);
        }
        (FlaxCell::Mgu, _) => {
            dense("if/kernel", Holds::InputWeights, vec![m, n], &[Gate::F]);
            dense("if/bias", Holds::InputBias, vec![n], &[Gate::F]);
            dense("hf/kernel", Holds::RecurrentWeights, vec![n, n], &[Gate::F]);
            dense("hn/kernel", Holds::RecurrentWeights, vec![n, n], &[Gate::N]);
            if fx.reset_gate {
                dense("hn/bias", Holds::RecurrentBias, vec![n], &[Gate::N]);
            }
            dense("in/kernel", Holds::InputWeights, vec![m, n], &[Gate::N]);
            dense("in/bias", Holds::InputBias, vec![n], &[Gate::N]);
        }
        (FlaxCell::ConvLstm, _) => {
            let kd: Vec<u64> = fx.conv.kernel_dims().iter().map(|&x| u64::from(x)).collect();
            let gates = FlaxCell::Lstm.gates();
            let mut si = kd.clone();
            si.extend([m, 4 * n]);
            let mut sh = kd;
            sh.extend([n, 4 * n]);
            dense("ih/kernel", Holds::InputWeights, si, gates);
            if config.bias {
                dense("ih/bias", Holds::InputBias, vec![4 * n], gates);
            }
            dense("hh/kernel", Holds::RecurrentWeights, sh, gates);
            if config.bias {
                dense("hh/bias", Holds::RecurrentBias, vec![4 * n], gates);
            }
        }
    }
    // Linen's lifted nn.RNN (and NNX's flat state) list the cell's parameters sorted; a bare
    // Linen cell keeps the order it created them in.
    if nnx || !fx.bare {
        list.sort_by(|a, b| path_order(&a.0, &b.0));
    }
    for (name, holds, shape, gates) in list {
        let axis = shape.len() - 1;
        let path = format!("{prefix}{name}");
        dir.push(path.clone(), path, holds, shape, Some(axis), gates, None)?;
    }
    Ok(())
}

/// Row counts of `rows` split into `shards` pieces as TensorFlow's `fixed_size_partitioner` does:
/// the first `rows % shards` pieces hold one row more.
fn shard_rows(rows: u64, shards: u8) -> Vec<u64> {
    let s = u64::from(shards.max(1));
    (0..s).map(|i| rows / s + u64::from(i < rows % s)).filter(|&r| r > 0).collect()
}

fn tf1(config: &Config, t: &Tf1, k: u8, d: Direction, input: u64, dir: &mut Dir) -> Result<(), CountError> {
    let n = config.units.wide();
    let p = u64::from(t.num_proj);
    let r = if p > 0 { p } else { n };
    let rows = add(input, r)?;
    let cell_name = match (config.cell, t.full_lstm) {
        (Cell::SimpleRnn, _) => "basic_rnn_cell",
        (Cell::Gru, _) => "gru_cell",
        (Cell::Lstm, true) => "lstm_cell",
        (Cell::Lstm, false) => "basic_lstm_cell",
    };
    let mut prefix = if config.bidirectional {
        format!("bidirectional_rnn/{}/", if d == Direction::Backward { "bw" } else { "fw" })
    } else {
        "rnn/".to_owned()
    };
    if config.layers.get() > 1 {
        prefix.push_str(&format!("multi_rnn_cell/cell_{k}/"));
    }
    prefix.push_str(cell_name);
    let full = |leaf: &str| format!("{prefix}/{leaf}:0");
    // A joint kernel of `rows` rows: the first `input` rows multiply x, the rest h.
    let joint = |dir: &mut Dir, leaf: &str, cols: u64, shards: u8, gates: &'static [Gate]| -> Result<(), CountError> {
        let parts = shard_rows(rows, shards);
        let mut start = 0u64;
        for (i, &len) in parts.iter().enumerate() {
            let in_rows = input.saturating_sub(start).min(len);
            let split = (mul(in_rows, cols)?, mul(len - in_rows, cols)?);
            let name = if parts.len() > 1 { full(&format!("{leaf}/part_{i}")) } else { full(leaf) };
            dir.push(name.clone(), name, Holds::JointKernel, vec![len, cols], Some(1), gates, Some(split))?;
            start += len;
        }
        Ok(())
    };
    match config.cell {
        Cell::SimpleRnn => {
            joint(dir, "kernel", n, 1, &[Gate::H])?;
            dir.push(full("bias"), full("bias"), Holds::Bias, vec![n], Some(0), &[Gate::H], None)?;
        }
        Cell::Gru => {
            let rz: &'static [Gate] = &[Gate::R, Gate::Z];
            joint(dir, "gates/kernel", 2 * n, 1, rz)?;
            dir.push(full("gates/bias"), full("gates/bias"), Holds::Bias, vec![2 * n], Some(0), rz, None)?;
            joint(dir, "candidate/kernel", n, 1, &[Gate::N])?;
            dir.push(full("candidate/bias"), full("candidate/bias"), Holds::Bias, vec![n], Some(0), &[Gate::N], None)?;
        }
        Cell::Lstm => {
            // TF1 splits its LSTM matrix as i, j (the candidate), f, o.
            let order: &'static [Gate] = &[Gate::I, Gate::G, Gate::F, Gate::O];
            let n4 = mul(4, n)?;
            joint(dir, "kernel", n4, if t.full_lstm { t.unit_shards } else { 1 }, order)?;
            dir.push(full("bias"), full("bias"), Holds::Bias, vec![n4], Some(0), order, None)?;
            if t.full_lstm && t.peepholes {
                for (leaf, g) in [("w_f_diag", Gate::F), ("w_i_diag", Gate::I), ("w_o_diag", Gate::O)] {
                    dir.push(full(leaf), full(leaf), Holds::Peephole, vec![n], Some(0), one_gate(g), None)?;
                }
            }
            if t.full_lstm && p > 0 {
                let pieces = shard_rows(n, t.proj_shards);
                for (i, &len) in pieces.iter().enumerate() {
                    let leaf = if pieces.len() > 1 {
                        format!("projection/kernel/part_{i}")
                    } else {
                        "projection/kernel".into()
                    };
                    dir.push(full(&leaf), full(&leaf), Holds::Projection, vec![len, p], None, &[], None)?;
                }
            }
        }
    }
    Ok(())
}

fn cudnn(config: &Config, k: u8, d: Direction, input: u64, dir: &mut Dir) -> Result<(), CountError> {
    let n = config.units.wide();
    let gn = mul(config.cell.gate_blocks(), n)?;
    let stem = if config.cell == Cell::Gru { "cu_dnngru" } else { "cu_dnnlstm" };
    let suffix = if k == 0 { String::new() } else { format!("_{k}") };
    let prefix = if config.bidirectional {
        format!("bidirectional{suffix}/{}_{stem}{suffix}", d.label())
    } else {
        format!("{stem}{suffix}")
    };
    let order = config.cell.gate_order(Framework::Keras);
    let mut t = |leaf: &str, holds: Holds, shape: Vec<u64>, axis: usize| {
        dir.push(format!("{leaf}:0"), format!("{prefix}/{leaf}:0"), holds, shape, Some(axis), order, None)
    };
    t("kernel", Holds::InputWeights, vec![input, gn], 1)?;
    t("recurrent_kernel", Holds::RecurrentWeights, vec![n, gn], 1)?;
    t("bias", Holds::DoubleBias, vec![mul(2, gn)?], 0)?;
    Ok(())
}

/// The layer in a few words for a new kind: "Keras ConvLSTM2D(64, 3×3) on 1 channel",
/// "Flax Linen nn.RNN(GRUCell(32)) on 16 inputs", "PyTorch nn.LSTMCell(3, 4)".
pub fn describe(config: &Config) -> String {
    let n = config.units;
    let m = config.input_size;
    let dir = if config.bidirectional { "bidirectional " } else { "" };
    let layers = if config.layers.get() > 1 { format!(", {} layers", config.layers) } else { String::new() };
    let inputs = crate::format::noun(m.wide(), "input", "inputs");
    match config.kind {
        Kind::Layer => config.describe(),
        Kind::TorchCell => format!("PyTorch nn.{}Cell({m}, {n})", config.cell.class_name(Framework::PyTorch)),
        Kind::ConvLstm(c) => format!(
            "Keras {dir}{}({n}, {}) on {m} {}{layers}",
            c.class_name(),
            c.kernel_text(),
            crate::format::noun(m.wide(), "channel", "channels")
        ),
        Kind::Flax(f) => {
            let wrap = if f.bare {
                format!("{}({n})", f.cell.class_name())
            } else if config.bidirectional && f.shared {
                format!("Bidirectional(shared RNN({}({n})))", f.cell.class_name())
            } else if config.bidirectional {
                format!("Bidirectional(RNN({}({n})))", f.cell.class_name())
            } else {
                format!("RNN({}({n}))", f.cell.class_name())
            };
            format!("{} {wrap} on {m} {inputs}{layers}", config.kind.framework_label(config.framework))
        }
        Kind::Tf1(t) => {
            let mut s = format!("TensorFlow 1 {dir}{}({n}) on {m} {inputs}{layers}", tf1_class(config.cell, t));
            if t.peepholes {
                s.push_str(", peepholes");
            }
            if t.num_proj > 0 {
                s.push_str(&format!(", num_proj {}", t.num_proj));
            }
            s
        }
        Kind::CuDnn => format!("TensorFlow 1 {dir}{}({n}) on {m} {inputs}{layers}", cudnn_class(config.cell)),
        Kind::Keras2 => {
            let mut s =
                format!("Keras 2 {dir}{}({n}) on {m} {inputs}{layers}", config.cell.class_name(Framework::Keras));
            if config.cell == Cell::Gru && !config.reset_after {
                s.push_str(", reset_after=False");
            }
            if !config.bias {
                s.push_str(", no bias");
            }
            s
        }
    }
}

/// `config` switched to `kind`, with what that kind cannot have changed so that it is accepted:
/// a PyTorch cell gets one layer, one direction and no projection (and PyTorch's conventions);
/// Flax, TF1 and CuDNN layers get their bias back (they have no `use_bias`) and no `proj_size`;
/// CuDNN has no SimpleRNN, so it becomes an LSTM; ConvLSTM and Flax keep their cell as LSTM.
/// Anything still refused (none of the above) falls back to [`Kind::Layer`].
///
/// ```
/// use rnn_params_model::kind::{with_kind, Kind};
/// use rnn_params_model::{Config, Framework};
/// let c = Config { bidirectional: true, ..Config::default() };
/// let cell = with_kind(&c, Kind::TorchCell);
/// assert!(!cell.bidirectional && cell.framework == Framework::PyTorch && cell.check().is_ok());
/// ```
pub fn with_kind(config: &Config, kind: Kind) -> Config {
    let mut next = Config { kind, ..*config };
    next.framework = kind.framework(config.framework);
    if kind != Kind::Layer {
        next.proj_size = crate::bounds::ProjSize::NONE;
    }
    match kind {
        Kind::TorchCell => {
            next.layers = crate::bounds::Layers::ONE;
            next.bidirectional = false;
        }
        Kind::ConvLstm(_) => next.cell = Cell::Lstm,
        Kind::Flax(f) => {
            next.cell = f.cell.nearest();
            if f.cell != FlaxCell::ConvLstm {
                next.bias = true;
            }
        }
        Kind::Tf1(_) => next.bias = true,
        Kind::CuDnn => {
            next.bias = true;
            if next.cell == Cell::SimpleRnn {
                next.cell = Cell::Lstm;
            }
        }
        Kind::Layer | Kind::Keras2 => {}
    }
    if next.check().is_err() {
        next.kind = Kind::Layer;
    }
    next
}

/// The features the top layer outputs per step (per position for a ConvLSTM): what a Dense after
/// the stack reads. TF1's `bidirectional_dynamic_rnn` gives a pair of outputs of r each (r = p
/// with `num_proj`), concatenated: 2r; a Flax `Bidirectional` concatenates 2n (also when it
/// shares its RNN), a forward-only top layer gives n; the others as
/// [`Config::input_size_of_layer`] says for the layer above the stack.
///
/// ```
/// use rnn_params_model::kind::{output_width, Kind, Tf1};
/// use rnn_params_model::Config;
/// let tf = Tf1 { full_lstm: true, num_proj: 64, ..Tf1::default() };
/// let c = Config { kind: Kind::Tf1(tf), bidirectional: true, ..Config::default() };
/// assert_eq!(output_width(&c), 128);
/// ```
pub fn output_width(config: &Config) -> u64 {
    let n = config.units.wide();
    match config.kind {
        Kind::Tf1(t) => {
            let r = if t.full_lstm && config.cell == Cell::Lstm && t.num_proj > 0 { u64::from(t.num_proj) } else { n };
            config.directions() * r
        }
        Kind::Flax(f) if config.bidirectional && !f.top_forward => 2 * n,
        Kind::Flax(_) => n,
        _ => config.input_size_of_layer(config.layers.get()),
    }
}

/// The merge mode a kind reads (ConvLSTM and CuDNN under Keras's `Bidirectional`).
pub fn uses_merge(config: &Config) -> bool {
    matches!(config.kind, Kind::ConvLstm(_) | Kind::CuDnn | Kind::Keras2)
        && config.bidirectional
        && config.layers.get() > 1
        && config.merge != MergeMode::Concat
}

/// Why the Keras / PyTorch framework choice does not apply to this kind (its family decides the
/// framework), or `None` for the Keras / PyTorch layers.
pub fn framework_fixed(config: &Config) -> Option<&'static str> {
    match config.kind {
        Kind::Layer => None,
        Kind::TorchCell => Some("A PyTorch cell: choose \"Layer\" under Layer family for Keras or PyTorch layers."),
        Kind::ConvLstm(_) => Some("ConvLSTM is a Keras layer: choose \"Layer\" under Layer family for the others."),
        Kind::Flax(_) => Some("Flax: its API (Linen or NNX) is chosen below; choose \"Layer\" for Keras or PyTorch."),
        _ => Some("A legacy TensorFlow layer: choose \"Layer\" under Layer family for Keras or PyTorch."),
    }
}

/// Why the SimpleRNN / GRU / LSTM choice does not apply to this kind (ConvLSTM is an LSTM; a Flax
/// cell is chosen among Flax's own), or `None`.
pub fn cell_fixed(config: &Config) -> Option<&'static str> {
    match config.kind {
        Kind::ConvLstm(_) => Some("A ConvLSTM is an LSTM: its gates are convolutions."),
        Kind::Flax(_) => Some("The Flax cell is chosen below (LSTMCell, GRUCell, MGUCell, …)."),
        _ => None,
    }
}
