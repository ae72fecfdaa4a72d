//! How the count scales: the plotters chart, its composition, a table and downloads.

mod chart_svg;
mod composition_chart;
mod scaling_chart;

use crate::components::{RadioGroup, RadioOption};
use crate::platform::media::media_query;
use crate::platform::visibility::seen_once;
use crate::store::Store;
use composition_chart::CompositionChart;
use leptos::prelude::*;
use rnn_params_chart::{
    areas, composition_spec, composition_svg_at, current_line, draw_frame, label, lines, marker_stroke, part_keys,
    scaling_keys, scaling_spec, scaling_svg, with_background, with_caption, ChartOptions, CompositionDrawing, Palette,
    ScalingDrawing,
};
use rnn_params_model::format::grouped;
use rnn_params_model::network::share_sentence;
use rnn_params_model::scaling::{
    captioned, composition_csv, composition_on, csv, current_x, file_name, sentence, series_on, PlotAxis, Scale, Series,
};
use rnn_params_model::state::Control;
use rnn_params_model::{Cell, Role};
use scaling_chart::ScalingChart;
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
        RadioOption { value: Scale::Log, key: "log", label: "logarithmic y", detail: String::new() },
        RadioOption {
            value: Scale::LogLog,
            key: "loglog",
            label: "log-log",
            detail: "a power of n is a straight line".into(),
        },
    ]
}

/// A `data:` URL holding `text` with the given media type, for a download link.
fn data_url(media_type: &str, text: &str) -> String {
    format!("data:{media_type};charset=utf-8,{}", js_sys::encode_uri_component(text))
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
    let axis = Memo::new(move |_| store.view.with(|v| v.plot));
    let scale = Memo::new(move |_| store.view.with(|v| v.scale));
    let data = Memo::new(move |_| series_on(&store.config.get(), axis.get(), scale.get()));
    let options = Memo::new(move |_| {
        let (width, height) = if narrow.get() { (360, 280) } else { (720, 360) };
        let palette = if store.dark.get() { Palette::DARK } else { Palette::LIGHT };
        let s = scale.get();
        ChartOptions { width, height, log_y: s.log_y(), log_x: s.log_x(), palette }
    });
    let marker = Memo::new(move |_| {
        let c = store.config.get();
        let total = store.breakdown.with(|b| b.as_ref().map(|b| b.total).unwrap_or(0));
        (current_x(&c, axis.get()), total)
    });
    let size = Memo::new(move |_| options.with(|o| (o.width, o.height)));
    // plotters draws a frame only when its spec (ranges, axis, size, colours) changes; the lines
    // and the marker are placed with its mapping on every change.
    let spec = Memo::new(move |_| {
        seen.get().then(|| data.with(|s| scaling_spec(s, marker.get(), axis.get(), &options.get()))).flatten()
    });
    let frame = Memo::new(move |_| spec.get().map(|spec| draw_frame(&spec)));
    let chart = Memo::new(move |_| {
        if !seen.get() {
            return None;
        }
        let current = store.config.with(|c| c.cell);
        let palette = options.with(|o| o.palette);
        Some(match frame.get() {
            None => Err("nothing to plot".to_owned()),
            Some(Err(e)) => Err(e),
            Some(Ok(f)) => Ok(ScalingDrawing {
                lines: data.with(|s| lines(s, current, &f.mapping, &palette)),
                marker: marker.with(|m| f.mapping.place(m.0 as f64, m.1 as f64)),
                marker_stroke: marker_stroke(&palette),
                frame: f.svg,
            }),
        })
    });
    let chart_label = Memo::new(move |_| {
        let a = axis.get();
        let (x, total) = marker.get();
        let (framework, cell) = store.config.with(|c| (c.framework, c.cell));
        let desc = format!(
            "{framework} parameters of SimpleRNN, GRU and LSTM as {} varies, other settings as chosen; the current {} is marked at {} = {}, {} parameters.",
            x_name(a),
            cell.label(),
            x_name(a),
            x,
            grouped(total)
        );
        (format!("Parameters against {}", x_name(a)), desc)
    });
    let parts = Memo::new(move |_| composition_on(&store.config.get(), axis.get(), scale.get()));
    let composition_sentence = Memo::new(move |_| store.config.with(|c| sentence(c, axis.get())));
    // With layers around the stack: which part of the whole model dominates.
    let model_share = Memo::new(move |_| store.network.with(|n| n.as_ref().ok().and_then(share_sentence)));
    let composition_spec = Memo::new(move |_| {
        seen.get().then(|| parts.with(|p| composition_spec(p, axis.get(), &options.get()))).flatten()
    });
    let composition_frame = Memo::new(move |_| composition_spec.get().map(|spec| (spec, draw_frame(&spec))));
    let composition_chart = Memo::new(move |_| {
        if !seen.get() {
            return None;
        }
        let palette = options.with(|o| o.palette);
        Some(match composition_frame.get() {
            None => Err("nothing to plot".to_owned()),
            Some((_, Err(e))) => Err(e),
            Some((spec, Ok(f))) => {
                let current = Some(current_line(&f.mapping, marker.get()));
                Ok(CompositionDrawing {
                    areas: parts.with(|p| areas(p, &f.mapping, spec.x, &palette)),
                    frame: f.svg,
                    current,
                })
            }
        })
    });
    let composition_label = Memo::new(move |_| {
        let title = store.config.with(|c| format!("What the {} count is made of", c.cell.label()));
        (title, composition_sentence.get())
    });
    let present_roles = Memo::new(move |_| {
        Role::ALL
            .into_iter()
            .filter(|r| parts.with(|p| p.iter().any(|(_, parts)| parts.get(*r) > 0)))
            .collect::<Vec<_>>()
    });
    // Full SVGs for the downloads, built on click, with a band under the chart: its title, the
    // configuration and a legend, so that the file explains itself.
    // Both charts follow the scale, and their captions name it.
    let configuration =
        move || store.config.with_untracked(|c| format!("{}{}", c.describe(), scale.get_untracked().caption()));
    let full_chart = move || {
        let o = options.get_untracked();
        let current = store.config.with_untracked(|c| c.cell);
        let (title, desc) = chart_label.get_untracked();
        data.with_untracked(|s| scaling_svg(s, current, marker.get_untracked(), axis.get_untracked(), &o)).ok().map(
            |mut svg| {
                label(&mut svg, "scaling", &title, &desc);
                with_caption(&mut svg, &o, &title, &configuration(), &scaling_keys(current, &o.palette));
                svg
            },
        )
    };
    let full_composition = move || {
        let o = options.get_untracked();
        let (title, desc) = composition_label.get_untracked();
        parts.with_untracked(|p| composition_svg_at(p, axis.get_untracked(), &o, marker.get_untracked())).ok().map(
            |mut svg| {
                label(&mut svg, "composition", &title, &desc);
                with_caption(
                    &mut svg,
                    &o,
                    &title,
                    &configuration(),
                    &part_keys(&present_roles.get_untracked(), &o.palette),
                );
                svg
            },
        )
    };
    // The downloads are written when clicked (before the browser follows the link), not on every
    // change. The chart keeps the page's colours and gains their background, so that it reads in
    // any viewer. File names come from the state.
    // The CSVs carry the chart's title and the configuration on their first lines (`# `); their
    // header row names the columns.
    let csv_href = move || {
        let body = data.with_untracked(|s| csv(s, axis.get_untracked()));
        data_url("text/csv", &captioned(&chart_label.get_untracked().0, &configuration(), &body))
    };
    let composition_csv_href = move || {
        let body = parts.with_untracked(|p| composition_csv(p, axis.get_untracked()));
        data_url("text/csv", &captioned(&composition_label.get_untracked().0, &configuration(), &body))
    };
    let with_page_background = move |svg: Option<String>| {
        let palette = options.get_untracked().palette;
        svg.map(|mut svg| {
            with_background(&mut svg, palette.background);
            data_url("image/svg+xml", &svg)
        })
    };
    let svg_href = move || with_page_background(chart.with_untracked(Option::is_some).then(full_chart).flatten());
    let composition_href = move || {
        with_page_background(composition_chart.with_untracked(Option::is_some).then(full_composition).flatten())
    };
    let on_csv = move |ev: leptos::ev::MouseEvent| point_link(&ev, Some(csv_href()));
    let on_composition_csv = move |ev: leptos::ev::MouseEvent| point_link(&ev, Some(composition_csv_href()));
    let on_svg = move |ev: leptos::ev::MouseEvent| point_link(&ev, svg_href());
    let on_composition = move |ev: leptos::ev::MouseEvent| point_link(&ev, composition_href());
    let file = move |chart: &'static str, extension: &'static str| {
        move || store.config.with(|c| file_name(chart, c, axis.get(), extension))
    };
    let locked = move |c: Control| Signal::derive(move || store.view.with(|v| v.locks(c)));
    let current_cell = Memo::new(move |_| store.config.with(|c| c.cell));
    // The plotted numbers as a table, built only while its disclosure is open.
    let table_open = RwSignal::new(false);
    let legend = move || {
        let current = current_cell.get();
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
        present_roles
            .get()
            .into_iter()
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
                on_change=Callback::new(move |a| store.set_plot(a))
                locked=locked(Control::Plot)
            />
            <RadioGroup
                name="scale"
                legend="scale"
                options=scale_options()
                value=Signal::derive(move || scale.get())
                on_change=Callback::new(move |s| store.set_scale(s))
                locked=locked(Control::Scale)
            />
        </div>
        <div class="charts">
        <figure class="chart-figure" data-testid="plot">
            <ul class="legend">{legend}</ul>
            <ScalingChart drawing=chart marker label=chart_label size />
            <figcaption>
                {move || format!("Total parameters against {}, for each cell type.", x_name(axis.get()))}
            </figcaption>
        </figure>
        <figure class="chart-figure" data-testid="composition">
            <ul class="legend">{part_legend}</ul>
            <CompositionChart drawing=composition_chart label=composition_label size />
            <figcaption data-testid="composition-sentence">{move || composition_sentence.get()}</figcaption>
        </figure>
        </div>
        <p class="note model-share" data-testid="model-share" hidden=move || model_share.with(Option::is_none)>
            {move || model_share.get().unwrap_or_default()}
        </p>
        <details class="plot-data" on:toggle=move |ev| table_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            // A click builds the table at once (before the toggle event); the toggle keeps it in step.
            <summary on:click=move |_| table_open.set(true)>"Show the plotted numbers as a table"</summary>
            {move || table_open.get().then(|| data.with(|s| table(s, axis.get(), marker.get().0)))}
        </details>
        <p class="downloads">
            <a data-testid="download-csv" download=file("scaling", "csv") href="#" on:click=on_csv>
                "Download the data (CSV)"
            </a>
            <a data-testid="download-svg" download=file("scaling", "svg") href="#" on:click=on_svg>
                "Download the chart (SVG)"
            </a>
            <a
                data-testid="download-composition-svg"
                download=file("composition", "svg")
                href="#"
                on:click=on_composition
            >
                "Download the composition chart (SVG)"
            </a>
            <a
                data-testid="download-composition-csv"
                download=file("composition", "csv")
                href="#"
                on:click=on_composition_csv
            >
                "Download its data (CSV)"
            </a>
        </p>
        </div>
    }
}
