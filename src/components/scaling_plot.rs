//! How the count scales: the plotters chart, its composition, a table and downloads.

use crate::components::{RadioGroup, RadioOption};
use crate::platform::media::media_query;
use crate::platform::visibility::seen_once;
use crate::store::Store;
use leptos::prelude::*;
use rnn_params_chart::{composition_svg, label, scaling_svg, with_background, ChartOptions, Palette};
use rnn_params_model::format::grouped;
use rnn_params_model::scaling::{composition, csv, current_x, sentence, series, Series};
use rnn_params_model::state::{Control, PlotAxis, Scale};
use rnn_params_model::{Cell, Role};
use wasm_bindgen::JsCast;

fn axis_options() -> Vec<RadioOption<PlotAxis>> {
    vec![
        RadioOption { value: PlotAxis::Units, key: "units", label: "units n", detail: String::new() },
        RadioOption { value: PlotAxis::Input, key: "input", label: "input size m", detail: String::new() },
        RadioOption { value: PlotAxis::Layers, key: "layers", label: "layers L", detail: String::new() },
    ]
}

fn scale_options() -> Vec<RadioOption<Scale>> {
    vec![
        RadioOption { value: Scale::Linear, key: "linear", label: "linear", detail: String::new() },
        RadioOption { value: Scale::Log, key: "log", label: "logarithmic", detail: String::new() },
    ]
}

/// A `data:` URL holding `text` with the given media type, for a download link.
fn data_url(media_type: &str, text: &str) -> String {
    format!("data:{media_type};charset=utf-8,{}", js_sys::encode_uri_component(text))
}

/// A drawn chart (the SVG plotters produced from the model's numbers: no text from the URL is in
/// it), the room it will take while not drawn yet, or why it could not be drawn.
fn chart_slot(svg: Result<String, String>) -> AnyView {
    match svg {
        Ok(svg) => view! { <div class="chart" class:pending=svg.is_empty() inner_html=svg></div> }.into_any(),
        Err(e) => view! { <p class="field-error">{format!("The chart could not be drawn: {e}")}</p> }.into_any(),
    }
}

/// Points the clicked download link at `href` just before the browser follows it; without one (a
/// chart not drawn yet), the click does nothing.
fn point_link(ev: &leptos::ev::MouseEvent, href: Option<String>) {
    let link = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    match (link, href) {
        (Some(link), Some(href)) => {
            let _ = link.set_attribute("href", &href);
        }
        _ => ev.prevent_default(),
    }
}

fn x_name(axis: PlotAxis) -> &'static str {
    match axis {
        PlotAxis::Units => "units n",
        PlotAxis::Input => "input size m",
        PlotAxis::Layers => "layers L",
    }
}

fn table(series: &[Series], axis: PlotAxis, current: u64) -> impl IntoView {
    let mut xs: Vec<u64> = series.iter().flat_map(|s| s.points.iter().map(|p| p.x)).collect();
    xs.sort_unstable();
    xs.dedup();
    let heads = series.iter().map(|s| view! { <th scope="col" class="num">{s.cell.label()}</th> }).collect_view();
    let rows = xs
        .into_iter()
        .map(|x| {
            let cells = series
                .iter()
                .map(|s| {
                    let y = s.points.iter().find(|p| p.x == x).map(|p| p.y);
                    view! {
                        <td class="num" data-series=s.cell.key() data-value=y.map(|y| y.to_string()).unwrap_or_default()>
                            {y.map(grouped).unwrap_or_else(|| "—".into())}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-x=x.to_string() class:current=x == current>
                    <th scope="row" class="num">{grouped(x)}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Table of plotted values">
            <table class="plot-table" data-testid="plot-table">
                <thead>
                    <tr>
                        <th scope="col" class="num">{x_name(axis)}</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The scaling chart (SimpleRNN, GRU and LSTM against units, input size or layers, the current
/// configuration marked), the split of the current cell's count by role with a sentence about it,
/// a data table behind a toggle, and CSV / SVG downloads. Charts are drawn by plotters from the
/// model's series and regenerate only when what they show changes. Hooks: `data-testid="plot"`,
/// `data-series` on each line, `data-testid="marker"` with `data-x` / `data-y`.
#[component]
pub fn ScalingPlot() -> impl IntoView {
    let store = expect_context::<Store>();
    let narrow = media_query("(max-width: 40rem)");
    // The charts are drawn once the section nears the viewport (or the page is printed), so they
    // do not delay the first render of the count above them.
    let container = NodeRef::<leptos::html::Div>::new();
    let seen = seen_once(container);
    let axis = Memo::new(move |_| store.state.with(|s| s.view.plot));
    let scale = Memo::new(move |_| store.state.with(|s| s.view.scale));
    let data = Memo::new(move |_| series(&store.config.get(), axis.get()));
    let options = Memo::new(move |_| {
        let (width, height) = if narrow.get() { (360, 280) } else { (720, 360) };
        let palette = if store.dark.get() { Palette::DARK } else { Palette::LIGHT };
        ChartOptions { width, height, log_y: scale.get() == Scale::Log, palette }
    });
    let marker = Memo::new(move |_| {
        let c = store.config.get();
        let total = store.breakdown.with(|b| b.as_ref().map(|b| b.total).unwrap_or(0));
        (current_x(&c, axis.get()), total)
    });
    let chart = Memo::new(move |_| {
        if !seen.get() {
            return Ok(String::new());
        }
        let c = store.config.get();
        let a = axis.get();
        let title = format!("Parameters against {}", x_name(a));
        let desc = format!(
            "{} parameters of SimpleRNN, GRU and LSTM as {} varies, other settings as chosen; the current {} is marked at {} = {}, {} parameters.",
            c.framework,
            x_name(a),
            c.cell.label(),
            x_name(a),
            marker.get().0,
            grouped(marker.get().1)
        );
        data.with(|s| scaling_svg(s, c.cell, marker.get(), a, &options.get())).map(|mut svg| {
            label(&mut svg, "scaling", &title, &desc);
            svg
        })
    });
    let parts = Memo::new(move |_| composition(&store.config.get(), axis.get()));
    let composition_chart = Memo::new(move |_| {
        if !seen.get() {
            return Ok(String::new());
        }
        let o = ChartOptions { log_y: false, ..options.get() };
        let c = store.config.get();
        parts.with(|p| composition_svg(p, axis.get(), &o)).map(|mut svg| {
            let title = format!("What the {} count is made of", c.cell.label());
            label(&mut svg, "composition", &title, &sentence(&c, axis.get()));
            svg
        })
    });
    // The downloads are written when clicked (before the browser follows the link), not on every
    // change. The chart keeps the page's colours and gains their background, so that it reads in
    // any viewer.
    let csv_href = move || data.with_untracked(|s| data_url("text/csv", &csv(s, axis.get_untracked())));
    let svg_href = move || {
        let palette = options.get_untracked().palette;
        chart.with_untracked(|c| c.as_ref().ok().filter(|s| !s.is_empty()).cloned()).map(|mut svg| {
            with_background(&mut svg, palette.background);
            data_url("image/svg+xml", &svg)
        })
    };
    let on_csv = move |ev: leptos::ev::MouseEvent| point_link(&ev, Some(csv_href()));
    let on_svg = move |ev: leptos::ev::MouseEvent| point_link(&ev, svg_href());
    let locked = move |c: Control| Signal::derive(move || store.state.with(|s| s.view.locks(c)));
    let legend = move || {
        let current = store.config.get().cell;
        Cell::ALL
            .into_iter()
            .map(|cell| {
                view! {
                    <li class=format!("legend-{}", cell.key()) class:current=cell == current>
                        <span class="swatch" aria-hidden="true"></span>
                        {cell.label()}
                        {(cell == current).then_some(" (current, marked ○)")}
                    </li>
                }
            })
            .collect_view()
    };
    let part_legend = move || {
        Role::ALL
            .into_iter()
            .filter(|r| parts.with(|p| p.iter().any(|(_, parts)| parts.get(*r) > 0)))
            .map(|r| view! { <li class=format!("legend-part-{}", r.key())><span class="swatch" aria-hidden="true"></span>{r.label()}</li> })
            .collect_view()
    };
    view! {
        <div class="plot-body" node_ref=container>
        <div class="plot-controls">
            <RadioGroup
                name="plot"
                legend="x axis"
                options=axis_options()
                value=Signal::derive(move || axis.get())
                on_change=Callback::new(move |a| store.update_view(|v| v.plot = a))
                locked=locked(Control::Plot)
            />
            <RadioGroup
                name="scale"
                legend="y axis"
                options=scale_options()
                value=Signal::derive(move || scale.get())
                on_change=Callback::new(move |s| store.update_view(|v| v.scale = s))
                locked=locked(Control::Scale)
            />
        </div>
        <div class="charts">
        <figure class="chart-figure" data-testid="plot">
            <ul class="legend">{legend}</ul>
            {move || chart_slot(chart.get())}
            <figcaption>
                {move || format!("Total parameters against {}, for each cell type.", x_name(axis.get()))}
            </figcaption>
        </figure>
        <figure class="chart-figure" data-testid="composition">
            <ul class="legend">{part_legend}</ul>
            {move || chart_slot(composition_chart.get())}
            <figcaption data-testid="composition-sentence">
                {move || sentence(&store.config.get(), axis.get())}
            </figcaption>
        </figure>
        </div>
        <details class="plot-data">
            <summary>"Show the plotted numbers as a table"</summary>
            {move || data.with(|s| table(s, axis.get(), marker.get().0))}
        </details>
        <p class="downloads">
            <a data-testid="download-csv" download="rnn-params-scaling.csv" href="#" on:click=on_csv>
                "Download the data (CSV)"
            </a>
            <a data-testid="download-svg" download="rnn-params-scaling.svg" href="#" on:click=on_svg>
                "Download the chart (SVG)"
            </a>
        </p>
        </div>
    }
}
