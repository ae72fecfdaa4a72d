//! "I got …": which known mistake produces the number a person computed.
//!
//! The question this project exists for ends with the asker's own arithmetic,
//! `4*((4096*16)+(4096*4096))*256 = 17246978048`, for a Keras `LSTM(256)` on 4096 inputs and 16 time
//! steps that Keras counts as 4,457,472. This module keeps a small catalogue of named mistakes (time
//! steps multiplied in, the input size where the units belong, a bias vector too few or too many,
//! the wrong number of gate blocks, a bidirectional layer not doubled, ...). Each is a function from
//! a configuration ([`Config`] plus time steps T) to a count. [`diagnose`] searches the catalogue
//! for every mistake, and every pair of mistakes, whose count equals the number the person got
//! **exactly**, solving for the free quantity of a mistake that is linear in it (T, the input size,
//! the layer count, the gate blocks). A number no mistake reproduces gets a [`Hint`] (the
//! difference and its factors), never a diagnosis.
//!
//! # The count as terms
//! Every count, right or mistaken, is written as the same list of terms (input weights, recurrent
//! weights, biases and projection of layer 1, the same of the layers above, and an output matrix),
//! so the mistaken arithmetic can be shown next to the right one with the first term that differs
//! ([`Working::first_difference`]).
//!
//! # Bounds and cost
//! All arithmetic is checked `u128`. Within the configuration bounds (m, n ≤ 1,048,576, 16 layers)
//! and T ≤ 1,000,000 no count exceeds 2^80; a count that would leave `u128` (only possible for a
//! time-step argument far above the bounds) makes that mistake not apply rather than wrap.
//! Solved quantities are searched only within the bounds: T in 1..=1,000,000, m in 1..=1,048,576,
//! L in 1..=16, G in 1..=4; a pair of mistakes solves nothing (it uses the given T, and mistakes
//! free in m, L or G are not paired), because solving inside pairs explains almost any number on a
//! small layer.
//!
//! [`diagnose`] evaluates each of the K catalogue entries at most five times (its count, and
//! `f(1)`, `f(2)`, `f(x)` to solve a linear free quantity) and each of the K·(K−1)/2 pairs at most
//! once (K = [`catalogue`]`().len()`, 42): under 1,100 evaluations of a closed formula that
//! allocates nothing; text is written only for the findings.
//!
//! # The other layer families
//! The layers of [`crate::kind`] are written in the same terms: a ConvLSTM's kernel volume K
//! multiplies its input and recurrent weights (`4 × 64 × (3 × 3) × 1`), TF1's peepholes and
//! Flax's bias on hn are vectors beside the gate blocks, TF1's `projection/kernel` is `n × p`.
//! Each catalogue entry names the families it is about: the frame size multiplied in or flattened
//! into the input, the kernel of one axis taken for K, peepholes counted as n × n matrices,
//! num_proj forgotten or counted p × p, CuDNN's second bias forgotten, PyTorch's two biases for a
//! Flax LSTM, one bias for a PyTorch cell (`one-bias-pytorch`), and the general ones (time steps,
//! directions, layers, gate blocks, input size) for every family.

use crate::cell::{Cell, Framework, MergeMode};
use crate::config::Config;
use crate::count::{total, CountError};
use crate::format::{grouped, input_features};
use crate::kind::{FlaxApi, FlaxCell, Kind};

/// A count as text with thousands separators; `u128` values beyond `u64` are grouped the same way.
fn wide(v: u128) -> String {
    match u64::try_from(v) {
        Ok(small) => grouped(small),
        Err(_) => {
            let digits = v.to_string();
            let mut out = String::with_capacity(digits.len() + digits.len() / 3);
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
    }
}

/// How a quantity is written in a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Its value.
    Num,
    /// `(a × b)`.
    Times(u128, u128),
    /// `a²`.
    Square(u128),
    /// A kernel or frame size written per axis: `(3 × 3)`, `(3 × 5 × 5)`; `3` for one axis.
    Dims([u32; 3], u8),
}

/// A quantity of a formula with the way it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Q {
    v: u128,
    shape: Shape,
}

impl Q {
    const ONE: Q = Q { v: 1, shape: Shape::Num };
    const ZERO: Q = Q { v: 0, shape: Shape::Num };

    const fn num(v: u128) -> Q {
        Q { v, shape: Shape::Num }
    }

    fn times(a: u128, b: u128) -> Option<Q> {
        Some(Q { v: a.checked_mul(b)?, shape: Shape::Times(a, b) })
    }

    fn square(a: u128) -> Option<Q> {
        Some(Q { v: a.checked_mul(a)?, shape: Shape::Square(a) })
    }

    /// The product of `dims` (one to three axes), written per axis.
    fn dims(dims: &[u32]) -> Q {
        let mut d = [1u32; 3];
        let len = dims.len().min(3);
        d[..len].copy_from_slice(&dims[..len]);
        Q { v: dims.iter().map(|&x| u128::from(x)).product(), shape: Shape::Dims(d, len as u8) }
    }

    fn text(&self) -> String {
        match self.shape {
            Shape::Num => self.v.to_string(),
            Shape::Times(a, b) => format!("({a} × {b})"),
            Shape::Square(a) => format!("{a}²"),
            Shape::Dims(d, 1) => d[0].to_string(),
            Shape::Dims(d, len) => {
                let axes: Vec<String> = d[..usize::from(len)].iter().map(u32::to_string).collect();
                format!("({})", axes.join(" × "))
            }
        }
    }
}

/// An output matrix someone added: `rows × cols + bias`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Extra {
    rows: Q,
    cols: Q,
    bias: Q,
}

/// The count of a recurrent stack as a closed formula:
/// `times × (D·(G·(n·Ki·in1 + Kr·rec1 + b·n) + P + V) + (L−1)·D·(G·(n·Ki·in2 + Kr·rec2 + b·n) + P + V) + extra)`,
/// with Ki, Kr the kernel volumes of a convolution (1 for the other layers), P the projection
/// matrix (rows × cols) and V vectors beside the gate blocks (`c × n × w`: TF1's three peepholes,
/// Flax's bias on hn).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Formula {
    times: Q,
    d: Q,
    g: Q,
    n: Q,
    in1: Q,
    /// The kernel volume multiplying the input weights (a ConvLSTM's K; 1 otherwise).
    kin: Q,
    rec1: (Q, Q),
    /// The kernel volume multiplying the recurrent weights.
    krec: Q,
    b: Q,
    /// The projection matrix per direction: (rows, cols), as the framework stores it.
    proj: Option<(Q, Q)>,
    /// Vectors beside the gate blocks per direction: (how many, width per unit), and what they are.
    vecs: Option<(Q, Q, &'static str)>,
    layers: u128,
    in2: Q,
    rec2: (Q, Q),
    extra: Option<Extra>,
}

/// The order the slots are shown in (vectors after the biases of their layers).
const ORDER: [usize; 11] = [0, 1, 2, 9, 3, 4, 5, 6, 10, 7, 8];

/// The slots every count is written in, by index: (key, label).
const SLOTS: [(&str, &str); 11] = [
    ("input", "input weights W"),
    ("recurrent", "recurrent weights U"),
    ("bias", "biases"),
    ("projection", "projection weight_hr"),
    ("input-upper", "input weights W"),
    ("recurrent-upper", "recurrent weights U"),
    ("bias-upper", "biases"),
    ("projection-upper", "projection weight_hr"),
    ("output", "output matrix V"),
    ("vectors", "peepholes"),
    ("vectors-upper", "peepholes"),
];

/// The factors of one term, at most eight. A factor marked `true` is a multiplier (time steps,
/// layers, directions, gate blocks, bias vectors, a kernel volume) and is not written when it is a
/// plain 1; sizes are always written.
#[derive(Clone, Copy, Debug)]
struct Factors {
    items: [(Q, bool); 8],
    len: usize,
}

impl Factors {
    const NONE: Factors = Factors { items: [(Q::ONE, true); 8], len: 0 };

    fn of(list: &[(Q, bool)]) -> Factors {
        let mut f = Factors::NONE;
        for (slot, item) in f.items.iter_mut().zip(list) {
            *slot = *item;
        }
        f.len = list.len().min(8);
        f
    }

    fn value(&self) -> Option<u128> {
        if self.len == 0 {
            return Some(0);
        }
        self.items[..self.len].iter().try_fold(1u128, |acc, (q, _)| acc.checked_mul(q.v))
    }

    fn text(&self) -> String {
        let shown: Vec<String> = self.items[..self.len]
            .iter()
            .filter(|(q, multiplier)| !(*multiplier && q.v == 1 && q.shape == Shape::Num))
            .map(|(q, _)| q.text())
            .collect();
        if shown.is_empty() {
            "1".to_owned()
        } else {
            shown.join(" × ")
        }
    }
}

impl Formula {
    /// The factors of each slot (none when the slot is absent); the slot's value is their product.
    fn slot_factors(&self, slot: usize) -> Option<Factors> {
        let upper = (Q::num(self.layers.checked_sub(1)?), true);
        let (t, d, g, b) = ((self.times, true), (self.d, true), (self.g, true), (self.b, true));
        let n = (self.n, false);
        let (kin, krec) = ((self.kin, true), (self.krec, true));
        let size = |q: Q| (q, false);
        Some(match (slot, self.proj, self.vecs) {
            (0, ..) => Factors::of(&[t, d, g, n, kin, size(self.in1)]),
            (1, ..) => Factors::of(&[t, d, g, krec, size(self.rec1.0), size(self.rec1.1)]),
            (2, ..) => Factors::of(&[t, d, g, b, n]),
            (3, Some((r, c)), _) => Factors::of(&[t, d, size(r), size(c)]),
            (4, ..) => Factors::of(&[t, upper, d, g, n, kin, size(self.in2)]),
            (5, ..) => Factors::of(&[t, upper, d, g, krec, size(self.rec2.0), size(self.rec2.1)]),
            (6, ..) => Factors::of(&[t, upper, d, g, b, n]),
            (7, Some((r, c)), _) => Factors::of(&[t, upper, d, size(r), size(c)]),
            (9, _, Some((k, w, _))) => Factors::of(&[t, d, (k, true), n, (w, true)]),
            (10, _, Some((k, w, _))) => Factors::of(&[t, upper, d, (k, true), n, (w, true)]),
            _ => Factors::NONE,
        })
    }

    fn extra_value(&self) -> Option<u128> {
        match self.extra {
            None => Some(0),
            Some(e) => e.rows.v.checked_mul(e.cols.v)?.checked_add(e.bias.v)?.checked_mul(self.times.v),
        }
    }

    fn slot_value(&self, slot: usize) -> Option<u128> {
        if slot == 8 {
            return self.extra_value();
        }
        self.slot_factors(slot)?.value()
    }

    /// The whole count, `None` if it would leave `u128` or the layer count is 0.
    fn value(&self) -> Option<u128> {
        (0..SLOTS.len()).try_fold(0u128, |acc, s| acc.checked_add(self.slot_value(s)?))
    }

    fn slot_text(&self, slot: usize) -> String {
        if slot == 8 {
            return match self.extra {
                None => "0".to_owned(),
                Some(e) => {
                    let mut inner = format!("{} × {}", e.rows.text(), e.cols.text());
                    if e.bias.v > 0 {
                        inner.push_str(&format!(" + {}", e.bias.text()));
                    }
                    if self.times.v == 1 {
                        inner
                    } else {
                        format!("{} × ({inner})", self.times.text())
                    }
                }
            };
        }
        match self.slot_factors(slot) {
            Some(f) if f.value().is_some_and(|v| v > 0) => f.text(),
            _ => "0".to_owned(),
        }
    }
}

/// One term of a count: a slot of the formula with its arithmetic and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// A stable key: `input`, `recurrent`, `bias`, `projection`, `vectors` (layer 1: TF1's
    /// peepholes, Flax's bias on hn), the same with `-upper` (layers 2 to L together), or
    /// `output` (an output matrix V someone added).
    pub slot: &'static str,
    /// What the term counts, in words: "input weights W", "biases (layers 2–3)".
    pub label: String,
    /// The arithmetic with the numbers, factors left to right: directions, gate blocks, rows,
    /// columns (`2 × 4 × 256 × 4096`); `0` when the count has no such term.
    pub text: String,
    /// The term's value in parameters.
    pub value: u128,
}

/// A mistaken count next to the right one, term by term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Working {
    /// The mistaken count's terms; the same slots, in the same order, as `right`.
    pub mistaken: Vec<Term>,
    /// The right count's terms.
    pub right: Vec<Term>,
    /// The index of the first term whose arithmetic or value differs (`None` if none does).
    pub first_difference: Option<usize>,
    /// The mistaken count on one line: `4 × 256 × (4096 × 16) + 4 × 256 × 4096² = 17,246,978,048`.
    pub mistaken_line: String,
    /// The right count on one line: `4 × 256 × 4096 + 4 × 256 × 256 + 4 × 256 = 4,457,472`.
    pub right_line: String,
    /// The mistaken count.
    pub mistaken_total: u128,
    /// The right count (what the framework reports).
    pub right_total: u128,
}

fn working(mistaken: &Formula, right: &Formula) -> Option<Working> {
    let layers = right.layers.max(mistaken.layers);
    let mut m_terms = Vec::new();
    let mut r_terms = Vec::new();
    for i in ORDER {
        let (key, label) = SLOTS[i];
        let (mv, rv) = (mistaken.slot_value(i)?, right.slot_value(i)?);
        if mv == 0 && rv == 0 {
            continue;
        }
        let label = match (i, right.vecs.or(mistaken.vecs)) {
            (9 | 10, Some((_, _, what))) => what,
            _ => label,
        };
        let label = match i {
            0..=3 | 9 if layers > 1 => format!("{label} (layer 1)"),
            4..=7 | 10 => format!("{label} ({})", crate::format::later_layers(layers.min(u64::MAX as u128) as u64)),
            _ => label.to_owned(),
        };
        m_terms.push(Term { slot: key, label: label.clone(), text: mistaken.slot_text(i), value: mv });
        r_terms.push(Term { slot: key, label, text: right.slot_text(i), value: rv });
    }
    let first_difference = m_terms.iter().zip(&r_terms).position(|(a, b)| a.text != b.text || a.value != b.value);
    let line = |terms: &[Term], total: u128| {
        let shown: Vec<&str> = terms.iter().filter(|t| t.value > 0).map(|t| t.text.as_str()).collect();
        let lhs = if shown.is_empty() { "0".to_owned() } else { shown.join(" + ") };
        format!("{lhs} = {}", wide(total))
    };
    let (mistaken_total, right_total) = (mistaken.value()?, right.value()?);
    Some(Working {
        mistaken_line: line(&m_terms, mistaken_total),
        right_line: line(&r_terms, right_total),
        mistaken: m_terms,
        right: r_terms,
        first_difference,
        mistaken_total,
        right_total,
    })
}

/// The quantity a mistake leaves free, which [`diagnose`] solves for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Free {
    /// Time steps T, searched in 1..=1,000,000.
    Steps,
    /// Input size m (features per time step), searched in 1..=1,048,576.
    InputSize,
    /// Stacked layers L, searched in 1..=16.
    Layers,
    /// Gate blocks G, searched in 1..=4.
    GateBlocks,
}

impl Free {
    /// The symbol: `T`, `m`, `L`, `G`.
    ///
    /// ```
    /// use rnn_params_model::mistakes::Free;
    /// assert_eq!(Free::Steps.symbol(), "T");
    /// ```
    pub const fn symbol(self) -> &'static str {
        match self {
            Free::Steps => "T",
            Free::InputSize => "m",
            Free::Layers => "L",
            Free::GateBlocks => "G",
        }
    }

    /// The inclusive range [`diagnose`] searches: the configuration bounds of that quantity.
    ///
    /// ```
    /// use rnn_params_model::mistakes::Free;
    /// assert_eq!(Free::Layers.range(), (1, 16));
    /// assert_eq!(Free::Steps.range(), (1, 1_000_000));
    /// ```
    pub const fn range(self) -> (u64, u64) {
        match self {
            Free::Steps => (1, 1_000_000),
            Free::InputSize => (1, 1_048_576),
            Free::Layers => (1, 16),
            Free::GateBlocks => (1, 4),
        }
    }
}

/// What the configuration says, widened for the formulas.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    config: Config,
    m: u128,
    n: u128,
    t: u128,
    /// The free quantity's value for this evaluation.
    x: u128,
    right: Formula,
}

/// Bits naming what a mistake changes; two mistakes combine only when their bits are disjoint.
mod touch {
    pub const TIMES: u16 = 1;
    pub const INPUT1: u16 = 1 << 1;
    pub const REC: u16 = 1 << 2;
    pub const BIAS: u16 = 1 << 3;
    pub const GATES: u16 = 1 << 4;
    pub const DIRS: u16 = 1 << 5;
    pub const UPPER_IN: u16 = 1 << 6;
    pub const LAYERS: u16 = 1 << 7;
    pub const PROJ: u16 = 1 << 8;
    pub const OUTPUT: u16 = 1 << 9;
    pub const KERNEL: u16 = 1 << 10;
    pub const VECS: u16 = 1 << 11;
}

/// Bits naming the layer families ([`Kind`](crate::kind::Kind)) a mistake is about.
mod kinds {
    use crate::kind::Kind;
    pub const LAYER: u8 = 1;
    pub const CELL: u8 = 1 << 1;
    pub const CONV: u8 = 1 << 2;
    pub const FLAX: u8 = 1 << 3;
    pub const TF1: u8 = 1 << 4;
    pub const CUDNN: u8 = 1 << 5;
    pub const KERAS2: u8 = 1 << 6;
    /// The layers [`crate::count::count`] counts (Keras 3 / PyTorch layers, PyTorch cells, Keras 2).
    pub const CLASSIC: u8 = LAYER | CELL | KERAS2;
    /// Every family with dense (not convolutional) inputs besides.
    pub const DENSE: u8 = CLASSIC | FLAX | TF1 | CUDNN;
    pub const ALL: u8 = DENSE | CONV;

    pub const fn of(kind: Kind) -> u8 {
        match kind {
            Kind::Layer => LAYER,
            Kind::TorchCell => CELL,
            Kind::ConvLstm(_) => CONV,
            Kind::Flax(_) => FLAX,
            Kind::Tf1(_) => TF1,
            Kind::CuDnn => CUDNN,
            Kind::Keras2 => KERAS2,
        }
    }
}

/// One named mistake of the catalogue.
#[derive(Debug)]
pub struct Mistake {
    /// A stable, URL- and test-safe key (`times-steps`).
    pub key: &'static str,
    /// A short name for a heading ("Multiplied by the time steps").
    pub name: &'static str,
    /// One line on what was done and why it is wrong.
    pub explanation: &'static str,
    /// What to do instead.
    pub instead: &'static str,
    /// The quantity [`diagnose`] solves for, if the mistake is linear in one.
    pub free: Option<Free>,
    touches: u16,
    /// The layer families it is about (`kinds::*` bits).
    kinds: u8,
    /// Changes the right formula into the mistaken one; `None` when the mistake does not apply to
    /// this configuration (or would overflow).
    apply: fn(&Ctx, &mut Formula) -> Option<()>,
}

fn when(cond: bool) -> Option<()> {
    cond.then_some(())
}

/// The width of what a layer outputs per direction: n, or p with a projection (the recurrent
/// weights' second factor).
fn out_width(c: &Ctx) -> u128 {
    c.right.rec1.1.v
}

const CATALOGUE: &[Mistake] = &[
    Mistake {
        key: "times-steps",
        name: "Multiplied by the time steps",
        explanation: "The count was multiplied by the sequence length, as if every time step had its own weights; \
                      the same weights are used at every step.",
        instead: "Leave the time steps out: they change how often the weights are applied, never how many there are.",
        free: Some(Free::Steps),
        touches: touch::TIMES,
        kinds: kinds::ALL,
        apply: |c, f| {
            f.times = Q::num(c.x);
            Some(())
        },
    },
    Mistake {
        key: "steps-and-input-squared",
        name: "4·((m·T) + m²)·n: the time steps and the input size squared",
        explanation: "The arithmetic of the classic question: the input weights for m·T inputs, m² where the \
                      recurrent n² belongs, and no bias. Time steps never enter the count, and the recurrent weights are n × n.",
        instead: "Count G·((m + n)·n + n): W n × m, U n × n and b n per gate block.",
        free: Some(Free::Steps),
        touches: touch::INPUT1 | touch::REC | touch::BIAS,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.projection().is_none() && c.m > 1 && c.m != c.n)?;
            f.in1 = Q::times(c.m, c.x)?;
            f.rec1 = (Q::num(c.n), Q::square(c.m)?);
            f.b = Q::ZERO;
            Some(())
        },
    },
    Mistake {
        key: "steps-as-features",
        name: "Time steps taken as the input size",
        explanation: "The sequence length was used as the input size m: input_shape=(T, m) is T steps of m features, \
                      and only m enters the count.",
        instead: "Use the last axis of the input shape (features per step) as m.",
        free: None,
        touches: touch::INPUT1,
        kinds: kinds::DENSE,
        apply: |c, f| {
            when(c.t != c.m)?;
            f.in1 = Q::num(c.t);
            Some(())
        },
    },
    Mistake {
        key: "features-times-steps",
        name: "Input size multiplied by the time steps",
        explanation: "The input weights were counted for the whole flattened sequence (m·T inputs), as a Dense \
                      layer would see it; a recurrent layer sees m features per step.",
        instead: "Use W of n × m per gate block, the same at every step.",
        free: Some(Free::Steps),
        touches: touch::INPUT1,
        kinds: kinds::DENSE,
        apply: |c, f| {
            f.in1 = Q::times(c.m, c.x)?;
            Some(())
        },
    },
    Mistake {
        key: "no-bias",
        name: "Bias forgotten",
        explanation: "Only the weight matrices were counted; every gate block also has a bias vector of n.",
        instead: "Add the biases: Keras one vector of n per gate block (two for GRU with reset_after=True), \
                  PyTorch two (bias_ih and bias_hh).",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(c.right.b.v > 0)?;
            f.b = Q::ZERO;
            Some(())
        },
    },
    Mistake {
        key: "one-bias-pytorch",
        name: "One bias vector where PyTorch has two",
        explanation: "The textbook (and Keras) formula has one bias vector per gate block; PyTorch keeps two, \
                      bias_ih and bias_hh.",
        instead: "Count 2·n biases per gate block in PyTorch.",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.framework == Framework::PyTorch && c.config.bias)?;
            f.b = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "two-biases-keras",
        name: "Two bias vectors where Keras has one",
        explanation: "PyTorch's two bias vectors per gate block were counted; Keras SimpleRNN and LSTM keep one.",
        instead: "Count n biases per gate block in Keras (a GRU with reset_after=True is the exception).",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.framework == Framework::Keras && c.config.bias && c.config.cell != Cell::Gru)?;
            f.b = Q::num(2);
            Some(())
        },
    },
    Mistake {
        key: "reset-after-other",
        name: "Keras GRU with the other reset_after",
        explanation: "Keras GRU keeps two bias vectors per gate block with reset_after=True (the default since TF2) \
                      and one with reset_after=False (Keras 2 / TF1); the count used the other setting.",
        instead: "Check reset_after: 3·(m·n + n² + 2n) with True, 3·(m·n + n² + n) with False.",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.uses_reset_after() && c.config.bias)?;
            f.b = Q::num(if c.config.reset_after { 1 } else { 2 });
            Some(())
        },
    },
    Mistake {
        key: "bias-counted",
        name: "Bias counted on a layer without one",
        explanation: "Bias vectors were counted, but the layer is built without bias (use_bias=False / bias=False).",
        instead: "Count only W and U when the bias is off.",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(!c.config.bias)?;
            f.b = right_formula(&Config { bias: true, ..c.config })?.b;
            Some(())
        },
    },
    Mistake {
        key: "gate-blocks",
        name: "The wrong number of gate blocks",
        explanation: "The count used another number of gate blocks G: an LSTM has 4 (i, f, g, o), a GRU 3 \
                      (r, z, n), a SimpleRNN 1.",
        instead: "Multiply one gate block by G = 4 for LSTM, 3 for GRU, 1 for SimpleRNN.",
        free: Some(Free::GateBlocks),
        touches: touch::GATES,
        kinds: kinds::ALL,
        apply: |c, f| {
            f.g = Q::num(c.x);
            Some(())
        },
    },
    Mistake {
        key: "bidirectional-not-doubled",
        name: "Bidirectional not doubled",
        explanation: "One direction was counted; a bidirectional layer has a forward and a backward copy, each with \
                      its own weights.",
        instead: "Multiply each layer by 2 directions.",
        free: None,
        touches: touch::DIRS,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(c.config.bidirectional)?;
            f.d = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "bidirectional-doubled-twice",
        name: "Bidirectional doubled twice",
        explanation: "The factor 2 for the two directions was applied twice (for example once per direction and once \
                      more for the concatenated output).",
        instead: "Multiply each layer by 2 directions once.",
        free: None,
        touches: touch::DIRS,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(c.config.bidirectional)?;
            f.d = Q::num(4);
            Some(())
        },
    },
    Mistake {
        key: "bidirectional-as-double-units",
        name: "Bidirectional taken as twice the units",
        explanation: "A bidirectional layer of n units was counted as one layer of 2n units (Bi-LSTM(128) as \
                      LSTM(256)); the two directions do not see each other's state, so there is no 2n × 2n matrix.",
        instead: "Count two separate layers of n units: 2 × G·((m + n)·n + b·n).",
        free: None,
        touches: touch::DIRS | touch::REC,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.bidirectional && c.config.projection().is_none())?;
            let n2 = Q::times(2, c.n)?;
            f.d = Q::ONE;
            f.n = n2;
            f.rec1 = (n2, n2);
            f.rec2 = (n2, n2);
            Some(())
        },
    },
    Mistake {
        key: "doubled-unidirectional",
        name: "Doubled, but the layer is not bidirectional",
        explanation: "The count was multiplied by 2 directions, but the layer reads the sequence in one direction.",
        instead: "Use 1 direction unless the layer is wrapped in Bidirectional (or bidirectional=True).",
        free: None,
        touches: touch::DIRS,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(!c.config.bidirectional)?;
            f.d = Q::num(2);
            Some(())
        },
    },
    Mistake {
        key: "stack-input-n",
        name: "Upper layer's input taken as n, not 2n",
        explanation: "A layer above a bidirectional one sees both directions concatenated, 2n features (2p with a \
                      projection), not n.",
        instead: "Give layers 2 to L an input size of 2n (PyTorch, Keras merge_mode='concat').",
        free: None,
        touches: touch::UPPER_IN,
        kinds: kinds::ALL,
        apply: |c, f| {
            let out = out_width(c);
            when(c.config.layers.get() > 1 && c.right.in2.v == 2 * out)?;
            f.in2 = Q::num(out);
            Some(())
        },
    },
    Mistake {
        key: "stack-input-2n",
        name: "Upper layer's input taken as 2n, not n",
        explanation: "With Keras merge_mode 'sum', 'mul' or 'ave' the two directions are combined element-wise, so \
                      the next layer sees n features, not 2n.",
        instead: "Give layers 2 to L an input size of n unless merge_mode is 'concat'.",
        free: None,
        touches: touch::UPPER_IN,
        kinds: kinds::CLASSIC | kinds::CONV | kinds::CUDNN,
        apply: |c, f| {
            let out = out_width(c);
            when(
                c.config.layers.get() > 1
                    && c.config.bidirectional
                    && c.config.framework == Framework::Keras
                    && c.config.merge != MergeMode::Concat,
            )?;
            f.in2 = Q::num(2 * out);
            Some(())
        },
    },
    Mistake {
        key: "stack-as-first-layer",
        name: "A stack counted as L × the first layer",
        explanation: "Every layer was counted like the first, with the input size m; the layers above see the \
                      output of the layer below (n, or 2n when bidirectional).",
        instead: "Count layer 1 with m inputs and layers 2 to L with the width of the layer below.",
        free: None,
        touches: touch::UPPER_IN,
        kinds: kinds::ALL,
        apply: |c, f| {
            when(c.config.layers.get() > 1 && c.right.in2.v != c.m)?;
            f.in2 = Q::num(c.m);
            Some(())
        },
    },
    Mistake {
        key: "projection-ignored",
        name: "Projection ignored (proj_size)",
        explanation: "The layer was counted as if proj_size were 0; with a projection the hidden state has p \
                      entries, so U is 4n × p and a weight_hr of p × n is added.",
        instead: "Count 4·(n·in + n·p + 2n) + p·n per direction, and give upper layers D·p inputs.",
        free: None,
        touches: touch::PROJ | touch::REC | touch::UPPER_IN,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.projection().is_some())?;
            let plain = Config { proj_size: crate::bounds::ProjSize::NONE, ..c.config };
            let n = Q::num(c.n);
            f.proj = None;
            f.rec1 = (n, n);
            f.rec2 = (n, n);
            f.in2 = Q::num(plain.input_size_of_layer(1) as u128);
            Some(())
        },
    },
    Mistake {
        key: "projection-beside-full",
        name: "Projection added beside a full n × n recurrent matrix",
        explanation: "weight_hr (p × n) was added but U was kept n × n; with a projection U is n × p per gate block.",
        instead: "Use U of 4n × p and add weight_hr p × n once per direction.",
        free: None,
        touches: touch::PROJ | touch::REC,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.projection().is_some())?;
            let n = Q::num(c.n);
            f.rec1 = (n, n);
            f.rec2 = (n, n);
            Some(())
        },
    },
    Mistake {
        key: "projection-weights-forgotten",
        name: "Projection weights forgotten",
        explanation: "U was counted n × p, but the projection weight_hr (p × n per direction) was left out.",
        instead: "Add p × n per direction and layer.",
        free: None,
        touches: touch::PROJ,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.projection().is_some())?;
            f.proj = None;
            Some(())
        },
    },
    Mistake {
        key: "uvw-per-unit",
        name: "U, W and V counted as one weight per unit",
        explanation: "The folded RNN diagram (U in, W around, V out) was read as n weights each; but W connects every \
                      unit to every unit (n × n), there is a bias per unit, and the layer has no V.",
        instead: "Count n·m + n·n + n: W n × m, U n × n and the bias.",
        free: None,
        touches: touch::REC | touch::BIAS | touch::OUTPUT,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.cell == Cell::SimpleRnn)?;
            f.rec1 = (Q::num(c.n), Q::ONE);
            f.b = Q::ZERO;
            f.extra = Some(Extra { rows: Q::num(c.n), cols: Q::ONE, bias: Q::ZERO });
            Some(())
        },
    },
    Mistake {
        key: "output-matrix-v",
        name: "An output matrix V added to a SimpleRNN",
        explanation: "The textbook RNN (s = tanh(U·x + W·s), o = softmax(V·s)) has an output matrix V; Keras \
                      SimpleRNN and PyTorch RNN have none: their output is the hidden state. Counted as the textbook \
                      answer does, V of k × n plus k biases with k = m (output as wide as the input).",
        instead: "Leave V out: a following Dense layer holds those weights and is counted separately.",
        free: None,
        touches: touch::OUTPUT,
        kinds: kinds::CLASSIC,
        apply: |c, f| {
            when(c.config.cell == Cell::SimpleRnn)?;
            let bias = if c.config.bias { Q::num(c.m) } else { Q::ZERO };
            f.extra = Some(Extra { rows: Q::num(c.n), cols: Q::num(c.m), bias });
            Some(())
        },
    },
    Mistake {
        key: "input-squared",
        name: "Input size where the units belong (m·m for n·n)",
        explanation: "The recurrent weights were counted as m × m per gate block; they connect the n hidden units \
                      to themselves, n × n.",
        instead: "Use U of n × n per gate block: the hidden state has n entries whatever the input size.",
        free: None,
        touches: touch::REC,
        kinds: kinds::DENSE,
        apply: |c, f| {
            when(c.m != c.n && c.right.proj.is_none())?;
            f.rec1 = (Q::num(c.m), Q::num(c.m));
            Some(())
        },
    },
    Mistake {
        key: "recurrent-from-input",
        name: "Recurrent weights sized by the input (n·m for n·n)",
        explanation: "The recurrent weights were counted as n × m, as if the previous hidden state had m entries; \
                      it has n.",
        instead: "Use U of n × n per gate block.",
        free: None,
        touches: touch::REC,
        kinds: kinds::DENSE,
        apply: |c, f| {
            when(c.m != c.n && c.right.proj.is_none())?;
            f.rec1 = (Q::num(c.n), Q::num(c.m));
            Some(())
        },
    },
    Mistake {
        key: "times-features",
        name: "Multiplied by the input size",
        explanation: "The whole count was multiplied by the number of input features, as if every feature had its \
                      own copy of the layer.",
        instead: "Count the layer once: the input size appears only in the input weights W (n × m per gate block).",
        free: None,
        touches: touch::TIMES,
        kinds: kinds::ALL,
        apply: |c, f| {
            f.times = Q::num(c.m);
            Some(())
        },
    },
    Mistake {
        key: "wrong-input-size",
        name: "A different input size",
        explanation: "The arithmetic is right for another input size m: the feature size is the last axis of the \
                      input shape, not the window length, the number of samples or the batch.",
        instead: "Read m from the last axis of input_shape (Keras) or input_size (PyTorch).",
        free: Some(Free::InputSize),
        touches: touch::INPUT1,
        kinds: kinds::ALL,
        apply: |c, f| {
            f.in1 = Q::num(c.x);
            Some(())
        },
    },
    Mistake {
        key: "wrong-layer-count",
        name: "A different number of layers",
        explanation: "The arithmetic is right for another number of stacked layers L.",
        instead: "Count every recurrent layer once: num_layers in PyTorch, each LSTM/GRU/SimpleRNN layer in Keras.",
        free: Some(Free::Layers),
        touches: touch::LAYERS,
        kinds: kinds::ALL,
        apply: |c, f| {
            f.layers = c.x;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-frame-flattened",
        name: "The frame flattened into the input (H·W·c where K·c belongs)",
        explanation: "The ConvLSTM was counted as an LSTM on every value of the frame (H·W·c inputs, f × f recurrent \
                      weights); its gates are convolutions: one kernel of K = the product of the kernel sizes is \
                      shared across all positions, as W is shared across time steps, so the frame size never enters.",
        instead: "Count 4(K·c·f + K·f² + f) per direction: the kernel size, not the frame size.",
        free: None,
        touches: touch::KERNEL,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            let conv = conv_of(&c.config)?;
            f.kin = Q::dims(conv.frame_dims());
            f.krec = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-times-positions",
        name: "The frame size multiplied in",
        explanation: "The whole count was multiplied by the positions of the frame (H·W), as if every position had \
                      its own kernel; the kernel is shared across positions, as W is shared across time steps.",
        instead: "Leave the frame size out: padding, strides and the frame change the output, never the count.",
        free: None,
        touches: touch::TIMES,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            f.times = Q::dims(conv_of(&c.config)?.frame_dims());
            Some(())
        },
    },
    Mistake {
        key: "convlstm-kernel-per-position",
        name: "A kernel for every position of the frame",
        explanation: "The kernels were counted once per position of the frame (K·H·W weights per channel pair) and the \
                      biases once; one kernel slides over every position: the frame size never enters.",
        instead: "Count K weights per channel pair and gate, K the product of the kernel sizes.",
        free: None,
        touches: touch::KERNEL,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            let conv = conv_of(&c.config)?;
            let positions = conv.frame_dims().iter().map(|&x| u128::from(x)).product();
            f.kin = Q::times(u128::from(conv.k()), positions)?;
            f.krec = f.kin;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-kernel-one-axis",
        name: "The kernel size of one axis taken for K",
        explanation: "kernel_size=3 was counted as 3 weights per channel pair; a ConvLSTM2D's kernel is 3 × 3 (3 × 3 × 3 \
                      in 3-D): K is the product of the kernel sizes of every axis.",
        instead: "Use K = k1·k2 (·k3) in 4(K·c·f + K·f² + f).",
        free: None,
        touches: touch::KERNEL,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            let conv = conv_of(&c.config)?;
            when(conv.kernel_dims().len() > 1)?;
            f.kin = Q::num(u128::from(conv.kernel_dims()[0]));
            f.krec = f.kin;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-kernel-left-out",
        name: "The kernel size left out (counted as an LSTM)",
        explanation: "The layer was counted as an LSTM on c inputs; every weight of a ConvLSTM's gates is a kernel of K \
                      weights (K the product of the kernel sizes), on the input and on the state.",
        instead: "Multiply the input and the recurrent weights by K: 4(K·c·f + K·f² + f).",
        free: None,
        touches: touch::KERNEL,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            conv_of(&c.config)?;
            f.kin = Q::ONE;
            f.krec = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-recurrent-without-kernel",
        name: "The kernel counted once: recurrent weights as f² without K",
        explanation: "K multiplied the input kernel only; the state is convolved too, with a recurrent kernel of the \
                      same size: K·f² per gate, not f².",
        instead: "Count the recurrent kernel as K·f·f per gate: 4(K·c·f + K·f² + f).",
        free: None,
        touches: touch::KERNEL,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            conv_of(&c.config)?;
            f.krec = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "convlstm-recurrent-forgotten",
        name: "The recurrent kernel forgotten (K·f² left out)",
        explanation: "Only the input convolution was counted, as a Conv layer with 4f filters would be; each gate also \
                      convolves the previous state h with a recurrent kernel of K·f·f.",
        instead: "Add the recurrent kernel: 4(K·c·f + K·f² + f).",
        free: None,
        touches: touch::KERNEL | touch::REC,
        kinds: kinds::CONV | kinds::FLAX,
        apply: |c, f| {
            conv_of(&c.config)?;
            f.krec = Q::ZERO;
            Some(())
        },
    },
    Mistake {
        key: "tf1-peepholes-full",
        name: "Peepholes counted as full n × n matrices",
        explanation: "w_f_diag, w_i_diag and w_o_diag were counted as n × n matrices; TF1's peepholes are diagonal: one \
                      vector of n each, 3n per cell.",
        instead: "Add 3n for use_peepholes=True, not 3n².",
        free: None,
        touches: touch::VECS,
        kinds: kinds::TF1,
        apply: |c, f| {
            let (k, _, what) = f.vecs?;
            f.vecs = Some((k, Q::num(c.n), what));
            Some(())
        },
    },
    Mistake {
        key: "tf1-peepholes-forgotten",
        name: "Peepholes forgotten",
        explanation: "LSTMCell(use_peepholes=True) adds three diagonal vectors, w_f_diag, w_i_diag and w_o_diag, of n \
                      each.",
        instead: "Add 3n per cell.",
        free: None,
        touches: touch::VECS,
        kinds: kinds::TF1,
        apply: |_, f| {
            f.vecs?;
            f.vecs = None;
            Some(())
        },
    },
    Mistake {
        key: "tf1-num-proj-forgotten",
        name: "num_proj forgotten",
        explanation: "The cell was counted as a plain LSTMCell(n); with num_proj=p its output, and the state fed back, \
                      has p entries: the kernel takes [x, r] with r = p rows, and projection/kernel (n, p) adds n·p.",
        instead: "Count 4((in + p)·n + n) + n·p per direction (layers above see p).",
        free: None,
        touches: touch::PROJ | touch::REC | touch::UPPER_IN,
        kinds: kinds::TF1,
        apply: |c, f| {
            f.proj?;
            let n = Q::num(c.n);
            f.proj = None;
            f.rec1 = (n, n);
            f.rec2 = (n, n);
            f.in2 = n;
            Some(())
        },
    },
    Mistake {
        key: "tf1-num-proj-square",
        name: "Projection counted as p × p",
        explanation: "projection/kernel maps the n outputs of the cell to p: it is n × p, not p × p.",
        instead: "Add n·p for num_proj=p.",
        free: None,
        touches: touch::PROJ,
        kinds: kinds::TF1,
        apply: |_, f| {
            let (_, p) = f.proj?;
            f.proj = Some((p, p));
            Some(())
        },
    },
    Mistake {
        key: "tf1-num-proj-kernel-rows",
        name: "Kernel rows in + n with num_proj (they are in + p)",
        explanation: "projection/kernel was added, but the kernel was kept at in + n rows; with num_proj the state fed \
                      back is the projected r of p entries, so the kernel is (in + p, 4n).",
        instead: "Count 4((in + p)·n + n) + n·p per direction.",
        free: None,
        touches: touch::REC,
        kinds: kinds::TF1,
        apply: |c, f| {
            f.proj?;
            let n = Q::num(c.n);
            f.rec1 = (n, n);
            f.rec2 = (n, n);
            Some(())
        },
    },
    Mistake {
        key: "cudnn-one-bias",
        name: "One bias per gate where CuDNN keeps two",
        explanation: "The Keras count (one bias vector per gate) was used; CuDNNLSTM and CuDNNGRU keep two, as cuDNN \
                      adds one to W·x and one to U·h (like PyTorch's b_ih and b_hh), in one bias of (2·G·n,).",
        instead: "Count G·(n·m + n² + 2n).",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::CUDNN,
        apply: |_, f| {
            f.b = Q::ONE;
            Some(())
        },
    },
    Mistake {
        key: "flax-lstm-two-biases",
        name: "PyTorch's two biases counted for a Flax LSTM",
        explanation: "Flax's LSTMCell has no input-side bias: only hi, hf, hg and ho carry one, so it counts as Keras, \
                      not as PyTorch (b_ih and b_hh).",
        instead: "Count 4(n·m + n² + n).",
        free: None,
        touches: touch::BIAS,
        kinds: kinds::FLAX,
        apply: |c, f| {
            let Kind::Flax(fx) = c.config.kind else { return None };
            when(matches!(fx.cell, FlaxCell::Lstm | FlaxCell::OptimizedLstm))?;
            f.b = Q::num(2);
            Some(())
        },
    },
    Mistake {
        key: "flax-gru-other-api",
        name: "The other Flax API's GRUCell",
        explanation: "Linen's GRUCell keeps a separate bias on hn (n more per direction and layer); NNX's GRUCell has \
                      one biased dense_i and an unbiased dense_h, so no b_hn.",
        instead: "Linen: 3(n·m + n² + n) + n; NNX: 3(n·m + n² + n).",
        free: None,
        touches: touch::VECS,
        kinds: kinds::FLAX,
        apply: |c, f| {
            let Kind::Flax(fx) = c.config.kind else { return None };
            when(fx.cell == FlaxCell::Gru)?;
            f.vecs = match f.vecs {
                Some(_) => None,
                None => Some((Q::ONE, Q::ONE, "bias on hn")),
            };
            Some(())
        },
    },
    Mistake {
        key: "flax-shared-doubled",
        name: "A shared Bidirectional counted twice",
        explanation: "nn.Bidirectional given the same RNN object twice runs both directions with one set of weights: \
                      its parameters are one direction's.",
        instead: "Count one direction when both are the same object; two different nn.RNN objects have two sets.",
        free: None,
        touches: touch::DIRS,
        kinds: kinds::FLAX,
        apply: |c, f| {
            let Kind::Flax(fx) = c.config.kind else { return None };
            when(fx.shared && c.config.bidirectional)?;
            f.d = Q::num(2);
            Some(())
        },
    },
];

/// The convolution of a ConvLSTM (Keras `ConvLSTM1D/2D/3D` or Flax `ConvLSTMCell`), if the layer is one.
fn conv_of(config: &Config) -> Option<crate::kind::Conv> {
    match config.kind {
        Kind::ConvLstm(conv) => Some(conv),
        Kind::Flax(f) if f.cell == FlaxCell::ConvLstm => Some(f.conv),
        _ => None,
    }
}

/// The catalogue of mistakes, in the order [`diagnose`] lists its findings.
///
/// Keys are stable and URL-safe. Sources: the public questions in `tests/data/cases.json` (issue 11's
/// seed, PyTorch's second bias, Keras `reset_after`, time steps read as features, the U/V/W diagram,
/// an added output matrix), the frameworks' documented tensors (see [`mod@crate::count`]) and, for
/// the layer families of [`crate::kind`], the conventions issue 17's questions ask about (see
/// [`mod@crate::kind`]).
///
/// ```
/// use rnn_params_model::mistakes::catalogue;
/// assert!(catalogue().iter().any(|m| m.key == "times-steps"));
/// ```
pub fn catalogue() -> &'static [Mistake] {
    CATALOGUE
}

/// The catalogue entry with this key.
///
/// ```
/// use rnn_params_model::mistakes::find;
/// assert_eq!(find("no-bias").unwrap().name, "Bias forgotten");
/// assert!(find("nonsense").is_none());
/// ```
pub fn find(key: &str) -> Option<&'static Mistake> {
    CATALOGUE.iter().find(|m| m.key == key)
}

/// The right count as a formula, `None` when the framework refuses the configuration (or, for a
/// layer family of [`crate::kind`], when one formula cannot write it: a Flax stack whose top layer
/// alone is one-directional).
fn right_formula(config: &Config) -> Option<Formula> {
    config.check().ok()?;
    match config.kind {
        Kind::Layer => Some(classic_formula(config)),
        Kind::Keras2 => Some(classic_formula(&Config { kind: Kind::Layer, framework: Framework::Keras, ..*config })),
        Kind::TorchCell => {
            Some(classic_formula(&Config { kind: Kind::Layer, framework: Framework::PyTorch, ..*config }))
        }
        _ => kind_formula(config),
    }
}

/// A Keras 3 or PyTorch layer's formula (from [`Config`]'s rules, as [`crate::count`] counts).
fn classic_formula(config: &Config) -> Formula {
    let n = config.units.wide() as u128;
    let r = config.recurrent_width() as u128;
    Formula {
        times: Q::ONE,
        d: Q::num(config.directions() as u128),
        g: Q::num(config.cell.gate_blocks() as u128),
        n: Q::num(n),
        in1: Q::num(config.input_size.wide() as u128),
        kin: Q::ONE,
        rec1: (Q::num(n), Q::num(r)),
        krec: Q::ONE,
        b: Q::num(config.biases_per_gate() as u128),
        proj: config.projection().map(|p| (Q::num(p as u128), Q::num(n))),
        vecs: None,
        layers: config.layers.get() as u128,
        in2: Q::num(config.input_size_of_layer(1) as u128),
        rec2: (Q::num(n), Q::num(r)),
        extra: None,
    }
}

/// The formula of a ConvLSTM, Flax, TF1 or CuDNN layer, following [`crate::kind::count`]'s
/// rules (see there): ConvLSTM `4(K·c·f + K·f² + f)` (K on both kernels), Flax's gate counts
/// and its bias on hn, TF1's `(in + r)` rows, peepholes and `projection/kernel (n, p)`, CuDNN's
/// two biases.
fn kind_formula(config: &Config) -> Option<Formula> {
    let n = u128::from(config.units.wide());
    let dirs = u128::from(config.directions());
    // Keras's Bidirectional (ConvLSTM, CuDNN): concat doubles the next layer's input, the others keep n.
    let keras_above = if config.bidirectional { u128::from(config.merge.width_factor()) * n } else { n };
    let mut f = Formula {
        times: Q::ONE,
        d: Q::num(dirs),
        g: Q::num(u128::from(config.cell.gate_blocks())),
        n: Q::num(n),
        in1: Q::num(u128::from(config.input_size.wide())),
        kin: Q::ONE,
        rec1: (Q::num(n), Q::num(n)),
        krec: Q::ONE,
        b: Q::ONE,
        proj: None,
        vecs: None,
        layers: u128::from(config.layers.get()),
        in2: Q::num(dirs * n),
        rec2: (Q::num(n), Q::num(n)),
        extra: None,
    };
    match config.kind {
        Kind::ConvLstm(conv) => {
            f.g = Q::num(4);
            f.kin = Q::dims(conv.kernel_dims());
            f.krec = f.kin;
            f.b = Q::num(u128::from(config.bias));
            f.in2 = Q::num(keras_above);
        }
        Kind::CuDnn => {
            f.b = Q::num(2);
            f.in2 = Q::num(keras_above);
        }
        Kind::Tf1(t) => {
            let full = t.full_lstm && config.cell == Cell::Lstm;
            let p = u128::from(t.num_proj);
            let r = if full && p > 0 { p } else { n };
            f.rec1 = (Q::num(n), Q::num(r));
            f.rec2 = f.rec1;
            // Each direction stacks its own MultiRNNCell: cell_k sees r, not 2r.
            f.in2 = Q::num(r);
            if full && t.peepholes {
                f.vecs = Some((Q::num(3), Q::ONE, "peepholes"));
            }
            if full && p > 0 {
                f.proj = Some((Q::num(n), Q::num(p)));
            }
        }
        Kind::Flax(fx) => {
            if fx.top_forward && config.bidirectional && config.layers.get() > 1 {
                return None;
            }
            f.g = Q::num(fx.cell.gates().len() as u128);
            if fx.shared && config.bidirectional {
                // One set of weights; the next layer still sees both directions.
                f.d = Q::ONE;
                f.in2 = Q::num(2 * n);
            }
            match fx.cell {
                FlaxCell::Gru if fx.api == FlaxApi::Linen => f.vecs = Some((Q::ONE, Q::ONE, "bias on hn")),
                FlaxCell::Mgu if fx.reset_gate => f.vecs = Some((Q::ONE, Q::ONE, "bias on hn")),
                FlaxCell::ConvLstm => {
                    f.kin = Q::dims(fx.conv.kernel_dims());
                    f.krec = f.kin;
                    f.b = Q::num(2 * u128::from(config.bias));
                }
                _ => {}
            }
        }
        Kind::Layer | Kind::TorchCell | Kind::Keras2 => return Some(classic_formula(config)),
    }
    Some(f)
}

fn ctx(config: &Config, steps: u64) -> Option<Ctx> {
    Some(Ctx {
        config: *config,
        m: config.input_size.wide() as u128,
        n: config.units.wide() as u128,
        t: steps as u128,
        x: 0,
        right: right_formula(config)?,
    })
}

impl Mistake {
    /// The value [`Mistake::count`] uses for the free quantity: the given T for time steps and for
    /// the input size (the time steps read as m), one layer more (one fewer at 16), and for gate blocks the usual
    /// confusion (LSTM counted with 3, GRU and SimpleRNN with 4).
    fn default_value(&self, c: &Ctx) -> u128 {
        match self.free {
            None | Some(Free::Steps) | Some(Free::InputSize) => c.t,
            Some(Free::Layers) if c.config.layers.get() == crate::bounds::Layers::MAX => 15,
            Some(Free::Layers) => c.config.layers.get() as u128 + 1,
            Some(Free::GateBlocks) => match c.config.cell {
                Cell::Lstm => 3,
                Cell::Gru | Cell::SimpleRnn => 4,
            },
        }
    }

    fn formula(&self, c: &Ctx, x: u128) -> Option<Formula> {
        when(self.kinds & kinds::of(c.config.kind) != 0)?;
        let mut f = c.right;
        (self.apply)(&Ctx { x, ..*c }, &mut f)?;
        Some(f)
    }

    /// The mistaken count for `config` with `steps` time steps, in parameters; the free quantity
    /// (if any) takes its default: T = `steps` for time steps and for the input size, L + 1 layers (15 at 16),
    /// G = 3 for an LSTM and 4 otherwise. `None` when the mistake does not apply here (no bias to
    /// forget, not bidirectional, ...), when it changes nothing, or when the framework refuses the
    /// configuration.
    ///
    /// ```
    /// use rnn_params_model::{mistakes::find, Config};
    /// // Keras LSTM(256) on 4096 inputs, 16 steps: issue 11's own arithmetic.
    /// let seed = find("steps-and-input-squared").unwrap();
    /// assert_eq!(seed.count(&Config::default(), 16), Some(17_246_978_048));
    /// assert_eq!(find("times-steps").unwrap().count(&Config::default(), 16), Some(4_457_472 * 16));
    /// ```
    pub fn count(&self, config: &Config, steps: u64) -> Option<u128> {
        let c = ctx(config, steps)?;
        self.count_at(&c, self.default_value(&c))
    }

    /// The mistaken count with the free quantity set to `value` (T, m, L or G; ignored by a
    /// mistake without one). `None` as for [`Mistake::count`].
    ///
    /// ```
    /// use rnn_params_model::{mistakes::find, Config};
    /// let gates = find("gate-blocks").unwrap();
    /// // Keras LSTM(256) on 4096 counted with 3 gate blocks.
    /// assert_eq!(gates.count_with(&Config::default(), 16, 3), Some(3 * (4096 + 256 + 1) * 256));
    /// ```
    pub fn count_with(&self, config: &Config, steps: u64, value: u64) -> Option<u128> {
        let c = ctx(config, steps)?;
        self.count_at(&c, value as u128)
    }

    fn count_at(&self, c: &Ctx, x: u128) -> Option<u128> {
        let v = self.formula(c, x)?.value()?;
        (v != c.right.value()?).then_some(v)
    }

    /// The mistaken arithmetic next to the right one for `config` with `steps` time steps (the free
    /// quantity at its default, as in [`Mistake::count`]). `None` when the mistake does not apply.
    ///
    /// ```
    /// use rnn_params_model::{mistakes::find, Config};
    /// let w = find("steps-and-input-squared").unwrap().working(&Config::default(), 16).unwrap();
    /// assert_eq!(w.mistaken_line, "4 × 256 × (4096 × 16) + 4 × 256 × 4096² = 17,246,978,048");
    /// assert_eq!(w.right_line, "4 × 256 × 4096 + 4 × 256 × 256 + 4 × 256 = 4,457,472");
    /// assert_eq!(w.first_difference, Some(0));
    /// ```
    pub fn working(&self, config: &Config, steps: u64) -> Option<Working> {
        let c = ctx(config, steps)?;
        let x = self.default_value(&c);
        self.count_at(&c, x)?;
        working(&self.formula(&c, x)?, &c.right)
    }
}

/// A free quantity [`diagnose`] solved for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solved {
    /// Which quantity.
    pub free: Free,
    /// The value that reproduces the number exactly (within [`Free::range`]).
    pub value: u64,
    /// What the configuration has (the time steps given to [`diagnose`] for T).
    pub actual: u64,
    /// In words: "you used T = 16", "you used m = 3 (the layer has 1)".
    pub text: String,
}

fn solved(free: Free, value: u128, c: &Ctx) -> Solved {
    let value = value as u64; // within Free::range, so it fits.
    let actual = match free {
        Free::Steps => c.t.min(u64::MAX as u128) as u64,
        Free::InputSize => c.config.input_size.wide(),
        Free::Layers => c.config.layers.get() as u64,
        Free::GateBlocks => c.right.g.v as u64,
    };
    let text = match free {
        Free::Steps if value == actual => format!("you used T = {value}, the time steps of the input"),
        Free::Steps => format!("you used T = {value}"),
        Free::InputSize => format!("you used m = {value} (the layer has {actual})"),
        Free::Layers => format!("you counted L = {value} layers (the stack has {actual})"),
        Free::GateBlocks if c.config.kind == Kind::Layer => format!(
            "you counted G = {value} gate blocks (a {} has {actual})",
            c.config.cell.class_name(c.config.framework)
        ),
        Free::GateBlocks => format!("you counted G = {value} gate blocks (the layer has {actual})"),
    };
    Solved { free, value, actual, text }
}

/// One explanation of the number: a mistake or a pair of mistakes that gives it exactly.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The key, or two keys joined by `+` (`two-biases-keras+output-matrix-v`).
    pub key: String,
    /// The one or two catalogue entries, in catalogue order.
    pub mistakes: Vec<&'static Mistake>,
    /// The free quantity solved for, if the finding has one.
    pub solved: Option<Solved>,
    /// The count the mistake gives: equal to the number the person got.
    pub count: u128,
    /// The mistaken arithmetic next to the right one.
    pub working: Working,
}

/// What could not be explained: the difference to the right count and its factors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// |got − right|.
    pub difference: u128,
    /// Whether the number got is more than the right count.
    pub more: bool,
    /// The prime factors of the difference below 10,000 with their powers, then at most one
    /// remaining factor without small divisors (power 1). Empty for a difference of 0 or 1.
    pub factors: Vec<(u128, u32)>,
    /// The difference as a multiple of a piece of the layer, if it is a small one: "4 × 256: 4
    /// vectors of n = 256 (bias vectors?)". A question, never a diagnosis.
    pub guess: Option<String>,
    /// The whole hint in one sentence.
    pub text: String,
}

/// The outcome of [`diagnose`].
#[derive(Clone, Debug)]
pub enum Verdict {
    /// The number got is the right count.
    Right,
    /// Every mistake and pair of mistakes that gives the number exactly, likeliest first: single
    /// mistakes with nothing solved (or T solved as given), then single mistakes with a free
    /// quantity solved to another value (an input size of 3 where the layer has 1), then pairs;
    /// catalogue order within each group. Several findings are common: one bias vector less is
    /// arithmetically the same as one input less, and the list says so rather than guess.
    Found(Vec<Finding>),
    /// No mistake in the catalogue gives it.
    NotFound(Hint),
    /// The framework refuses the configuration, so there is no right count to compare with.
    Refused(CountError),
}

/// The diagnosis of a number someone got for a configuration.
#[derive(Clone, Debug)]
pub struct Diagnosis {
    /// The number the person got.
    pub got: u128,
    /// The right count (`None` when the framework refuses the configuration).
    pub right: Option<u64>,
    /// The right count as terms, for showing it beside a hint (empty when refused).
    pub right_terms: Vec<Term>,
    /// What was found.
    pub verdict: Verdict,
}

/// Whether an entry takes part in pairs: fixed ones, and those free only in the time steps.
fn pairable(m: &Mistake) -> bool {
    matches!(m.free, None | Some(Free::Steps))
}

/// Solves `f(x) = got` for an `f` affine in `x` on `lo..=hi`, checking the solution exactly.
fn solve(got: u128, (lo, hi): (u64, u64), f: impl Fn(u128) -> Option<u128>) -> Option<u128> {
    let got = i128::try_from(got).ok()?;
    let f1 = i128::try_from(f(1)?).ok()?;
    let f2 = i128::try_from(f(2)?).ok()?;
    let slope = f2.checked_sub(f1)?;
    if slope <= 0 {
        return None;
    }
    let intercept = f1.checked_sub(slope)?;
    let rest = got.checked_sub(intercept)?;
    if rest <= 0 || rest % slope != 0 {
        return None;
    }
    let x = rest / slope;
    let x = u128::try_from(x).ok().filter(|x| (lo as u128..=hi as u128).contains(x))?;
    (f(x)? == got as u128).then_some(x)
}

/// Finds which mistakes give `got` for `config` read with `steps` time steps.
///
/// Returns [`Verdict::Right`] when `got` is the right count; otherwise every catalogue entry whose
/// count equals `got` exactly, solving for T, m, L or G (within [`Free::range`]) where the entry
/// leaves one free, then every pair of entries that change different parts of the count and
/// together give `got` exactly (a pair solves nothing: it uses the given T, and entries free in m,
/// L or G are not paired); otherwise a [`Hint`]. `steps` is the sequence length the
/// person had (any value; beyond 1,000,000 it is still used as given but never solved to). Never
/// panics; cost as in the [module documentation](self).
///
/// ```
/// use rnn_params_model::mistakes::{diagnose, Verdict};
/// use rnn_params_model::Config;
/// // Issue 11: Keras LSTM(256) on 4096 inputs, 16 time steps.
/// let d = diagnose(&Config::default(), 16, 17_246_978_048);
/// let Verdict::Found(found) = &d.verdict else { panic!() };
/// assert_eq!(found[0].key, "steps-and-input-squared");
/// assert_eq!(found[0].solved.as_ref().unwrap().value, 16);
///
/// let d = diagnose(&Config::default(), 16, 4_457_472 * 16);
/// let Verdict::Found(found) = &d.verdict else { panic!() };
/// assert_eq!(found[0].key, "times-steps");
/// assert_eq!(found[0].solved.as_ref().unwrap().text, "you used T = 16, the time steps of the input");
///
/// assert!(matches!(diagnose(&Config::default(), 16, 4_457_472).verdict, Verdict::Right));
/// ```
pub fn diagnose(config: &Config, steps: u64, got: u128) -> Diagnosis {
    let right = match total(config) {
        Ok(r) => r,
        Err(e) => return Diagnosis { got, right: None, right_terms: Vec::new(), verdict: Verdict::Refused(e) },
    };
    let Some(c) = ctx(config, steps) else {
        if config.kind != Kind::Layer {
            // A layer one formula cannot write (a Flax stack whose top layer alone is forward).
            return crate::kind_explain::diagnose(config, steps, got);
        }
        // Unreachable: `total` succeeded, so the framework accepts the configuration.
        let verdict = Verdict::Refused(CountError::Overflow);
        return Diagnosis { got, right: Some(right), right_terms: Vec::new(), verdict };
    };
    if config.kind != Kind::Layer && c.right.value() != Some(right as u128) {
        // Not expected (the kinds' golden rows all agree, tested): the kind's own named checks.
        return crate::kind_explain::diagnose(config, steps, got);
    }
    debug_assert_eq!(c.right.value(), Some(right as u128), "the formula and the count disagree");
    let right_terms = working(&c.right, &c.right).map(|w| w.right).unwrap_or_default();
    if got == right as u128 {
        return Diagnosis { got, right: Some(right), right_terms, verdict: Verdict::Right };
    }
    let right_value = right as u128;
    let mut found = Vec::new();

    // Singles: a fixed mistake once; a free one solved (three evaluations).
    let singles: Vec<Option<u128>> = CATALOGUE.iter().map(|m| m.count_at(&c, m.default_value(&c))).collect();
    for m in CATALOGUE {
        let hit = match m.free {
            None => m.count_at(&c, 0).filter(|v| *v == got).map(|_| 0),
            Some(free) => solve(got, free.range(), |x| m.formula(&c, x)?.value()),
        };
        if let Some(x) = hit {
            if let Some(f) = m.formula(&c, x) {
                if let Some(w) = working(&f, &c.right) {
                    let solved = m.free.map(|free| solved(free, x, &c));
                    found.push(Finding { key: m.key.to_owned(), mistakes: vec![m], solved, count: got, working: w });
                }
            }
        }
    }

    // Pairs of entries touching different parts. A pair solves nothing: time steps are the given
    // T, and entries free in m, L or G are not paired (solving them in a pair would explain almost
    // any number on a small layer).
    for (i, a) in CATALOGUE.iter().enumerate() {
        for (j, b) in CATALOGUE.iter().enumerate().skip(i + 1) {
            if a.touches & b.touches != 0
                || !pairable(a)
                || !pairable(b)
                || singles[i].is_none()
                || singles[j].is_none()
            {
                continue;
            }
            let x = c.t;
            let both = || -> Option<Formula> {
                let mut f = a.formula(&c, x)?;
                (b.apply)(&Ctx { x, ..c }, &mut f)?;
                Some(f)
            };
            let Some(f) = both().filter(|f| f.value() == Some(got)) else { continue };
            // Not a pair if either part alone already gives the number.
            if singles[i] == Some(got) || singles[j] == Some(got) {
                continue;
            }
            let Some(w) = working(&f, &c.right) else { continue };
            let solved = a.free.or(b.free).map(|fr| solved(fr, x, &c));
            found.push(Finding {
                key: format!("{}+{}", a.key, b.key),
                mistakes: vec![a, b],
                solved,
                count: got,
                working: w,
            });
        }
    }

    // The likeliest first: the catalogue's own readings (nothing solved, or T as given), then those
    // that needed another value of a free quantity, then pairs; catalogue order within each.
    found.sort_by_key(|f| match (&f.solved, f.mistakes.len()) {
        (_, 2..) => 2,
        (Some(s), _) if s.value != s.actual => 1,
        _ => 0,
    });
    let verdict = if found.is_empty() { Verdict::NotFound(hint(&c, right_value, got)) } else { Verdict::Found(found) };
    Diagnosis { got, right: Some(right), right_terms, verdict }
}

fn superscript(p: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    p.to_string().chars().map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize]).collect()
}

/// Prime factors below 10,000, then the remaining cofactor (if not 1) with power 1.
fn factorize(mut v: u128) -> Vec<(u128, u32)> {
    let mut out = Vec::new();
    if v < 2 {
        return out;
    }
    let mut p: u128 = 2;
    while p < 10_000 && p * p <= v {
        let mut k = 0;
        while v.is_multiple_of(p) {
            v /= p;
            k += 1;
        }
        if k > 0 {
            out.push((p, k));
        }
        p += if p == 2 { 1 } else { 2 };
    }
    if v > 1 {
        out.push((v, 1));
    }
    out
}

fn factors_text(factors: &[(u128, u32)]) -> String {
    let parts: Vec<String> = factors
        .iter()
        .map(|(p, k)| if *k == 1 { wide(*p) } else { format!("{}{}", wide(*p), superscript(*k)) })
        .collect();
    parts.join(" × ")
}

fn hint(c: &Ctx, right: u128, got: u128) -> Hint {
    let more = got > right;
    let difference = got.abs_diff(right);
    let factors = factorize(difference);
    let n = c.n;
    let block_in = c.right.n.v * c.right.kin.v * c.right.in1.v;
    let block_rec = c.right.krec.v * c.right.rec1.0.v * c.right.rec1.1.v;
    // Pieces of the layer, largest first: (size, how to write it, what it is).
    let pieces = [
        (block_in, format!("{n} × {}", c.right.in1.v), "input-weight blocks W of n × m"),
        (block_rec, format!("{} × {}", c.right.rec1.0.v, c.right.rec1.1.v), "recurrent blocks U"),
        (n, n.to_string(), "vectors of n (bias vectors?)"),
    ];
    let (g, d, layers) = (c.right.g.v, c.right.d.v, c.right.layers);
    let guess = pieces.iter().enumerate().filter(|(_, (size, _, _))| *size > 1).find_map(|(i, (size, text, what))| {
        let k = difference / size;
        (difference.is_multiple_of(*size) && (1..=64).contains(&k)).then(|| match (i, k) {
            (2, k) if k == g => format!("{k} × {text}: one bias vector per gate block?"),
            (2, k) if d > 1 && k == g * d => format!("{k} × {text}: one bias vector per gate block and direction?"),
            (2, k) if layers > 1 && k == g * d * layers => {
                format!("{k} × {text}: one bias vector per gate block, direction and layer?")
            }
            (_, 1) => format!("{text}: one of the {what}"),
            (_, k) => format!("{k} × {text}: {k} {what}"),
        })
    });
    let mut text = format!(
        "No mistake in the catalogue gives {} exactly. It is {} {} than the right count {}",
        wide(got),
        wide(difference),
        if more { "more" } else { "less" },
        wide(right)
    );
    if !(factors.is_empty() || factors.len() == 1 && factors[0].1 == 1) {
        text.push_str(&format!(" ({} = {})", wide(difference), factors_text(&factors)));
    }
    text.push('.');
    if let Some(g) = &guess {
        let stop = if g.ends_with('?') { "" } else { "." };
        text.push_str(&format!(" The difference is {g}{stop}"));
    }
    if right > 0 && got.is_multiple_of(right) && got > right {
        text.push_str(&format!(" It is {} times the right count.", wide(got / right)));
    }
    Hint { difference, more, factors, guess, text }
}

/// A mistake about the layers around the recurrent stack (the Embedding before it, the Dense
/// layers after it), found by [`diagnose_model`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelFinding {
    /// A stable key: `embedding-left-out`, `layer-alone`, `dense-left-out`, `dense-doubled`,
    /// `dense-not-doubled`, `dense-no-bias`, `dense-times-steps`, `embedding-times-steps`,
    /// `vocab-as-input`.
    pub key: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it did, with the numbers.
    pub explanation: String,
    /// What to do instead.
    pub instead: &'static str,
    /// The count it gives: the number got.
    pub count: u64,
    /// Whether the number is the whole model's (`true`) or one Dense layer's alone.
    pub whole_model: bool,
    /// The mistaken sum, layer by layer: `72,000 + 9,600 + 408 + 7 = 82,015`.
    pub mistaken_line: String,
    /// The right sum.
    pub right_line: String,
}

/// The outcome of [`diagnose_model`].
#[derive(Clone, Debug)]
pub enum ModelVerdict {
    /// The number is the whole model's total.
    Right,
    /// Mistakes about the layers around the stack that give the number exactly.
    Found(Vec<ModelFinding>),
    /// No such mistake; the recurrent layer's own diagnosis of the number, with the rest of the
    /// model subtracted when `within_model` (the person counted the other layers right).
    Layer {
        /// Whether the rest of the model was subtracted first.
        within_model: bool,
        /// The layer's diagnosis.
        diagnosis: Diagnosis,
    },
}

fn sum_line(parts: &[u64]) -> String {
    let total: u64 = parts.iter().sum();
    let texts: Vec<String> = parts.iter().map(|p| grouped(*p)).collect();
    format!("{} = {}", texts.join(" + "), grouped(total))
}

/// Which mistake about the whole model gives `got`: the Embedding left out, the recurrent layer
/// alone, the Dense layers left out, a Dense after a bidirectional layer doubled as if it were two
/// (its biases doubled: 2 · (16·8 + 8) = 272 instead of 32·8 + 8 = 264), its input not doubled,
/// its bias left out, a per-step Dense or the Embedding multiplied by the time steps, the
/// vocabulary taken for the recurrent input size. With nothing around the stack, or when none
/// fits, the recurrent layer's [`diagnose`] (first of `got` minus the rest of the model, then of
/// `got` itself). Checked arithmetic; at most a dozen closed forms are evaluated.
///
/// # Errors
/// When the framework refuses the recurrent stack.
///
/// ```
/// use rnn_params_model::bounds::Size;
/// use rnn_params_model::mistakes::{diagnose_model, ModelVerdict};
/// use rnn_params_model::network::{Around, Head};
/// use rnn_params_model::{Cell, Config};
/// // Bidirectional(GRU(16), reset_after=False) on 15 features, then TimeDistributed(Dense(8)).
/// let c = Config { cell: Cell::Gru, input_size: Size::new(15).unwrap(), units: Size::new(16).unwrap(),
///     bidirectional: true, reset_after: false, ..Config::default() };
/// let a = Around { head: Head::TimeDistributed, ..Around::default() }.with_dense(&[8]);
/// let ModelVerdict::Found(f) = diagnose_model(&c, &a, 64, 272).unwrap() else { panic!() };
/// assert_eq!(f[0].key, "dense-doubled");
/// assert!(!f[0].whole_model);
/// ```
pub fn diagnose_model(
    config: &Config,
    around: &crate::network::Around,
    steps: u64,
    got: u128,
) -> Result<ModelVerdict, CountError> {
    use crate::network::{network, Kind};
    let net = network(config, around)?;
    if got == u128::from(net.total) {
        return Ok(ModelVerdict::Right);
    }
    let parts: Vec<u64> = net.layers.iter().map(|l| l.params).collect();
    let right_line = sum_line(&parts);
    let mut found = Vec::new();
    let mut consider = |key, name, explanation: String, instead, mistaken: Vec<u64>, whole_model| {
        let Some(count) = mistaken.iter().try_fold(0u64, |a, p| a.checked_add(*p)) else { return };
        if u128::from(count) == got && count != net.total && !found.iter().any(|f: &ModelFinding| f.key == key) {
            found.push(ModelFinding {
                key,
                name,
                explanation,
                instead,
                count,
                whole_model,
                mistaken_line: sum_line(&mistaken),
                right_line: right_line.clone(),
            });
        }
    };
    let replace = |k: usize, v: u64| {
        let mut p = parts.clone();
        p[k] = v;
        p
    };
    let emb = net.layers.iter().position(|l| l.kind == Kind::Embedding);
    let recurrent: Vec<usize> =
        net.layers.iter().enumerate().filter(|(_, l)| l.kind == Kind::Recurrent).map(|(i, _)| i).collect();
    let dense: Vec<usize> =
        net.layers.iter().enumerate().filter(|(_, l)| l.kind == Kind::Dense).map(|(i, _)| i).collect();
    let t = steps.max(1);
    if let Some(e) = emb {
        let table = parts[e];
        consider(
            "embedding-left-out",
            "Embedding left out",
            format!("The Embedding's table of V × d = {} parameters is part of the model's total.", grouped(table)),
            "Add V × d for the Embedding: every token id has a trained vector of d numbers.",
            replace(e, 0),
            true,
        );
        if let Some(m) = table.checked_mul(t) {
            consider(
                "embedding-times-steps",
                "Embedding multiplied by the time steps",
                format!("The table was counted once per time step (× {t}); it is one table, looked up at every step."),
                "Count V × d once: sequence length never changes a parameter count.",
                replace(e, m),
                true,
            );
        }
        // The vocabulary taken for the recurrent input size (a one-hot input of V features).
        if let Some(v) = around.embedding {
            if let Ok(m) = crate::bounds::Size::new(v.vocab.wide()) {
                if let Ok(one_hot) = total(&Config { input_size: m, ..*config }) {
                    let mut p = replace(e, 0);
                    if let Some(&r0) = recurrent.first() {
                        for r in &recurrent {
                            p[*r] = 0;
                        }
                        p[r0] = one_hot;
                    }
                    consider(
                        "vocab-as-input",
                        "The vocabulary taken for the input size",
                        format!(
                            "The recurrent layer was counted on V = {} (one-hot tokens); after the Embedding it sees d = {}.",
                            input_features(v.vocab.wide()),
                            input_features(config.input_size.wide())
                        ),
                        "Use the Embedding's dimension d as the recurrent layer's input size, and count V × d for the Embedding.",
                        p,
                        true,
                    );
                }
            }
        }
    }
    if !around.is_bare() {
        let mut p = parts.clone();
        for (i, v) in p.iter_mut().enumerate() {
            if !recurrent.contains(&i) {
                *v = 0;
            }
        }
        consider(
            "layer-alone",
            "The recurrent layer alone",
            "That is the recurrent layer's own count; Total params adds the Embedding and the Dense layers.".to_owned(),
            "Add the layers around it: V × d for the Embedding, in × k + k for each Dense.",
            p,
            true,
        );
    }
    if !dense.is_empty() {
        let mut p = parts.clone();
        for d in &dense {
            p[*d] = 0;
        }
        consider(
            "dense-left-out",
            "Dense layers left out",
            "The Dense layers after the recurrent layer have parameters of their own (in × k + k each).".to_owned(),
            "Add in × k + k for each Dense layer.",
            p,
            true,
        );
        let first = &net.layers[dense[0]];
        let k = first.output.last().map_or(0, |d| match d {
            crate::network::Dim::Fixed(w) => *w,
            _ => 0,
        });
        let b = u64::from(around.dense_bias);
        let doubled_in = config.input_size_of_layer(config.layers.get()) == 2 * config.recurrent_width();
        if config.bidirectional && doubled_in {
            let half = first.input_size / 2;
            // Two Dense layers, one per direction: 2 · (half·k + k·b).
            if let Some(two) = half.checked_mul(k).and_then(|w| w.checked_add(k * b)).and_then(|x| x.checked_mul(2)) {
                let explanation = format!(
                    "The Dense was doubled as if each direction had its own: 2 × ({half} × {k} + {}) = {}. It is one \
                     Dense on the {} concatenated features: {} × {k} + {} = {}: the weights double, the biases do not.",
                    k * b,
                    grouped(two),
                    first.input_size,
                    first.input_size,
                    k * b,
                    grouped(first.params)
                );
                let instead = "Count one Dense on D·n inputs: in × k + k, with in = 2n after a bidirectional layer.";
                consider(
                    "dense-doubled",
                    "Dense doubled after Bidirectional",
                    explanation.clone(),
                    instead,
                    replace(dense[0], two),
                    true,
                );
                consider("dense-doubled", "Dense doubled after Bidirectional", explanation, instead, vec![two], false);
            }
            if let Some(one) = half.checked_mul(k).and_then(|w| w.checked_add(k * b)) {
                consider(
                    "dense-not-doubled",
                    "Dense input not doubled after Bidirectional",
                    format!(
                        "The Dense was counted on n = {}; it sees both directions concatenated, 2n = {}.",
                        input_features(half),
                        input_features(first.input_size)
                    ),
                    "After a bidirectional layer the next layer sees 2n features (concat): in = 2n.",
                    replace(dense[0], one),
                    true,
                );
            }
        }
        if around.dense_bias {
            let mut p = parts.clone();
            for d in &dense {
                let l = &net.layers[*d];
                p[*d] = l.weights.first().map_or(0, |w| w.count);
            }
            consider(
                "dense-no-bias",
                "Dense biases left out",
                "Each Dense layer also has k biases (use_bias=True is the default).".to_owned(),
                "Count in × k + k for each Dense layer.",
                p,
                true,
            );
        }
        if around.effective_head().every_step() {
            let mut p = parts.clone();
            let mut ok = true;
            for d in &dense {
                match p[*d].checked_mul(t) {
                    Some(v) => p[*d] = v,
                    None => ok = false,
                }
            }
            if ok {
                consider(
                    "dense-times-steps",
                    "Per-step Dense multiplied by the time steps",
                    format!(
                        "The Dense on every step (TimeDistributed, or a Dense on the 3-D output) was counted once per step (× {t}); the same kernel serves every step."
                    ),
                    "Count in × k + k once: TimeDistributed adds no parameters.",
                    p,
                    true,
                );
            }
        }
    }
    if !found.is_empty() {
        return Ok(ModelVerdict::Found(found));
    }
    // A mistake inside the recurrent layer, the rest counted right; else the number as the layer's.
    let rest = u128::from(net.total - net.recurrent.total);
    if !around.is_bare() && got > rest {
        let d = diagnose(config, steps, got - rest);
        if matches!(d.verdict, Verdict::Found(_)) {
            return Ok(ModelVerdict::Layer { within_model: true, diagnosis: d });
        }
    }
    Ok(ModelVerdict::Layer { within_model: false, diagnosis: diagnose(config, steps, got) })
}
