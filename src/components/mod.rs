//! Leptos components, one per file. They read the [`crate::store::Store`] and display what the
//! model computed; none of them counts anything itself.

mod arithmetic_panel;
mod controls;
mod messages;
mod radio_group;
mod size_control;
mod switch;
mod total_display;

pub use arithmetic_panel::ArithmeticPanel;
pub use controls::Controls;
pub use messages::Messages;
pub use radio_group::{RadioGroup, RadioOption};
pub use size_control::SizeControl;
pub use switch::Switch;
pub use total_display::TotalDisplay;
