//! The counting model of rnn-params: how many parameters a recurrent layer has, as Keras and
//! PyTorch count them, and everything the widget shows about that count.
//!
//! Plain Rust with no web dependency: the Leptos app only displays what this crate computes.
//!
//! ```
//! use rnn_params_model::{count, Config};
//! // Keras `LSTM(256)` on 4096 input features.
//! let b = count(&Config::default()).unwrap();
//! assert_eq!(b.total, 4_457_472);
//! ```

pub mod arithmetic;
pub mod availability;
pub mod bounds;
pub mod cell;
pub mod code;
pub mod compare;
pub mod config;
pub mod cost;
pub mod count;
pub mod diagram;
pub mod families;
pub mod format;
pub mod kind;
pub mod kind_code;
pub mod kind_explain;
pub mod kind_query;
pub mod ladder;
pub mod mistakes;
pub mod network;
pub mod paste;
pub mod scaling;
pub mod share;
pub mod state;
pub mod summary;

pub use cell::{Activation, Cell, Framework, Gate, MergeMode};
pub use config::{Config, Refusal, SetError, SizeSetting};
pub use cost::{cost, Cost, Precision};
pub use count::{
    count, parts, total, Breakdown, CountError, Direction, GateBlock, Holds, LayerCount, Parts, Role, Tensor,
};
