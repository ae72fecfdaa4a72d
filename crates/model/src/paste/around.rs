//! The layers around the recurrent stack in a pasted whole model: the Embedding before it and the
//! Dense / Linear layers after it, read from code (and `print(model)`) or solved from a summary's
//! `Param #` (an Embedding's V = Param # / d; a Dense's bias from Param # = in·k + k or in·k).
//!
//! Sets [`Reading::around`] only when at least one such layer was read; each value read is listed
//! in [`Reading::read`] with where it came from.

use super::code::Piece;
use super::Reading;
use crate::bounds::{Size, Vocab};
use crate::cell::Framework;
use crate::format::grouped;
use crate::network::{Around, DenseStack, Embedding, Head, MAX_DENSE};

/// What the code scan found around the stack.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pieces {
    pub(super) embedding: Option<Piece>,
    pub(super) dense: Vec<Piece>,
    /// The top recurrent layer has `return_sequences=True` (Keras).
    pub(super) returns_sequences: bool,
    /// Embedding and Dense layers not used, with the reason.
    pub(super) unused: Vec<(String, &'static str)>,
}

/// Sets `r.around` from the pieces of a code paste (after the stack was read into `r.config`).
pub(super) fn from_code(p: Pieces, text: &str, r: &mut Reading) {
    let Some(config) = r.config else { return };
    for (src, why) in &p.unused {
        r.skip(src.clone(), *why);
    }
    let mut around = Around::default();
    if let Some(Piece::Embedding { vocab: Some(v), frozen, from, .. }) = &p.embedding {
        match Vocab::new(*v) {
            Ok(vocab) => {
                // PyTorch freezes with `weight.requires_grad = False` after the constructor.
                let frozen =
                    *frozen || (config.framework == Framework::PyTorch && text.contains("requires_grad = False"));
                r.fact("embedding vocabulary", v, from.clone());
                if frozen {
                    r.fact("frozen embedding", "True", "trainable=False / freeze=True / requires_grad = False");
                }
                around.embedding = Some(Embedding { vocab, frozen });
            }
            Err(_) => r.skip(format!("Embedding vocabulary {}", grouped(*v)), "outside 1 to 16,777,216: not used"),
        }
    }
    let mut units = Vec::new();
    let mut biases = Vec::new();
    let mut td = false;
    for d in p.dense.iter().skip(MAX_DENSE) {
        if let Piece::Dense { src, .. } = d {
            r.skip(src.clone(), "the widget shows at most 4 Dense layers: not counted");
        }
    }
    for d in p.dense.iter().take(MAX_DENSE) {
        if let Piece::Dense { units: Some(k), bias, td: wrapped, from, .. } = d {
            match Size::new(*k) {
                Ok(k) => {
                    r.fact("dense units", k, from.clone());
                    units.push(k);
                    biases.push(bias.unwrap_or(true));
                    td |= *wrapped;
                }
                Err(_) => r.skip(format!("Dense({})", grouped(*k)), "outside 1 to 1,048,576 units: not used"),
            }
        }
    }
    finish(r, around, &units, &biases, head_of(config.framework, p.returns_sequences, td, text))
}

/// What the first Dense reads, from the code.
fn head_of(framework: Framework, returns_sequences: bool, td: bool, text: &str) -> (Head, &'static str) {
    match framework {
        Framework::Keras if td => (Head::TimeDistributed, "TimeDistributed(Dense(…)) on return_sequences=True"),
        Framework::Keras if returns_sequences => (Head::Every, "return_sequences=True on the top recurrent layer"),
        Framework::Keras => (Head::Last, "return_sequences not set on the top recurrent layer"),
        // The forward pass picks a step with an index -1 (`out[:, -1, :]`, `h_n[-1]`); without a
        // forward pass (`print(model)`, `__init__` lines) the last step is assumed.
        Framework::PyTorch if text.contains("def forward") && !text.contains("-1") => {
            (Head::Every, "the forward pass gives the Linear the whole out")
        }
        Framework::PyTorch => (Head::Last, "the last step (out[:, -1, :] or h_n[-1], or no forward pass shown)"),
    }
}

fn finish(r: &mut Reading, mut around: Around, units: &[Size], biases: &[bool], head: (Head, &'static str)) {
    if !units.is_empty() {
        if biases.iter().any(|b| *b != biases[0]) {
            r.skip("Dense bias", "Dense layers with and without bias: the widget has one switch; bias on is used");
        }
        around.dense_bias = biases.iter().all(|b| *b);
        r.fact("dense bias", if around.dense_bias { "True" } else { "False" }, "use_bias / bias");
        around.dense = DenseStack::new(units).unwrap_or_default();
        around.head = head.0;
        r.fact("head", head.0.label(), head.1);
    }
    if !around.is_bare() {
        r.around = Some(around);
    }
}

/// One summary row, as far as the layers around the stack need it.
pub(super) struct SummaryLayer<'a> {
    /// `embedding (Embedding)`, `Linear: 1-3`.
    pub label: &'a str,
    /// `Embedding`, `Dense`, `TimeDistributed`, `Linear`.
    pub ty: &'a str,
    /// The last axis of the output shape.
    pub width: Option<u64>,
    /// The output has a time axis (3 axes).
    pub per_step: bool,
    /// `Param #`.
    pub params: Option<u64>,
    /// Printed as frozen (torchinfo's bracketed count).
    pub frozen: bool,
}

/// Sets `r.around` from the summary rows before the first and after the last recurrent row:
/// `stack_in` is the stack's input size (the Embedding's d), `stack_out` what the first Dense sees.
pub(super) fn from_summary(before: &[SummaryLayer<'_>], after: &[SummaryLayer<'_>], r: &mut Reading) {
    let Some(config) = r.config else { return };
    let mut around = Around::default();
    let d = config.input_size.wide();
    if let Some(e) = before.iter().rev().find(|l| l.ty == "Embedding") {
        if let Some(p) = e.params {
            let from = format!("from Param # {} of {} ÷ d = {d}", grouped(p), e.label);
            match (p % d == 0).then(|| Vocab::new(p / d).ok()).flatten() {
                Some(vocab) => {
                    r.fact("embedding vocabulary", vocab, from);
                    if e.frozen {
                        r.fact("frozen embedding", "True", format!("the bracketed Param # of {}", e.label));
                    }
                    around.embedding = Some(Embedding { vocab, frozen: e.frozen });
                }
                None => r.skip(e.label.to_owned(), "its Param # is not a multiple of the dimension"),
            }
        }
    }
    let mut input = config.input_size_of_layer(config.layers.get());
    let mut units = Vec::new();
    let mut biases = Vec::new();
    let mut head = None;
    for l in after.iter().filter(|l| matches!(l.ty, "Dense" | "TimeDistributed" | "Linear")).take(MAX_DENSE) {
        let (Some(k), Some(p)) = (l.width, l.params) else { continue };
        let Ok(size) = Size::new(k) else { continue };
        let weights = input.saturating_mul(k);
        let bias = if p == weights + k {
            true
        } else if p == weights {
            false
        } else {
            r.skip(l.label.to_owned(), "its Param # is neither in × k + k nor in × k");
            break;
        };
        r.fact("dense units", k, format!("the output shape of {}", l.label));
        units.push(size);
        biases.push(bias);
        if head.is_none() {
            head = Some(match (l.ty, l.per_step) {
                ("TimeDistributed", _) => (Head::TimeDistributed, "a TimeDistributed row"),
                (_, true) => (Head::Every, "the Dense output keeps the time axis"),
                _ => (Head::Last, "the Dense output has no time axis"),
            });
        }
        input = k;
    }
    // The rows read here are no longer "not counted".
    let used: Vec<&str> = before.iter().chain(after).map(|l| l.label).collect();
    let read_any = around.embedding.is_some() || !units.is_empty();
    if read_any {
        r.ignored.retain(|s| !(used.contains(&s.name.as_str()) && is_around(&s.name)));
    }
    finish(r, around, &units, &biases, head.unwrap_or((Head::Last, "")))
}

fn is_around(label: &str) -> bool {
    ["Embedding", "Dense", "TimeDistributed", "Linear"].iter().any(|t| label.contains(t))
}
