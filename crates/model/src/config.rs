//! A recurrent layer (or stack) as a framework would build it, checked the way the framework checks it.

use crate::bounds::{Layers, ProjSize, Size};
use crate::cell::{Cell, Framework, MergeMode};
use crate::kind::{Kind, KindRefusal};
use core::fmt;

/// Everything that changes a recurrent layer's parameter count.
///
/// Fields that a framework does not have are kept but never read for it: `reset_after` is read only
/// for a Keras GRU, `merge` only for a Keras bidirectional stack, `proj_size` only for a PyTorch LSTM
/// (and [`Config::check`] refuses it anywhere else, as PyTorch does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// Whose conventions to count with.
    pub framework: Framework,
    /// SimpleRNN, GRU or LSTM.
    pub cell: Cell,
    /// m: features per time step entering the first layer (Keras: the last axis of `Input(shape)`;
    /// PyTorch `input_size`).
    pub input_size: Size,
    /// n: Keras `units`, PyTorch `hidden_size`.
    pub units: Size,
    /// Two directions per layer (Keras `Bidirectional`, PyTorch `bidirectional=True`).
    pub bidirectional: bool,
    /// Bias vectors present (Keras `use_bias`, PyTorch `bias`).
    pub bias: bool,
    /// Keras GRU `reset_after` (default `True` since TF2; `False` in Keras 2 / TF1).
    pub reset_after: bool,
    /// Stacked layers L.
    pub layers: Layers,
    /// Keras `Bidirectional(merge_mode=...)`.
    pub merge: MergeMode,
    /// PyTorch LSTM `proj_size` p (0 = none).
    pub proj_size: ProjSize,
    /// Which family of layer: Keras / PyTorch layers ([`Kind::Layer`], the default), or one of
    /// the layers of [`crate::kind`] (ConvLSTM, Flax, PyTorch cells, TensorFlow 1, CuDNN, Keras 2).
    pub kind: Kind,
}

impl Default for Config {
    /// The classic example: Keras `LSTM(256)` on 4096 input features, 4,457,472 parameters.
    fn default() -> Self {
        Config {
            framework: Framework::Keras,
            cell: Cell::Lstm,
            input_size: Size::from_const(4096),
            units: Size::from_const(256),
            bidirectional: false,
            bias: true,
            reset_after: true,
            layers: Layers::ONE,
            merge: MergeMode::Concat,
            proj_size: ProjSize::NONE,
            kind: Kind::Layer,
        }
    }
}

/// A whole-number setting of [`Config`], for [`Config::allowed`] and [`Config::with_size`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SizeSetting {
    /// `input_size` m (1 – 1,048,576).
    Input,
    /// `units` n (1 – 1,048,576).
    Units,
    /// Stacked `layers` L (1 – 16).
    Layers,
    /// PyTorch LSTM `proj_size` p (0 – n − 1).
    Proj,
}

/// Why [`Config::with_size`] did not set a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetError {
    /// Outside the setting's bounds.
    OutOfRange,
    /// The framework refuses the result.
    Refused(Refusal),
}

/// A configuration the named framework itself refuses to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// PyTorch: `ValueError: proj_size has to be smaller than hidden_size`.
    ProjNotSmaller {
        /// The requested p.
        proj_size: u32,
        /// The hidden size n.
        units: u32,
    },
    /// PyTorch: `ValueError: proj_size argument is only supported for LSTM, not RNN or GRU`.
    ProjNotLstm {
        /// The cell that was asked for a projection.
        cell: Cell,
    },
    /// Keras has no LSTM projection (no `proj_size` argument on `keras.layers.LSTM`).
    ProjNotKeras,
    /// A refusal of one of the layers of [`crate::kind`] (ConvLSTM, Flax, cells, TF1, CuDNN).
    Kind(KindRefusal),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::ProjNotSmaller { proj_size, units } => write!(
                f,
                "PyTorch refuses this: \"proj_size has to be smaller than hidden_size\" \
                 (proj_size {proj_size} ≥ hidden_size {units})."
            ),
            Refusal::ProjNotLstm { cell } => write!(
                f,
                "PyTorch refuses this: \"proj_size argument is only supported for LSTM, not RNN or \
                 GRU\" (the cell is {cell})."
            ),
            Refusal::ProjNotKeras => {
                f.write_str("Keras has no LSTM projection: keras.layers.LSTM takes no proj_size argument.")
            }
            Refusal::Kind(r) => r.fmt(f),
        }
    }
}

impl Config {
    /// Checks the configuration the way the framework's constructor does.
    ///
    /// # Errors
    /// A [`Refusal`] naming the framework's own error, for `proj_size` ≥ `hidden_size`,
    /// `proj_size` on a GRU or SimpleRNN (PyTorch, `torch.nn.RNNBase.__init__`), or any `proj_size`
    /// in Keras.
    ///
    /// ```
    /// use rnn_params_model::{Config, Framework, Refusal};
    /// use rnn_params_model::bounds::ProjSize;
    /// let mut c = Config { framework: Framework::PyTorch, ..Config::default() };
    /// c.proj_size = ProjSize::new(256).unwrap();
    /// assert!(matches!(c.check(), Err(Refusal::ProjNotSmaller { .. })));
    /// ```
    pub fn check(&self) -> Result<(), Refusal> {
        if self.kind != Kind::Layer {
            return crate::kind::check(self);
        }
        let p = self.proj_size.get();
        if p == 0 {
            return Ok(());
        }
        match self.framework {
            Framework::Keras => Err(Refusal::ProjNotKeras),
            Framework::PyTorch if self.cell != Cell::Lstm => Err(Refusal::ProjNotLstm { cell: self.cell }),
            Framework::PyTorch if p >= self.units.get() => {
                Err(Refusal::ProjNotSmaller { proj_size: p, units: self.units.get() })
            }
            Framework::PyTorch => Ok(()),
        }
    }

    /// The number of directions D: 2 when bidirectional, else 1.
    pub const fn directions(&self) -> u64 {
        if self.bidirectional {
            2
        } else {
            1
        }
    }

    /// The projection size p when a projection applies (PyTorch LSTM with `proj_size > 0`).
    pub fn projection(&self) -> Option<u64> {
        let p = self.proj_size.wide();
        (p > 0 && self.framework == Framework::PyTorch && self.cell == Cell::Lstm).then_some(p)
    }

    /// How many bias vectors of length n each gate block has: 0 without bias; PyTorch 2
    /// (`bias_ih` and `bias_hh`); Keras 1, except GRU with `reset_after=True`, which keeps an input
    /// and a recurrent bias (2).
    ///
    /// Sources: PyTorch `nn.LSTM`/`nn.GRU`/`nn.RNN` "Variables"; Keras `GRU` (`reset_after`).
    pub const fn biases_per_gate(&self) -> u64 {
        if !self.bias {
            return 0;
        }
        match (self.framework, self.cell) {
            (Framework::PyTorch, _) => 2,
            (Framework::Keras, Cell::Gru) if self.reset_after => 2,
            (Framework::Keras, _) => 1,
        }
    }

    /// The width of the hidden state fed back into the cell: p with a projection, else n.
    pub fn recurrent_width(&self) -> u64 {
        self.projection().unwrap_or(self.units.wide())
    }

    /// The input size layer `k` (0-based) sees.
    ///
    /// Layer 0 sees m. Above it: PyTorch sees D·n (D·p with projection); Keras sees n
    /// unidirectional, 2n under `merge_mode='concat'`, n under `sum`/`mul`/`ave`.
    pub fn input_size_of_layer(&self, k: u8) -> u64 {
        if k == 0 {
            return self.input_size.wide();
        }
        let out = self.recurrent_width();
        match (self.framework, self.bidirectional) {
            (_, false) => out,
            (Framework::PyTorch, true) => 2 * out,
            (Framework::Keras, true) => self.merge.width_factor() * out,
        }
    }

    /// Whether `reset_after` changes anything here (a Keras GRU).
    pub fn uses_reset_after(&self) -> bool {
        self.framework == Framework::Keras && self.cell == Cell::Gru
    }

    /// Whether `merge` changes anything here (a Keras bidirectional stack of two or more layers).
    ///
    /// A single bidirectional layer's count is the same under every merge mode.
    pub fn uses_merge(&self) -> bool {
        self.framework == Framework::Keras && self.bidirectional && self.layers.get() > 1
    }

    /// The layer in a few words, naming every setting that changes the count and differs from the
    /// default: "PyTorch bidirectional LSTM(32) on 3 input features, 2 layers, proj_size 8".
    ///
    /// ```
    /// use rnn_params_model::Config;
    /// assert_eq!(Config::default().describe(), "Keras LSTM(256) on 4,096 input features");
    /// ```
    pub fn describe(&self) -> String {
        if self.kind != Kind::Layer {
            return crate::kind::describe(self);
        }
        let dir = if self.bidirectional { "bidirectional " } else { "" };
        let mut s = format!(
            "{} {dir}{}({}) on {}",
            self.framework,
            self.cell.class_name(self.framework),
            self.units,
            crate::format::input_features(self.input_size.wide())
        );
        if self.layers.get() > 1 {
            s.push_str(&format!(", {} layers", self.layers));
        }
        if self.uses_merge() && self.merge != MergeMode::Concat {
            s.push_str(&format!(", merge_mode {}", self.merge.key()));
        }
        if !self.bias {
            s.push_str(", no bias");
        }
        if self.uses_reset_after() && !self.reset_after {
            s.push_str(", reset_after=False");
        }
        if let Some(p) = self.projection() {
            s.push_str(&format!(", proj_size {p}"));
        }
        s
    }

    /// Why layer 2 sees the input size it does, for the derivation: "n", "2 × n", "p", "2 × p".
    pub fn layer_input_reason(&self) -> &'static str {
        let projected = self.projection().is_some();
        let doubled = self.bidirectional && (self.framework == Framework::PyTorch || self.merge == MergeMode::Concat);
        match (doubled, projected) {
            (false, false) => "the units n of the layer below",
            (true, false) => "2 × n: both directions of the layer below, concatenated",
            (false, true) => "the projection size p of the layer below",
            (true, true) => "2 × p: both projected directions of the layer below, concatenated",
        }
    }

    /// Whether a projection may be set here (a PyTorch LSTM).
    pub fn allows_projection(&self) -> bool {
        self.framework == Framework::PyTorch && self.cell == Cell::Lstm
    }

    /// The values `setting` may take with every other setting as it is, inclusive: the bounds of
    /// its type, narrowed by what the framework refuses. Units must stay above a projection p
    /// (PyTorch: `proj_size` must be smaller than `hidden_size`); the projection takes 0 (none) to
    /// n − 1, and only 0 where no projection applies.
    ///
    /// ```
    /// use rnn_params_model::{Config, Framework, SizeSetting};
    /// use rnn_params_model::bounds::ProjSize;
    /// let c = Config { framework: Framework::PyTorch, proj_size: ProjSize::new(64).unwrap(), ..Config::default() };
    /// assert_eq!(c.allowed(SizeSetting::Units), (65, 1_048_576));
    /// assert_eq!(c.allowed(SizeSetting::Proj), (0, 255));
    /// assert_eq!(Config::default().allowed(SizeSetting::Proj), (0, 0));
    /// ```
    pub fn allowed(&self, setting: SizeSetting) -> (u64, u64) {
        let sizes = (u64::from(Size::MIN), u64::from(Size::MAX));
        match setting {
            SizeSetting::Input => sizes,
            SizeSetting::Units => match self.projection() {
                Some(p) => (p + 1, sizes.1),
                None => sizes,
            },
            SizeSetting::Layers => (u64::from(Layers::MIN), u64::from(Layers::MAX)),
            SizeSetting::Proj if self.allows_projection() => (0, self.units.wide() - 1),
            SizeSetting::Proj => (0, 0),
        }
    }

    /// This configuration with `setting` set to `value`.
    ///
    /// # Errors
    /// [`SetError::OutOfRange`] when `value` lies outside the setting's type bounds, and
    /// [`SetError::Refused`] with the framework's reason when it refuses the result (units at or
    /// below a projection).
    ///
    /// ```
    /// use rnn_params_model::{Config, SizeSetting};
    /// let c = Config::default().with_size(SizeSetting::Units, 512).unwrap();
    /// assert_eq!(c.units.get(), 512);
    /// assert!(Config::default().with_size(SizeSetting::Layers, 17).is_err());
    /// ```
    pub fn with_size(&self, setting: SizeSetting, value: u64) -> Result<Config, SetError> {
        let mut next = *self;
        match setting {
            SizeSetting::Input => next.input_size = Size::new(value).map_err(|_| SetError::OutOfRange)?,
            SizeSetting::Units => next.units = Size::new(value).map_err(|_| SetError::OutOfRange)?,
            SizeSetting::Layers => next.layers = Layers::new(value).map_err(|_| SetError::OutOfRange)?,
            SizeSetting::Proj => next.proj_size = ProjSize::new(value).map_err(|_| SetError::OutOfRange)?,
        }
        next.check().map_err(SetError::Refused)?;
        Ok(next)
    }

    /// Switches to `framework` and `cell` (either may be the current one). A projection the new
    /// layer cannot have is dropped rather than refusing the switch, and remembered in `kept`;
    /// switching back to a PyTorch LSTM brings a remembered projection back once, if it still fits
    /// the units.
    ///
    /// ```
    /// use rnn_params_model::{Cell, Config, Framework};
    /// use rnn_params_model::bounds::ProjSize;
    /// let mut c = Config { framework: Framework::PyTorch, proj_size: ProjSize::new(64).unwrap(), ..Config::default() };
    /// let mut kept = ProjSize::NONE;
    /// c.switch(Framework::PyTorch, Cell::Gru, &mut kept);
    /// assert_eq!((c.proj_size, kept.get()), (ProjSize::NONE, 64));
    /// c.switch(Framework::PyTorch, Cell::Lstm, &mut kept);
    /// assert_eq!(c.proj_size.get(), 64);
    /// ```
    pub fn switch(&mut self, framework: Framework, cell: Cell, kept: &mut ProjSize) {
        self.framework = framework;
        self.cell = cell;
        if !self.allows_projection() {
            if self.proj_size != ProjSize::NONE {
                *kept = self.proj_size;
            }
            self.proj_size = ProjSize::NONE;
        } else if self.proj_size == ProjSize::NONE {
            let restored = Config { proj_size: *kept, ..*self };
            if restored.check().is_ok() {
                *self = restored;
            }
            // Brought back once: a projection cleared later stays cleared.
            *kept = ProjSize::NONE;
        }
    }
}
