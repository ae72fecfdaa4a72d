//! Scaling series: their values are the counting model's (and the frameworks' where the ground
//! truth has the same layer), and the composition adds up to the total.

mod common;

use common::accepted;
use rnn_params_model::scaling::{composition, csv, sentence, series, x_values};
use rnn_params_model::state::PlotAxis;
use rnn_params_model::{total, Cell, Config};

const AXES: [PlotAxis; 3] = [PlotAxis::Units, PlotAxis::Input, PlotAxis::Layers];

#[test]
fn series_values_are_the_framework_counts_of_each_golden_row() {
    // A series through a golden row's configuration passes through the framework's count at the
    // row's x, on every axis.
    let mut checked = 0;
    for (config, reported, id) in accepted() {
        for axis in AXES {
            let s = series(&config, axis);
            let line = s.iter().find(|s| s.cell == config.cell).unwrap();
            let x = rnn_params_model::scaling::current_x(&config, axis);
            let point = line.points.iter().find(|p| p.x == x).unwrap_or_else(|| panic!("{id}: no point at {x}"));
            assert_eq!(point.y, reported, "{id} on {axis:?}");
            checked += 1;
        }
    }
    assert!(checked > 1500);
}

#[test]
fn every_point_is_the_model_total_and_the_parts_add_up() {
    for (config, _, id) in accepted().into_iter().step_by(7) {
        for axis in AXES {
            for s in series(&config, axis) {
                for p in &s.points {
                    let mut c = Config { cell: s.cell, ..config };
                    if !c.allows_projection() {
                        c.proj_size = rnn_params_model::bounds::ProjSize::NONE;
                    }
                    match axis {
                        PlotAxis::Units => c.units = rnn_params_model::bounds::Size::new(p.x).unwrap(),
                        PlotAxis::Input => c.input_size = rnn_params_model::bounds::Size::new(p.x).unwrap(),
                        PlotAxis::Layers => c.layers = rnn_params_model::bounds::Layers::new(p.x).unwrap(),
                    }
                    assert_eq!(total(&c).unwrap(), p.y, "{id}");
                }
            }
            let series_of_cell = series(&config, axis).into_iter().find(|s| s.cell == config.cell).unwrap();
            for ((x, parts), p) in composition(&config, axis).iter().zip(&series_of_cell.points) {
                assert_eq!(*x, p.x);
                assert_eq!(parts.total(), p.y, "{id}: parts at {x}");
            }
        }
    }
}

#[test]
fn the_count_is_linear_in_m_and_layers_and_quadratic_in_n() {
    let c = Config::default();
    let second_difference =
        |ys: &[u64]| ys.windows(3).map(|w| (w[2] + w[0]) as i128 - 2 * w[1] as i128).collect::<Vec<_>>();
    let ys = |axis, step: u64| {
        let s = series(&c, axis);
        let line = s.into_iter().find(|s| s.cell == Cell::Lstm).unwrap();
        line.points.iter().filter(|p| p.x % step == 0).map(|p| p.y).collect::<Vec<_>>()
    };
    // Evenly spaced points: zero second differences for linear growth, a constant positive one
    // (8 × step² for an LSTM) for quadratic growth.
    assert!(second_difference(&ys(PlotAxis::Input, 512)).iter().all(|d| *d == 0));
    assert!(second_difference(&ys(PlotAxis::Layers, 1)[1..]).iter().all(|d| *d == 0));
    assert!(second_difference(&ys(PlotAxis::Units, 128)).iter().all(|d| *d == 8 * 128 * 128));
}

#[test]
fn a_projection_leaves_out_the_units_pytorch_refuses() {
    let (state, _) = rnn_params_model::state::parse_query("framework=pytorch&cell=lstm&units=256&proj=64");
    let s = series(&state.config, PlotAxis::Units);
    let lstm = s.iter().find(|s| s.cell == Cell::Lstm).unwrap();
    assert!(lstm.points.iter().all(|p| p.x > 64));
    let gru = s.iter().find(|s| s.cell == Cell::Gru).unwrap();
    assert_eq!(gru.points.len(), x_values(&state.config, PlotAxis::Units).len());
    let text = csv(&s, PlotAxis::Units);
    assert!(text.lines().nth(1).unwrap().ends_with(','), "refused LSTM points are empty fields: {text}");
}

#[test]
fn the_sentence_speaks_of_points_on_the_chart() {
    // Found by a reviewer: along the input size, the sentence cited 65,536 inputs on an axis that
    // ends at 16,384.
    for (m, n) in [(4096, 256), (1, 1), (10, 20), (300_000, 64), (1_048_576, 8), (16, 1_048_576)] {
        let config = Config {
            input_size: rnn_params_model::bounds::Size::new(m).unwrap(),
            units: rnn_params_model::bounds::Size::new(n).unwrap(),
            ..Config::default()
        };
        for axis in [PlotAxis::Units, PlotAxis::Input] {
            let xs = x_values(&config, axis);
            let text = sentence(&config, axis);
            // Every number the sentence gives for x ("At 4,096 input features", "at 16,384 they are")
            // lies within the plotted x range.
            let cited: Vec<u64> = text
                .split(['A', 'a'])
                .filter_map(|part| part.strip_prefix("t "))
                .filter_map(|rest| rest.split(' ').next())
                .filter_map(|number| number.replace(',', "").parse().ok())
                .collect();
            assert_eq!(cited.len(), 2, "{text}");
            // From the smaller size to the larger, so that "they grow" reads forwards (a layer at the
            // top of the range is compared with a narrower one, named first).
            assert!(cited[0] < cited[1], "{m} {n} {axis:?}: {text}");
            for x in cited {
                let (lo, hi) = (xs[0], xs[xs.len() - 1]);
                assert!((lo..=hi).contains(&x), "{m} {n} {axis:?}: {x} is off the chart ({lo}–{hi}): {text}");
            }
        }
    }
}
