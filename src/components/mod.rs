//! Leptos components, one per file. They read the [`crate::store::Store`] and display what the
//! model computed; none of them counts anything itself.

mod arithmetic_panel;
mod code_panel;
mod comparison_line;
mod controls;
mod cost_panel;
mod formula_line;
mod gate_diagram;
mod gate_strip;
mod got_check;
mod measure_frame;
mod messages;
mod paste_box;
mod radio_group;
mod scaling_plot;
mod share_panel;
mod size_control;
mod sticky_total;
mod summary_table;
mod switch;
mod tensor_table;
mod total_display;
mod unrolled_steps;

pub use arithmetic_panel::ArithmeticPanel;
pub use code_panel::CodePanel;
pub use comparison_line::ComparisonLine;
pub use controls::Controls;
pub use cost_panel::CostPanel;
pub use formula_line::FormulaLine;
pub use gate_diagram::GateDiagram;
pub use gate_strip::GateStrip;
pub use got_check::GotCheck;
pub use measure_frame::{Measure, MeasureFrame};
pub use messages::Messages;
pub use paste_box::PasteBox;
pub use radio_group::{RadioGroup, RadioOption};
pub use scaling_plot::ScalingPlot;
pub use share_panel::SharePanel;
pub use size_control::SizeControl;
pub use sticky_total::StickyTotal;
pub use summary_table::SummaryTable;
pub use switch::Switch;
pub use tensor_table::TensorTable;
pub use total_display::TotalDisplay;
pub use unrolled_steps::UnrolledSteps;
