//! The model around the recurrent stack: an optional Embedding before it and Dense (`nn.Linear`)
//! layers after it, counted, named and summarised the way Keras 3 (`model.summary()`) and PyTorch
//! (`named_parameters()`, torchinfo) do.
//!
//! Rules (confirmed by every row of `tests/data/models_keras.jsonl` and `models_pytorch.jsonl`):
//! - Embedding: `V · d` in both frameworks (Keras `Embedding(V, d)`, PyTorch `nn.Embedding(V, d)`).
//!   The recurrent input size m becomes d. Keras `mask_zero=True` and PyTorch `padding_idx` change
//!   nothing (the padding row is still counted and trainable). A frozen table (`trainable=False`,
//!   `from_pretrained(..., freeze=True)`) stays in the total and moves to "Non-trainable params".
//! - Dense / Linear with k units on `in` features: `in · k + k·b` (b = 1 with bias). After a
//!   bidirectional layer `in = 2n` (Keras `concat`, PyTorch), so the weights double but the biases
//!   do not: `Dense(8)` after `Bidirectional(GRU(16))` has 32·8 + 8 = 264, not 2 · 136 = 272.
//! - A Dense on every time step (Keras `return_sequences=True` then `Dense` on the 3-D output, or
//!   `TimeDistributed(Dense)`; PyTorch `Linear` on the whole `out`) acts on the last axis only: the
//!   same count, whatever T is.
//! - Dropout, Masking and Activation layers have no parameters ([`PASSIVE`]).
//!
//! Sources: Keras `Embedding`, `Dense`, `TimeDistributed` (<https://keras.io/api/layers/>);
//! PyTorch `nn.Embedding`, `nn.Linear`; torchinfo 1.8 `summary()`.

use crate::bounds::{Size, Vocab};
use crate::cell::{Framework, MergeMode};
use crate::config::Config;
use crate::count::{count, Breakdown, CountError};
use crate::format::{grouped, input_features};

/// The most Dense layers the head may have.
pub const MAX_DENSE: usize = 4;

/// Layers the frameworks name in a model but that hold no parameters; the widget names them and
/// counts them zero.
pub const PASSIVE: [&str; 3] = ["Dropout", "Masking", "Activation"];

/// What the Dense head reads from the recurrent stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Head {
    /// The last time step (Keras `return_sequences=False`; PyTorch `out[:, -1, :]` or `h_n[-1]`).
    Last,
    /// Every time step: Keras `return_sequences=True` then `Dense` on the 3-D output; PyTorch the
    /// Linear on the whole `out`.
    Every,
    /// Every time step through Keras `TimeDistributed(Dense(k))`: the same count as [`Head::Every`].
    TimeDistributed,
}

impl Head {
    /// All heads.
    pub const ALL: [Head; 3] = [Head::Last, Head::Every, Head::TimeDistributed];

    /// The URL key: `last`, `every`, `td`.
    pub const fn key(self) -> &'static str {
        match self {
            Head::Last => "last",
            Head::Every => "every",
            Head::TimeDistributed => "td",
        }
    }

    /// Parses a URL key (any case; `all` and `timedistributed` are accepted too).
    pub fn from_key(key: &str) -> Option<Head> {
        match key.trim().to_ascii_lowercase().as_str() {
            "last" => Some(Head::Last),
            "every" | "all" => Some(Head::Every),
            "td" | "timedistributed" | "time_distributed" => Some(Head::TimeDistributed),
            _ => None,
        }
    }

    /// Whether the recurrent stack returns every step (its output keeps the time axis).
    pub const fn every_step(self) -> bool {
        !matches!(self, Head::Last)
    }

    /// A short label for controls.
    pub const fn label(self) -> &'static str {
        match self {
            Head::Last => "last step",
            Head::Every => "every step",
            Head::TimeDistributed => "every step (TimeDistributed)",
        }
    }
}

/// An Embedding before the recurrent stack. Its dimension d is the stack's input size m.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Embedding {
    /// V: rows of the table (Keras `input_dim`, PyTorch `num_embeddings`).
    pub vocab: Vocab,
    /// Not trained (Keras `trainable=False`, PyTorch `freeze=True`): still counted in the total.
    pub frozen: bool,
}

/// The layers around the recurrent stack. The default has none: the bare layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Around {
    /// An Embedding before the stack.
    pub embedding: Option<Embedding>,
    /// The Dense layers after the stack (none by default).
    pub dense: DenseStack,
    /// Bias on every Dense layer (Keras `use_bias`, PyTorch `bias`).
    pub dense_bias: bool,
    /// What the first Dense reads (ignored without a Dense).
    pub head: Head,
}

impl Default for Around {
    fn default() -> Self {
        Around { embedding: None, dense: DenseStack::default(), dense_bias: true, head: Head::Last }
    }
}

/// The units k of up to [`MAX_DENSE`] Dense layers, in order (valid by construction).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DenseStack {
    units: [Size; MAX_DENSE],
    len: u8,
}

impl Default for DenseStack {
    fn default() -> Self {
        DenseStack { units: [Size::from_const(1); MAX_DENSE], len: 0 }
    }
}

impl DenseStack {
    /// The Dense layers with these units.
    ///
    /// # Errors
    /// [`TooManyDense`] for more than [`MAX_DENSE`] layers.
    pub fn new(units: &[Size]) -> Result<Self, TooManyDense> {
        if units.len() > MAX_DENSE {
            return Err(TooManyDense);
        }
        let mut s = DenseStack::default();
        s.units[..units.len()].copy_from_slice(units);
        s.len = units.len() as u8;
        Ok(s)
    }

    /// The units, in order.
    pub fn as_slice(&self) -> &[Size] {
        &self.units[..self.len as usize]
    }
}

/// More than [`MAX_DENSE`] Dense layers were asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyDense;

impl Around {
    /// The units k of each Dense layer, in order.
    pub fn dense(&self) -> &[Size] {
        self.dense.as_slice()
    }

    /// Sets the Dense layers' units (an empty slice removes the head).
    ///
    /// # Errors
    /// [`TooManyDense`] for more than [`MAX_DENSE`] layers; nothing is changed then.
    pub fn set_dense(&mut self, units: &[Size]) -> Result<(), TooManyDense> {
        self.dense = DenseStack::new(units)?;
        Ok(())
    }

    /// This with the given Dense units (for tests and examples).
    ///
    /// # Panics
    /// With more than [`MAX_DENSE`] layers.
    pub fn with_dense(mut self, units: &[u32]) -> Self {
        let sizes: Vec<Size> = units.iter().map(|&u| Size::from_const(u)).collect();
        self.set_dense(&sizes).expect("at most MAX_DENSE layers");
        self
    }

    /// No layer around the stack.
    pub fn is_bare(&self) -> bool {
        self.embedding.is_none() && self.dense().is_empty()
    }

    /// The head as it applies: [`Head::Last`] without a Dense.
    pub fn effective_head(&self) -> Head {
        if self.dense().is_empty() {
            Head::Last
        } else {
            self.head
        }
    }
}

/// What a model layer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The Embedding table.
    Embedding,
    /// A recurrent layer (Keras: one per stacked layer; PyTorch: the whole `num_layers` module).
    Recurrent,
    /// A Dense / Linear layer.
    Dense,
}

impl Kind {
    /// A stable key for `data-layer`: `embedding`, `recurrent`, `dense`.
    pub const fn key(self) -> &'static str {
        match self {
            Kind::Embedding => "embedding",
            Kind::Recurrent => "recurrent",
            Kind::Dense => "dense",
        }
    }
}

/// One axis of an output shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// The batch axis (Keras prints `None`).
    Batch,
    /// The time axis (Keras prints `None` when the length is variable).
    Time,
    /// A fixed width.
    Fixed(u64),
}

/// A weight tensor of the whole model, named as the framework names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weight {
    /// Keras's short name (`embeddings`, `kernel`, `bias`, ...); PyTorch's `named_parameters()`
    /// name (`embedding.weight`, `lstm.weight_ih_l0`, `fc.bias`).
    pub name: String,
    /// Keras's weight path in a `Sequential` model (`sequential/dense/kernel`); PyTorch: the name.
    pub path: String,
    /// The framework's shape, outermost axis first.
    pub shape: Vec<u64>,
    /// The product of `shape`.
    pub count: u64,
    /// Whether the optimizer updates it.
    pub trainable: bool,
}

/// One layer of the whole model, as the framework lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelLayer {
    /// What it is.
    pub kind: Kind,
    /// Keras's layer name in a fresh session (`embedding`, `bidirectional_1`, `dense_1`,
    /// `time_distributed`); PyTorch: the attribute (`embedding`, `lstm`, `fc`, `fc1`).
    pub name: String,
    /// The class (`Embedding`, `Bidirectional`, `TimeDistributed`, `LSTM`, `Dense`, `Linear`).
    pub class_name: &'static str,
    /// The layer's parameters.
    pub params: u64,
    /// Whether its parameters are trained.
    pub trainable: bool,
    /// The features it reads: V for an Embedding (token ids), m or D·n for the others.
    pub input_size: u64,
    /// Its output shape, batch first.
    pub output: Vec<Dim>,
    /// Its weights in the framework's order.
    pub weights: Vec<Weight>,
    /// The arithmetic in symbols: `V × d`, `in × k + k`, `in × k`; for a recurrent layer the
    /// layer's own formula is in [`crate::arithmetic`].
    pub formula: String,
    /// The same with numbers: `4,500 × 16 = 72,000`, `64 × 6 + 6 = 390`.
    pub working: String,
    /// Why `in` is what it is (a Dense after the stack): "in = 2 × 32: both directions concatenated".
    pub input_note: Option<String>,
}

/// The whole model's count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// The layers, in the framework's order.
    pub layers: Vec<ModelLayer>,
    /// The recurrent stack's own breakdown.
    pub recurrent: Breakdown,
    /// Every parameter: Keras "Total params", PyTorch `sum(p.numel() for p in model.parameters())`.
    pub total: u64,
    /// The trained ones.
    pub trainable: u64,
    /// The frozen ones (a frozen Embedding).
    pub non_trainable: u64,
}

fn mul(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_mul(b).ok_or(CountError::Overflow)
}

fn add(a: u64, b: u64) -> Result<u64, CountError> {
    a.checked_add(b).ok_or(CountError::Overflow)
}

fn keras_name(stem: &str, k: usize) -> String {
    if k == 0 {
        stem.to_owned()
    } else {
        format!("{stem}_{k}")
    }
}

fn weight(name: String, path: String, shape: Vec<u64>, trainable: bool) -> Result<Weight, CountError> {
    let count = shape.iter().try_fold(1u64, |acc, d| mul(acc, *d))?;
    Ok(Weight { name, path, shape, count, trainable })
}

/// Why the first Dense sees the width it does.
fn dense_input_note(config: &Config) -> Option<String> {
    let n = config.units.wide();
    let r = config.recurrent_width();
    let doubled = config.bidirectional && (config.framework == Framework::PyTorch || config.merge == MergeMode::Concat);
    match (doubled, config.projection()) {
        (true, None) => Some(format!("in = 2 × {n}: both directions concatenated")),
        (true, Some(p)) => Some(format!("in = 2 × {p}: both projected directions concatenated")),
        (false, Some(p)) => Some(format!("in = p = {p}: the projection")),
        (false, None) if config.bidirectional => {
            Some(format!("in = {n}: merge_mode '{}' keeps one direction's width", config.merge.key()))
        }
        (false, None) => {
            debug_assert_eq!(r, n);
            None
        }
    }
}

/// Which part of the whole model holds most of its parameters, in one sentence, and what that
/// part grows with; `None` for the bare recurrent layer (the composition chart already splits it).
/// Parts are the Embedding, the recurrent layers together and the Dense layers together, in the
/// model's order, each with its count and share of the total.
///
/// ```
/// use rnn_params_model::bounds::{Size, Vocab};
/// use rnn_params_model::network::{network, share_sentence, Around, Embedding};
/// use rnn_params_model::{Cell, Config};
/// let config = Config { cell: Cell::Gru, input_size: Size::new(16).unwrap(), units: Size::new(32).unwrap(),
///     bidirectional: true, ..Config::default() };
/// let around = Around { embedding: Some(Embedding { vocab: Vocab::new(4500).unwrap(), frozen: false }),
///     ..Around::default() }.with_dense(&[6, 1]);
/// assert_eq!(
///     share_sentence(&network(&config, &around).unwrap()).unwrap(),
///     "Of the whole model's 81,997 parameters, the Embedding holds 72,000 (87.8 %), the recurrent \
///      layer 9,600 (11.7 %) and the 2 Dense layers 397 (0.5 %). The Embedding is the largest part: \
///      it grows with the vocabulary × the embedding dimension, and never with the sequence length."
/// );
/// assert_eq!(share_sentence(&network(&config, &Around::default()).unwrap()), None);
/// ```
pub fn share_sentence(net: &Network) -> Option<String> {
    use crate::format::{grouped, percent};
    if net.layers.iter().all(|l| l.kind == Kind::Recurrent) {
        return None;
    }
    // (kind, layers, parameters), in the model's order.
    let mut parts: Vec<(Kind, usize, u64)> = Vec::new();
    for layer in &net.layers {
        match parts.iter_mut().find(|(kind, _, _)| *kind == layer.kind) {
            Some(part) => {
                part.1 += 1;
                part.2 = part.2.saturating_add(layer.params);
            }
            None => parts.push((layer.kind, 1, layer.params)),
        }
    }
    let class_of = |kind: Kind| net.layers.iter().find(|l| l.kind == kind).map_or("", |l| l.class_name);
    let name = |kind: Kind, layers: usize| match (kind, layers) {
        (Kind::Embedding, _) => "the Embedding".to_owned(),
        (Kind::Recurrent, 1) => "the recurrent layer".to_owned(),
        (Kind::Recurrent, k) => format!("the {k} recurrent layers"),
        (Kind::Dense, 1) => format!("the {} layer", class_of(Kind::Dense)),
        (Kind::Dense, k) => format!("the {k} {} layers", class_of(Kind::Dense)),
    };
    // "a holds x, b y and c z": the verb is written once, on the first part.
    let clauses: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, &(kind, layers, params))| {
            let verb = match (i, layers) {
                (0, 1) => " holds",
                (0, _) => " hold",
                _ => "",
            };
            format!("{}{verb} {} ({})", name(kind, layers), grouped(params), percent(params, net.total))
        })
        .collect();
    let joined = match clauses.len() {
        1 => clauses[0].clone(),
        n => format!("{} and {}", clauses[..n - 1].join(", "), clauses[n - 1]),
    };
    let &(largest, layers, _) = parts.iter().max_by_key(|(_, _, params)| *params)?;
    let grows = match largest {
        Kind::Embedding => "the vocabulary × the embedding dimension",
        Kind::Recurrent => "the units n, as n² + n·m per gate block",
        Kind::Dense => "its inputs × its units",
    };
    let mut largest_name = name(largest, layers);
    largest_name.replace_range(..1, "T");
    let verb = if layers == 1 { "is" } else { "are" };
    Some(format!(
        "Of the whole model's {} parameters, {joined}. {largest_name} {verb} the largest part: it grows with {grows}, \
         and never with the sequence length.",
        grouped(net.total)
    ))
}

/// The whole model: the Embedding (if any), the recurrent stack, the Dense head (if any).
///
/// Keras lists each stacked recurrent layer as its own layer (`lstm`, `lstm_1`, or
/// `bidirectional`, `bidirectional_1`), PyTorch the stack as one module. The Embedding's dimension
/// is `config.input_size`.
///
/// # Errors
/// [`CountError::Refused`] when the framework refuses the recurrent stack; [`CountError::Overflow`]
/// never within the documented bounds (V ≤ 2^24, d, n, k ≤ 2^20, at most [`MAX_DENSE`] Dense layers).
///
/// ```
/// use rnn_params_model::bounds::{Size, Vocab};
/// use rnn_params_model::network::{network, Around, Embedding};
/// use rnn_params_model::{Cell, Config};
/// // Embedding(4500, 16) -> Bidirectional(GRU(32)) -> Dense(6) -> Dense(1)
/// let config = Config { cell: Cell::Gru, input_size: Size::new(16).unwrap(), units: Size::new(32).unwrap(),
///     bidirectional: true, ..Config::default() };
/// let around = Around { embedding: Some(Embedding { vocab: Vocab::new(4500).unwrap(), frozen: false }),
///     ..Around::default() }.with_dense(&[6, 1]);
/// let net = network(&config, &around).unwrap();
/// let counts: Vec<u64> = net.layers.iter().map(|l| l.params).collect();
/// assert_eq!(counts, [72_000, 9_600, 390, 7]);
/// assert_eq!(net.total, 81_997);
/// ```
pub fn network(config: &Config, around: &Around) -> Result<Network, CountError> {
    let recurrent = count(config)?;
    let fw = config.framework;
    let head = around.effective_head();
    let mut layers = Vec::new();
    let prefix = "sequential/";
    let d = config.input_size.wide();
    if let Some(e) = around.embedding {
        let v = e.vocab.wide();
        let trainable = !e.frozen;
        let w = match fw {
            Framework::Keras => {
                weight("embeddings".into(), format!("{prefix}embedding/embeddings"), vec![v, d], trainable)?
            }
            Framework::PyTorch => weight("embedding.weight".into(), "embedding.weight".into(), vec![v, d], trainable)?,
        };
        layers.push(ModelLayer {
            kind: Kind::Embedding,
            name: "embedding".into(),
            class_name: "Embedding",
            params: w.count,
            trainable,
            input_size: v,
            output: vec![Dim::Batch, Dim::Time, Dim::Fixed(d)],
            working: format!("{} × {} = {}", grouped(v), grouped(d), grouped(w.count)),
            weights: vec![w],
            formula: "V × d".into(),
            input_note: None,
        });
    }
    let stack_out = crate::kind::output_width(config);
    let last_layer = config.layers.get() - 1;
    match fw {
        Framework::Keras => {
            for l in &recurrent.layers {
                let keeps_time = l.index < last_layer || head.every_step();
                let stem = if config.bidirectional { "bidirectional" } else { config.cell.keras_stem() };
                // The top layer's output is what a Dense reads (TF1's p, a forward-only Flax top).
                let width = if l.index == last_layer { stack_out } else { config.input_size_of_layer(l.index + 1) };
                let weights = l
                    .directions
                    .iter()
                    .flat_map(|dc| dc.tensors.iter())
                    .map(|t| Weight {
                        name: t.name.clone(),
                        path: format!("{prefix}{}", t.path),
                        shape: t.shape.clone(),
                        count: t.count,
                        trainable: true,
                    })
                    .collect();
                let mut output = vec![Dim::Batch];
                if keeps_time {
                    output.push(Dim::Time);
                }
                output.push(Dim::Fixed(width));
                layers.push(ModelLayer {
                    kind: Kind::Recurrent,
                    name: keras_name(stem, l.index as usize),
                    class_name: if config.bidirectional { "Bidirectional" } else { config.cell.class_name(fw) },
                    params: l.params,
                    trainable: true,
                    input_size: l.input_size,
                    output,
                    weights,
                    formula: "see the layer's arithmetic".into(),
                    working: grouped(l.params),
                    input_note: None,
                });
            }
        }
        Framework::PyTorch => {
            let attr = config.cell.key();
            let weights = recurrent
                .tensors()
                .map(|t| Weight {
                    name: format!("{attr}.{}", t.name),
                    path: format!("{attr}.{}", t.name),
                    shape: t.shape.clone(),
                    count: t.count,
                    trainable: true,
                })
                .collect();
            layers.push(ModelLayer {
                kind: Kind::Recurrent,
                name: attr.into(),
                class_name: config.cell.class_name(fw),
                params: recurrent.total,
                trainable: true,
                input_size: config.input_size.wide(),
                // torchinfo shows `out`: every step, D·r wide, whatever the head reads.
                output: vec![Dim::Batch, Dim::Time, Dim::Fixed(stack_out)],
                weights,
                formula: "see the layer's arithmetic".into(),
                working: grouped(recurrent.total),
                input_note: None,
            });
        }
    }
    let mut input = stack_out;
    let many = around.dense().len() > 1;
    for (j, k) in around.dense().iter().enumerate() {
        let k = k.wide();
        let bias = around.dense_bias;
        let (name, class_name, weights) = match fw {
            Framework::Keras => {
                let dense = keras_name("dense", j);
                let (name, class, base) = if head == Head::TimeDistributed {
                    let td = keras_name("time_distributed", j);
                    (td.clone(), "TimeDistributed", format!("{prefix}{td}/{dense}"))
                } else {
                    (dense.clone(), "Dense", format!("{prefix}{dense}"))
                };
                let mut w = vec![weight("kernel".into(), format!("{base}/kernel"), vec![input, k], true)?];
                if bias {
                    w.push(weight("bias".into(), format!("{base}/bias"), vec![k], true)?);
                }
                (name, class, w)
            }
            Framework::PyTorch => {
                let attr = if many { format!("fc{}", j + 1) } else { "fc".to_owned() };
                let mut w = vec![weight(format!("{attr}.weight"), format!("{attr}.weight"), vec![k, input], true)?];
                if bias {
                    w.push(weight(format!("{attr}.bias"), format!("{attr}.bias"), vec![k], true)?);
                }
                (attr, "Linear", w)
            }
        };
        let params = weights.iter().try_fold(0u64, |acc, w| add(acc, w.count))?;
        let (formula, working) = if bias {
            ("in × k + k", format!("{} × {} + {} = {}", grouped(input), grouped(k), grouped(k), grouped(params)))
        } else {
            ("in × k", format!("{} × {} = {}", grouped(input), grouped(k), grouped(params)))
        };
        let mut output = vec![Dim::Batch];
        if head.every_step() {
            output.push(Dim::Time);
        }
        output.push(Dim::Fixed(k));
        layers.push(ModelLayer {
            kind: Kind::Dense,
            name,
            class_name,
            params,
            trainable: true,
            input_size: input,
            output,
            weights,
            formula: formula.into(),
            working,
            input_note: if j == 0 { dense_input_note(config) } else { None },
        });
        input = k;
    }
    let mut total = 0u64;
    let mut non_trainable = 0u64;
    for l in &layers {
        total = add(total, l.params)?;
        if !l.trainable {
            non_trainable = add(non_trainable, l.params)?;
        }
    }
    Ok(Network { layers, recurrent, total, trainable: total - non_trainable, non_trainable })
}

impl Network {
    /// Every weight in the framework's order (Keras `model.weights`, PyTorch `named_parameters()`).
    pub fn weights(&self) -> impl Iterator<Item = &Weight> {
        self.layers.iter().flat_map(|l| l.weights.iter())
    }
}

/// One row of a summary table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// The layer's index in [`Network::layers`].
    pub layer: usize,
    /// What it is.
    pub kind: Kind,
    /// Keras "Layer (type)": `embedding (Embedding)`; torchinfo "Layer (type:depth-idx)":
    /// `├─Embedding: 1-1`.
    pub label: String,
    /// "Output Shape": Keras `(None, 16, 8)`, torchinfo `[2, 16, 8]`.
    pub output: String,
    /// "Param #".
    pub params: u64,
}

/// A summary table: its rows and its totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The header of the first column: `Layer (type)` or `Layer (type:depth-idx)`.
    pub first_header: &'static str,
    /// torchinfo's model line (`Model`, its output shape, `--`); Keras has none.
    pub model_row: Option<(String, String)>,
    /// One per layer with parameters.
    pub rows: Vec<SummaryRow>,
    /// "Total params".
    pub total: u64,
    /// "Trainable params".
    pub trainable: u64,
    /// "Non-trainable params".
    pub non_trainable: u64,
}

fn keras_shape(dims: &[Dim], steps: Option<u64>) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| match (d, steps) {
            (Dim::Batch, _) | (Dim::Time, None) => "None".to_owned(),
            (Dim::Time, Some(t)) => t.to_string(),
            (Dim::Fixed(w), _) => w.to_string(),
        })
        .collect();
    format!("({})", parts.join(", "))
}

fn torch_shape(dims: &[Dim], batch: u64, steps: u64) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| match d {
            Dim::Batch => batch.to_string(),
            Dim::Time => steps.to_string(),
            Dim::Fixed(w) => w.to_string(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// The table the framework prints: Keras `model.summary()` for a Keras network (`steps` None when
/// the input length is variable, printed `None`), torchinfo `summary(model, input_size=(batch,
/// steps))` for a PyTorch one (with batch-first input).
///
/// ```
/// use rnn_params_model::bounds::{Size, Vocab};
/// use rnn_params_model::network::{network, summary, Around, Embedding};
/// use rnn_params_model::{Cell, Config};
/// let config = Config { cell: Cell::SimpleRnn, input_size: Size::new(8).unwrap(), units: Size::new(4).unwrap(), ..Config::default() };
/// let around = Around { embedding: Some(Embedding { vocab: Vocab::new(10).unwrap(), frozen: false }), ..Around::default() }.with_dense(&[1]);
/// let s = summary(&network(&config, &around).unwrap(), Some(16), 2);
/// assert_eq!(s.rows[0].label, "embedding (Embedding)");
/// assert_eq!(s.rows[0].output, "(None, 16, 8)");
/// assert_eq!(s.rows[1].output, "(None, 4)");
/// assert_eq!(s.total, 80 + 52 + 5);
/// ```
pub fn summary(net: &Network, steps: Option<u64>, batch: u64) -> Summary {
    let fw = net.recurrent.config.framework;
    let rows = net
        .layers
        .iter()
        .enumerate()
        .map(|(i, l)| SummaryRow {
            layer: i,
            kind: l.kind,
            label: match fw {
                Framework::Keras => format!("{} ({})", l.name, l.class_name),
                Framework::PyTorch => format!("├─{}: 1-{}", l.class_name, i + 1),
            },
            output: match fw {
                Framework::Keras => keras_shape(&l.output, steps),
                Framework::PyTorch => torch_shape(&l.output, batch, steps.unwrap_or(1)),
            },
            params: l.params,
        })
        .collect();
    let model_row = (fw == Framework::PyTorch).then(|| {
        let out = net.layers.last().map(|l| l.output.clone()).unwrap_or_default();
        ("Model".to_owned(), torch_shape(&out, batch, steps.unwrap_or(1)))
    });
    Summary {
        first_header: match fw {
            Framework::Keras => "Layer (type)",
            Framework::PyTorch => "Layer (type:depth-idx)",
        },
        model_row,
        rows,
        total: net.total,
        trainable: net.trainable,
        non_trainable: net.non_trainable,
    }
}

/// The sentence the widget shows about what changes no count, for the layers present.
pub fn notes(around: &Around, framework: Framework) -> Vec<&'static str> {
    let mut out = Vec::new();
    if around.embedding.is_some() {
        out.push(match framework {
            Framework::Keras => "mask_zero=True changes no count: masking adds no parameters.",
            Framework::PyTorch => "padding_idx changes no count: the padding row is still counted (and kept at zero).",
        });
    }
    if !around.dense().is_empty() && around.head.every_step() {
        out.push(match framework {
            Framework::Keras => "Dense on the 3-D output and TimeDistributed(Dense) count the same: the kernel acts on the last axis, shared by every step.",
            Framework::PyTorch => "nn.Linear on every step counts the same as on the last: it acts on the last axis, shared by every step.",
        });
    }
    out.push("Dropout, Masking and Activation layers add no parameters.");
    out
}

/// The whole model in a few words: `Embedding(4500, 16) → Keras bidirectional GRU(32) on 16
/// inputs → Dense(6) → Dense(1)`; the bare layer's [`Config::describe`] when nothing surrounds it.
///
/// ```
/// use rnn_params_model::network::Around;
/// use rnn_params_model::Config;
/// let around = Around::default().with_dense(&[1]);
/// assert_eq!(rnn_params_model::network::describe(&Config::default(), &around),
///     "Keras LSTM(256) on 4,096 input features → Dense(1)");
/// ```
pub fn describe(config: &Config, around: &Around) -> String {
    let mut s = String::new();
    if let Some(e) = around.embedding {
        s.push_str(&format!(
            "Embedding({}, {}{}) → ",
            e.vocab,
            config.input_size,
            if e.frozen { ", frozen" } else { "" }
        ));
    }
    s.push_str(&config.describe());
    let class = match config.framework {
        Framework::Keras => "Dense",
        Framework::PyTorch => "Linear",
    };
    let head = around.effective_head();
    let no_bias = match (around.dense_bias, config.framework) {
        (true, _) => "",
        (false, Framework::Keras) => ", use_bias=False",
        (false, Framework::PyTorch) => ", bias=False",
    };
    for (j, k) in around.dense().iter().enumerate() {
        let dense = format!("{class}({k}{no_bias})");
        let what = match (head, config.framework) {
            (Head::TimeDistributed, Framework::Keras) => format!("TimeDistributed({dense})"),
            (Head::Every | Head::TimeDistributed, _) if j == 0 => format!("{dense} on every step"),
            _ => dense,
        };
        s.push_str(&format!(" → {what}"));
    }
    s
}

/// The whole model in the other framework: its total and the sentence under the total, e.g.
/// "PyTorch, whole model: 82,189 — 192 more: the Embedding and Dense layers count the same; the
/// recurrent layer differs: …". `None` where the other framework cannot build the stack.
///
/// # Errors
/// As [`network`].
pub fn compare_line(config: &Config, around: &Around) -> Result<Option<(u64, String)>, CountError> {
    let this = network(config, around)?;
    let Some(other) = crate::compare::counterpart(config) else {
        return Ok(None);
    };
    let that = network(&other, around)?;
    let fw = other.framework;
    let mut why = Vec::new();
    let dense_in = |n: &Network| n.layers.iter().find(|l| l.kind == Kind::Dense).map(|l| l.input_size);
    let (a, b) = (dense_in(&this), dense_in(&that));
    if a != b {
        if let (Some(a), Some(b)) = (a, b) {
            why.push(format!(
                "the first {} sees {} instead of {}, as {fw} concatenates both directions",
                match fw {
                    Framework::Keras => "Dense",
                    Framework::PyTorch => "Linear",
                },
                input_features(b),
                grouped(a)
            ));
        }
    } else {
        why.push("the Embedding and Dense layers count the same".to_owned());
    }
    let rec = crate::compare::compare(config)?;
    let line = if this.total == that.total {
        format!("{fw}, whole model: {} — the same", grouped(that.total))
    } else {
        let more = that.total > this.total;
        let diff = that.total.abs_diff(this.total);
        if this.recurrent.total != that.recurrent.total {
            let text = rec.line();
            let reason = text.split_once(": ").map(|(_, r)| r.to_owned()).unwrap_or(text);
            why.push(format!("the recurrent layer differs: {reason}"));
        }
        format!(
            "{fw}, whole model: {} — {} {}: {}",
            grouped(that.total),
            grouped(diff),
            if more { "more" } else { "fewer" },
            why.join("; ")
        )
    };
    Ok(Some((that.total, line)))
}

/// Reads a typed vocabulary size: empty or `0` for no Embedding.
///
/// # Errors
/// A message naming the setting and its range.
pub fn parse_vocab(text: &str) -> Result<Option<Vocab>, String> {
    let t = text.trim();
    if t.is_empty() || t == "0" {
        return Ok(None);
    }
    crate::bounds::parse_typed(t).and_then(Vocab::new).map(Some).map_err(|_| {
        format!(
            "The vocabulary size takes a whole number from 1 to {} (0 for no Embedding).",
            grouped(u64::from(Vocab::MAX))
        )
    })
}

/// Reads typed Dense units: `6, 1` for `Dense(6) → Dense(1)`; empty or `0` for none.
///
/// # Errors
/// A message naming the setting and its range.
///
/// ```
/// use rnn_params_model::network::parse_dense;
/// assert_eq!(parse_dense("6, 1").unwrap().as_slice().len(), 2);
/// assert!(parse_dense("6, x").unwrap_err().contains("1 to 1,048,576"));
/// ```
pub fn parse_dense(text: &str) -> Result<DenseStack, String> {
    let t = text.trim();
    if t.is_empty() || t == "0" {
        return Ok(DenseStack::default());
    }
    let err = || {
        format!(
            "Dense units take a comma list of 1 to {MAX_DENSE} whole numbers, each from 1 to {} (0 for no Dense).",
            grouped(u64::from(Size::MAX))
        )
    };
    let mut units = Vec::new();
    for item in t.split(',') {
        let item: String = item.chars().filter(|c| !c.is_whitespace()).collect();
        units.push(crate::bounds::parse_whole(&item).and_then(Size::new).map_err(|_| err())?);
    }
    DenseStack::new(&units).map_err(|_| err())
}
