//! The diagram model: blocks per cell, labels, shapes and counts taken from the counting model, and
//! a layout that fits its view box without overlapping blocks.

mod common;

use common::accepted;
use rnn_params_model::bounds::Steps;
use rnn_params_model::diagram::{diagram, layout, Orientation, Shape, StepMark};
use rnn_params_model::{count, Cell, Gate};

#[test]
fn each_cell_draws_its_gate_blocks_with_the_counting_model_numbers() {
    for (config, reported, id) in accepted() {
        let b = count(&config).unwrap();
        let d = diagram(&b, Steps::new(7).unwrap());
        assert_eq!(d.gates.len() as u64, config.cell.gate_blocks(), "{id}");
        let block = b.layers[0].block;
        for g in &d.gates {
            assert_eq!(g.params, block.params(), "{id}");
            assert_eq!(g.w, (block.units, b.layers[0].input_size), "{id}");
            assert_eq!(g.u.1, config.recurrent_width(), "{id}");
            assert_eq!(g.w.0 * g.w.1 + g.u.0 * g.u.1 + g.biases * g.units, g.params, "{id}");
            // The gate's slice of the first tensor has the block's W in it.
            let kernel = b.tensors().next().unwrap();
            let (_, start, end) = kernel.gate_slice(g.gate).unwrap();
            assert_eq!(end - start, block.units);
            assert_eq!(config.cell.gate_order(config.framework)[g.stacked_at], g.gate);
        }
        assert_eq!(d.total, reported, "{id}");
        assert!(d.description.contains(&rnn_params_model::format::grouped(reported)), "{id}");
    }
}

#[test]
fn the_gates_use_pytorch_names_and_activations() {
    let keys = |cell: Cell| cell.gates().iter().map(|g| g.key()).collect::<Vec<_>>();
    assert_eq!(keys(Cell::Lstm), ["f", "i", "g", "o"]);
    assert_eq!(keys(Cell::Gru), ["r", "z", "n"]);
    assert_eq!(keys(Cell::SimpleRnn), ["h"]);
    let symbols: Vec<_> = Cell::Lstm.gates().iter().map(|g| g.activation().symbol()).collect();
    assert_eq!(symbols, ["σ", "σ", "tanh", "σ"]);
    assert_eq!(Gate::F.name(), "forget gate");
}

#[test]
fn every_layout_fits_its_view_box_and_blocks_do_not_overlap() {
    for cell in Cell::ALL {
        for (orientation, r_before_u) in [
            (Orientation::Wide, false),
            (Orientation::Tall, false),
            (Orientation::Wide, true),
            (Orientation::Tall, true),
        ] {
            let l = rnn_params_model::diagram::layout_for(cell, orientation, r_before_u);
            let mut rects = Vec::new();
            for s in &l.shapes {
                let pts: Vec<(f32, f32)> = match s {
                    Shape::Block { x, y, w, h, .. } => {
                        rects.push((*x, *y, *w, *h));
                        vec![(*x, *y), (x + w, y + h)]
                    }
                    Shape::Node { x, y, .. } => vec![(*x, *y)],
                    Shape::Wire { points, .. } => points.clone(),
                    Shape::Label { x, y, .. } => vec![(*x, *y)],
                };
                for (x, y) in pts {
                    assert!(
                        (0.0..=l.width).contains(&x) && (0.0..=l.height).contains(&y),
                        "{cell:?} {orientation:?}: {s:?}"
                    );
                }
            }
            assert_eq!(rects.len() as u64, cell.gate_blocks());
            for (i, a) in rects.iter().enumerate() {
                for b in &rects[i + 1..] {
                    let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                    assert!(apart, "{cell:?} {orientation:?}: {a:?} overlaps {b:?}");
                }
            }
        }
    }
}

#[test]
fn the_sequence_is_drawn_up_to_eight_steps_and_the_total_never_moves() {
    let config = rnn_params_model::Config::default();
    let b = count(&config).unwrap();
    for t in [1u32, 8, 9, 100, 1_000_000] {
        let d = diagram(&b, Steps::new(u64::from(t)).unwrap());
        assert!(d.unrolled.len() <= 8);
        let drawn: u32 = d
            .unrolled
            .iter()
            .map(|m| match m {
                StepMark::Step(_) => 1,
                StepMark::Gap(k) => *k,
            })
            .sum();
        assert_eq!(drawn, t, "every step is drawn or counted in the gap");
        assert_eq!(d.total, 4_457_472);
    }
}

#[test]
fn every_arrow_ends_at_the_edge_of_a_node_not_under_it() {
    use rnn_params_model::diagram::NODE_RADIUS;
    // Found by a reviewer: in the tall LSTM, the tanh ellipse covered the arrow head from c(t).
    for cell in Cell::ALL {
        for orientation in [Orientation::Wide, Orientation::Tall] {
            let l = layout(cell, orientation);
            let nodes: Vec<(f32, f32, f32)> = l
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Node { op, x, y } => Some((*x, *y, op.half_width())),
                    _ => None,
                })
                .collect();
            for shape in &l.shapes {
                let Shape::Wire { points, arrow: true, .. } = shape else { continue };
                let &(x, y) = points.last().unwrap();
                for &(cx, cy, rx) in &nodes {
                    let inside = ((x - cx) / rx).powi(2) + ((y - cy) / NODE_RADIUS).powi(2);
                    assert!(
                        inside >= 0.9,
                        "{cell:?} {orientation:?}: arrow to ({x}, {y}) ends inside the node at ({cx}, {cy})"
                    );
                }
            }
        }
    }
}
