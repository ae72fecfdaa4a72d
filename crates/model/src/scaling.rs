//! How the count scales: series over units, input size or layers, and the split by role.
//!
//! Every value here comes from [`crate::count::total`] or [`crate::count::parts`]; there is no
//! second formula. The count is linear in the input size m, quadratic in the units n (the recurrent
//! weights are n × n per block) and linear in the number of layers.

use crate::bounds::{Layers, ProjSize, Size};
use crate::cell::Cell;
use crate::config::Config;
use crate::count::{parts, total, Parts, Role};
use crate::format::{grouped, input_features, percent};

/// What the scaling plot puts on its x axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlotAxis {
    /// Units n (the count is quadratic in n).
    Units,
    /// Input size m (the count is linear in m).
    Input,
    /// Stacked layers L.
    Layers,
}

/// The charts' scale (both charts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Linear axes.
    Linear,
    /// Logarithmic y.
    Log,
    /// Logarithmic x and y: a power law n^k is a straight line of slope k.
    LogLog,
}

impl Scale {
    /// Whether the y axis is logarithmic.
    pub const fn log_y(self) -> bool {
        matches!(self, Scale::Log | Scale::LogLog)
    }

    /// Whether the x axis is logarithmic.
    pub const fn log_x(self) -> bool {
        matches!(self, Scale::LogLog)
    }

    /// What a caption says about the axes: "", " · logarithmic y axis", " · logarithmic axes".
    pub const fn caption(self) -> &'static str {
        match self {
            Scale::Linear => "",
            Scale::Log => " · logarithmic y axis",
            Scale::LogLog => " · logarithmic axes (log-log)",
        }
    }
}

/// One point of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Point {
    /// The x value (units, input size or layers).
    pub x: u64,
    /// The count there.
    pub y: u64,
}

/// The count of one cell type as x varies, all other settings as in the configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The cell.
    pub cell: Cell,
    /// The points, by increasing x. Points the framework would refuse (units ≤ proj_size) are absent.
    pub points: Vec<Point>,
}

/// How many points a series has along units or input size (plus the current value).
pub const POINTS: u64 = 32;

/// The current x of the configuration on `axis`.
pub fn current_x(config: &Config, axis: PlotAxis) -> u64 {
    match axis {
        PlotAxis::Units => config.units.wide(),
        PlotAxis::Input => config.input_size.wide(),
        PlotAxis::Layers => config.layers.wide(),
    }
}

/// The x values plotted: for units and input size, evenly spaced up to the power of two at or
/// above four times the current value (for units, at least the input size; in all, at least 64 and
/// at most 1,048,576), plus 1 and the current value; for layers, 1 to 16.
///
/// ```
/// use rnn_params_model::{Config, scaling::x_values, state::PlotAxis};
/// let xs = x_values(&Config::default(), PlotAxis::Units); // n = 256
/// assert_eq!(*xs.last().unwrap(), 4096); // up to m = 4096
/// assert_eq!(*x_values(&Config::default(), PlotAxis::Input).last().unwrap(), 16384);
/// assert!(xs.contains(&256));
/// assert_eq!(x_values(&Config::default(), PlotAxis::Layers), (1..=16).collect::<Vec<_>>());
/// ```
pub fn x_values(config: &Config, axis: PlotAxis) -> Vec<u64> {
    x_values_on(config, axis, Scale::Linear)
}

/// [`x_values`] for `scale`: on a logarithmic x axis, also every power of two up to the largest,
/// so that the points are spread along the whole axis, not bunched at its right end.
///
/// ```
/// use rnn_params_model::{Config, scaling::{x_values, x_values_on, Scale}, state::PlotAxis};
/// let log = x_values_on(&Config::default(), PlotAxis::Units, Scale::LogLog);
/// assert!([1, 2, 4, 8, 16, 32, 64].iter().all(|x| log.contains(x)));
/// assert!(x_values(&Config::default(), PlotAxis::Units).iter().all(|x| log.contains(x)));
/// ```
pub fn x_values_on(config: &Config, axis: PlotAxis, scale: Scale) -> Vec<u64> {
    let mut xs = linear_x_values(config, axis);
    if scale.log_x() {
        let top = xs.last().copied().unwrap_or(1);
        xs.extend((0..64).map(|k| 1u64 << k).take_while(|x| *x <= top));
        xs.sort_unstable();
        xs.dedup();
    }
    xs
}

fn linear_x_values(config: &Config, axis: PlotAxis) -> Vec<u64> {
    if axis == PlotAxis::Layers {
        return (u64::from(Layers::MIN)..=u64::from(Layers::MAX)).collect();
    }
    let current = current_x(config, axis);
    // Along units, reach at least the input size, where the recurrent weights catch up with the
    // input weights and the curve visibly bends.
    let reach = match axis {
        PlotAxis::Units => current.saturating_mul(4).max(config.input_size.wide()),
        _ => current.saturating_mul(4),
    };
    let top = reach.next_power_of_two().clamp(64, u64::from(Size::MAX));
    let mut xs: Vec<u64> = (1..=POINTS).map(|i| (top * i).div_ceil(POINTS)).collect();
    xs.push(current);
    xs.push(1);
    xs.sort_unstable();
    xs.dedup();
    xs
}

/// `config` with `axis` set to `x`, and with the cell changed to `cell` (dropping a projection the
/// cell cannot have). `None` when x is out of range.
fn at(config: &Config, cell: Cell, axis: PlotAxis, x: u64) -> Option<Config> {
    let mut c = Config { cell, ..*config };
    if !c.allows_projection() {
        c.proj_size = ProjSize::NONE;
    }
    match axis {
        PlotAxis::Units => c.units = Size::new(x).ok()?,
        PlotAxis::Input => c.input_size = Size::new(x).ok()?,
        PlotAxis::Layers => c.layers = Layers::new(x).ok()?,
    }
    Some(c)
}

/// The three series (SimpleRNN, GRU, LSTM) along `axis` for the configuration's other settings.
///
/// ```
/// use rnn_params_model::{Cell, Config, scaling::series, state::PlotAxis};
/// let s = series(&Config::default(), PlotAxis::Units);
/// let lstm = s.iter().find(|s| s.cell == Cell::Lstm).unwrap();
/// assert!(lstm.points.iter().any(|p| p.x == 256 && p.y == 4_457_472));
/// ```
pub fn series(config: &Config, axis: PlotAxis) -> Vec<Series> {
    series_on(config, axis, Scale::Linear)
}

/// [`series`] at the x values plotted for `scale` ([`x_values_on`]).
pub fn series_on(config: &Config, axis: PlotAxis, scale: Scale) -> Vec<Series> {
    let xs = x_values_on(config, axis, scale);
    Cell::ALL
        .into_iter()
        .map(|cell| Series {
            cell,
            points: xs
                .iter()
                .filter_map(|&x| at(config, cell, axis, x).and_then(|c| total(&c).ok()).map(|y| Point { x, y }))
                .collect(),
        })
        .collect()
}

/// The configuration's own cell split by role at each x: input weights, recurrent weights, biases
/// and projection.
pub fn composition(config: &Config, axis: PlotAxis) -> Vec<(u64, Parts)> {
    composition_on(config, axis, Scale::Linear)
}

/// [`composition`] at the x values plotted for `scale` ([`x_values_on`]).
pub fn composition_on(config: &Config, axis: PlotAxis, scale: Scale) -> Vec<(u64, Parts)> {
    x_values_on(config, axis, scale)
        .into_iter()
        .filter_map(|x| at(config, config.cell, axis, x).and_then(|c| parts(&c).ok()).map(|p| (x, p)))
        .collect()
}

/// One sentence, computed from the current numbers, about which part dominates as the layer grows.
///
/// ```
/// use rnn_params_model::{Config, scaling::sentence, state::PlotAxis};
/// assert_eq!(
///     sentence(&Config::default(), PlotAxis::Units),
///     "At 256 units the recurrent weights are 5.9 % of the count; at 4,096 units they are 50 %: \
///      they grow with n², the input weights only with n."
/// );
/// ```
pub fn sentence(config: &Config, axis: PlotAxis) -> String {
    let share = |c: &Config, role: Role| parts(c).map(|p| percent(p.get(role), p.total())).unwrap_or_default();
    match axis {
        PlotAxis::Units if config.projection().is_some() => {
            let n = config.units.wide();
            let p = config.recurrent_width();
            format!(
                "At {} units the recurrent weights are {} of the count: with a projection each block's \
                 recurrent matrix is n × p (p = {p}), so they grow with n like the input weights, not with n².",
                grouped(n),
                share(config, Role::RecurrentWeights)
            )
        }
        PlotAxis::Units => {
            let n = config.units.wide();
            let m = config.input_size.wide();
            // Compare with where the recurrent weights catch up (n = m), or with a wider layer, or,
            // at the top of the range, with a narrower one.
            let n2 = if m > n {
                m
            } else if n.saturating_mul(4) <= u64::from(Size::MAX) {
                n * 4
            } else {
                (n / 16).max(1)
            };
            let other = at(config, config.cell, axis, n2).unwrap_or(*config);
            // Always from the narrower layer to the wider one, so "they grow" reads forwards.
            let (small, large) = if n2 > n { ((n, config), (n2, &other)) } else { ((n2, &other), (n, config)) };
            format!(
                "At {} units the recurrent weights are {} of the count; at {} units they are {}: \
                 they grow with n², the input weights only with n.",
                grouped(small.0),
                share(small.1, Role::RecurrentWeights),
                grouped(large.0),
                share(large.1, Role::RecurrentWeights)
            )
        }
        PlotAxis::Input => {
            let m = config.input_size.wide();
            // Compare with the right end of the plotted range (or, at the top of the bounds, a narrower
            // input), so that the sentence speaks of a point on the chart.
            let top = x_values(config, axis).last().copied().unwrap_or(m);
            let m2 = if top > m { top } else { (m / 16).max(1) };
            let other = at(config, config.cell, axis, m2).unwrap_or(*config);
            let (small, large) = if m2 > m { ((m, config), (m2, &other)) } else { ((m2, &other), (m, config)) };
            format!(
                "At {} input features the input weights are {} of the count; at {} they are {}: \
                 the count grows linearly in m.",
                grouped(small.0),
                share(small.1, Role::InputWeights),
                grouped(large.0),
                share(large.1, Role::InputWeights)
            )
        }
        PlotAxis::Layers => {
            let one = at(config, config.cell, axis, 1).and_then(|c| total(&c).ok()).unwrap_or(0);
            let two = at(config, config.cell, axis, 2).and_then(|c| total(&c).ok()).unwrap_or(0);
            format!(
                "The first layer has {} parameters and each further layer adds {} (it sees {}): \
                 the count grows linearly in L.",
                grouped(one),
                grouped(two.saturating_sub(one)),
                input_features(config.input_size_of_layer(1))
            )
        }
    }
}

/// The series as CSV: a header (`units n,SimpleRNN,GRU,LSTM`) and one row per x, with an empty
/// field where the framework refuses that point.
///
/// ```
/// use rnn_params_model::{Config, scaling::{csv, series}, state::PlotAxis};
/// let text = csv(&series(&Config::default(), PlotAxis::Layers), PlotAxis::Layers);
/// assert!(text.starts_with("layers L,SimpleRNN,GRU,LSTM\n1,1114368,3343872,4457472\n"));
/// assert_eq!(text.lines().count(), 17);
/// ```
pub fn csv(series: &[Series], axis: PlotAxis) -> String {
    let name = match axis {
        PlotAxis::Units => "units n",
        PlotAxis::Input => "input size m",
        PlotAxis::Layers => "layers L",
    };
    let mut xs: Vec<u64> = series.iter().flat_map(|s| s.points.iter().map(|p| p.x)).collect();
    xs.sort_unstable();
    xs.dedup();
    let mut out = String::from(name);
    for s in series {
        out.push(',');
        out.push_str(s.cell.label());
    }
    out.push('\n');
    for x in xs {
        out.push_str(&x.to_string());
        for s in series {
            out.push(',');
            if let Some(p) = s.points.iter().find(|p| p.x == x) {
                out.push_str(&p.y.to_string());
            }
        }
        out.push('\n');
    }
    out
}

/// `csv` with its title and configuration on the first lines, each starting with `# ` (pandas
/// reads it with `comment="#"`; a spreadsheet shows them as the first rows). The header row names
/// the columns, so it is the legend.
///
/// ```
/// use rnn_params_model::scaling::captioned;
/// assert_eq!(captioned("Parameters against units n", "Keras LSTM(256)", "units n,LSTM\n"),
///     "# Parameters against units n\n# Keras LSTM(256)\nunits n,LSTM\n");
/// ```
pub fn captioned(title: &str, configuration: &str, csv: &str) -> String {
    let line = |t: &str| t.replace(['\n', '\r'], " ");
    format!("# {}\n# {}\n{csv}", line(title), line(configuration))
}

/// The composition as CSV: a header (`units n,input weights,recurrent weights,…,total`) with the
/// parts present at some x, and one row per x.
///
/// ```
/// use rnn_params_model::{Config, scaling::{composition, composition_csv}, state::PlotAxis};
/// let text = composition_csv(&composition(&Config::default(), PlotAxis::Layers), PlotAxis::Layers);
/// assert!(text.starts_with("layers L,input weights,recurrent weights,biases,total\n1,4194304,262144,1024,4457472\n"));
/// ```
pub fn composition_csv(points: &[(u64, Parts)], axis: PlotAxis) -> String {
    let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| points.iter().any(|(_, p)| p.get(*r) > 0)).collect();
    let mut out = String::from(axis_name(axis));
    for r in &roles {
        out.push(',');
        out.push_str(r.label());
    }
    out.push_str(",total\n");
    for (x, p) in points {
        out.push_str(&x.to_string());
        for r in &roles {
            out.push(',');
            out.push_str(&p.get(*r).to_string());
        }
        out.push_str(&format!(",{}\n", p.total()));
    }
    out
}

fn axis_name(axis: PlotAxis) -> &'static str {
    match axis {
        PlotAxis::Units => "units n",
        PlotAxis::Input => "input size m",
        PlotAxis::Layers => "layers L",
    }
}

/// The file name of a chart or data download, from the state: what it shows, the layer and the
/// axis, e.g. `rnn-params-scaling-keras-lstm-m4096-n256-by-units.svg`. Only ASCII letters, digits
/// and dashes before the extension.
///
/// ```
/// use rnn_params_model::{Config, scaling::{file_name, PlotAxis}};
/// assert_eq!(file_name("scaling", &Config::default(), PlotAxis::Units, "svg"), "rnn-params-scaling-keras-lstm-m4096-n256-by-units.svg");
/// ```
pub fn file_name(chart: &str, config: &Config, axis: PlotAxis, extension: &str) -> String {
    let mut s = format!(
        "rnn-params-{chart}-{}-{}-m{}-n{}",
        config.framework.key(),
        config.cell.key(),
        config.input_size,
        config.units
    );
    if config.bidirectional {
        s.push_str("-bi");
    }
    if config.layers.get() > 1 {
        s.push_str(&format!("-L{}", config.layers));
    }
    if let Some(p) = config.projection() {
        s.push_str(&format!("-p{p}"));
    }
    if !config.bias {
        s.push_str("-nobias");
    }
    let by = match axis {
        PlotAxis::Units => "units",
        PlotAxis::Input => "input",
        PlotAxis::Layers => "layers",
    };
    format!("{s}-by-{by}.{extension}")
}
