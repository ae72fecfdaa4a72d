//! Cell types, their gates, and the two frameworks' conventions.
//!
//! Names follow the frameworks' documentation:
//! - PyTorch `torch.nn.LSTM` (gates i, f, g, o), `torch.nn.GRU` (r, z, n), `torch.nn.RNN`;
//!   <https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html>.
//! - Keras `LSTM`, `GRU`, `SimpleRNN`, `Bidirectional`; <https://keras.io/api/layers/recurrent_layers/>.

use core::fmt;

/// The recurrent cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Elman RNN: Keras `SimpleRNN`, PyTorch `nn.RNN`. One tanh block.
    SimpleRnn,
    /// Gated recurrent unit: Keras `GRU`, PyTorch `nn.GRU`. Three blocks (r, z, n).
    Gru,
    /// Long short-term memory: Keras `LSTM`, PyTorch `nn.LSTM`. Four blocks (i, f, g, o).
    Lstm,
}

impl Cell {
    /// All cells, smallest first.
    pub const ALL: [Cell; 3] = [Cell::SimpleRnn, Cell::Gru, Cell::Lstm];

    /// The number of gate blocks G: 1, 3 or 4. Each block is a small dense layer over
    /// `[h(t-1), x(t)]` with its own weights and bias, which is why the count has a factor G.
    pub const fn gate_blocks(self) -> u64 {
        match self {
            Cell::SimpleRnn => 1,
            Cell::Gru => 3,
            Cell::Lstm => 4,
        }
    }

    /// The gates in the order the framework stacks them inside its weight tensors.
    ///
    /// LSTM is i, f, g, o in both (Keras names the candidate `c`). GRU differs: PyTorch stacks
    /// r, z, n (`weight_ih_l0` is `W_ir|W_iz|W_in`), Keras stacks z, r, h (update, reset, candidate).
    ///
    /// ```
    /// use rnn_params_model::{Cell, Framework, Gate};
    /// assert_eq!(Cell::Gru.gate_order(Framework::Keras), &[Gate::Z, Gate::R, Gate::N]);
    /// assert_eq!(Cell::Gru.gate_order(Framework::PyTorch), &[Gate::R, Gate::Z, Gate::N]);
    /// ```
    pub const fn gate_order(self, framework: Framework) -> &'static [Gate] {
        match (self, framework) {
            (Cell::SimpleRnn, _) => &[Gate::H],
            (Cell::Gru, Framework::PyTorch) => &[Gate::R, Gate::Z, Gate::N],
            (Cell::Gru, Framework::Keras) => &[Gate::Z, Gate::R, Gate::N],
            (Cell::Lstm, _) => &[Gate::I, Gate::F, Gate::G, Gate::O],
        }
    }

    /// The gates in the order the literature explains them (and the diagram draws them).
    pub const fn gates(self) -> &'static [Gate] {
        match self {
            Cell::SimpleRnn => &[Gate::H],
            Cell::Gru => &[Gate::R, Gate::Z, Gate::N],
            Cell::Lstm => &[Gate::F, Gate::I, Gate::G, Gate::O],
        }
    }

    /// The URL / code name: `rnn`, `gru`, `lstm`.
    pub const fn key(self) -> &'static str {
        match self {
            Cell::SimpleRnn => "rnn",
            Cell::Gru => "gru",
            Cell::Lstm => "lstm",
        }
    }

    /// Parses a URL key. Accepts `rnn`, `simplernn`, `simple_rnn`, `gru`, `lstm` (any case).
    pub fn from_key(key: &str) -> Option<Cell> {
        match key.trim().to_ascii_lowercase().as_str() {
            "rnn" | "simplernn" | "simple_rnn" => Some(Cell::SimpleRnn),
            "gru" => Some(Cell::Gru),
            "lstm" => Some(Cell::Lstm),
            _ => None,
        }
    }

    /// The class name in `framework`: `SimpleRNN`/`GRU`/`LSTM` (Keras), `RNN`/`GRU`/`LSTM` (PyTorch).
    pub const fn class_name(self, framework: Framework) -> &'static str {
        match (self, framework) {
            (Cell::SimpleRnn, Framework::Keras) => "SimpleRNN",
            (Cell::SimpleRnn, Framework::PyTorch) => "RNN",
            (Cell::Gru, _) => "GRU",
            (Cell::Lstm, _) => "LSTM",
        }
    }

    /// Keras's automatic layer name stem (`simple_rnn`, `gru`, `lstm`).
    pub const fn keras_stem(self) -> &'static str {
        match self {
            Cell::SimpleRnn => "simple_rnn",
            Cell::Gru => "gru",
            Cell::Lstm => "lstm",
        }
    }

    /// The display name used on the page.
    pub const fn label(self) -> &'static str {
        match self {
            Cell::SimpleRnn => "SimpleRNN",
            Cell::Gru => "GRU",
            Cell::Lstm => "LSTM",
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One gate block, named as in PyTorch's documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gate {
    /// LSTM input gate i (σ).
    I,
    /// LSTM forget gate f (σ).
    F,
    /// LSTM cell candidate g (tanh); Keras calls it `c`.
    G,
    /// LSTM output gate o (σ).
    O,
    /// GRU reset gate r (σ).
    R,
    /// GRU update gate z (σ).
    Z,
    /// GRU candidate n (tanh; PyTorch's "new gate"); Keras calls it `h`.
    N,
    /// SimpleRNN's single block h (tanh).
    H,
}

/// The non-linearity a gate block applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    /// The logistic sigmoid σ, used by gates (values between 0 and 1).
    Sigmoid,
    /// tanh, used by candidates (values between -1 and 1).
    Tanh,
}

impl Activation {
    /// The symbol drawn in the diagram: `σ` or `tanh`.
    pub const fn symbol(self) -> &'static str {
        match self {
            Activation::Sigmoid => "σ",
            Activation::Tanh => "tanh",
        }
    }
}

impl Gate {
    /// The letter used in `data-gate` and in formulas (`i`, `f`, `g`, `o`, `r`, `z`, `n`, `h`).
    pub const fn key(self) -> &'static str {
        match self {
            Gate::I => "i",
            Gate::F => "f",
            Gate::G => "g",
            Gate::O => "o",
            Gate::R => "r",
            Gate::Z => "z",
            Gate::N => "n",
            Gate::H => "h",
        }
    }

    /// The gate's name in words ("forget gate").
    pub const fn name(self) -> &'static str {
        match self {
            Gate::I => "input gate",
            Gate::F => "forget gate",
            Gate::G => "cell candidate",
            Gate::O => "output gate",
            Gate::R => "reset gate",
            Gate::Z => "update gate",
            Gate::N => "candidate",
            Gate::H => "hidden state",
        }
    }

    /// The gate's activation.
    pub const fn activation(self) -> Activation {
        match self {
            Gate::G | Gate::N | Gate::H => Activation::Tanh,
            _ => Activation::Sigmoid,
        }
    }

    /// What the gate does, in one short sentence for the diagram's description.
    pub const fn role(self) -> &'static str {
        match self {
            Gate::I => "decides how much of the candidate to write into the cell state",
            Gate::F => "decides how much of the old cell state to keep",
            Gate::G => "proposes new values for the cell state",
            Gate::O => "decides how much of the cell state to show as the hidden state",
            Gate::R => "decides how much of the previous hidden state the candidate sees",
            Gate::Z => "blends the previous hidden state with the candidate",
            Gate::N => "proposes the new hidden state",
            Gate::H => "mixes the input with the previous hidden state",
        }
    }
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The framework whose conventions (bias vectors, tensor names and layouts) the count follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Framework {
    /// Keras 3 / TF2 `keras.layers`: one bias vector per gate block (two for GRU with
    /// `reset_after=True`); kernels stored `(input, G·units)`.
    Keras,
    /// PyTorch `torch.nn`: two bias vectors per gate block (`bias_ih`, `bias_hh`); weights stored
    /// `(G·hidden_size, input)`.
    PyTorch,
}

impl Framework {
    /// Both frameworks.
    pub const ALL: [Framework; 2] = [Framework::Keras, Framework::PyTorch];

    /// The URL key: `keras` or `pytorch`.
    pub const fn key(self) -> &'static str {
        match self {
            Framework::Keras => "keras",
            Framework::PyTorch => "pytorch",
        }
    }

    /// Parses a URL key (`keras`, `tf`, `tensorflow`, `pytorch`, `torch`; any case).
    pub fn from_key(key: &str) -> Option<Framework> {
        match key.trim().to_ascii_lowercase().as_str() {
            "keras" | "tf" | "tf2" | "tensorflow" => Some(Framework::Keras),
            "pytorch" | "torch" => Some(Framework::PyTorch),
            _ => None,
        }
    }

    /// The display name.
    pub const fn label(self) -> &'static str {
        match self {
            Framework::Keras => "Keras",
            Framework::PyTorch => "PyTorch",
        }
    }

    /// The other framework.
    pub const fn other(self) -> Framework {
        match self {
            Framework::Keras => Framework::PyTorch,
            Framework::PyTorch => Framework::Keras,
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How Keras's `Bidirectional` wrapper combines the two directions (`merge_mode`). It changes what
/// the next stacked layer sees: `concat` gives 2n features, the others n. PyTorch always
/// concatenates. Source: <https://keras.io/api/layers/recurrent_layers/bidirectional/>.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MergeMode {
    /// Concatenate forward and backward outputs (the Keras default): 2n features.
    Concat,
    /// Element-wise sum: n features.
    Sum,
    /// Element-wise product: n features.
    Mul,
    /// Element-wise average: n features.
    Ave,
}

impl MergeMode {
    /// All merge modes.
    pub const ALL: [MergeMode; 4] = [MergeMode::Concat, MergeMode::Sum, MergeMode::Mul, MergeMode::Ave];

    /// The Keras / URL key.
    pub const fn key(self) -> &'static str {
        match self {
            MergeMode::Concat => "concat",
            MergeMode::Sum => "sum",
            MergeMode::Mul => "mul",
            MergeMode::Ave => "ave",
        }
    }

    /// Parses a key (any case).
    pub fn from_key(key: &str) -> Option<MergeMode> {
        MergeMode::ALL.into_iter().find(|m| m.key().eq_ignore_ascii_case(key.trim()))
    }

    /// How the two directions' outputs are combined, and what the next layer therefore sees.
    ///
    /// Source: Keras `Bidirectional(merge_mode=…)`: concat joins them; sum, mul and ave combine them
    /// element-wise, so the result keeps width n.
    ///
    /// ```
    /// use rnn_params_model::MergeMode;
    /// assert_eq!(MergeMode::Concat.combines(), "side by side: the next layer sees 2n");
    /// assert_eq!(MergeMode::Ave.combines(), "averaged element-wise: the next layer sees n");
    /// ```
    pub const fn combines(self) -> &'static str {
        match self {
            MergeMode::Concat => "side by side: the next layer sees 2n",
            MergeMode::Sum => "added element-wise: the next layer sees n",
            MergeMode::Mul => "multiplied element-wise: the next layer sees n",
            MergeMode::Ave => "averaged element-wise: the next layer sees n",
        }
    }

    /// How many times n the merged output has: 2 for concat, 1 otherwise.
    pub const fn width_factor(self) -> u64 {
        match self {
            MergeMode::Concat => 2,
            _ => 1,
        }
    }
}
