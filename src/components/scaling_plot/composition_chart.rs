//! The composition chart's long-lived elements.

use super::chart_svg::ChartSvg;
use leptos::prelude::*;
use rnn_params_chart::{px, AreaShape, CompositionDrawing};
use rnn_params_model::Role;

/// The composition chart's long-lived elements: the frame, one area per part of the count and a
/// dashed line marking the current configuration.
#[component]
pub fn CompositionChart(
    /// The chart in parts (`None` until the section is near the viewport).
    drawing: Memo<Option<Result<CompositionDrawing, String>>>,
    /// The chart's title and description, for assistive technology.
    label: Memo<(String, String)>,
    /// The chart's size in SVG units.
    size: Memo<(u32, u32)>,
) -> impl IntoView {
    let ok = Memo::new(move |_| drawing.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned()));
    let frame = Memo::new(move |_| ok.with(|d| d.as_ref().map(|d| d.frame.clone()).unwrap_or_default()));
    let roles = Memo::new(move |_| ok.with(|d| d.as_ref().map(|d| d.areas.iter().map(|a| a.role).collect::<Vec<_>>())));
    let current = Memo::new(move |_| ok.with(|d| d.as_ref().and_then(|d| d.current)));
    let at = move |f: fn((f64, f64, f64)) -> f64| move || current.get().map(|c| px(f(c)));
    let error = move || drawing.with(|d| d.as_ref().and_then(|d| d.as_ref().err()).cloned());
    let area = move |role: Role| {
        let a =
            Memo::new(move |_| ok.with(|d| d.as_ref().and_then(|d| d.areas.iter().find(|a| a.role == role)).cloned()));
        let part = move |f: fn(&AreaShape) -> String| move || a.with(|a| a.as_ref().map(f).unwrap_or_default());
        view! {
            <polygon
                data-part=role.key()
                class="part"
                fill=part(|a| a.fill.clone())
                fill-opacity="0.85"
                points=part(|a| a.points.clone())
            />
        }
    };
    view! {
        <ChartSvg
            id="composition"
            pending=Signal::derive(move || drawing.with(Option::is_none))
            drawn=Signal::derive(move || ok.with(Option::is_some))
            error=Signal::derive(error)
            label
            size
            frame
        >
            <For each=move || roles.get().unwrap_or_default() key=|r| *r children=area />
            // The current configuration: a dashed line up to its count.
            <line
                data-testid="composition-current"
                class="composition-current"
                x1=at(|c| c.0)
                x2=at(|c| c.0)
                y1=at(|c| c.1)
                y2=at(|c| c.2)
                stroke-width="2"
                stroke-dasharray="4 3"
            />
        </ChartSvg>
    }
}
