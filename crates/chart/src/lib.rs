//! Scaling charts for rnn-params, drawn with plotters into SVG strings.
//!
//! The values come from `rnn_params_model::scaling`; this crate only draws them. It renders the
//! same way natively (tests) and in the browser, except that in the browser plotters measures label
//! text with the DOM, so label geometry differs slightly: tests check structure and values.
//!
//! plotters draws each chart's frame (axes, grid, ticks, labels). The series lines, composition
//! areas and the marker are not plotters' elements: their positions come from the same plotters
//! coordinate mapping as the frame ([`ScalingDrawing`], [`CompositionDrawing`]), so a page can keep
//! them as long-lived elements and update their `points` and positions, and redraw the frame only
//! when it changes. [`scaling_svg`] and [`composition_svg`] assemble the whole chart as one SVG
//! string (downloads, tests): each series line carries `data-series="lstm"` (and a class), each
//! composition area `data-part="recurrent"`, the marker `data-testid="marker" data-x data-y`.

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use rnn_params_model::format::compact;
use rnn_params_model::scaling::PlotAxis;
use rnn_params_model::scaling::Series;
use rnn_params_model::{Cell, Parts, Role};

/// Colours for one theme, as RGB. The cells' and the parts' colours differ from one another and
/// from the gates' colours of the page's stylesheet (an e2e test measures them in both themes),
/// so that a colour never means two things.
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
        cells: [(0x54, 0x40, 0x52), (0x79, 0x4d, 0xb6), (0x99, 0x21, 0x54)],
        marker: (0x1b, 0x1f, 0x24),
        parts: [(0x39, 0x50, 0x1e), (0x7a, 0x2a, 0x06), (0x70, 0x63, 0x7b), (0x00, 0x68, 0x7f)],
    };

    /// On a dark background.
    pub const DARK: Palette = Palette {
        text: (0xe8, 0xea, 0xed),
        background: (0x12, 0x14, 0x17),
        grid: (0x34, 0x3b, 0x45),
        axis: (0xa7, 0xb0, 0xba),
        cells: [(0xd8, 0xc8, 0xb0), (0xa2, 0x78, 0xe4), (0xe1, 0x62, 0x7c)],
        marker: (0xff, 0xff, 0xff),
        parts: [(0x98, 0xb2, 0x24), (0xc0, 0x8a, 0x5a), (0x9a, 0xa3, 0xad), (0x01, 0xa2, 0xc5)],
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
    /// Logarithmic x axis (log-log with `log_y`).
    pub log_x: bool,
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

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn font(size: u32, p: &Palette) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&rgb(p.text))
}

/// Draws the chart frame with `x` and `y` ranges and runs `draw` on it; returns plotters' error text.
fn frame<'a, X, Y, F>(
    root: &Area<'a>,
    x: X,
    y: Y,
    o: &ChartOptions,
    x_title: &str,
    y_title: &str,
    draw: F,
) -> Result<(), String>
where
    X: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    X::CoordDescType: plotters::coord::ranged1d::ValueFormatter<f64>,
    Y: plotters::coord::ranged1d::AsRangedCoord<Value = f64>,
    Y::CoordDescType: plotters::coord::ranged1d::ValueFormatter<f64>,
    F: FnOnce(
        &mut ChartContext<'_, SVGBackend<'a>, Cartesian2d<X::CoordDescType, Y::CoordDescType>>,
    ) -> Result<(), String>,
{
    let p = o.palette;
    let narrow = o.width < 480;
    let mut chart = ChartBuilder::on(root)
        .margin(10)
        .margin_right(if narrow { 14 } else { 24 })
        .x_label_area_size(if narrow { 44 } else { 48 })
        .y_label_area_size(if narrow { 56 } else { 66 })
        .build_cartesian_2d(x, y)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc(x_title)
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

/// The x range drawn for `axis` given the plotted x values: from 0 (1 for layers) to the largest.
pub fn x_range(axis: PlotAxis, xs: impl IntoIterator<Item = u64>) -> Option<(f64, f64)> {
    x_range_on(axis, xs, false)
}

/// [`x_range`], or on a logarithmic x axis from the smallest x (at least 1) to the largest.
pub fn x_range_on(axis: PlotAxis, xs: impl IntoIterator<Item = u64>, log: bool) -> Option<(f64, f64)> {
    let (lo, hi) = xs.into_iter().fold((u64::MAX, 0), |(lo, hi), x| (lo.min(x), hi.max(x)));
    (lo <= hi).then(|| {
        let start = if log {
            lo.max(1)
        } else if axis == PlotAxis::Layers {
            1
        } else {
            0
        };
        (start as f64, hi.max(start + 1) as f64)
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

/// How one series line is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The cell whose count the line follows.
    pub cell: Cell,
    /// The SVG `points` attribute: one `x,y` vertex per point, in the chart's pixels.
    pub points: String,
    /// The plotted values as `x:y` pairs (`data-values`), for tests and scripts.
    pub values: String,
    /// The stroke colour, `#RRGGBB`.
    pub stroke: String,
    /// The stroke width in pixels (the current cell's is thicker).
    pub width: u32,
    /// The stroke opacity (the other cells are slightly faded).
    pub opacity: &'static str,
    /// Whether this is the current configuration's cell.
    pub current: bool,
}

/// The scaling chart in parts: the frame plotters drew, and where the lines and the marker go.
#[derive(Clone, Debug, PartialEq)]
pub struct ScalingDrawing {
    /// The SVG elements of the frame (no outer `<svg>`): axes, grid, ticks and labels.
    pub frame: String,
    /// One line per cell, the current cell last (drawn on top).
    pub lines: Vec<Line>,
    /// The marker's centre in pixels (sub-pixel).
    pub marker: (f64, f64),
    /// The marker's stroke colour, `#RRGGBB`.
    pub marker_stroke: String,
}

/// One stacked area of the composition chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaShape {
    /// The part of the count (input weights, recurrent weights, biases, projection).
    pub role: Role,
    /// The SVG `points` of its polygon, in the chart's pixels: from 0 up to the running sum up to
    /// this part (a bar when only one x is valid).
    pub points: String,
    /// The fill colour, `#RRGGBB`.
    pub fill: String,
}

/// The composition chart in parts: the frame plotters drew and the areas, top part first (drawn
/// first, so the lower ones stay visible).
#[derive(Clone, Debug, PartialEq)]
pub struct CompositionDrawing {
    /// The SVG elements of the frame (no outer `<svg>`).
    pub frame: String,
    /// The areas, top part first.
    pub areas: Vec<AreaShape>,
    /// The current configuration: a vertical line at its x, from the axis (x, bottom) to its
    /// count (x, top), in pixels (sub-pixel).
    pub current: Option<(f64, f64, f64)>,
}

/// The SVG between plotters' outer `<svg …>` and `</svg>`.
fn inner(svg: &str) -> String {
    let start = svg.find('>').map_or(0, |i| i + 1);
    let end = svg.rfind("</svg>").unwrap_or(svg.len()).max(start);
    svg[start..end].to_owned()
}

/// A pixel coordinate with two decimals, trailing zeros dropped: `12.5`, `40`.
pub fn px(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

fn join_points(points: impl Iterator<Item = (f64, f64)>) -> String {
    points.map(|(x, y)| format!("{},{}", px(x), px(y))).collect::<Vec<_>>().join(" ")
}

/// What fixes a chart's frame: the axis, the data ranges and the options. Two equal specs draw the
/// same frame, so a page redraws the frame only when its spec changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameSpec {
    /// What the x axis counts.
    pub axis: PlotAxis,
    /// The x range drawn.
    pub x: (f64, f64),
    /// The y range drawn.
    pub y: (f64, f64),
    /// Size, scale and colours (`log_y` as drawn).
    pub options: ChartOptions,
}

/// plotters' coordinate mapping of a drawn frame: the data ranges and the pixels their ends fall
/// on. [`Mapping::place`] builds plotters' own `Cartesian2d` from them, so a point placed later
/// lands exactly where plotters would have drawn it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    x: (f64, f64),
    y: (f64, f64),
    /// Logarithmic x.
    pub log_x: bool,
    log_y: bool,
    back_x: (i32, i32),
    back_y: (i32, i32),
}

/// How many steps per pixel [`Mapping::place`] resolves: plotters maps onto whole backend pixels,
/// so the mapping is applied to pixels this much finer and divided back (curves are not kinked
/// by rounding every vertex to a whole pixel).
pub const SUBPIXELS: i32 = 64;

impl Mapping {
    /// The pixel position of the data point (x, y), as plotters maps it, to 1/[`SUBPIXELS`] of a
    /// pixel.
    pub fn place(&self, x: f64, y: f64) -> (f64, f64) {
        let k = SUBPIXELS;
        let pixels = (self.back_x.0 * k..self.back_x.1 * k, self.back_y.0 * k..self.back_y.1 * k);
        let (xs, ys) = (self.x.0..self.x.1, self.y.0..self.y.1);
        let (px, py) = match (self.log_x, self.log_y) {
            (false, false) => {
                let c: Cartesian2d<RangedCoordf64, RangedCoordf64> = Cartesian2d::new(xs, ys, pixels);
                c.translate(&(x, y))
            }
            (false, true) => {
                let c: Cartesian2d<RangedCoordf64, LogCoord<f64>> = Cartesian2d::new(xs, ys.log_scale(), pixels);
                c.translate(&(x, y))
            }
            (true, false) => {
                let c: Cartesian2d<LogCoord<f64>, RangedCoordf64> = Cartesian2d::new(xs.log_scale(), ys, pixels);
                c.translate(&(x, y))
            }
            (true, true) => {
                let c: Cartesian2d<LogCoord<f64>, LogCoord<f64>> =
                    Cartesian2d::new(xs.log_scale(), ys.log_scale(), pixels);
                c.translate(&(x, y))
            }
        };
        (f64::from(px) / f64::from(k), f64::from(py) / f64::from(k))
    }

    /// The y the areas stand on: 0, or the bottom of a logarithmic axis.
    pub fn floor(&self) -> f64 {
        if self.log_y {
            self.y.0
        } else {
            0.0
        }
    }
}

/// A drawn frame: plotters' SVG elements (no outer `<svg>`) and its mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Axes, grid, ticks and labels.
    pub svg: String,
    /// Where data points go.
    pub mapping: Mapping,
}

/// The frame spec of the scaling chart: ranges that hold every series point and the marker.
pub fn scaling_spec(series: &[Series], marker: (u64, u64), axis: PlotAxis, o: &ChartOptions) -> Option<FrameSpec> {
    let x = x_range_on(axis, series.iter().flat_map(|s| s.points.iter().map(|p| p.x)), o.log_x)?;
    let y = y_range(o.log_y, series.iter().flat_map(|s| s.points.iter().map(|p| p.y)).chain([marker.1]))?;
    Some(FrameSpec { axis, x, y, options: *o })
}

/// The frame spec of the composition chart, on the same scale as the scaling chart: its y range
/// holds the top of every area (on a logarithmic axis, the lowest area's top as well).
pub fn composition_spec(points: &[(u64, Parts)], axis: PlotAxis, o: &ChartOptions) -> Option<FrameSpec> {
    let x = x_range_on(axis, points.iter().map(|(x, _)| *x), o.log_x)?;
    let tops = points.iter().flat_map(|(_, p)| {
        Role::ALL.into_iter().scan(0, move |sum, r| {
            *sum += p.get(r);
            Some(*sum)
        })
    });
    let y = y_range(o.log_y, tops.filter(|v| *v > 0))?;
    Some(FrameSpec { axis, x, y, options: *o })
}

/// Draws a frame with plotters: axes, grid, ticks and labels for `spec`, and its mapping.
///
/// # Errors
/// plotters' error text.
///
/// ```
/// use rnn_params_chart::{draw_frame, scaling_spec, ChartOptions, Palette};
/// use rnn_params_model::{Config, scaling::{series, PlotAxis}};
/// let s = series(&Config::default(), PlotAxis::Units);
/// let o = ChartOptions { width: 640, height: 360, log_y: false, log_x: false, palette: Palette::LIGHT };
/// let frame = draw_frame(&scaling_spec(&s, (256, 4_457_472), PlotAxis::Units, &o).unwrap()).unwrap();
/// let (left, bottom) = frame.mapping.place(0.0, 0.0);
/// let (right, top) = frame.mapping.place(4096.0, 4_457_472.0);
/// assert!(left < right && top < bottom);
/// ```
pub fn draw_frame(spec: &FrameSpec) -> Result<Frame, String> {
    let o = &spec.options;
    let (x, y) = (spec.x, spec.y);
    let mut back = ((0, 0), (0, 0));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (o.width, o.height)).into_drawing_area();
        let mut ends = |corner: &dyn Fn(f64, f64) -> (i32, i32)| {
            let (a, b) = (corner(x.0, y.0), corner(x.1, y.1));
            back = ((a.0, b.0), (a.1, b.1));
            Ok(())
        };
        let x_title =
            if o.log_x { format!("{} (log scale)", axis_title(spec.axis)) } else { axis_title(spec.axis).to_owned() };
        let y_title = if o.log_y { "parameters (log scale)" } else { "parameters" };
        let (xr, yr) = (x.0..x.1, y.0..y.1);
        match (o.log_x, o.log_y) {
            (false, false) => frame(&root, xr, yr, o, &x_title, y_title, |c| ends(&|a, b| c.backend_coord(&(a, b))))?,
            (false, true) => {
                frame(&root, xr, yr.log_scale(), o, &x_title, y_title, |c| ends(&|a, b| c.backend_coord(&(a, b))))?
            }
            (true, false) => {
                frame(&root, xr.log_scale(), yr, o, &x_title, y_title, |c| ends(&|a, b| c.backend_coord(&(a, b))))?
            }
            (true, true) => frame(&root, xr.log_scale(), yr.log_scale(), o, &x_title, y_title, |c| {
                ends(&|a, b| c.backend_coord(&(a, b)))
            })?,
        }
        root.present().map_err(|e| e.to_string())?;
    }
    let mapping = Mapping { x, y, log_x: o.log_x, log_y: o.log_y, back_x: back.0, back_y: back.1 };
    Ok(Frame { svg: inner(&svg), mapping })
}

/// The three series lines placed with `mapping`, the `current` cell last (drawn on top) and
/// emphasised.
pub fn lines(series: &[Series], current: Cell, mapping: &Mapping, p: &Palette) -> Vec<Line> {
    let ordered = series.iter().filter(|s| s.cell != current).chain(series.iter().filter(|s| s.cell == current));
    ordered
        .map(|s| {
            let is_current = s.cell == current;
            Line {
                cell: s.cell,
                points: join_points(s.points.iter().map(|pt| mapping.place(pt.x as f64, pt.y as f64))),
                values: s.points.iter().map(|pt| format!("{}:{}", pt.x, pt.y)).collect::<Vec<_>>().join(" "),
                stroke: hex(p.cell(s.cell)),
                width: if is_current { 3 } else { 2 },
                opacity: if is_current { "1" } else { "0.85" },
                current: is_current,
            }
        })
        .collect()
}

/// The composition's stacked areas placed with `mapping`, top part first (drawn first, so the
/// lower ones stay visible); a single valid x is drawn as a stacked bar.
pub fn areas(points: &[(u64, Parts)], mapping: &Mapping, x_span: (f64, f64), p: &Palette) -> Vec<AreaShape> {
    let bar_half_width = ((x_span.1 - x_span.0) / 80.0).max(0.5);
    let roles: Vec<Role> = Role::ALL.into_iter().filter(|r| points.iter().any(|(_, p)| p.get(*r) > 0)).collect();
    let to = |a: f64, b: f64| mapping.place(a, b);
    let floor = mapping.floor();
    (0..roles.len())
        .rev()
        .map(|k| {
            let upto = |parts: &Parts| roles[..=k].iter().map(|r| parts.get(*r)).sum::<u64>() as f64;
            let outline: Vec<(f64, f64)> = if let [(x, parts)] = points {
                // A single valid x (the others refused, e.g. a projection just below n) has no
                // area: it is drawn as a stacked bar.
                let (x, h, top) = (*x as f64, bar_half_width, upto(parts));
                let (left, right) = if mapping.log_x { (x / 1.05, x * 1.05) } else { (x - h, x + h) };
                vec![to(left, floor), to(left, top), to(right, top), to(right, floor)]
            } else {
                let first = points.first().map_or(0.0, |(x, _)| *x as f64);
                let last = points.last().map_or(0.0, |(x, _)| *x as f64);
                std::iter::once(to(first, floor))
                    .chain(points.iter().map(|(x, parts)| to(*x as f64, upto(parts).max(floor))))
                    .chain(std::iter::once(to(last, floor)))
                    .collect()
            };
            AreaShape { role: roles[k], points: join_points(outline.into_iter()), fill: hex(p.part(roles[k])) }
        })
        .collect()
}

/// The marker's stroke colour, `#RRGGBB`.
pub fn marker_stroke(p: &Palette) -> String {
    hex(rgb(p.marker))
}

/// Draws the scaling chart's frame with plotters and places the three series (the `current` cell
/// emphasised, drawn last) and a marker at `marker` (x, y) with the same coordinate mapping.
///
/// # Errors
/// plotters' error text, or "nothing to plot" for empty series.
///
/// ```
/// use rnn_params_chart::{scaling_drawing, ChartOptions, Palette};
/// use rnn_params_model::{Config, Cell, scaling::{series, PlotAxis}};
/// let s = series(&Config::default(), PlotAxis::Units);
/// let o = ChartOptions { width: 640, height: 360, log_y: false, log_x: false, palette: Palette::LIGHT };
/// let d = scaling_drawing(&s, Cell::Lstm, (256, 4_457_472), PlotAxis::Units, &o).unwrap();
/// assert_eq!(d.lines.last().unwrap().cell, Cell::Lstm);
/// assert!(!d.frame.contains("<svg"));
/// ```
pub fn scaling_drawing(
    series: &[Series],
    current: Cell,
    marker: (u64, u64),
    axis: PlotAxis,
    o: &ChartOptions,
) -> Result<ScalingDrawing, String> {
    let spec = scaling_spec(series, marker, axis, o).ok_or("nothing to plot")?;
    let f = draw_frame(&spec)?;
    Ok(ScalingDrawing {
        lines: lines(series, current, &f.mapping, &o.palette),
        marker: f.mapping.place(marker.0 as f64, marker.1 as f64),
        marker_stroke: marker_stroke(&o.palette),
        frame: f.svg,
    })
}

/// The opening tag of a chart's SVG, as plotters writes it.
fn svg_open(o: &ChartOptions) -> String {
    format!(
        "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">",
        w = o.width,
        h = o.height
    )
}

/// Renders the three series (the `current` cell emphasised) and a marker at `marker` (x, y) as
/// one SVG string.
///
/// # Errors
/// plotters' error text, when drawing fails (it does not for the model's data).
///
/// ```
/// use rnn_params_chart::{scaling_svg, ChartOptions, Palette};
/// use rnn_params_model::{Config, Cell, scaling::{series, PlotAxis}};
/// let s = series(&Config::default(), PlotAxis::Units);
/// let o = ChartOptions { width: 640, height: 360, log_y: false, log_x: false, palette: Palette::LIGHT };
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
    let d = scaling_drawing(series, current, marker, axis, o)?;
    let mut svg = svg_open(o);
    svg.push_str(&d.frame);
    for l in &d.lines {
        let emphasis = if l.current { " series-current" } else { "" };
        svg.push_str(&format!(
            "\n<polyline data-series=\"{}\" data-values=\"{}\" class=\"series{emphasis}\" fill=\"none\" \
             stroke=\"{}\" stroke-width=\"{}\" stroke-opacity=\"{}\" points=\"{}\"/>",
            l.cell.key(),
            l.values,
            l.stroke,
            l.width,
            l.opacity,
            l.points
        ));
    }
    svg.push_str(&format!(
        "\n<circle data-testid=\"marker\" data-x=\"{}\" data-y=\"{}\" cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"none\" \
         stroke=\"{}\" stroke-width=\"3\"/>\n</svg>\n",
        marker.0,
        marker.1,
        px(d.marker.0),
        px(d.marker.1),
        d.marker_stroke
    ));
    Ok(svg)
}

/// Draws the composition chart's frame with plotters and places the split of the count by role
/// (stacked areas, bottom to top: input weights, recurrent weights, biases, projection) with the
/// same coordinate mapping.
///
/// # Errors
/// plotters' error text, or "nothing to plot" for no points.
pub fn composition_drawing(
    points: &[(u64, Parts)],
    axis: PlotAxis,
    o: &ChartOptions,
) -> Result<CompositionDrawing, String> {
    let spec = composition_spec(points, axis, o).ok_or("nothing to plot")?;
    let f = draw_frame(&spec)?;
    Ok(CompositionDrawing { areas: areas(points, &f.mapping, spec.x, &o.palette), frame: f.svg, current: None })
}

/// Renders the split of the count by role (stacked areas, bottom to top: input weights, recurrent
/// weights, biases, projection) at each x as one SVG string.
///
/// # Errors
/// plotters' error text, when drawing fails.
pub fn composition_svg(points: &[(u64, Parts)], axis: PlotAxis, o: &ChartOptions) -> Result<String, String> {
    let d = composition_drawing(points, axis, o)?;
    let mut svg = svg_open(o);
    svg.push_str(&d.frame);
    for a in &d.areas {
        svg.push_str(&format!(
            "\n<polygon data-part=\"{}\" class=\"part\" fill=\"{}\" fill-opacity=\"0.85\" points=\"{}\"/>",
            a.role.key(),
            a.fill,
            a.points
        ));
    }
    svg.push_str("\n</svg>\n");
    Ok(svg)
}

/// One entry of a downloaded chart's legend: its colour and its name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The series' or the part's colour.
    pub colour: (u8, u8, u8),
    /// What it is ("LSTM (current)", "input weights").
    pub name: String,
}

/// Adds a band under a chart for a download, so that the file explains itself: its title, the
/// configuration it was drawn for, and a legend (a swatch and a name per key, wrapped to the
/// chart's width). The SVG grows by the band's height.
///
/// ```
/// use rnn_params_chart::{with_caption, ChartOptions, Key, Palette};
/// let o = ChartOptions { width: 360, height: 200, log_y: false, log_x: false, palette: Palette::LIGHT };
/// let mut svg = String::from("<svg width=\"360\" height=\"200\" viewBox=\"0 0 360 200\" xmlns=\"http://www.w3.org/2000/svg\">\n</svg>\n");
/// with_caption(&mut svg, &o, "Title", "Keras LSTM(256) on 4096 inputs", &[Key { colour: (0, 0, 0), name: "LSTM".into() }]);
/// assert!(svg.starts_with("<svg width=\"360\" height=\"276\" viewBox=\"0 0 360 276\""));
/// assert!(svg.contains(">Keras LSTM(256) on 4096 inputs</text>"));
/// assert!(svg.contains(">LSTM</text>"));
/// ```
pub fn with_caption(svg: &mut String, o: &ChartOptions, title: &str, configuration: &str, keys: &[Key]) {
    // The legend's rows: entries placed left to right, wrapped at the chart's width.
    let (left, row_height) = (12.0_f64, 20.0_f64);
    let mut rows: Vec<Vec<(f64, &Key)>> = vec![Vec::new()];
    let mut x = left;
    for key in keys {
        // A swatch, a gap, the name at about 7 px per character, and space before the next.
        let width = 22.0 + 7.0 * key.name.chars().count() as f64 + 16.0;
        if x + width > f64::from(o.width) && x > left {
            rows.push(Vec::new());
            x = left;
        }
        if let Some(r) = rows.last_mut() {
            r.push((x, key));
        }
        x += width;
    }
    let band = 56 + 20 * rows.len() as u32;
    let (w, h) = (o.width, o.height);
    let old = format!("height=\"{h}\" viewBox=\"0 0 {w} {h}\"");
    let new = format!("height=\"{}\" viewBox=\"0 0 {w} {}\"", h + band, h + band);
    *svg = svg.replacen(&old, &new, 1);
    let text = hex(rgb(o.palette.text));
    let y0 = f64::from(h);
    let mut out = format!(
        "\n<g class=\"caption\" font-family=\"sans-serif\" fill=\"{text}\">\
         \n<text x=\"{left}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">{}</text>\
         \n<text x=\"{left}\" y=\"{}\" font-size=\"12\">{}</text>",
        y0 + 22.0,
        escape(title),
        y0 + 42.0,
        escape(configuration)
    );
    for (k, row) in rows.iter().enumerate() {
        let y = y0 + 62.0 + row_height * k as f64;
        for (x, key) in row {
            out.push_str(&format!(
                "\n<rect x=\"{x}\" y=\"{}\" width=\"16\" height=\"10\" fill=\"{}\"/>\
                 \n<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
                y - 9.0,
                hex(rgb(key.colour)),
                x + 22.0,
                y,
                escape(&key.name)
            ));
        }
    }
    out.push_str("\n</g>");
    if let Some(end) = svg.rfind("</svg>") {
        svg.insert_str(end, &format!("{out}\n"));
    }
}

/// The scaling chart's legend: the three cells in their colours, the `current` one named so.
pub fn scaling_keys(current: Cell, p: &Palette) -> Vec<Key> {
    Cell::ALL
        .into_iter()
        .map(|cell| {
            let RGBColor(r, g, b) = p.cell(cell);
            let name = if cell == current {
                format!("{} (current, marked ○)", cell.label())
            } else {
                cell.label().to_owned()
            };
            Key { colour: (r, g, b), name }
        })
        .collect()
}

/// The composition chart's legend: the parts present, in their colours.
pub fn part_keys(roles: &[Role], p: &Palette) -> Vec<Key> {
    roles
        .iter()
        .map(|&role| {
            let RGBColor(r, g, b) = p.part(role);
            Key { colour: (r, g, b), name: role.label().to_owned() }
        })
        .collect()
}

/// Where the composition chart marks the current configuration `(x, total)`: a vertical line at x
/// from the axis to the count, as `(x, bottom, top)` pixels placed with `mapping`.
pub fn current_line(mapping: &Mapping, current: (u64, u64)) -> (f64, f64, f64) {
    let (x, bottom) = mapping.place(current.0 as f64, mapping.floor());
    let (_, top) = mapping.place(current.0 as f64, current.1 as f64);
    (x, bottom, top)
}

/// The composition chart as one SVG string ([`composition_svg`]) with the current configuration
/// `(x, total)` marked by a dashed vertical line up to its count and a ring at the top.
///
/// # Errors
/// As [`composition_svg`].
///
/// ```
/// use rnn_params_chart::{composition_svg_at, ChartOptions, Palette};
/// use rnn_params_model::{Config, scaling::{composition, PlotAxis}};
/// let o = ChartOptions { width: 640, height: 360, log_y: false, log_x: false, palette: Palette::LIGHT };
/// let svg = composition_svg_at(&composition(&Config::default(), PlotAxis::Units), PlotAxis::Units, &o, (256, 4_457_472)).unwrap();
/// assert!(svg.contains("<line data-testid=\"composition-current\" data-x=\"256\""));
/// ```
pub fn composition_svg_at(
    points: &[(u64, Parts)],
    axis: PlotAxis,
    o: &ChartOptions,
    current: (u64, u64),
) -> Result<String, String> {
    let spec = composition_spec(points, axis, o).ok_or("nothing to plot")?;
    let f = draw_frame(&spec)?;
    let mut svg = composition_svg(points, axis, o)?;
    let (x, bottom, top) = current_line(&f.mapping, current);
    let (x, bottom, top) = (px(x), px(bottom), px(top));
    let stroke = marker_stroke(&o.palette);
    let mark = format!(
        "<line data-testid=\"composition-current\" data-x=\"{}\" x1=\"{x}\" y1=\"{bottom}\" x2=\"{x}\" y2=\"{top}\" \
         stroke=\"{stroke}\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>\n<circle cx=\"{x}\" cy=\"{top}\" r=\"5\" \
         fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\"/>\n",
        current.0
    );
    if let Some(end) = svg.rfind("</svg>") {
        svg.insert_str(end, &mark);
    }
    Ok(svg)
}
