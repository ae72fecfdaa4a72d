//! Properties of the count over the whole accepted range: monotone in m and n, bidirectional is
//! twice unidirectional, every written form of the arithmetic equals the count, no overflow up to
//! the bounds, and values beyond the bounds refused.

use proptest::prelude::*;
use rnn_params_model::arithmetic::arithmetic;
use rnn_params_model::bounds::{Layers, ProjSize, Size};
use rnn_params_model::{count, parts, total, Cell, Config, Framework, MergeMode};

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![Just(Cell::SimpleRnn), Just(Cell::Gru), Just(Cell::Lstm)]
}

fn framework() -> impl Strategy<Value = Framework> {
    prop_oneof![Just(Framework::Keras), Just(Framework::PyTorch)]
}

fn merge() -> impl Strategy<Value = MergeMode> {
    prop_oneof![Just(MergeMode::Concat), Just(MergeMode::Sum), Just(MergeMode::Mul), Just(MergeMode::Ave)]
}

/// Sizes spread over six orders of magnitude, including both bounds.
fn size() -> impl Strategy<Value = u64> {
    prop_oneof![Just(1u64), Just(1_048_576u64), 1u64..=64, 1u64..=1_048_576]
}

prop_compose! {
    fn config()(
        framework in framework(), cell in cell(), m in size(), n in size(), bidirectional in any::<bool>(),
        bias in any::<bool>(), reset_after in any::<bool>(), layers in 1u64..=16, merge in merge(),
        proj_fraction in 0u64..=100,
    ) -> Config {
        let mut c = Config {
            framework, cell, input_size: Size::new(m).unwrap(), units: Size::new(n).unwrap(), bidirectional, bias,
            reset_after, layers: Layers::new(layers).unwrap(), merge, proj_size: ProjSize::NONE,
        };
        if c.allows_projection() && n > 1 {
            // 0 ≤ p < n.
            c.proj_size = ProjSize::new((n - 1) * proj_fraction / 100).unwrap();
        }
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_accepted_configuration_is_counted_without_overflow(c in config()) {
        let b = count(&c).unwrap();
        prop_assert_eq!(b.total, parts(&c).unwrap().total());
        prop_assert_eq!(b.total, b.tensors().map(|t| t.count).sum::<u64>());
        prop_assert!(b.total < 1 << 52, "far from u64's limit, and exact in an f64 for the plot");
    }

    #[test]
    fn the_count_grows_with_m_and_n(c in config()) {
        let t = total(&c).unwrap();
        if c.input_size.get() < Size::MAX {
            let more_inputs = Config { input_size: Size::new(c.input_size.wide() + 1).unwrap(), ..c };
            prop_assert!(total(&more_inputs).unwrap() > t);
        }
        if c.units.get() < Size::MAX {
            let more_units = Config { units: Size::new(c.units.wide() + 1).unwrap(), ..c };
            prop_assert!(total(&more_units).unwrap() > t);
        }
    }

    #[test]
    fn bidirectional_is_twice_unidirectional_for_one_layer(c in config()) {
        let one = Config { layers: Layers::ONE, ..c };
        let uni = total(&Config { bidirectional: false, ..one }).unwrap();
        let bi = total(&Config { bidirectional: true, ..one }).unwrap();
        prop_assert_eq!(bi, 2 * uni);
        // In a stack, each layer doubles given what it sees.
        let b = count(&Config { bidirectional: true, ..c }).unwrap();
        for layer in &b.layers {
            prop_assert_eq!(layer.params, 2 * layer.directions[0].params);
        }
    }

    #[test]
    fn every_form_of_the_arithmetic_equals_the_count(c in config()) {
        let b = count(&c).unwrap();
        let a = arithmetic(&b);
        prop_assert_eq!(a.forms_target, b.layers[0].directions[0].params);
        for form in &a.forms {
            prop_assert_eq!(form.value, Some(a.forms_target), "{} = {}", form.symbolic, form.numeric);
        }
        prop_assert_eq!(a.steps.last().unwrap().value, b.total);
        prop_assert!(a.summary.ends_with(&rnn_params_model::format::grouped(b.total)));
    }

    #[test]
    fn values_beyond_the_bounds_are_refused(v in 1_048_577u64..u64::MAX, l in 17u64..u64::MAX) {
        prop_assert!(Size::new(v).is_err());
        prop_assert!(Size::new(0).is_err());
        prop_assert!(Layers::new(l).is_err());
        prop_assert!(Layers::new(0).is_err());
    }
}

#[test]
fn the_largest_configuration_is_exact() {
    // 16 bidirectional PyTorch LSTM layers of 1,048,576 units on 1,048,576 inputs: every layer
    // above the first sees 2n inputs.
    let n = 1_048_576u64;
    let c = Config {
        framework: Framework::PyTorch,
        cell: Cell::Lstm,
        input_size: Size::new(n).unwrap(),
        units: Size::new(n).unwrap(),
        bidirectional: true,
        bias: true,
        reset_after: true,
        layers: Layers::new(16).unwrap(),
        merge: MergeMode::Concat,
        proj_size: ProjSize::NONE,
    };
    let first = 2 * 4 * (n * n + n * n + 2 * n);
    let above = 2 * 4 * (n * 2 * n + n * n + 2 * n);
    assert_eq!(total(&c).unwrap(), first + 15 * above);
}
