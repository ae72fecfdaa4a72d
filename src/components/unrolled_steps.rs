//! The cell unrolled over the sequence: the same weights at every time step.

use crate::components::SizeControl;
use crate::platform::media::media_query;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_model::bounds::Steps;
use rnn_params_model::diagram::{Diagram, StepMark};
use rnn_params_model::format::{grouped, later_layers};
use rnn_params_model::state::Control;

/// Where box `i` of a row starts.
fn x_of(i: usize, box_w: f32, gap: f32) -> f32 {
    30.0 + i as f32 * (box_w + gap)
}

/// The time axis above the rows: `t = 1`, `t = 2`, …, then `…` for elided steps and `t = T` for the
/// last (its value is in the sentence below, so a long sequence never crowds the labels).
fn time_labels(marks: &[StepMark], y: f32, box_w: f32, gap: f32, narrow: bool) -> impl IntoView {
    let elided = marks.iter().any(|m| matches!(m, StepMark::Gap(_)));
    marks
        .iter()
        .enumerate()
        .map(|(i, mark)| {
            let text = match *mark {
                StepMark::Gap(_) => "…".to_owned(),
                StepMark::Step(_) if elided && i + 1 == marks.len() => {
                    if narrow {
                        "T".to_owned()
                    } else {
                        "t = T".to_owned()
                    }
                }
                StepMark::Step(t) if narrow => t.to_string(),
                StepMark::Step(t) => format!("t = {t}"),
            };
            view! {
                <text class="step-t" x=x_of(i, box_w, gap) + box_w / 2.0 y=y text-anchor="middle">{text}</text>
            }
        })
        .collect_view()
}

/// One row of steps (forward left to right, backward right to left), every box marked with the
/// row's one set of weights: θ forward, θ′ backward.
fn row(marks: &[StepMark], y: f32, box_w: f32, gap: f32, backward: bool) -> impl IntoView {
    let n = marks.len();
    let theta = if backward { "θ′" } else { "θ" };
    let boxes = marks
        .iter()
        .enumerate()
        .map(|(i, mark)| {
            let x = x_of(i, box_w, gap);
            match *mark {
                StepMark::Step(t) => view! {
                    <g class="step" data-step=t.to_string()>
                        <rect x=x y=y width=box_w height="40" rx="6" />
                        <text class="step-theta" x=x + box_w / 2.0 y=y + 25.0 text-anchor="middle">{theta}</text>
                    </g>
                }
                .into_any(),
                StepMark::Gap(k) => view! {
                    <g class="step-gap" data-elided=k.to_string()>
                        <text x=x + box_w / 2.0 y=y + 25.0 text-anchor="middle">"…"</text>
                    </g>
                }
                .into_any(),
            }
        })
        .collect_view();
    let arrows = (0..n.saturating_sub(1))
        .map(|i| {
            let (a, b) = (x_of(i, box_w, gap) + box_w, x_of(i + 1, box_w, gap));
            let (from, to) = if backward { (b, a) } else { (a, b) };
            view! {
                <polyline
                    class="wire wire-state"
                    points=format!("{from:.1},{:.1} {to:.1},{:.1}", y + 20.0, y + 20.0)
                    marker-end="url(#rnn-arrow-steps)"
                />
            }
        })
        .collect_view();
    let label = if backward { "←" } else { "→" };
    view! {
        <text class="diagram-label" x="4" y=y + 25.0>{label}</text>
        {arrows}
        {boxes}
    }
}

/// A time-steps control and the cell drawn once per step (at most eight, the rest elided), each
/// step marked θ for the one shared set of weights; bidirectional adds a backward row with its own
/// θ′. The total beside it does not move when T does.
#[component]
pub fn UnrolledSteps() -> impl IntoView {
    let store = expect_context::<Store>();
    let diagram = expect_context::<Memo<Option<Diagram>>>();
    let narrow = media_query("(max-width: 40rem)");
    let steps = Signal::derive(move || u64::from(store.steps.get().get()));
    // The drawing depends only on the steps and the directions, not on the sizes: it is redrawn
    // when those change, not on every slider step.
    let shape = Memo::new(move |_| diagram.with(|d| d.as_ref().map(|d| (d.unrolled.clone(), d.directions, d.steps))));
    let drawing = move || {
        shape.with(|d| {
            d.as_ref().map(|(unrolled, directions, steps)| {
                let narrow = narrow.get();
                let (box_w, gap) = if narrow { (30.0, 10.0) } else { (56.0, 26.0) };
                let width = 30.0 + unrolled.len() as f32 * (box_w + gap);
                let rows = *directions as f32;
                let height = 34.0 + rows * 56.0;
                let backward = (*directions == 2).then(|| row(unrolled, 86.0, box_w, gap, true));
                view! {
                    <svg
                        class="unrolled"
                        data-testid="unrolled"
                        viewBox=format!("0 0 {width} {height}")
                        // Drawn at its own size (a few steps stay small), scaled down only to fit.
                        width=width.to_string()
                        height=height.to_string()
                        role="img"
                        aria-label=format!(
                            "The cell unrolled over {} time steps{}: one set of weights reused at every step.",
                            steps,
                            if *directions == 2 { ", forward and backward" } else { "" },
                        )
                    >
                        <defs>
                            <marker id="rnn-arrow-steps" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                                <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
                            </marker>
                        </defs>
                        {time_labels(unrolled, 16.0, box_w, gap, narrow)}
                        {row(unrolled, 26.0, box_w, gap, false)}
                        {backward}
                    </svg>
                }
            })
        })
    };
    let explanation = move || {
        diagram.with(|d| {
            d.as_ref().map(|d| {
                let what = if d.projection.is_some() {
                    "W, U, b of every block and weight_hr"
                } else {
                    "W, U, b of every block"
                };
                let used = if d.steps == 1 {
                    "used at the one step (T = 1)".to_owned()
                } else {
                    format!("used at every one of the T = {} steps", grouped(d.steps as u64))
                };
                let mut s = format!(
                    "θ is layer 1's one set of weights ({what}: {} parameters), {used}",
                    grouped(d.direction_params)
                );
                if d.directions == 2 {
                    s.push_str("; the backward row has its own θ′ of the same size");
                }
                if d.layers > 1 {
                    let own = if d.layers == 2 {
                        "layer 2 has its own".to_owned()
                    } else {
                        format!("{} each have their own", later_layers(u64::from(d.layers)))
                    };
                    s.push_str(&format!("; {own}, reused the same way"));
                }
                s.push_str(&format!(". The total stays {} whatever T is.", grouped(d.total)));
                s
            })
        })
    };
    view! {
        <div class="unrolled-panel">
            <SizeControl
                id="steps"
                label="Time steps T"
                noun="time steps"
                hint="Sequence length. Try 1 or 100: the total does not change."
                min=u64::from(Steps::MIN)
                max=u64::from(Steps::MAX)
                value=steps
                on_change=Callback::new(move |v: u64| {
                    let t = Steps::new(v).map_err(|_| "Out of range.".to_owned())?;
                    store.set_steps(t);
                    Ok(())
                })
                locked=Signal::derive(move || store.view.with(|v| v.locks(Control::Steps)))
            />
            {drawing}
            <p class="note" data-testid="unrolled-note">{explanation}</p>
            <p class="note">
                "Batch size and return_sequences do not change it either: they change how many outputs are computed, not how many weights there are. What T and the batch size do multiply, the work and the memory, is "
                <a href="#cost">"counted below"</a>
                "."
            </p>
        </div>
    }
}
