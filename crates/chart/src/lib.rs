//! Scaling charts for rnn-params, drawn with plotters into SVG strings.
//!
//! The values come from `rnn_params_model::scaling`; this crate only draws them. It renders the
//! same way natively (tests) and in the browser, except that in the browser plotters measures label
//! text with the DOM, so label geometry differs slightly: tests check structure and values.
//!
//! plotters writes plain SVG elements. So that pages and tests can find them, each series line
//! gets `data-series="lstm"` (and a class), each composition area `data-part="recurrent"`, and the
//! current-configuration marker `data-testid="marker" data-x data-y`; every series and part has a
//! colour of its own, which is how the elements are recognised.

use plotters::coord::Shift;
use plotters::prelude::*;
use rnn_params_model::format::compact;
use rnn_params_model::scaling::Series;
use rnn_params_model::state::PlotAxis;
use rnn_params_model::{Cell, Parts, Role};

/// Colours for one theme, as RGB.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Axis labels and titles.
    pub text: (u8, u8, u8),
    /// The page behind the chart (drawn only into downloads).
    pub background: (u8, u8, u8),
    /// Grid lines.
    pub grid: (u8, u8, u8),
    /// Axis lines.
    pub axis: (u8, u8, u8),
    /// SimpleRNN, GRU, LSTM lines.
    pub cells: [(u8, u8, u8); 3],
    /// The current-configuration marker.
    pub marker: (u8, u8, u8),
    /// Input weights, recurrent weights, biases, projection areas.
    pub parts: [(u8, u8, u8); 4],
}

impl Palette {
    /// On a light background.
    pub const LIGHT: Palette = Palette {
        text: (0x1b, 0x1f, 0x24),
        background: (0xff, 0xff, 0xff),
        grid: (0xdd, 0xe2, 0xe8),
        axis: (0x54, 0x5d, 0x68),
        cells: [(0x6b, 0x72, 0x80), (0x0b, 0x5c, 0xad), (0xb8, 0x3e, 0x00)],
        marker: (0x1b, 0x1f, 0x24),
        parts: [(0x1f, 0x7f, 0xbf), (0xb8, 0x6e, 0x00), (0x6b, 0x72, 0x81), (0xb0, 0x4a, 0x8c)],
    };

    /// On a dark background.
    pub const DARK: Palette = Palette {
        text: (0xe8, 0xea, 0xed),
        background: (0x12, 0x14, 0x17),
        grid: (0x34, 0x3b, 0x45),
        axis: (0xa7, 0xb0, 0xba),
        cells: [(0xa7, 0xb0, 0xbb), (0x7c, 0xb8, 0xf2), (0xff, 0x9a, 0x5c)],
        marker: (0xff, 0xff, 0xff),
        parts: [(0x6c, 0xc0, 0xf5), (0xf0, 0xb3, 0x41), (0xa7, 0xb0, 0xbc), (0xe5, 0x9a, 0xc8)],
    };

    fn cell(&self, cell: Cell) -> RGBColor {
        let (r, g, b) = match cell {
            Cell::SimpleRnn => self.cells[0],
            Cell::Gru => self.cells[1],
            Cell::Lstm => self.cells[2],
        };
        RGBColor(r, g, b)
    }

    fn part(&self, role: Role) -> RGBColor {
        let i = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        let (r, g, b) = self.parts[i];
        RGBColor(r, g, b)
    }
}

fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Size and style of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartOptions {
    /// Width in SVG units (the SVG scales to its container).
    pub width: u32,
    /// Height in SVG units.
    pub height: u32,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Colours.
    pub palette: Palette,
}

/// What the x axis counts, for its title.
pub fn axis_title(axis: PlotAxis) -> &'static str {
    match axis {
        PlotAxis::Units => "units n",
        PlotAxis::Input => "input size m (features per step)",
        PlotAxis::Layers => "stacked layers L",
    }
}

/// Escapes text for an SVG text node.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Puts a `<title>` and a `<desc>` first inside the `<svg>` element, and makes it an image for
/// assistive technology labelled by them.
pub fn label(svg: &mut String, id: &str, title: &str, desc: &str) {
    if let Some(end) = svg.find('>') {
        let head = format!(
            " role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
            escape(title),
            escape(desc)
        );
        svg.replace_range(end..=end, &head);
    }
}

/// Paints the chart's background in `colour` (a downloaded chart is then readable in any viewer),
/// as the first thing drawn inside the `<svg>` element.
///
/// ```
/// let mut svg = String::from("<svg width=\"10\" height=\"10\"><line/></svg>");
/// rnn_params_chart::with_background(&mut svg, (255, 255, 255));
/// assert_eq!(svg, "<svg width=\"10\" height=\"10\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><line/></svg>");
/// ```
pub fn with_background(svg: &mut String, colour: (u8, u8, u8)) {
    if let Some(end) = svg.find('>') {
        svg.insert_str(end + 1, &format!("<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>", hex(rgb(colour))));
    }
}

/// Adds `attrs` to every element whose attribute `attr` equals `value` (e.g. `stroke="#B83E00"`).
fn tag(svg: &mut String, attr: &str, value: &str, attrs: &str) {
    let needle = format!("{attr}=\"{value}\"");
    *svg = svg.replace(&needle, &format!("{attrs} {needle}"));
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn font(size: u32, p: &Palette) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&rgb(p.text))
}

/// Draws the chart frame with `x` and `y` ranges and runs `draw` on it; returns plotters' error text.
fn frame<'a, Y, F>(
    root: &Area<'a>,
    axis: PlotAxis,
    x: (f64, f64),
    y: Y,
    o: &ChartOptions,
    y_title: &str,
    draw: F,
) -> Result<(), String>
where
    Y: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    Y::CoordDescType: plotters::coord::ranged1d::ValueFormatter<f64>,
    F: FnOnce(
        &mut ChartContext<'_, SVGBackend<'a>, Cartesian2d<plotters::coord::types::RangedCoordf64, Y::CoordDescType>>,
    ) -> Result<(), String>,
{
    let p = o.palette;
    let narrow = o.width < 480;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .margin_right(if narrow { 14 } else { 24 })
        .x_label_area_size(if narrow { 44 } else { 48 })
        .y_label_area_size(if narrow { 56 } else { 66 })
        .build_cartesian_2d(x.0..x.1, y)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(axis_title(axis))
        .y_desc(y_title)
        .x_labels(if narrow { 5 } else { 9 })
        .y_labels(if narrow { 5 } else { 8 })
        .x_label_formatter(&|v: &f64| compact(*v))
        .y_label_formatter(&|v: &f64| compact(*v))
        // plotters writes font-size as the given size / 1.24: these are 12–13 px on the page.
        .label_style(font(if narrow { 15 } else { 16 }, &p))
        .axis_desc_style(font(if narrow { 16 } else { 17 }, &p))
        .bold_line_style(rgb(p.grid))
        .light_line_style(TRANSPARENT)
        .axis_style(rgb(p.axis))
        .draw()
        .map_err(|e| e.to_string())?;
    draw(&mut chart)
}

/// Draws the series lines (the current cell last and thicker) and the marker.
fn draw_lines<Y>(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<plotters::coord::types::RangedCoordf64, Y>>,
    series: &[Series],
    current: Cell,
    marker: (u64, u64),
    p: &Palette,
) -> Result<(), String>
where
    Y: Ranged<ValueType = f64>,
{
    for s in series.iter().filter(|s| s.cell != current).chain(series.iter().filter(|s| s.cell == current)) {
        let color = p.cell(s.cell);
        let style = if s.cell == current { color.stroke_width(3) } else { color.mix(0.85).stroke_width(2) };
        chart
            .draw_series(LineSeries::new(s.points.iter().map(|pt| (pt.x as f64, pt.y as f64)), style))
            .map_err(|e| e.to_string())?;
    }
    chart
        .draw_series([Circle::new((marker.0 as f64, marker.1 as f64), 6, rgb(p.marker).stroke_width(3))])
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The x range drawn for `axis` given the plotted x values: from 0 (1 for layers) to the largest.
pub fn x_range(axis: PlotAxis, xs: impl IntoIterator<Item = u64>) -> Option<(f64, f64)> {
    let (lo, hi) = xs.into_iter().fold((u64::MAX, 0), |(lo, hi), x| (lo.min(x), hi.max(x)));
    (lo <= hi).then(|| {
        let start = if axis == PlotAxis::Layers { 1 } else { 0 };
        (start as f64, hi.max(lo + 1) as f64)
    })
}

/// The y range drawn for the plotted y values: from 0 to 5 % above the largest (linear), or from
/// half the smallest to twice the largest (logarithmic, never below 1).
pub fn y_range(log: bool, ys: impl IntoIterator<Item = u64>) -> Option<(f64, f64)> {
    let (lo, hi) = ys.into_iter().fold((u64::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
    (lo <= hi).then(|| {
        if log {
            ((lo.max(1) as f64 / 2.0).max(1.0), (hi.max(1) as f64) * 2.0)
        } else {
            (0.0, (hi.max(1) as f64) * 1.05)
        }
    })
}

/// Renders the three series (the `current` cell emphasised) and a marker at `marker` (x, y).
///
/// # Errors
/// plotters' error text, when drawing fails (it does not for the model's data).
///
/// ```
/// use rnn_params_chart::{scaling_svg, ChartOptions, Palette};
/// use rnn_params_model::{Config, Cell, scaling::series, state::PlotAxis};
/// let s = series(&Config::default(), PlotAxis::Units);
/// let o = ChartOptions { width: 640, height: 360, log_y: false, palette: Palette::LIGHT };
/// let svg = scaling_svg(&s, Cell::Lstm, (256, 4_457_472), PlotAxis::Units, &o).unwrap();
/// assert!(svg.contains("data-series=\"lstm\""));
/// assert!(svg.contains("data-x=\"256\" data-y=\"4457472\""));
/// ```
pub fn scaling_svg(
    series: &[Series],
    current: Cell,
    marker: (u64, u64),
    axis: PlotAxis,
    o: &ChartOptions,
) -> Result<String, String> {
    let x = x_range(axis, series.iter().flat_map(|s| s.points.iter().map(|p| p.x))).ok_or("nothing to plot")?;
    let ys = series.iter().flat_map(|s| s.points.iter().map(|p| p.y)).chain([marker.1]);
    let y = y_range(o.log_y, ys).ok_or("nothing to plot")?;
    let p = o.palette;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (o.width, o.height)).into_drawing_area();
        if o.log_y {
            frame(&root, axis, x, (y.0..y.1).log_scale(), o, "parameters (log scale)", |c| {
                draw_lines(c, series, current, marker, &p)
            })?;
        } else {
            frame(&root, axis, x, y.0..y.1, o, "parameters", |c| draw_lines(c, series, current, marker, &p))?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    for s in series {
        let emphasis = if s.cell == current { " series-current" } else { "" };
        let values: Vec<String> = s.points.iter().map(|pt| format!("{}:{}", pt.x, pt.y)).collect();
        let attrs =
            format!("data-series=\"{}\" data-values=\"{}\" class=\"series{emphasis}\"", s.cell.key(), values.join(" "));
        tag(&mut svg, "stroke", &hex(p.cell(s.cell)), &attrs);
    }
    tag(
        &mut svg,
        "stroke",
        &hex(rgb(p.marker)),
        &format!("data-testid=\"marker\" data-x=\"{}\" data-y=\"{}\"", marker.0, marker.1),
    );
    Ok(svg)
}

/// Renders the split of the count by role (stacked areas, bottom to top: input weights, recurrent
/// weights, biases, projection) at each x.
///
/// # Errors
/// plotters' error text, when drawing fails.
pub fn composition_svg(points: &[(u64, Parts)], axis: PlotAxis, o: &ChartOptions) -> Result<String, String> {
    let x = x_range(axis, points.iter().map(|(x, _)| *x)).ok_or("nothing to plot")?;
    let y = y_range(false, points.iter().map(|(_, p)| p.total())).ok_or("nothing to plot")?;
    let bar_half_width = ((x.1 - x.0) / 80.0).max(0.5);
    let p = o.palette;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (o.width, o.height)).into_drawing_area();
        frame(&root, axis, x, y.0..y.1, o, "parameters", |chart| {
            // Each area is the running sum up to its role, drawn top first so lower ones stay visible.
            let roles: Vec<Role> =
                Role::ALL.into_iter().filter(|r| points.iter().any(|(_, p)| p.get(*r) > 0)).collect();
            for k in (0..roles.len()).rev() {
                let color = p.part(roles[k]);
                let upto = |parts: &Parts| roles[..=k].iter().map(|r| parts.get(*r)).sum::<u64>() as f64;
                if let [(x, parts)] = points {
                    // A single valid x (the others refused, e.g. a projection just below n) has no
                    // area: it is drawn as a stacked bar.
                    let (x, h) = (*x as f64, bar_half_width);
                    chart
                        .draw_series([Rectangle::new([(x - h, 0.0), (x + h, upto(parts))], color.mix(0.85).filled())])
                        .map_err(|e| e.to_string())?;
                    continue;
                }
                chart
                    .draw_series(AreaSeries::new(
                        points.iter().map(|(x, parts)| (*x as f64, upto(parts))),
                        0.0,
                        color.mix(0.85),
                    ))
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })?;
        root.present().map_err(|e| e.to_string())?;
    }
    for role in Role::ALL {
        tag(&mut svg, "fill", &hex(p.part(role)), &format!("data-part=\"{}\" class=\"part\"", role.key()));
    }
    Ok(svg)
}
