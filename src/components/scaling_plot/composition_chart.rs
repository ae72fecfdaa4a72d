//! The composition chart's long-lived elements.

use super::chart_svg::ChartSvg;
use leptos::prelude::*;
use rnn_params_chart::{AreaShape, CompositionDrawing};
use rnn_params_model::Role;

/// The composition chart's long-lived elements: the frame and one area per part of the count.
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
        </ChartSvg>
    }
}
