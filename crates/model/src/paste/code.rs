//! Keras and PyTorch code (and `print(model)` output): layer calls found in one linear scan.

use super::lex::{self, Arg, Call, Kind, Parser, SyntaxError, Value};
use super::{shown, PasteError, Reading};
use crate::bounds::{Layers, ProjSize, Size, Steps};
use crate::cell::{Cell, Framework, MergeMode};
use crate::config::Config;
use crate::format::grouped;

/// A value and where it was read.
#[derive(Clone, Debug, PartialEq)]
struct Val<T> {
    v: T,
    from: String,
}

/// One recurrent layer call as written.
#[derive(Clone, Debug, Default)]
struct Layer {
    framework: Option<Framework>,
    cell: Option<Cell>,
    call: String,
    line: u32,
    units: Option<Val<u64>>,
    input: Option<Val<u64>>,
    layers: Option<Val<u64>>,
    bias: Option<Val<bool>>,
    bidir: Option<Val<bool>>,
    reset_after: Option<Val<bool>>,
    merge: Option<Val<Option<MergeMode>>>,
    proj: Option<Val<u64>>,
    steps: Option<Val<Option<u64>>>,
    batch: Option<Val<u64>>,
    return_sequences: Option<bool>,
}

/// Cell, units, bias, bidirectional, reset_after, merge_mode.
type Signature = (Option<Cell>, Option<u64>, bool, bool, bool, Option<Option<MergeMode>>);

impl Layer {
    /// What must be equal for two Keras calls to be layers of one stack.
    fn signature(&self) -> Signature {
        (
            self.cell,
            self.units.as_ref().map(|v| v.v),
            self.bias.as_ref().is_none_or(|v| v.v),
            self.bidir.as_ref().is_some_and(|v| v.v),
            self.reset_after.as_ref().is_none_or(|v| v.v),
            self.merge.as_ref().map(|v| v.v),
        )
    }
}

enum Event {
    Recurrent(Box<Layer>),
    /// A non-recurrent layer; `features` is its output width when known; `keeps` when it does not
    /// change the width (Dropout, normalisation).
    Other {
        features: Option<Val<u64>>,
        keeps: bool,
        /// An Embedding or Dense / Linear layer, read for the model around the stack.
        piece: Option<Piece>,
    },
    Input {
        steps: Option<Val<Option<u64>>>,
        features: Option<Val<u64>>,
        batch: Option<Val<u64>>,
    },
}

/// A layer around the recurrent stack, as read from code.
#[derive(Clone, Debug)]
pub(super) enum Piece {
    /// Keras `Embedding(input_dim, output_dim)`, PyTorch `nn.Embedding(num_embeddings, …)` or
    /// `nn.Embedding.from_pretrained(torch.zeros(V, d), freeze=…)`.
    Embedding { vocab: Option<u64>, frozen: bool, from: String, src: String },
    /// Keras `Dense(units)` (in `TimeDistributed` when `td`), PyTorch `nn.Linear(in, out)`.
    Dense { units: Option<u64>, bias: Option<bool>, td: bool, from: String, src: String },
}

const RANGE_SIZE: &str = "a whole number from 1 to 1,048,576";
const RANGE_LAYERS: &str = "a whole number from 1 to 16";

fn ordinal(k: usize) -> String {
    let suffix = match (k % 10, k % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{k}{suffix}")
}

struct Ctx<'a> {
    text: &'a str,
    r: &'a mut Reading,
}

impl Ctx<'_> {
    fn src(&self, a: &Arg) -> String {
        shown(self.text.get(a.span.0..a.span.1).unwrap_or(""))
    }

    fn call_src(&self, c: &Call) -> String {
        shown(self.text.get(c.span.0..c.span.1).unwrap_or(&c.name))
    }

    fn int(&self, name: &str, a: &Arg) -> Result<u64, PasteError> {
        match &a.value {
            Value::Int(Some(n)) => Ok(*n),
            Value::Int(None) | Value::Negative => Err(PasteError::OutOfBounds {
                name: name.to_owned(),
                value: self.src(a),
                range: if name == "layers" { RANGE_LAYERS } else { RANGE_SIZE }.to_owned(),
            }),
            _ => Err(PasteError::Unreadable { name: name.to_owned(), text: self.src(a) }),
        }
    }

    fn boolean(&self, name: &str, a: &Arg) -> Result<bool, PasteError> {
        match &a.value {
            Value::Bool(b) => Ok(*b),
            Value::Int(Some(0)) => Ok(false),
            Value::Int(Some(1)) => Ok(true),
            _ => Err(PasteError::Unreadable { name: name.to_owned(), text: self.src(a) }),
        }
    }

    fn shape(&self, name: &str, a: &Arg) -> Result<Vec<Option<u64>>, PasteError> {
        let bad = || PasteError::Unreadable { name: name.to_owned(), text: self.src(a) };
        let items = match &a.value {
            Value::Seq(items) => items,
            Value::Int(_) => return Ok(vec![self.int(name, a).ok()]),
            _ => return Err(bad()),
        };
        items
            .iter()
            .map(|v| match v {
                Value::Int(Some(n)) => Ok(Some(*n)),
                Value::PyNone => Ok(None),
                _ => Err(bad()),
            })
            .collect()
    }
}

fn where_(from: String, line: u32) -> String {
    format!("`{from}` (line {line})")
}

const PYTORCH_KEYS: [&str; 9] = [
    "input_size",
    "hidden_size",
    "num_layers",
    "bias",
    "batch_first",
    "bidirectional",
    "proj_size",
    "nonlinearity",
    "device",
];
const KERAS_KEYS: [&str; 11] = [
    "units",
    "use_bias",
    "return_sequences",
    "return_state",
    "input_dim",
    "input_length",
    "input_shape",
    "batch_input_shape",
    "reset_after",
    "activation",
    "recurrent_dropout",
];
/// Keras recurrent-layer arguments that never change the count.
const KERAS_NEUTRAL: [&str; 25] = [
    "activation",
    "recurrent_activation",
    "dropout",
    "recurrent_dropout",
    "kernel_initializer",
    "recurrent_initializer",
    "bias_initializer",
    "unit_forget_bias",
    "kernel_regularizer",
    "recurrent_regularizer",
    "bias_regularizer",
    "activity_regularizer",
    "kernel_constraint",
    "recurrent_constraint",
    "bias_constraint",
    "seed",
    "return_state",
    "go_backwards",
    "stateful",
    "unroll",
    "use_cudnn",
    "name",
    "dtype",
    "trainable",
    "implementation",
];

fn framework_of(call: &Call, after_colon: bool, hint: Option<Framework>) -> Option<Framework> {
    let name = call.name.as_str();
    if name.contains("torch") || name.starts_with("nn.") {
        return Some(Framework::PyTorch);
    }
    if name.contains("keras") || name.starts_with("layers.") || name.starts_with("tf.") || call.short() == "SimpleRNN" {
        return Some(Framework::Keras);
    }
    let keys: Vec<&str> = call.args.iter().filter_map(|a| a.key.as_deref()).collect();
    if keys.iter().any(|k| PYTORCH_KEYS.contains(k)) {
        return Some(Framework::PyTorch);
    }
    if keys.iter().any(|k| KERAS_KEYS.contains(k)) {
        return Some(Framework::Keras);
    }
    if after_colon {
        return Some(Framework::PyTorch);
    }
    let ints: Vec<bool> = call.positional().map(|a| matches!(a.value, Value::Int(_))).collect();
    match ints.as_slice() {
        [true, true, ..] => Some(Framework::PyTorch),
        [true] => Some(Framework::Keras),
        _ => hint,
    }
}

fn cell_of(short: &str) -> Option<Cell> {
    match short {
        "LSTM" => Some(Cell::Lstm),
        "GRU" => Some(Cell::Gru),
        "SimpleRNN" | "RNN" => Some(Cell::SimpleRnn),
        _ => None,
    }
}

impl Ctx<'_> {
    /// A recurrent call; `None` when it is a call the widget does not read (Keras `RNN(cell)`).
    fn recurrent(
        &mut self,
        call: &Call,
        after_colon: bool,
        hint: Option<Framework>,
    ) -> Result<Option<Layer>, PasteError> {
        let Some(framework) = framework_of(call, after_colon, hint) else {
            return Err(PasteError::UnknownFramework { call: self.call_src(call) });
        };
        let short = call.short();
        if framework == Framework::Keras && short == "RNN" {
            self.r.skip(self.call_src(call), "keras.layers.RNN wraps a cell: not read yet");
            return Ok(None);
        }
        let cell = cell_of(short);
        let mut l =
            Layer { framework: Some(framework), cell, call: self.call_src(call), line: call.line, ..Layer::default() };
        match framework {
            Framework::PyTorch => self.pytorch(call, &mut l)?,
            Framework::Keras => self.keras(call, &mut l)?,
        }
        Ok(Some(l))
    }

    fn pytorch(&mut self, call: &Call, l: &mut Layer) -> Result<(), PasteError> {
        let rnn = call.short() == "RNN";
        let order: [&str; 8] = if rnn {
            [
                "input_size",
                "hidden_size",
                "num_layers",
                "nonlinearity",
                "bias",
                "batch_first",
                "dropout",
                "bidirectional",
            ]
        } else {
            ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional", "proj_size"]
        };
        let class = format!("nn.{}", call.short());
        let mut k = 0;
        for a in &call.args {
            let (name, from) = match &a.key {
                Some(key) => (key.clone(), where_(self.src(a), call.line)),
                None => {
                    k += 1;
                    let Some(name) = order.get(k - 1) else {
                        self.r.skip(
                            format!("{} positional argument `{}`", ordinal(k), self.src(a)),
                            format!("{class} takes at most 8 positional arguments ({})", order.join(", ")),
                        );
                        continue;
                    };
                    let mut from = format!(
                        "`{}`, the {} positional argument of {class} (line {}), which is {name} in the order {}, …",
                        self.src(a),
                        ordinal(k),
                        call.line,
                        order[..k].join(", ")
                    );
                    if *name == "bias" {
                        from.push_str(": this True/False is bias, not bidirectional");
                    }
                    ((*name).to_owned(), from)
                }
            };
            match name.as_str() {
                "input_size" => l.input = Some(Val { v: self.int("input size", a)?, from }),
                "hidden_size" => l.units = Some(Val { v: self.int("hidden size", a)?, from }),
                "num_layers" => l.layers = Some(Val { v: self.int("layers", a)?, from }),
                "bias" => l.bias = Some(Val { v: self.boolean("bias", a)?, from }),
                "bidirectional" => l.bidir = Some(Val { v: self.boolean("bidirectional", a)?, from }),
                "proj_size" => l.proj = Some(Val { v: self.int("proj_size", a)?, from }),
                "batch_first" | "dropout" | "nonlinearity" | "device" | "dtype" => {
                    self.r.skip(format!("{name}={}", arg_value(self, a)), "does not change the count")
                }
                _ => self.r.skip(format!("{name}={}", arg_value(self, a)), format!("not an argument of {class}")),
            }
        }
        Ok(())
    }

    fn keras(&mut self, call: &Call, l: &mut Layer) -> Result<(), PasteError> {
        let short = call.short();
        let order: &[&str] = if short == "SimpleRNN" {
            &["units", "activation", "use_bias"]
        } else {
            &["units", "activation", "recurrent_activation", "use_bias"]
        };
        let mut k = 0;
        for a in &call.args {
            let (name, from) = match &a.key {
                Some(key) => (key.clone(), where_(self.src(a), call.line)),
                None => {
                    k += 1;
                    let Some(name) = order.get(k - 1) else {
                        self.r.skip(
                            format!("{} positional argument `{}` of {short}", ordinal(k), self.src(a)),
                            format!("not read: name it (Keras order: {}, …)", order.join(", ")),
                        );
                        continue;
                    };
                    let from = format!(
                        "`{}`, the {} positional argument of {short} ({}) (line {})",
                        self.src(a),
                        ordinal(k),
                        name,
                        call.line
                    );
                    ((*name).to_owned(), from)
                }
            };
            match name.as_str() {
                "units" => l.units = Some(Val { v: self.int("units", a)?, from }),
                "use_bias" => l.bias = Some(Val { v: self.boolean("bias", a)?, from }),
                "reset_after" if l.cell == Some(Cell::Gru) => {
                    l.reset_after = Some(Val { v: self.boolean("reset_after", a)?, from })
                }
                "input_dim" | "input_length" | "input_shape" | "batch_input_shape" => {
                    self.keras_input(&name, a, from, l)?
                }
                "return_sequences" => {
                    l.return_sequences = self.boolean("return_sequences", a).ok();
                    self.r.skip(
                        format!("return_sequences={}", arg_value(self, a)),
                        "does not change the count (stacked layers need it below the last)",
                    );
                }
                n if KERAS_NEUTRAL.contains(&n) => {
                    self.r.skip(format!("{name}={}", arg_value(self, a)), "does not change the count")
                }
                _ => self.r.skip(format!("{name}={}", arg_value(self, a)), format!("not an argument of Keras {short}")),
            }
        }
        Ok(())
    }

    /// The Keras 2 input arguments a layer (or its Bidirectional wrapper) may carry.
    fn keras_input(&mut self, name: &str, a: &Arg, from: String, l: &mut Layer) -> Result<(), PasteError> {
        match name {
            "input_dim" => {
                let from = format!("{from}; the Keras 2 spelling, which Keras 3 refuses");
                l.input = Some(Val { v: self.int("input size", a)?, from })
            }
            "input_length" => {
                let t = match a.value {
                    Value::PyNone => None,
                    _ => Some(self.int("time steps", a)?),
                };
                l.steps = Some(Val { v: t, from });
            }
            "input_shape" | "batch_input_shape" => {
                let s = self.shape(name, a)?;
                let batch = name == "batch_input_shape";
                let (b, rest) = if batch && !s.is_empty() { (s[0], &s[1..]) } else { (None, &s[..]) };
                if let [t, m] = rest {
                    l.steps = Some(Val { v: *t, from: from.clone() });
                    if let Some(m) = m {
                        l.input = Some(Val { v: *m, from: from.clone() });
                    }
                } else {
                    self.r.skip(format!("{name}={}", self.src(a)), "not a (time steps, features) shape");
                }
                if let Some(b) = b {
                    l.batch = Some(Val { v: b, from });
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn bidirectional(&mut self, call: &Call, hint: Option<Framework>) -> Result<Option<Layer>, PasteError> {
        let inner = call.kw("layer").or_else(|| call.positional().next());
        let Some(Value::Call(inner)) = inner.map(|a| &a.value) else {
            self.r.skip(self.call_src(call), "no recurrent layer inside");
            return Ok(None);
        };
        if cell_of(inner.short()).is_none() {
            let why = format!("Bidirectional around {}: {}", inner.short(), why_other(inner.short()));
            self.r.skip(self.call_src(call), why);
            return Ok(None);
        }
        let Some(mut l) = self.recurrent(inner, false, hint.or(Some(Framework::Keras)))? else { return Ok(None) };
        l.call = self.call_src(call);
        l.line = call.line;
        l.bidir = Some(Val { v: true, from: where_(shown(&call.name), call.line) });
        let mut k = 0;
        for a in &call.args {
            let key = match &a.key {
                Some(key) => key.as_str(),
                None => {
                    k += 1;
                    match k {
                        1 => continue,
                        2 => "merge_mode",
                        _ => {
                            self.r.skip(format!("{} positional argument of Bidirectional", ordinal(k)), "not read");
                            continue;
                        }
                    }
                }
            };
            match key {
                "layer" => {}
                "merge_mode" => {
                    let from = where_(self.src(a), call.line);
                    let m = match &a.value {
                        Value::PyNone => None,
                        Value::Str(s) => match MergeMode::from_key(s) {
                            Some(m) => Some(m),
                            None => {
                                return Err(PasteError::Unreadable { name: "merge_mode".into(), text: self.src(a) })
                            }
                        },
                        _ => return Err(PasteError::Unreadable { name: "merge_mode".into(), text: self.src(a) }),
                    };
                    l.merge = Some(Val { v: m, from });
                }
                "input_dim" | "input_length" | "input_shape" | "batch_input_shape" => {
                    let from = where_(self.src(a), call.line);
                    self.keras_input(key, a, from, &mut l)?
                }
                "backward_layer" => self.r.skip(
                    "backward_layer",
                    "a different backward layer is not read: counted as a copy of the forward one",
                ),
                _ => self.r.skip(format!("{key}={}", arg_value(self, a)), "does not change the count"),
            }
        }
        Ok(Some(l))
    }

    fn input(&mut self, call: &Call) -> Result<Event, PasteError> {
        let mut steps = None;
        let mut features = None;
        let mut batch = None;
        let mut shape_arg = call.kw("shape").or_else(|| call.positional().next());
        let batch_shape = call.kw("batch_shape").or(call.kw("batch_input_shape"));
        if batch_shape.is_some() {
            shape_arg = batch_shape;
        }
        if let Some(a) = shape_arg {
            let mut s = self.shape("input shape", a)?;
            let from = where_(self.src(a), call.line);
            if batch_shape.is_some() && !s.is_empty() {
                if let Some(b) = s.remove(0) {
                    batch = Some(Val { v: b, from: from.clone() });
                }
            }
            match s.as_slice() {
                [t] => steps = Some(Val { v: *t, from }),
                [t, m] => {
                    steps = Some(Val { v: *t, from: from.clone() });
                    features = m.map(|m| Val { v: m, from });
                }
                _ => self.r.skip(format!("shape {}", self.src(a)), "not a (time steps, features) shape"),
            }
        }
        if let Some(a) = call.kw("batch_size") {
            batch = Some(Val { v: self.int("batch", a)?, from: where_(self.src(a), call.line) });
        }
        for a in &call.args {
            if let Some(k) = a.key.as_deref() {
                if !matches!(k, "shape" | "batch_shape" | "batch_input_shape" | "batch_size") {
                    self.r.skip(format!("{k}={}", arg_value(self, a)), "does not change the count");
                }
            }
        }
        Ok(Event::Input { steps, features, batch })
    }

    /// The Embedding or Dense that `call` builds, if it is one.
    fn piece(&self, call: &Call) -> Option<Piece> {
        let nth = |k: usize, key: &str| call.kw(key).or_else(|| call.positional().nth(k));
        let int = |a: Option<&Arg>| match a.map(|a| &a.value) {
            Some(Value::Int(Some(n))) => Some(*n),
            _ => None,
        };
        let boolean = |a: Option<&Arg>| match a.map(|a| &a.value) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        };
        let src = self.call_src(call);
        let from = where_(src.clone(), call.line);
        match call.short() {
            "Embedding" => Some(Piece::Embedding {
                vocab: int(nth(0, "input_dim").or(call.kw("num_embeddings"))),
                frozen: boolean(call.kw("trainable")) == Some(false),
                from,
                src,
            }),
            "from_pretrained" => {
                let vocab = match call.positional().next().map(|a| &a.value) {
                    Some(Value::Call(inner)) => match inner.positional().next().map(|a| &a.value) {
                        Some(Value::Int(Some(n))) => Some(*n),
                        _ => None,
                    },
                    _ => None,
                };
                Some(Piece::Embedding { vocab, frozen: boolean(call.kw("freeze")) != Some(false), from, src })
            }
            "Dense" => Some(Piece::Dense {
                units: int(nth(0, "units")),
                bias: boolean(call.kw("use_bias")),
                td: false,
                from,
                src,
            }),
            "Linear" => Some(Piece::Dense {
                units: int(nth(1, "out_features")),
                bias: boolean(call.kw("bias").or_else(|| call.positional().nth(2))),
                td: false,
                from,
                src,
            }),
            "TimeDistributed" => match call.positional().next().map(|a| &a.value) {
                Some(Value::Call(inner)) if inner.short() == "Dense" => match self.piece(inner) {
                    Some(Piece::Dense { units, bias, .. }) => Some(Piece::Dense { units, bias, td: true, from, src }),
                    other => other,
                },
                _ => None,
            },
            _ => None,
        }
    }

    fn other(&mut self, call: &Call) -> Event {
        let short = call.short();
        let nth = |k: usize, key: &str| call.kw(key).or_else(|| call.positional().nth(k));
        let width = match short {
            "Embedding" => nth(1, "output_dim").or(call.kw("embedding_dim")),
            "Dense" => nth(0, "units"),
            "Linear" => nth(1, "out_features"),
            _ => None,
        };
        let features = width.and_then(|a| match a.value {
            Value::Int(Some(n)) => {
                Some(Val { v: n, from: format!("the output width of {}", where_(self.call_src(call), call.line)) })
            }
            _ => None,
        });
        let keeps = KEEPS_WIDTH.contains(&short);
        let piece = self.piece(call);
        if piece.is_none() {
            self.r.skip(self.call_src(call), why_other(short));
        }
        Event::Other { features, keeps, piece }
    }
}

/// Why a layer of class `short` is not read.
pub(super) fn why_other(short: &str) -> &'static str {
    match short {
        "CuDNNLSTM" | "CuDNNGRU" => "a CuDNN layer (two bias vectors, like PyTorch): not read yet",
        "LSTMCell" | "GRUCell" | "RNNCell" | "SimpleRNNCell" | "StackedRNNCells" => "a single cell: not read yet",
        s if s.starts_with("ConvLSTM") => "a convolutional recurrent layer: not counted yet",
        _ => "not a recurrent layer: not counted (a later version adds it)",
    }
}

fn arg_value(c: &Ctx<'_>, a: &Arg) -> String {
    let s = c.src(a);
    match s.split_once('=') {
        Some((_, v)) if a.key.is_some() => v.trim().to_owned(),
        _ => s,
    }
}

/// Layers that are reported as ignored (and whose arguments are not searched for layers).
const KNOWN_OTHER: [&str; 62] = [
    "Embedding",
    "Dense",
    "Linear",
    "Dropout",
    "SpatialDropout1D",
    "GaussianNoise",
    "GaussianDropout",
    "AlphaDropout",
    "Masking",
    "Flatten",
    "Reshape",
    "Permute",
    "RepeatVector",
    "Activation",
    "ReLU",
    "Tanh",
    "Sigmoid",
    "Softmax",
    "LeakyReLU",
    "GELU",
    "LayerNormalization",
    "LayerNorm",
    "BatchNormalization",
    "BatchNorm1d",
    "Conv1D",
    "Conv2D",
    "Conv3D",
    "Conv1d",
    "Conv2d",
    "ConvLSTM1D",
    "ConvLSTM2D",
    "ConvLSTM3D",
    "MaxPooling1D",
    "MaxPool1d",
    "AveragePooling1D",
    "GlobalAveragePooling1D",
    "GlobalMaxPooling1D",
    "TimeDistributed",
    "Attention",
    "MultiHeadAttention",
    "MultiheadAttention",
    "AdditiveAttention",
    "Concatenate",
    "Add",
    "Lambda",
    "CuDNNLSTM",
    "CuDNNGRU",
    "LSTMCell",
    "GRUCell",
    "RNNCell",
    "SimpleRNNCell",
    "StackedRNNCells",
    "Transformer",
    "TransformerEncoder",
    "TransformerEncoderLayer",
    "Identity",
    "ZeroPadding1D",
    "Cropping1D",
    "UpSampling1D",
    "Normalization",
    "TextVectorization",
    "PReLU",
];
const KEEPS_WIDTH: [&str; 17] = [
    "Dropout",
    "SpatialDropout1D",
    "GaussianNoise",
    "GaussianDropout",
    "AlphaDropout",
    "Masking",
    "Activation",
    "ReLU",
    "Tanh",
    "Sigmoid",
    "Softmax",
    "LeakyReLU",
    "GELU",
    "LayerNormalization",
    "LayerNorm",
    "BatchNormalization",
    "Identity",
];
/// Names that hold layers: their arguments are searched, and they are not reported.
const CONTAINERS: [&str; 8] =
    ["Sequential", "Model", "Functional", "Module", "ModuleList", "ModuleDict", "Input", "InputLayer"];

fn check_brackets(toks: &[lex::Token]) -> Result<(), PasteError> {
    let mut stack: Vec<(char, u32)> = Vec::new();
    for t in toks {
        if let Kind::Punct(c) = t.kind {
            match c {
                '(' | '[' | '{' => stack.push((c, t.line)),
                ')' | ']' | '}' => match stack.pop() {
                    Some((o, _)) if matches!((o, c), ('(', ')') | ('[', ']') | ('{', '}')) => {}
                    Some((o, line)) => {
                        return Err(PasteError::Syntax {
                            line: t.line,
                            what: format!("`{c}` closes the `{o}` opened on line {line}"),
                        })
                    }
                    None => return Err(PasteError::Syntax { line: t.line, what: format!("`{c}` closes nothing") }),
                },
                _ => {}
            }
        }
    }
    match stack.last() {
        Some((o, line)) => Err(PasteError::Syntax { line: *line, what: format!("this `{o}` is never closed") }),
        None => Ok(()),
    }
}

fn syntax(e: SyntaxError) -> PasteError {
    match e {
        SyntaxError::Unclosed { line } => PasteError::Syntax { line, what: "a bracket is never closed".into() },
        SyntaxError::Mismatched { line } => PasteError::Syntax { line, what: "brackets do not match".into() },
        SyntaxError::TooDeep { line } => {
            PasteError::Syntax { line, what: format!("brackets nested more than {} deep", lex::MAX_DEPTH) }
        }
    }
}

/// Reads code or `print(model)` output.
pub(super) fn read_code(text: &str, mut r: Reading) -> Reading {
    match scan(text, &mut r) {
        Ok(events) => {
            let pieces = around_pieces(&events);
            match assemble(events, &mut r) {
                Ok(()) => {
                    super::around::from_code(pieces, text, &mut r);
                    r
                }
                Err(e) => r.fail(e),
            }
        }
        Err(e) => r.fail(e),
    }
}

fn scan(text: &str, r: &mut Reading) -> Result<Vec<Event>, PasteError> {
    let toks = lex::tokens(text);
    check_brackets(&toks)?;
    let p = Parser { toks: &toks };
    let torch = text.contains("torch") || text.contains("nn.");
    let keras = text.contains("keras") || text.contains("layers.");
    let hint = match (torch, keras) {
        (true, false) => Some(Framework::PyTorch),
        (false, true) => Some(Framework::Keras),
        _ => None,
    };
    let mut cx = Ctx { text, r };
    let mut events = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Kind::Name(name) = &toks[i].kind else {
            i += 1;
            continue;
        };
        let is_call = matches!(toks.get(i + 1).map(|t| &t.kind), Some(Kind::Punct('(')));
        let after_def = i > 0 && matches!(&toks[i - 1].kind, Kind::Name(k) if k == "def" || k == "class");
        if !is_call || after_def {
            i += 1;
            continue;
        }
        let short = name.rsplit('.').next().unwrap_or(name);
        let after_colon = i > 0 && toks[i - 1].kind == Kind::Punct(':');
        let consume = cell_of(short).is_some()
            || matches!(short, "Bidirectional" | "Input" | "InputLayer" | "from_pretrained")
            || KNOWN_OTHER.contains(&short);
        if !consume {
            if short.starts_with(|c: char| c.is_ascii_uppercase()) && !CONTAINERS.contains(&short) {
                cx.r.skip(format!("{}(…)", shown(name)), "unknown name: not read (layers inside it are)");
            }
            i += 1;
            continue;
        }
        let (call, next) = p.call(i, 0).map_err(syntax)?;
        i = next;
        let ev = if cell_of(short).is_some() {
            cx.recurrent(&call, after_colon, hint)?.map(|l| Event::Recurrent(Box::new(l)))
        } else if short == "Bidirectional" {
            cx.bidirectional(&call, hint)?.map(|l| Event::Recurrent(Box::new(l)))
        } else if short == "Input" || short == "InputLayer" {
            Some(cx.input(&call)?)
        } else {
            Some(cx.other(&call))
        };
        events.extend(ev);
    }
    Ok(events)
}

/// The pieces around the stack: the last Embedding before the first recurrent layer, and the Dense
/// layers right after the stack's top layer (as [`assemble`] builds the stack: Keras layers of one
/// signature, only width-keeping layers between them). Every other Embedding or Dense is listed as
/// not used, with the reason.
fn around_pieces(events: &[Event]) -> super::around::Pieces {
    let mut out = super::around::Pieces::default();
    let Some(first) = events.iter().position(|e| matches!(e, Event::Recurrent(_))) else { return out };
    let Event::Recurrent(head) = &events[first] else { return out };
    let framework = head.framework.unwrap_or(Framework::Keras);
    let mut top = first;
    let mut open = true;
    for (k, e) in events.iter().enumerate().skip(first + 1) {
        match e {
            Event::Recurrent(l) => {
                let same = framework == Framework::Keras
                    && l.framework == Some(Framework::Keras)
                    && l.signature() == head.signature();
                if open && same {
                    top = k;
                } else {
                    open = false;
                }
            }
            Event::Other { keeps, .. } => open &= keeps,
            Event::Input { .. } => open = false,
        }
    }
    let later_recurrent = events[top + 1..].iter().any(|e| matches!(e, Event::Recurrent(_)));
    for (k, e) in events.iter().enumerate() {
        let Event::Other { piece: Some(p), .. } = e else { continue };
        match p {
            Piece::Embedding { .. } if k < first => {
                if let Some(Piece::Embedding { src: old, .. }) = out.embedding.replace(p.clone()) {
                    out.unused.push((old, "an earlier Embedding: the one right before the stack is used"));
                }
            }
            Piece::Dense { .. } if k > top && !later_recurrent => out.dense.push(p.clone()),
            Piece::Embedding { src, .. } => out.unused.push((src.clone(), "an Embedding after the recurrent stack")),
            Piece::Dense { src, .. } if k < first => {
                out.unused.push((src.clone(), "a Dense before the recurrent stack: not counted yet"))
            }
            Piece::Dense { src, .. } => out
                .unused
                .push((src.clone(), "follows a recurrent layer the widget does not show (one stack): not counted")),
        }
    }
    if let Event::Recurrent(l) = &events[top] {
        out.returns_sequences = l.return_sequences == Some(true);
    }
    out
}

fn size(name: &str, v: &Val<u64>) -> Result<Size, PasteError> {
    Size::new(v.v).map_err(|_| PasteError::OutOfBounds {
        name: name.to_owned(),
        value: grouped(v.v),
        range: RANGE_SIZE.to_owned(),
    })
}

fn py(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

fn assemble(events: Vec<Event>, r: &mut Reading) -> Result<(), PasteError> {
    let Some(first) = events.iter().position(|e| matches!(e, Event::Recurrent(_))) else {
        return Err(PasteError::NoRecurrentLayer);
    };
    // What the first recurrent layer sees, from the events before it.
    let mut features: Option<Val<u64>> = None;
    let mut steps: Option<Val<Option<u64>>> = None;
    let mut batch: Option<Val<u64>> = None;
    for e in &events[..first] {
        match e {
            Event::Input { steps: s, features: f, batch: b } => {
                steps = s.clone().or(steps);
                features = f.clone();
                batch = b.clone().or(batch);
            }
            Event::Other { features: f, keeps, .. } => {
                if !keeps {
                    features = f.clone();
                }
            }
            Event::Recurrent(_) => {}
        }
    }
    let mut events = events.into_iter().skip(first);
    let Some(Event::Recurrent(head)) = events.next() else { return Err(PasteError::NoRecurrentLayer) };
    let framework = head.framework.unwrap_or(Framework::Keras);
    let mut stack = vec![head];
    let mut open = true;
    for e in events {
        match e {
            Event::Recurrent(l) => {
                let same = framework == Framework::Keras
                    && l.framework == Some(Framework::Keras)
                    && l.signature() == stack[0].signature();
                if open && same {
                    stack.push(l);
                } else {
                    open = false;
                    r.skip(
                        format!("{} (line {})", l.call, l.line),
                        "a further recurrent layer with other settings: the widget shows one stack",
                    );
                }
            }
            Event::Other { keeps, .. } => open &= keeps,
            Event::Input { .. } => open = false,
        }
    }
    let h = &stack[0];
    let cell = h.cell.unwrap_or(Cell::Lstm);
    r.fact("cell", cell.class_name(framework), format!("`{}` (line {})", h.call, h.line));
    let units = h.units.as_ref().ok_or_else(|| PasteError::Missing {
        name: if framework == Framework::Keras { "units" } else { "hidden size" }.into(),
        hint: format!("{} gives no {}", h.call, if framework == Framework::Keras { "units" } else { "hidden_size" }),
    })?;
    let units_size = size(if framework == Framework::Keras { "units" } else { "hidden size" }, units)?;
    r.fact("units", units.v, units.from.clone());
    // Input size: the layer's own argument, else what the layers before it give.
    let input = h.input.clone().or(if framework == Framework::Keras { features } else { None });
    let Some(input) = input else {
        return Err(PasteError::Missing {
            name: "input size".into(),
            hint: match framework {
                Framework::Keras => "add keras.Input(shape=(T, m)) before the layer, or input_shape=(T, m)".into(),
                Framework::PyTorch => "nn.LSTM needs input_size, its first argument".into(),
            },
        });
    };
    let input_size = size("input size", &input)?;
    r.fact("input size", input.v, input.from.clone());
    let layers = match framework {
        Framework::Keras => {
            let n = stack.len() as u64;
            let lines: Vec<String> = stack.iter().map(|l| l.line.to_string()).collect();
            let k = Layers::new(n).map_err(|_| PasteError::OutOfBounds {
                name: "layers".into(),
                value: n.to_string(),
                range: RANGE_LAYERS.into(),
            })?;
            r.fact(
                "layers",
                n,
                format!("{n} {} (line {})", crate::format::noun(n, "layer", "stacked layers"), lines.join(", ")),
            );
            for (k, l) in stack.iter().enumerate() {
                if k + 1 < stack.len() && l.return_sequences != Some(true) {
                    r.skip(
                        format!("layer {} without return_sequences=True", k + 1),
                        "Keras cannot stack it (the next layer needs sequences); counted as if it had it",
                    );
                }
            }
            k
        }
        Framework::PyTorch => match &h.layers {
            Some(v) => {
                let k = Layers::new(v.v).map_err(|_| PasteError::OutOfBounds {
                    name: "layers".into(),
                    value: grouped(v.v),
                    range: RANGE_LAYERS.into(),
                })?;
                r.fact("layers", v.v, v.from.clone());
                k
            }
            None => {
                r.assume("layers", 1, "num_layers not given: PyTorch's default is 1");
                Layers::ONE
            }
        },
    };
    let bidirectional = match &h.bidir {
        Some(v) => {
            r.fact("bidirectional", py(v.v), v.from.clone());
            v.v
        }
        None => {
            let why = match framework {
                Framework::Keras => "no Bidirectional wrapper",
                Framework::PyTorch => "bidirectional not given: PyTorch's default is False",
            };
            r.assume("bidirectional", "False", why);
            false
        }
    };
    let bias = match &h.bias {
        Some(v) => {
            r.fact("bias", py(v.v), v.from.clone());
            v.v
        }
        None => {
            let (key, fw) = match framework {
                Framework::Keras => ("use_bias", "Keras"),
                Framework::PyTorch => ("bias", "PyTorch"),
            };
            r.assume("bias", "True", format!("{key} not given: {fw}'s default is True"));
            true
        }
    };
    let mut reset_after = true;
    if framework == Framework::Keras && cell == Cell::Gru {
        match &h.reset_after {
            Some(v) => {
                r.fact("reset_after", py(v.v), v.from.clone());
                reset_after = v.v;
            }
            None => r.assume("reset_after", "True", "reset_after not given: Keras 3's default is True"),
        }
    }
    let mut merge = MergeMode::Concat;
    if framework == Framework::Keras && bidirectional {
        match &h.merge {
            Some(Val { v: Some(m), from }) => {
                r.fact("merge_mode", m.key(), from.clone());
                merge = *m;
            }
            Some(Val { v: None, from }) => {
                r.fact("merge_mode", "None", from.clone());
                r.skip(
                    "merge_mode=None",
                    "returns the two directions as two outputs: counted like concat (the count is the same)",
                );
            }
            None => r.assume("merge_mode", "concat", "merge_mode not given: Keras's default is 'concat'"),
        }
    }
    let mut proj_size = ProjSize::NONE;
    if let Some(p) = &h.proj {
        proj_size = ProjSize::new(p.v).map_err(|_| PasteError::OutOfBounds {
            name: "proj_size".into(),
            value: grouped(p.v),
            range: "a whole number from 0 to 1,048,575".into(),
        })?;
        r.fact("proj_size", p.v, p.from.clone());
    }
    let steps = h.steps.clone().or(steps);
    if let Some(s) = steps {
        match s.v {
            Some(t) => match Steps::new(t) {
                Ok(t) => {
                    r.fact("time steps", t, s.from);
                    r.time_steps = Some(t.get());
                }
                Err(_) => {
                    r.skip(format!("time steps {t}"), "outside 1 to 1,000,000: not used (it never changes the count)")
                }
            },
            None => r.fact("time steps", "None (any length)", s.from),
        }
    }
    if let Some(b) = h.batch.clone().or(batch) {
        match u32::try_from(b.v) {
            Ok(v) if v > 0 => {
                r.fact("batch", v, b.from);
                r.batch = Some(v);
            }
            _ => r.skip(format!("batch {}", b.v), "not a usable batch size (it never changes the count)"),
        }
    }
    r.config = Some(Config {
        framework,
        cell,
        input_size,
        units: units_size,
        bidirectional,
        bias,
        reset_after,
        layers,
        merge,
        proj_size,
        kind: crate::kind::Kind::Layer,
    });
    Ok(())
}
