//! Leptos components, one per file. They read the [`crate::store::Store`] and display what the
//! model computed; none of them counts anything itself.

mod arithmetic_panel;
mod cell_picker;
mod controls;
mod messages;
mod size_control;
mod switch;
mod total_display;

pub use arithmetic_panel::ArithmeticPanel;
pub use cell_picker::CellPicker;
pub use controls::Controls;
pub use messages::Messages;
pub use size_control::SizeControl;
pub use switch::Switch;
pub use total_display::TotalDisplay;
