//! The charts draw the model's series: one tagged line per cell whose values are the model's, a
//! marker at the current configuration, axis ranges that contain every point, and composition
//! areas for each role present.

use rnn_params_chart::{
    composition_drawing, composition_spec, composition_svg, draw_frame, label, px, scaling_spec, scaling_svg, x_range,
    y_range, ChartOptions, Palette,
};
use rnn_params_model::scaling::PlotAxis;
use rnn_params_model::scaling::{composition, series};
use rnn_params_model::{total, Cell, Config, Framework};

const AXES: [PlotAxis; 3] = [PlotAxis::Units, PlotAxis::Input, PlotAxis::Layers];

fn options(log_y: bool, palette: Palette) -> ChartOptions {
    ChartOptions { width: 720, height: 360, log_y, log_x: false, palette }
}

fn configs() -> Vec<Config> {
    let keras = Config::default();
    vec![
        keras,
        Config { framework: Framework::PyTorch, bidirectional: true, ..keras },
        Config { cell: Cell::Gru, bias: false, ..keras },
        Config { cell: Cell::SimpleRnn, input_size: rnn_params_model::bounds::Size::new(1).unwrap(), ..keras },
    ]
}

/// The value of attribute `name` in every element that has `marker` in it.
fn attr_values(svg: &str, marker: &str, name: &str) -> Vec<String> {
    svg.lines()
        .filter(|l| l.contains(marker))
        .filter_map(|l| {
            let start = l.find(&format!("{name}=\""))? + name.len() + 2;
            Some(l[start..start + l[start..].find('"')?].to_owned())
        })
        .collect()
}

#[test]
fn each_series_line_carries_the_model_values() {
    for config in configs() {
        for axis in AXES {
            let s = series(&config, axis);
            for log_y in [false, true] {
                let svg =
                    scaling_svg(&s, config.cell, (1, total(&config).unwrap()), axis, &options(log_y, Palette::LIGHT))
                        .unwrap();
                for cell in Cell::ALL {
                    let values = attr_values(&svg, &format!("data-series=\"{}\"", cell.key()), "data-values");
                    assert_eq!(values.len(), 1, "one line for {cell:?}");
                    let expected: Vec<String> = s
                        .iter()
                        .find(|x| x.cell == cell)
                        .unwrap()
                        .points
                        .iter()
                        .map(|p| format!("{}:{}", p.x, p.y))
                        .collect();
                    assert_eq!(values[0], expected.join(" "));
                    let points = attr_values(&svg, &format!("data-series=\"{}\"", cell.key()), "points");
                    assert_eq!(points[0].split_whitespace().count(), expected.len(), "one vertex per point");
                }
                assert_eq!(
                    attr_values(&svg, "data-testid=\"marker\"", "data-y"),
                    [total(&config).unwrap().to_string()]
                );
                assert_eq!(attr_values(&svg, "series-current", "data-series"), [config.cell.key()]);
            }
        }
    }
}

#[test]
fn every_point_lies_inside_the_axis_ranges() {
    for config in configs() {
        for axis in AXES {
            let s = series(&config, axis);
            let xs = s.iter().flat_map(|s| s.points.iter().map(|p| p.x));
            let (x0, x1) = x_range(axis, xs).unwrap();
            for log in [false, true] {
                let (y0, y1) = y_range(log, s.iter().flat_map(|s| s.points.iter().map(|p| p.y))).unwrap();
                for p in s.iter().flat_map(|s| &s.points) {
                    assert!((x0..=x1).contains(&(p.x as f64)), "{axis:?} x {} outside {x0}..{x1}", p.x);
                    assert!((y0..=y1).contains(&(p.y as f64)), "{axis:?} y {} outside {y0}..{y1}", p.y);
                }
            }
        }
    }
}

#[test]
fn the_composition_draws_one_area_per_role_present() {
    let with_bias = Config::default();
    let svg =
        composition_svg(&composition(&with_bias, PlotAxis::Units), PlotAxis::Units, &options(false, Palette::DARK))
            .unwrap();
    assert_eq!(attr_values(&svg, "data-part", "data-part"), ["bias", "recurrent", "input"]);
    let no_bias = Config { bias: false, ..with_bias };
    let svg = composition_svg(&composition(&no_bias, PlotAxis::Units), PlotAxis::Units, &options(false, Palette::DARK))
        .unwrap();
    assert_eq!(attr_values(&svg, "data-part", "data-part"), ["recurrent", "input"]);
}

#[test]
fn the_label_is_escaped_text() {
    let mut svg = "<svg width=\"1\" height=\"1\">\n</svg>".to_owned();
    label(&mut svg, "x", "a < b", "c & d");
    assert!(svg.contains("<title id=\"x-title\">a &lt; b</title>"));
    assert!(svg.contains("<desc id=\"x-desc\">c &amp; d</desc>"));
    assert!(svg.starts_with("<svg width=\"1\" height=\"1\" role=\"img\""));
}

#[test]
fn a_composition_with_a_single_valid_x_draws_a_stacked_bar() {
    // Found by an adversarial tester: PyTorch LSTM, n = 1,048,576, proj = n − 1: every other units
    // value is refused, and one point made no area at all.
    let (state, notices) =
        rnn_params_model::state::parse_query("framework=pytorch&cell=lstm&input=1&units=1048576&proj=1048575");
    assert!(notices.is_empty(), "{notices:?}");
    let points = composition(&state.config, PlotAxis::Units);
    assert_eq!(points.len(), 1);
    let svg = composition_svg(&points, PlotAxis::Units, &options(false, Palette::LIGHT)).unwrap();
    let parts = attr_values(&svg, "data-part", "data-part");
    assert_eq!(parts, ["projection", "bias", "recurrent", "input"]);
    // A bar: four corners.
    let outlines = attr_values(&svg, "data-part", "points");
    assert!(outlines.iter().all(|p| p.split_whitespace().count() == 4), "{svg}");
}

#[test]
fn the_marker_sits_on_the_current_line_at_the_current_x() {
    // One mapping places the lines and the marker: the marker's centre is the vertex of the
    // current cell's line at the current x, on every axis and scale.
    for config in configs() {
        for axis in AXES {
            let s = series(&config, axis);
            let x = rnn_params_model::scaling::current_x(&config, axis);
            let marker = (x, total(&config).unwrap());
            for (log_y, log_x) in [(false, false), (true, false), (true, true)] {
                let o = ChartOptions { log_x, ..options(log_y, Palette::LIGHT) };
                let d = rnn_params_chart::scaling_drawing(&s, config.cell, marker, axis, &o).unwrap();
                let line = d.lines.iter().find(|l| l.cell == config.cell).unwrap();
                let k = s.iter().find(|c| c.cell == config.cell).unwrap().points.iter().position(|p| p.x == x);
                let Some(k) = k else { continue };
                let vertex = line.points.split_whitespace().nth(k).unwrap();
                assert_eq!(vertex, format!("{},{}", px(d.marker.0), px(d.marker.1)), "{axis:?} log {log_y} {log_x}");
            }
        }
    }
}

#[test]
fn vertices_are_placed_to_a_fraction_of_a_pixel_so_curves_do_not_kink() {
    // Whole pixels put a vertex up to half a pixel off the curve; the placed vertices stay within
    // 1/64 pixel of the exact linear map between the frame's corners.
    let config = Config::default();
    let s = rnn_params_model::scaling::series(&config, PlotAxis::Units);
    let o = options(false, Palette::LIGHT);
    let spec = scaling_spec(&s, (256, 4_457_472), PlotAxis::Units, &o).unwrap();
    let m = draw_frame(&spec).unwrap().mapping;
    let ((x0, y0), (x1, y1)) = (m.place(spec.x.0, spec.y.0), m.place(spec.x.1, spec.y.1));
    let mut fractional = 0;
    for p in &s.iter().find(|c| c.cell == Cell::Lstm).unwrap().points {
        let (x, y) = m.place(p.x as f64, p.y as f64);
        let ex = x0 + (p.x as f64 - spec.x.0) / (spec.x.1 - spec.x.0) * (x1 - x0);
        let ey = y0 + (p.y as f64 - spec.y.0) / (spec.y.1 - spec.y.0) * (y1 - y0);
        assert!((x - ex).abs() <= 1.0 / 64.0 && (y - ey).abs() <= 1.0 / 64.0, "({x}, {y}) vs ({ex}, {ey})");
        fractional += usize::from(y.fract() != 0.0);
    }
    assert!(fractional > 10, "{fractional}");
}

#[test]
fn the_composition_follows_the_log_scales_and_its_areas_stand_on_the_axis() {
    let config = Config { framework: Framework::PyTorch, ..Config::default() };
    for (log_y, log_x) in [(false, false), (true, false), (true, true)] {
        let points = rnn_params_model::scaling::composition_on(
            &config,
            PlotAxis::Units,
            if log_x { rnn_params_model::scaling::Scale::LogLog } else { rnn_params_model::scaling::Scale::Linear },
        );
        let o = ChartOptions { log_x, ..options(log_y, Palette::LIGHT) };
        let spec = composition_spec(&points, PlotAxis::Units, &o).unwrap();
        assert_eq!((spec.options.log_y, spec.options.log_x), (log_y, log_x));
        if log_x {
            assert_eq!(spec.x.0, 1.0, "a log x axis starts at the smallest x");
        }
        let d = composition_drawing(&points, PlotAxis::Units, &o).unwrap();
        let m = draw_frame(&spec).unwrap().mapping;
        let (_, bottom) = m.place(spec.x.0, m.floor());
        for a in &d.areas {
            let pts: Vec<(f64, f64)> = a
                .points
                .split_whitespace()
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            assert!(pts.iter().all(|(x, y)| x.is_finite() && y.is_finite() && *y <= bottom + 0.01), "{:?}", a.role);
            assert!((pts[0].1 - bottom).abs() < 0.01, "{:?} stands on the axis", a.role);
        }
    }
}
