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
            reset_after, layers: Layers::new(layers).unwrap(), merge, proj_size: ProjSize::NONE, kind: rnn_params_model::kind::Kind::Layer,
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
        kind: rnn_params_model::kind::Kind::Layer,
    };
    let first = 2 * 4 * (n * n + n * n + 2 * n);
    let above = 2 * 4 * (n * 2 * n + n * n + 2 * n);
    assert_eq!(total(&c).unwrap(), first + 15 * above);
}

/// Evaluates the arithmetic the page prints: whole numbers (with or without comma grouping),
/// `+`, `×`, `²`, parentheses and square brackets. Anything else is an error.
fn eval(text: &str) -> Result<u128, String> {
    struct P<'a> {
        s: &'a [char],
        i: usize,
    }
    impl P<'_> {
        fn skip(&mut self) {
            while self.s.get(self.i) == Some(&' ') {
                self.i += 1;
            }
        }
        fn sum(&mut self) -> Result<u128, String> {
            let mut v = self.product()?;
            loop {
                self.skip();
                if self.s.get(self.i) == Some(&'+') {
                    self.i += 1;
                    v += self.product()?;
                } else {
                    return Ok(v);
                }
            }
        }
        fn product(&mut self) -> Result<u128, String> {
            let mut v = self.power()?;
            loop {
                self.skip();
                if self.s.get(self.i) == Some(&'×') {
                    self.i += 1;
                    v *= self.power()?;
                } else {
                    return Ok(v);
                }
            }
        }
        fn power(&mut self) -> Result<u128, String> {
            let v = self.atom()?;
            if self.s.get(self.i) == Some(&'²') {
                self.i += 1;
                return Ok(v * v);
            }
            Ok(v)
        }
        fn atom(&mut self) -> Result<u128, String> {
            self.skip();
            match self.s.get(self.i) {
                Some(&open @ ('(' | '[')) => {
                    self.i += 1;
                    let v = self.sum()?;
                    self.skip();
                    let close = if open == '(' { ')' } else { ']' };
                    if self.s.get(self.i) != Some(&close) {
                        return Err(format!("expected {close} at {}", self.i));
                    }
                    self.i += 1;
                    Ok(v)
                }
                Some(c) if c.is_ascii_digit() => {
                    let mut v: u128 = 0;
                    while let Some(c) = self.s.get(self.i) {
                        if let Some(d) = c.to_digit(10) {
                            v = v * 10 + u128::from(d);
                        } else if *c != ',' {
                            break;
                        }
                        self.i += 1;
                    }
                    Ok(v)
                }
                other => Err(format!("unexpected {other:?} at {}", self.i)),
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut p = P { s: &chars, i: 0 };
    let v = p.sum()?;
    p.skip();
    if p.i != chars.len() {
        return Err(format!("trailing text at {} in {text}", p.i));
    }
    Ok(v)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// What the page prints is arithmetic a reader can redo: the one-line formula, every step and
    /// every equivalent form evaluate, as written, to the number shown beside them.
    #[test]
    fn every_printed_expression_evaluates_to_its_value(c in config()) {
        let b = count(&c).unwrap();
        let a = arithmetic(&b);
        let (left, right) = a.summary.rsplit_once(" = ").unwrap();
        prop_assert_eq!(eval(left), Ok(u128::from(b.total)), "{}", a.summary);
        prop_assert_eq!(eval(right), Ok(u128::from(b.total)));
        // The block's terms are labelled ("W 256 × 4096 + U 256 × 256 + b 256"); the labels go.
        let unlabelled = |e: &str| e.split(' ').filter(|t| !t.starts_with(|c: char| c.is_alphabetic())).collect::<Vec<_>>().join(" ");
        for step in &a.steps {
            prop_assert_eq!(eval(&unlabelled(&step.expr)), Ok(u128::from(step.value)), "{}: {}", step.key, step.expr);
        }
        for term in &a.gates {
            prop_assert_eq!(eval(&unlabelled(&term.expr)), Ok(u128::from(term.value)), "{}", term.expr);
        }
        for form in &a.forms {
            prop_assert_eq!(eval(&form.numeric), Ok(u128::from(a.forms_target)), "{}", form.numeric);
        }
    }
}

proptest! {
    /// A slider move is clamped to the allowed stop nearest to where it was asked to go: the stop
    /// itself when allowed, else the first allowed stop on the way back toward the allowed range,
    /// and never a stop outside it. (The size controls rely on this instead of trying stops.)
    #[test]
    fn a_clamped_slider_move_stays_allowed_and_goes_as_far_as_it_may(
        top in 1u64..=1_048_576,
        low in 0u64..=1_048_576,
        span in 0u64..=1_048_576,
        target in 0usize..80,
    ) {
        use rnn_params_model::ladder::{clamp, stops};
        let ladder = stops(1, top);
        let allowed = (low, low.saturating_add(span));
        let inside = |v: u64| v >= allowed.0 && v <= allowed.1;
        match clamp(&ladder, target, allowed) {
            None => prop_assert!(ladder.iter().all(|&v| !inside(v))),
            Some(k) => {
                prop_assert!(inside(ladder[k]));
                let asked = target.min(ladder.len() - 1);
                // No allowed stop lies strictly between the asked one and the one reached.
                if k != asked {
                    prop_assert!(!inside(ladder[asked]));
                    let (a, b) = if k < asked { (k, asked) } else { (asked, k) };
                    prop_assert!(ladder[a + 1..b].iter().all(|&v| !inside(v)));
                }
            }
        }
    }
}
