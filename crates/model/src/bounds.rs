//! Whole numbers that are valid by construction.
//!
//! Every size the widget accepts is bounded, so that every count it computes fits comfortably in a
//! `u64` (the largest, 16 bidirectional LSTM layers of 1,048,576 units on 1,048,576 inputs, is below
//! 2^50). Arithmetic elsewhere is still checked; these types make out-of-range values unrepresentable.

use core::fmt;

/// Why a number was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RangeError {
    /// The text was not a whole number (`"abc"`, `"2.5"`, `""`).
    NotAWholeNumber,
    /// The number was below the minimum.
    TooSmall,
    /// The number was above the maximum.
    TooLarge,
}

/// Parses decimal text into a `u64`, telling "too large" from "not a number".
///
/// Leading and trailing white space is ignored; a leading `+` is accepted. A leading `-` followed by
/// digits is reported as [`RangeError::TooSmall`] because every bounded value here is positive.
///
/// ```
/// use rnn_params_model::bounds::{parse_whole, RangeError};
/// assert_eq!(parse_whole(" 256 "), Ok(256));
/// assert_eq!(parse_whole("-3"), Err(RangeError::TooSmall));
/// assert_eq!(parse_whole("99999999999999999999999"), Err(RangeError::TooLarge));
/// assert_eq!(parse_whole("2.5"), Err(RangeError::NotAWholeNumber));
/// ```
pub fn parse_whole(text: &str) -> Result<u64, RangeError> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RangeError::NotAWholeNumber);
    }
    if negative {
        return if digits.bytes().all(|b| b == b'0') { Ok(0) } else { Err(RangeError::TooSmall) };
    }
    digits.parse::<u64>().map_err(|_| RangeError::TooLarge)
}

/// Parses a number as a person types it into a field: like [`parse_whole`], but digit-group
/// separators (`,`, `_`, spaces, thin spaces, apostrophes) are ignored, so `4,096` and `1 048 576`
/// are accepted.
///
/// ```
/// use rnn_params_model::bounds::parse_typed;
/// assert_eq!(parse_typed("4,096"), Ok(4096));
/// assert_eq!(parse_typed("1 048 576"), Ok(1_048_576));
/// assert!(parse_typed("4.5").is_err());
/// ```
pub fn parse_typed(text: &str) -> Result<u64, RangeError> {
    let cleaned: String =
        text.chars().filter(|c| !matches!(c, ',' | '_' | '\'' | ' ' | '\u{2009}' | '\u{202F}' | '\u{A0}')).collect();
    parse_whole(&cleaned)
}

macro_rules! bounded {
    ($(#[$doc:meta])* $name:ident, $repr:ty, $min:expr, $max:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name($repr);

        impl $name {
            /// The smallest accepted value.
            pub const MIN: $repr = $min;
            /// The largest accepted value.
            pub const MAX: $repr = $max;
            /// What the number counts, for messages ("units", "layers", ...).
            pub const WHAT: &'static str = $what;

            /// Accepts `value` when it lies in `MIN..=MAX`.
            ///
            /// # Errors
            /// [`RangeError::TooSmall`] or [`RangeError::TooLarge`] outside the range.
            pub const fn new(value: u64) -> Result<Self, RangeError> {
                if value < Self::MIN as u64 {
                    Err(RangeError::TooSmall)
                } else if value > Self::MAX as u64 {
                    Err(RangeError::TooLarge)
                } else {
                    Ok(Self(value as $repr))
                }
            }

            /// Parses decimal text (see [`parse_whole`]) and checks the range.
            ///
            /// # Errors
            /// Any [`RangeError`].
            pub fn parse(text: &str) -> Result<Self, RangeError> {
                parse_whole(text).and_then(Self::new)
            }

            /// The value.
            pub const fn get(self) -> $repr {
                self.0
            }

            /// The value widened to `u64`, for counting.
            pub const fn wide(self) -> u64 {
                self.0 as u64
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

bounded!(
    /// A layer width: the input size m (features per time step) or the hidden size n (Keras `units`,
    /// PyTorch `hidden_size`). From 1 to 1,048,576 (2^20).
    ///
    /// ```
    /// use rnn_params_model::bounds::Size;
    /// assert_eq!(Size::new(256).unwrap().get(), 256);
    /// assert!(Size::new(0).is_err());
    /// assert!(Size::new(1_048_577).is_err());
    /// ```
    Size, u32, 1, 1_048_576, "size"
);

bounded!(
    /// The number of stacked recurrent layers L (PyTorch `num_layers`; in Keras, L layers one after
    /// the other with `return_sequences=True` below the last). From 1 to 16.
    ///
    /// ```
    /// use rnn_params_model::bounds::Layers;
    /// assert_eq!(Layers::new(2).unwrap().get(), 2);
    /// assert!(Layers::new(17).is_err());
    /// ```
    Layers, u8, 1, 16, "layers"
);

bounded!(
    /// A sequence length T (time steps). It never changes a parameter count; the widget uses it only
    /// to draw the unrolled cell. From 1 to 1,000,000.
    ///
    /// ```
    /// use rnn_params_model::bounds::Steps;
    /// assert!(Steps::new(100).is_ok());
    /// ```
    Steps, u32, 1, 1_000_000, "time steps"
);

bounded!(
    /// A batch size B (sequences processed together). Like [`Steps`] it never changes a parameter
    /// count; it is there for the cost of running the layer (activations grow with B × T). From 1 to
    /// 65,536 (2^16).
    ///
    /// ```
    /// use rnn_params_model::bounds::Batch;
    /// assert_eq!(Batch::ONE.get(), 1);
    /// assert_eq!(Batch::new(32).unwrap().get(), 32);
    /// assert!(Batch::new(0).is_err());
    /// assert!(Batch::new(65_537).is_err());
    /// ```
    Batch, u32, 1, 65_536, "batch size"
);

bounded!(
    /// A PyTorch LSTM projection size p (`proj_size`), where 0 means "no projection". From 0 to
    /// 1,048,575; PyTorch further requires p < hidden size, which [`crate::Config::check`] checks.
    ///
    /// ```
    /// use rnn_params_model::bounds::ProjSize;
    /// assert_eq!(ProjSize::new(0).unwrap().get(), 0);
    /// ```
    ProjSize, u32, 0, 1_048_575, "projection size"
);

bounded!(
    /// An Embedding's vocabulary size V (Keras `input_dim`, PyTorch `num_embeddings`). From 1 to
    /// 16,777,216 (2^24): with a dimension of at most 2^20 the table has at most 2^44 parameters.
    ///
    /// ```
    /// use rnn_params_model::bounds::Vocab;
    /// assert_eq!(Vocab::new(4500).unwrap().get(), 4500);
    /// assert!(Vocab::new(0).is_err());
    /// assert!(Vocab::new(16_777_217).is_err());
    /// ```
    Vocab, u32, 1, 16_777_216, "vocabulary size"
);

impl Size {
    /// Builds a size from a constant known to be in range (for defaults and tests).
    ///
    /// # Panics
    /// When `value` is out of range; use [`Size::new`] for values that are not constants.
    pub const fn from_const(value: u32) -> Self {
        match Self::new(value as u64) {
            Ok(s) => s,
            Err(_) => panic!("size constant out of range"),
        }
    }
}

impl Layers {
    /// One layer.
    pub const ONE: Layers = Layers(1);
}

impl Batch {
    /// One sequence at a time (the default).
    pub const ONE: Batch = Batch(1);
}

impl ProjSize {
    /// No projection.
    pub const NONE: ProjSize = ProjSize(0);
}
