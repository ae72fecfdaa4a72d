//! The URL parameters of the layers in [`crate::kind`], read and written for [`crate::state`].
//!
//! | parameter | values | default |
//! |---|---|---|
//! | `kind` | `layer`, `cell` (PyTorch `nn.*Cell`), `convlstm` (Keras), `flax`, `tf1`, `cudnn`, `keras2` | `layer` |
//! | `rank` | `1`, `2`, `3` (ConvLSTM1D/2D/3D) | `2` |
//! | `kernel` | kernel size: one number for every axis or one per axis, `3`, `3x5`, `1x3x3`; each 1 – 32 (ConvLSTM, Flax ConvLSTMCell) | `3` |
//! | `frame` | frame size, one number or one per axis, each 1 – 65,536 (never changes the count) | `64` |
//! | `padding` | `same`, `valid` | `same` |
//! | `strides`, `dilation` | 1 – 16 | `1` |
//! | `format` | `last` (`channels_last`), `first` | `last` |
//! | `api` | `linen`, `nnx` (Flax) | `linen` |
//! | `flax_cell` | `lstm`, `optimizedlstm`, `gru`, `simple`, `mgu`, `convlstm` | `lstm` |
//! | `wrap` | `rnn` (`nn.RNN`), `cell` (the bare cell), `shared` (`nn.Bidirectional(rnn, rnn)`, one object) | `rnn` |
//! | `top_rnn` | `0`, `1`: a bidirectional Flax stack ends in a plain `nn.RNN` | `0` |
//! | `reset_gate` | `0`, `1` (Flax MGUCell) | `1` |
//! | `lstm_cell` | `basic` (`BasicLSTMCell`), `full` (`LSTMCell`) (TF1 LSTM) | `basic` |
//! | `peepholes` | `0`, `1` (TF1 `LSTMCell(use_peepholes=True)`) | `0` |
//! | `num_proj` | 0 – units − 1 (TF1 `LSTMCell`) | `0` |
//! | `unit_shards`, `proj_shards` | 1 – 16 (TF1 `LSTMCell`) | `1` |
//!
//! Every option is read only for the kind it belongs to and written only when it differs from its
//! default. A rejected value keeps its default with a message naming the parameter and its range;
//! a combination the framework refuses (a `valid` kernel larger than the frame, strides with
//! dilation, a cell with `layers=2`) keeps the kind's default settings, or `kind=layer`, with the
//! framework's reason.

use crate::bounds::parse_whole;
use crate::config::Config;
use crate::kind::{Conv, Flax, FlaxApi, FlaxCell, Kind, Padding, Tf1, KIND_KEYS};

/// The parameter names this module reads.
pub const KEYS: [&str; 18] = [
    "kind",
    "rank",
    "kernel",
    "frame",
    "padding",
    "strides",
    "dilation",
    "format",
    "api",
    "flax_cell",
    "wrap",
    "top_rnn",
    "reset_gate",
    "lstm_cell",
    "peepholes",
    "num_proj",
    "unit_shards",
    "proj_shards",
];

/// Whether `name` is one of [`KEYS`].
pub fn is_key(name: &str) -> bool {
    KEYS.contains(&name)
}

/// A message about one parameter: (the parameter, the whole text).
pub type Message = (String, String);

fn flag(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn number(raw: &str, min: u32, max: u32) -> Option<u32> {
    parse_whole(raw).ok().filter(|v| (u64::from(min)..=u64::from(max)).contains(v)).map(|v| v as u32)
}

/// `3`, `3x5`, `3×3×3`, `3,5`: one number for every axis, or `rank` numbers.
fn dims(raw: &str, rank: u8, max: u32) -> Option<[u32; 3]> {
    if raw.len() > 40 {
        return None;
    }
    let parts: Vec<&str> = raw.split(['x', 'X', '×', ',', '*']).map(str::trim).collect();
    let values: Option<Vec<u32>> = parts.iter().map(|p| number(p, 1, max)).collect();
    let values = values?;
    let mut out = [1u32; 3];
    match values.len() {
        1 => out = [values[0]; 3],
        n if n == usize::from(rank) => out[..n].copy_from_slice(&values),
        _ => return None,
    }
    Some(out)
}

fn short(raw: &str) -> String {
    let clean: String = raw.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).take(40).collect();
    if raw.chars().count() > 40 {
        format!("{clean}…")
    } else {
        clean
    }
}

/// Reads the pairs (name, value), in query order, into `config`'s kind; returns the messages.
/// The last value of a repeated name is used. `config`'s other settings are read before.
///
/// ```
/// use rnn_params_model::kind::Kind;
/// use rnn_params_model::kind_query::read;
/// use rnn_params_model::Config;
/// let mut c = Config::default();
/// let msgs = read(&[("kind", "convlstm"), ("kernel", "3x5"), ("strides", "40")], &mut c);
/// let Kind::ConvLstm(conv) = c.kind else { panic!() };
/// assert_eq!(conv.kernel_text(), "3×5");
/// assert_eq!(conv.strides, 1);
/// assert!(msgs[0].1.contains("strides=40") && msgs[0].1.contains("1 – 16"));
/// ```
pub fn read(pairs: &[(&str, &str)], config: &mut Config) -> Vec<Message> {
    let mut msgs: Vec<Message> = Vec::new();
    let last = |name: &str| pairs.iter().rev().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let mut reject = |name: &str, raw: &str, accepts: &str, fallback: &str| {
        msgs.push((
            name.to_owned(),
            format!("{name}={} is not accepted: {name} takes {accepts}. Using {fallback}.", short(raw)),
        ));
    };
    let Some(raw) = last("kind") else {
        // Options without a kind apply to nothing.
        if let Some((k, _)) = pairs.first() {
            msgs.push((k.to_string(), format!("{k} applies only with kind=… (convlstm, flax, tf1); ignored.")));
        }
        return msgs;
    };
    let Some(kind) = Kind::from_key(raw) else {
        reject("kind", raw, &format!("one of {}", KIND_KEYS.join(", ")), "the default layer");
        return msgs;
    };
    let units = config.units.get();
    let conv_of = |base: Conv, msgs: &mut Vec<Message>| -> Conv {
        let mut conv = base;
        let mut rej = |name: &str, raw: &str, accepts: &str, fallback: String| {
            msgs.push((
                name.to_owned(),
                format!("{name}={} is not accepted: {name} takes {accepts}. Using {fallback}.", short(raw)),
            ));
        };
        if let Some(raw) = last("rank") {
            match number(raw, 1, 3) {
                Some(r) => conv.rank = r as u8,
                None => rej("rank", raw, "1, 2 or 3", format!("the default {}", conv.rank)),
            }
        }
        if let Some(raw) = last("kernel") {
            match dims(raw, conv.rank, Conv::MAX_KERNEL) {
                Some(k) => conv.kernel = k,
                None => rej(
                    "kernel",
                    raw,
                    "one size for every axis or one per axis (e.g. 3 or 3x5), each from 1 to 32",
                    format!("the default {}", base.kernel_text()),
                ),
            }
        }
        if let Some(raw) = last("frame") {
            match dims(raw, conv.rank, Conv::MAX_FRAME) {
                Some(f) => conv.frame = f,
                None => rej(
                    "frame",
                    raw,
                    "one size for every axis or one per axis (e.g. 64 or 64x48), each from 1 to 65,536",
                    format!("the default {}", base.frame_text()),
                ),
            }
        }
        if let Some(raw) = last("padding") {
            match raw.trim().to_ascii_lowercase().as_str() {
                "same" => conv.padding = Padding::Same,
                "valid" => conv.padding = Padding::Valid,
                _ => rej("padding", raw, "same or valid", "the default same".into()),
            }
        }
        for (name, slot) in [("strides", &mut conv.strides), ("dilation", &mut conv.dilation)] {
            if let Some(raw) = last(name) {
                match number(raw, 1, Conv::MAX_STEP) {
                    Some(v) => *slot = v,
                    None => rej(name, raw, "a whole number from 1 – 16", "the default 1".into()),
                }
            }
        }
        if let Some(raw) = last("format") {
            match raw.trim().to_ascii_lowercase().as_str() {
                "last" | "channels_last" => conv.channels_first = false,
                "first" | "channels_first" => conv.channels_first = true,
                _ => rej("format", raw, "last or first", "the default last".into()),
            }
        }
        conv
    };
    let chosen = match kind {
        Kind::ConvLstm(base) => Kind::ConvLstm(conv_of(base, &mut msgs)),
        Kind::Flax(base) => {
            let mut f = base;
            if let Some(raw) = last("api") {
                match raw.trim().to_ascii_lowercase().as_str() {
                    "linen" => f.api = FlaxApi::Linen,
                    "nnx" => f.api = FlaxApi::Nnx,
                    _ => reject("api", raw, "linen or nnx", "the default linen"),
                }
            }
            if let Some(raw) = last("flax_cell") {
                match FlaxCell::from_key(raw) {
                    Some(c) => f.cell = c,
                    None => reject(
                        "flax_cell",
                        raw,
                        "one of lstm, optimizedlstm, gru, simple, mgu, convlstm",
                        "the default lstm",
                    ),
                }
            }
            if let Some(raw) = last("wrap") {
                match raw.trim().to_ascii_lowercase().as_str() {
                    "rnn" => {}
                    "cell" => f.bare = true,
                    "shared" => f.shared = true,
                    _ => reject("wrap", raw, "rnn, cell or shared", "the default rnn"),
                }
            }
            for (name, slot) in [("top_rnn", &mut f.top_forward), ("reset_gate", &mut f.reset_gate)] {
                if let Some(raw) = last(name) {
                    match flag(raw) {
                        Some(v) => *slot = v,
                        None => reject(name, raw, "0 (off) or 1 (on)", "the default"),
                    }
                }
            }
            f.conv = conv_of(Conv::default(), &mut msgs);
            Kind::Flax(f)
        }
        Kind::Tf1(base) => {
            let mut t = base;
            if let Some(raw) = last("lstm_cell") {
                match raw.trim().to_ascii_lowercase().as_str() {
                    "basic" => t.full_lstm = false,
                    "full" | "lstmcell" => t.full_lstm = true,
                    _ => reject("lstm_cell", raw, "basic (BasicLSTMCell) or full (LSTMCell)", "the default basic"),
                }
            }
            if let Some(raw) = last("peepholes") {
                match flag(raw) {
                    Some(v) => t.peepholes = v,
                    None => reject("peepholes", raw, "0 (off) or 1 (on)", "the default 0"),
                }
            }
            if let Some(raw) = last("num_proj") {
                match number(raw, 0, units - 1) {
                    Some(p) => t.num_proj = p,
                    None => {
                        reject("num_proj", raw, &format!("a whole number from 0 to {}", units - 1), "no projection (0)")
                    }
                }
            }
            for (name, slot) in [("unit_shards", &mut t.unit_shards), ("proj_shards", &mut t.proj_shards)] {
                if let Some(raw) = last(name) {
                    match number(raw, 1, u32::from(Tf1::MAX_SHARDS)) {
                        Some(v) => *slot = v as u8,
                        None => reject(name, raw, "a whole number from 1 – 16", "the default 1"),
                    }
                }
            }
            Kind::Tf1(t)
        }
        other => other,
    };
    // What the framework refuses keeps the kind's defaults, or the plain layer.
    let defaults = Kind::from_key(chosen.key()).unwrap_or_default();
    let next = Config { kind: chosen, ..*config };
    if let Err(refusal) = next.check() {
        let fallback = Config { kind: defaults, ..*config };
        if defaults != chosen && fallback.check().is_ok() {
            msgs.push(("kind".into(), format!("kind={}: {refusal} Using this kind's default settings.", chosen.key())));
            *config = fallback;
        } else {
            msgs.push(("kind".into(), format!("kind={}: {refusal} Using kind=layer (the default).", chosen.key())));
            config.kind = Kind::Layer;
        }
    } else {
        *config = next;
    }
    msgs.dedup();
    msgs
}

/// The kind's parameters for a query, in [`KEYS`] order, each only when it differs from its
/// default (nothing for [`Kind::Layer`]). Every value is a known key or digits with `x`.
///
/// ```
/// use rnn_params_model::kind::{Conv, Kind};
/// use rnn_params_model::kind_query::write;
/// use rnn_params_model::Config;
/// let c = Config { kind: Kind::ConvLstm(Conv { kernel: [3, 5, 3], ..Conv::default() }), ..Config::default() };
/// assert_eq!(write(&c), [("kind", "convlstm".to_owned()), ("kernel", "3x5".to_owned())]);
/// ```
pub fn write(config: &Config) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    if config.kind == Kind::Layer {
        return out;
    }
    out.push(("kind", config.kind.key().to_owned()));
    let conv_pairs = |out: &mut Vec<(&'static str, String)>, c: &Conv| {
        let d = Conv::default();
        let text = |v: &[u32]| {
            if v.iter().all(|x| *x == v[0]) {
                v[0].to_string()
            } else {
                v.iter().map(u32::to_string).collect::<Vec<_>>().join("x")
            }
        };
        if c.rank != d.rank {
            out.push(("rank", c.rank.to_string()));
        }
        if text(c.kernel_dims()) != "3" {
            out.push(("kernel", text(c.kernel_dims())));
        }
        if text(c.frame_dims()) != "64" {
            out.push(("frame", text(c.frame_dims())));
        }
        if c.padding != d.padding {
            out.push(("padding", c.padding.key().to_owned()));
        }
        if c.strides != 1 {
            out.push(("strides", c.strides.to_string()));
        }
        if c.dilation != 1 {
            out.push(("dilation", c.dilation.to_string()));
        }
        if c.channels_first {
            out.push(("format", "first".to_owned()));
        }
    };
    match config.kind {
        Kind::ConvLstm(c) => conv_pairs(&mut out, &c),
        Kind::Flax(f) => {
            let d = Flax::default();
            if f.cell == FlaxCell::ConvLstm {
                conv_pairs(&mut out, &f.conv);
            }
            if f.api != d.api {
                out.push(("api", "nnx".to_owned()));
            }
            if f.cell != d.cell {
                out.push(("flax_cell", f.cell.key().to_owned()));
            }
            if f.bare {
                out.push(("wrap", "cell".to_owned()));
            } else if f.shared {
                out.push(("wrap", "shared".to_owned()));
            }
            if f.top_forward {
                out.push(("top_rnn", "1".to_owned()));
            }
            if !f.reset_gate {
                out.push(("reset_gate", "0".to_owned()));
            }
        }
        Kind::Tf1(t) => {
            if t.full_lstm {
                out.push(("lstm_cell", "full".to_owned()));
            }
            if t.peepholes {
                out.push(("peepholes", "1".to_owned()));
            }
            if t.num_proj > 0 {
                out.push(("num_proj", t.num_proj.to_string()));
            }
            if t.unit_shards > 1 {
                out.push(("unit_shards", t.unit_shards.to_string()));
            }
            if t.proj_shards > 1 {
                out.push(("proj_shards", t.proj_shards.to_string()));
            }
        }
        _ => {}
    }
    // Key order as in KEYS, so a query is canonical.
    out.sort_by_key(|(k, _)| KEYS.iter().position(|x| x == k));
    out
}

/// `config` with one option of its kind set from text, as a control sets it: the current options
/// (from [`write()`]) then `key=value`, read by [`read()`]. Returns the new configuration and the
/// messages (a rejected value keeps the current one).
///
/// ```
/// use rnn_params_model::kind::Kind;
/// use rnn_params_model::kind_query::with_option;
/// use rnn_params_model::Config;
/// let c = Config { kind: Kind::from_key("convlstm").unwrap(), ..Config::default() };
/// let (c, msgs) = with_option(&c, "kernel", "3x5");
/// assert!(msgs.is_empty());
/// assert_eq!(with_option(&c, "frame", "48").0.kind.key(), "convlstm");
/// ```
pub fn with_option(config: &Config, key: &str, value: &str) -> (Config, Vec<Message>) {
    let current = write(config);
    let mut pairs: Vec<(&str, &str)> = current.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // "wrap" is one choice of three: a new value replaces the old one entirely.
    if key == "wrap" {
        pairs.retain(|(k, _)| *k != "wrap");
    }
    pairs.push((key, value));
    let mut next = *config;
    let msgs = read(&pairs, &mut next);
    if next.kind == Kind::Layer && config.kind != Kind::Layer {
        // A refused option leaves the layer as it was.
        return (*config, msgs);
    }
    (next, msgs)
}

/// The current value of one of [`KEYS`] as a control shows it (its default where the query
/// would leave it out): `value(c, "kernel")` is `3` or `3x5`.
pub fn value(config: &Config, key: &str) -> String {
    if key == "kind" {
        return config.kind.key().to_owned();
    }
    if let Some((_, v)) = write(config).into_iter().find(|(k, _)| *k == key) {
        return v;
    }
    match key {
        "rank" => "2",
        "kernel" => "3",
        "frame" => "64",
        "padding" => "same",
        "strides" | "dilation" | "unit_shards" | "proj_shards" | "reset_gate" => "1",
        "format" => "last",
        "api" => "linen",
        "flax_cell" => "lstm",
        "wrap" => "rnn",
        "lstm_cell" => "basic",
        _ => "0",
    }
    .to_owned()
}
