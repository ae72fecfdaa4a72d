//! The diagram model: blocks per cell, labels, shapes and counts taken from the counting model, and
//! a layout that fits its view box without overlapping blocks.

mod common;

use common::accepted;
use rnn_params_model::bounds::Steps;
use rnn_params_model::diagram::{
    diagram, layout, layout_for, layout_with, BoxKind, Extras, Orientation, Shape, StepMark, WireKind,
};
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
                    Shape::Junction { x, y } => vec![(*x, *y)],
                    Shape::Box { x, y, w, h, .. } => vec![(*x, *y), (x + w, y + h)],
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

/// Every layout: each cell, orientation and reset_after, with and without a projection (LSTM) and
/// a second or sixteenth layer.
fn every_layout() -> Vec<(String, rnn_params_model::diagram::Layout, Extras)> {
    let mut out = Vec::new();
    for cell in Cell::ALL {
        for orientation in [Orientation::Wide, Orientation::Tall] {
            for r_before_u in [false, true] {
                for projection in [false, true] {
                    if projection && cell != Cell::Lstm {
                        continue;
                    }
                    for layers in [1, 2, 16] {
                        let extras = Extras { projection, layers };
                        let name = format!("{cell:?} {orientation:?} r_before_u={r_before_u} {extras:?}");
                        out.push((name, layout_with(cell, orientation, r_before_u, extras), extras));
                    }
                }
            }
        }
    }
    // Flax's MGUCell, with and without reset_gate.
    for reset_gate in [true, false] {
        for orientation in [Orientation::Wide, Orientation::Tall] {
            for layers in [1, 2] {
                let extras = Extras { projection: false, layers };
                let name = format!("MGU reset_gate={reset_gate} {orientation:?} {extras:?}");
                let drawing = rnn_params_model::diagram::Drawing::Mgu { reset_gate };
                out.push((
                    name,
                    rnn_params_model::diagram::layout_drawing(drawing, orientation, false, extras),
                    extras,
                ));
            }
        }
    }
    out
}

type Segment = ((f32, f32), (f32, f32));

fn segments(l: &rnn_params_model::diagram::Layout) -> Vec<(usize, Segment)> {
    l.shapes
        .iter()
        .enumerate()
        .filter_map(|(k, s)| match s {
            Shape::Wire { points, .. } => Some(points.windows(2).map(move |w| (k, (w[0], w[1])))),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn h_t_feeds_back_to_the_input_bus_in_every_layout() {
    for (name, l, _) in every_layout() {
        let feedback: Vec<&Vec<(f32, f32)>> = l
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Wire { kind: WireKind::Feedback, points, .. } => Some(points),
                _ => None,
            })
            .collect();
        assert!(!feedback.is_empty(), "{name}");
        // It starts at the junction where h(t) branches and ends on the input bus, the first wire.
        let junction = l.shapes.iter().find_map(|s| match s {
            Shape::Junction { x, y } => Some((*x, *y)),
            _ => None,
        });
        assert_eq!(Some(feedback[0][0]), junction, "{name}");
        let Shape::Wire { kind: WireKind::Input, points: bus, .. } = &l.shapes[0] else { panic!("{name}: bus first") };
        let end = *feedback.last().unwrap().last().unwrap();
        assert_eq!(end, *bus.last().unwrap(), "{name}: the feedback ends where the bus ends");
    }
}

#[test]
fn the_projection_and_the_next_layer_are_drawn_exactly_when_present() {
    for (name, l, extras) in every_layout() {
        let boxes: Vec<(BoxKind, &str)> = l
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Box { kind, title, .. } => Some((*kind, *title)),
                _ => None,
            })
            .collect();
        let mut expected = Vec::new();
        if extras.projection {
            expected.push((BoxKind::Projection, "weight_hr"));
        }
        match extras.layers {
            1 => {}
            2 => expected.push((BoxKind::NextLayer, "layer 2")),
            _ => expected.push((BoxKind::NextLayer, "layers 2 to L")),
        }
        assert_eq!(boxes, expected, "{name}");
    }
}

#[test]
fn wires_cross_only_at_a_gap_and_boxes_overlap_nothing() {
    for (name, l, _) in every_layout() {
        // No two segments of different wires cross strictly inside both: a crossing has a gap.
        let segs = segments(&l);
        for (i, &(wa, (a1, a2))) in segs.iter().enumerate() {
            for &(wb, (b1, b2)) in &segs[i + 1..] {
                if wa == wb {
                    continue;
                }
                let within = |v: f32, p: f32, q: f32| v > p.min(q) + 0.5 && v < p.max(q) - 0.5;
                let crosses = (a1.1 == a2.1 && b1.0 == b2.0 && within(b1.0, a1.0, a2.0) && within(a1.1, b1.1, b2.1))
                    || (a1.0 == a2.0 && b1.1 == b2.1 && within(a1.0, b1.0, b2.0) && within(b1.1, a1.1, a2.1));
                assert!(!crosses, "{name}: {:?} crosses {:?}", (a1, a2), (b1, b2));
            }
        }
        // Boxes and blocks never overlap one another, and no wire runs through a box's inside.
        let rects: Vec<(f32, f32, f32, f32)> = l
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Block { x, y, w, h, .. } | Shape::Box { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                assert!(apart, "{name}: {a:?} overlaps {b:?}");
            }
        }
        for &(_, (p, q)) in &segs {
            for r in &rects {
                let inside =
                    |(x, y): (f32, f32)| x > r.0 + 0.5 && x < r.0 + r.2 - 0.5 && y > r.1 + 0.5 && y < r.1 + r.3 - 0.5;
                let mid = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
                assert!(!inside(p) && !inside(q) && !inside(mid), "{name}: wire {:?} runs into {r:?}", (p, q));
            }
        }
        // Every point lies in the view box.
        for &(_, (p, q)) in &segs {
            for (x, y) in [p, q] {
                assert!((0.0..=l.width).contains(&x) && (0.0..=l.height).contains(&y), "{name}: ({x}, {y})");
            }
        }
    }
}

#[test]
fn the_gru_r_wire_crossing_z_is_drawn_with_a_gap() {
    // Wide GRU: r's wire runs across to n over z's output, which goes on up to the state line.
    let l = layout_with(Cell::Gru, Orientation::Wide, false, Extras { projection: false, layers: 1 });
    let gate_wires = l.shapes.iter().filter(|s| matches!(s, Shape::Wire { kind: WireKind::Gate, .. })).count();
    let unsplit = layout_for(Cell::Gru, Orientation::Wide, false);
    assert_eq!(unsplit, l, "layout_for draws the same as one layer without a projection");
    // z's output wire is cut in two around the crossing.
    let z_pieces: Vec<&Vec<(f32, f32)>> = l
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Wire { kind: WireKind::Gate, points, .. } if points.iter().all(|p| p.0 == points[0].0) => {
                Some(points)
            }
            _ => None,
        })
        .filter(|p| p[0].0 > 250.0 && p[0].0 < 400.0)
        .collect();
    assert_eq!(z_pieces.len(), 2, "{z_pieces:?} of {gate_wires} gate wires");
    let gap = (z_pieces[0][1].1 - z_pieces[1][0].1).abs();
    assert!((gap - 2.0 * rnn_params_model::diagram::GAP).abs() < 0.01, "{gap}");
}

#[test]
fn the_description_says_h_t_comes_back_and_feeds_the_next_layer() {
    use rnn_params_model::bounds::Layers;
    let one = diagram(&count(&rnn_params_model::Config::default()).unwrap(), Steps::new(16).unwrap());
    assert!(
        one.description.contains(" h(t) goes back to the input as h(t−1) of the next step."),
        "{}",
        one.description
    );
    let two = rnn_params_model::Config { layers: Layers::new(2).unwrap(), bidirectional: true, ..Default::default() };
    let d = diagram(&count(&two).unwrap(), Steps::new(16).unwrap());
    // Keras concatenates both directions: layer 2 sees 2n = 512.
    assert!(
        d.description.contains(" and on to layer 2, which reads it as its input (512 input features)."),
        "{}",
        d.description
    );
}

/// Flax's `MGUCell` has two gates, f and n (`flax.linen.MGUCell`: Dense layers `if`, `hf`, `in`,
/// `hn`), not the GRU's three: the diagram draws exactly those blocks, each with the shapes and
/// count of the tensors that hold it (the tensor table), and a layout with two blocks.
#[test]
fn a_flax_mgu_draws_its_two_gates_with_the_tensor_tables_numbers() {
    use rnn_params_model::diagram::{layout_drawing, Drawing};
    use rnn_params_model::state::parse_query;
    // MGUCell(256) on 300 features: f = if (300×256 + 256) + hf (256×256) = 142,592;
    // n = in (300×256 + 256) + hn (256×256, + 256 with reset_gate).
    for (q, n_biases, n_params, total) in [
        ("framework=keras&cell=gru&input=300&units=256&bidir=0&kind=flax&flax_cell=mgu", 2, 142_848, 285_440),
        (
            "framework=keras&cell=gru&input=300&units=256&bidir=0&kind=flax&flax_cell=mgu&reset_gate=0",
            1,
            142_592,
            285_184,
        ),
    ] {
        let (state, notices) = parse_query(q);
        assert!(notices.is_empty(), "{q}: {notices:?}");
        let b = count(&state.config).unwrap();
        assert_eq!(b.total, total, "{q}");
        let d = diagram(&b, Steps::new(3).unwrap());
        let keys: Vec<_> = d.gates.iter().map(|g| g.gate.key()).collect();
        assert_eq!(keys, ["f", "n"], "{q}");
        let (f, n) = (&d.gates[0], &d.gates[1]);
        assert_eq!((f.w, f.u, f.biases, f.params), ((256, 300), (256, 256), 1, 142_592), "{q}");
        assert_eq!((n.w, n.u, n.biases, n.params), ((256, 300), (256, 256), n_biases, n_params), "{q}");
        assert_eq!(f.params + n.params, total, "{q}");
        // Each block's count is the sum of the tensors holding that gate.
        for g in &d.gates {
            let held: u64 = b.tensors().filter(|t| t.gate_order == [g.gate]).map(|t| t.count).sum();
            assert_eq!(held, g.params, "{q} {}", g.gate.key());
        }
        assert_eq!(d.title, "MGU gate diagram");
        assert!(d.description.starts_with("MGU cell with 2 gate blocks"), "{}", d.description);
        let drawing = Drawing::of(&state.config);
        for orientation in [Orientation::Wide, Orientation::Tall] {
            let l = layout_drawing(drawing, orientation, false, Extras::of(&state.config));
            let blocks: Vec<Gate> = l
                .shapes
                .iter()
                .filter_map(|s| match s {
                    Shape::Block { gate, .. } => Some(*gate),
                    _ => None,
                })
                .collect();
            assert_eq!(blocks, [Gate::F, Gate::N], "{q}");
            for s in &l.shapes {
                if let Shape::Block { x, y, w, h, .. } = s {
                    assert!(*x >= 0.0 && *y >= 0.0 && x + w <= l.width && y + h <= l.height, "{q}");
                }
            }
        }
    }
}
