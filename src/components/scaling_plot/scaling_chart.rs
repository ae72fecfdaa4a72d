//! The scaling chart's long-lived elements.

use super::chart_svg::ChartSvg;
use leptos::prelude::*;
use rnn_params_chart::{px, Line, ScalingDrawing};
use rnn_params_model::Cell;

/// The scaling chart's long-lived elements: the frame plotters drew (rewritten only when it
/// changes), one line per cell and the marker, whose attributes follow `drawing`.
#[component]
pub fn ScalingChart(
    /// The chart in parts (`None` until the section is near the viewport).
    drawing: Memo<Option<Result<ScalingDrawing, String>>>,
    /// The marker's values: current x and total.
    marker: Memo<(u64, u64)>,
    /// The chart's title and description, for assistive technology.
    label: Memo<(String, String)>,
    /// The chart's size in SVG units.
    size: Memo<(u32, u32)>,
) -> impl IntoView {
    let ok = Memo::new(move |_| drawing.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned()));
    let frame = Memo::new(move |_| ok.with(|d| d.as_ref().map(|d| d.frame.clone()).unwrap_or_default()));
    let cells = Memo::new(move |_| ok.with(|d| d.as_ref().map(|d| d.lines.iter().map(|l| l.cell).collect::<Vec<_>>())));
    let error = move || drawing.with(|d| d.as_ref().and_then(|d| d.as_ref().err()).cloned());
    let line = move |cell: Cell| {
        let l =
            Memo::new(move |_| ok.with(|d| d.as_ref().and_then(|d| d.lines.iter().find(|l| l.cell == cell)).cloned()));
        let part = move |f: fn(&Line) -> String| move || l.with(|l| l.as_ref().map(f).unwrap_or_default());
        view! {
            <polyline
                data-series=cell.key()
                data-values=part(|l| l.values.clone())
                class=part(|l| if l.current { "series series-current".into() } else { "series".into() })
                fill="none"
                stroke=part(|l| l.stroke.clone())
                stroke-width=part(|l| l.width.to_string())
                stroke-opacity=part(|l| l.opacity.to_owned())
                points=part(|l| l.points.clone())
            />
        }
    };
    let spot = Memo::new(move |_| ok.with(|d| d.as_ref().map(|d| (d.marker, d.marker_stroke.clone()))));
    view! {
        <ChartSvg
            id="scaling"
            pending=Signal::derive(move || drawing.with(Option::is_none))
            drawn=Signal::derive(move || ok.with(Option::is_some))
            error=Signal::derive(error)
            label
            size
            frame
        >
            <For each=move || cells.get().unwrap_or_default() key=|c| *c children=line />
            <circle
                data-testid="marker"
                data-x=move || marker.get().0.to_string()
                data-y=move || marker.get().1.to_string()
                cx=move || spot.with(|s| s.as_ref().map(|s| px(s.0 .0)))
                cy=move || spot.with(|s| s.as_ref().map(|s| px(s.0 .1)))
                r="6"
                fill="none"
                stroke=move || spot.with(|s| s.as_ref().map(|s| s.1.clone()))
                stroke-width="3"
            />
        </ChartSvg>
    }
}
