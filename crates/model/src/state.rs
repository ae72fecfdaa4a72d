//! The widget's whole state and its URL query string.
//!
//! Reading never fails: each parameter that is missing keeps its default, and each that is malformed
//! or out of range keeps its default *and* produces a [`Notice`] that names the parameter, the
//! accepted values and the fallback. Writing produces a canonical query that reads back to the same
//! state.
//!
//! | parameter | values | default |
//! |---|---|---|
//! | `framework` | `keras`, `pytorch` | `keras` |
//! | `cell` | `rnn`, `gru`, `lstm` | `lstm` |
//! | `input` | 1 – 1,048,576 | 4096 |
//! | `units` | 1 – 1,048,576 | 256 |
//! | `bidir` | `0`, `1` | `0` |
//! | `bias` | `0`, `1` | `1` |
//! | `reset_after` | `0`, `1` (Keras GRU) | `1` |
//! | `layers` | 1 – 16 | 1 |
//! | `merge` | `concat`, `sum`, `mul`, `ave` (Keras bidirectional) | `concat` |
//! | `proj` | 0 – units − 1 (PyTorch LSTM) | 0 |
//! | `steps` | 1 – 1,000,000 | 5 |
//! | `plot` | `units`, `input`, `layers` | `units` |
//! | `scale` | `linear`, `log` | `linear` |
//! | `embed` | `0`, `1` | `0` |
//! | `hide` | comma list of `controls`, `diagram`, `arithmetic`, `tensors`, `plot`, `share` | none |
//! | `lock` | comma list of control names (`framework`, `cell`, `input`, `units`, ...) | none |
//! | `theme` | `auto`, `light`, `dark` | `auto` |

use crate::bounds::{parse_whole, Layers, ProjSize, RangeError, Size, Steps};
use crate::cell::{Cell, Framework, MergeMode};
use crate::config::Config;
use crate::format::grouped;
use core::fmt;

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

/// The plot's y scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// Linear y.
    Linear,
    /// Logarithmic y.
    Log,
}

/// The colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

macro_rules! keyed {
    ($ty:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The URL key.
            pub const fn key(self) -> &'static str {
                match self { $($ty::$variant => $key),+ }
            }

            /// Parses a URL key (any case, surrounding spaces ignored).
            pub fn from_key(key: &str) -> Option<Self> {
                let key = key.trim();
                Self::ALL.iter().copied().find(|v| v.key().eq_ignore_ascii_case(key))
            }
        }
    };
}

keyed!(PlotAxis { Units => "units", Input => "input", Layers => "layers" });
keyed!(Scale { Linear => "linear", Log => "log" });
keyed!(Theme { Auto => "auto", Light => "light", Dark => "dark" });

/// A section of the page that `hide=` can remove.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// The controls.
    Controls,
    /// The gate diagram.
    Diagram,
    /// The arithmetic.
    Arithmetic,
    /// The tensor table.
    Tensors,
    /// The scaling plot.
    Plot,
    /// The share panel.
    Share,
}

keyed!(Section {
    Controls => "controls",
    Diagram => "diagram",
    Arithmetic => "arithmetic",
    Tensors => "tensors",
    Plot => "plot",
    Share => "share",
});

/// A control that `lock=` can make read-only. Its key is its URL parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Control {
    /// `framework`.
    Framework,
    /// `cell`.
    Cell,
    /// `input`.
    Input,
    /// `units`.
    Units,
    /// `bidir`.
    Bidir,
    /// `bias`.
    Bias,
    /// `reset_after`.
    ResetAfter,
    /// `layers`.
    Layers,
    /// `merge`.
    Merge,
    /// `proj`.
    Proj,
    /// `steps`.
    Steps,
    /// `plot`.
    Plot,
    /// `scale`.
    Scale,
}

keyed!(Control {
    Framework => "framework",
    Cell => "cell",
    Input => "input",
    Units => "units",
    Bidir => "bidir",
    Bias => "bias",
    ResetAfter => "reset_after",
    Layers => "layers",
    Merge => "merge",
    Proj => "proj",
    Steps => "steps",
    Plot => "plot",
    Scale => "scale",
});

/// How the page is shown (nothing here changes a count).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Time steps drawn in the unrolled diagram.
    pub steps: Steps,
    /// The plot's x axis.
    pub plot: PlotAxis,
    /// The plot's y scale.
    pub scale: Scale,
    /// Compact layout for iframes.
    pub embed: bool,
    /// Sections not shown, in canonical order, without repeats.
    pub hide: Vec<Section>,
    /// Controls shown read-only, in canonical order, without repeats.
    pub lock: Vec<Control>,
    /// Colours.
    pub theme: Theme,
}

impl Default for View {
    fn default() -> Self {
        View {
            steps: Steps::new(5).expect("5 is a valid step count"),
            plot: PlotAxis::Units,
            scale: Scale::Linear,
            embed: false,
            hide: Vec::new(),
            lock: Vec::new(),
            theme: Theme::Auto,
        }
    }
}

impl View {
    /// Whether `section` is shown.
    pub fn shows(&self, section: Section) -> bool {
        !self.hide.contains(&section)
    }

    /// Whether `control` is read-only.
    pub fn locks(&self, control: Control) -> bool {
        self.lock.contains(&control)
    }
}

/// The whole state: what is counted and how it is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// The layer being counted; always accepted by [`Config::check`] after [`parse_query`].
    pub config: Config,
    /// The presentation.
    pub view: View,
}

/// A message about one URL parameter that was not used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as it appeared (trimmed to a readable length).
    pub param: String,
    /// The whole message, naming the parameter, what it accepts and what is used instead.
    pub text: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Whether `c` would change how the rest of a message reads: a control character, or a
/// bidirectional formatting character (U+061C, U+200E/F, U+202A–E, U+2066–9) that could make a
/// message read backwards or appear to say something else.
fn disruptive(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Shortens text from a URL for a message: at most 40 characters, with control and bidirectional
/// formatting characters replaced by U+FFFD.
fn shown(raw: &str) -> String {
    let clean: String = raw.chars().map(|c| if disruptive(c) { '\u{FFFD}' } else { c }).take(41).collect();
    if clean.chars().count() > 40 {
        let cut: String = clean.chars().take(40).collect();
        format!("{cut}…")
    } else {
        clean
    }
}

fn range_text(min: u64, max: u64) -> String {
    format!("a whole number from {} to {}", grouped(min), grouped(max))
}

fn why(e: &RangeError) -> &'static str {
    match e {
        RangeError::NotAWholeNumber => "is not a whole number",
        RangeError::TooSmall => "is too small",
        RangeError::TooLarge => "is too large",
    }
}

/// Collects notices while reading a query.
struct Reader {
    notices: Vec<Notice>,
}

impl Reader {
    fn reject(&mut self, key: &str, raw: &str, problem: &str, accepts: &str, fallback: &str) {
        self.notices.push(Notice {
            param: shown(key),
            text: format!(
                "{key}={value} {problem}: {key} takes {accepts}. Using {fallback}.",
                key = shown(key),
                value = shown(raw)
            ),
        });
    }

    fn number<T>(
        &mut self,
        key: &str,
        raw: &str,
        parse: impl Fn(&str) -> Result<T, RangeError>,
        (min, max): (u64, u64),
        default: T,
    ) -> T
    where
        T: fmt::Display,
    {
        match parse(raw) {
            Ok(v) => v,
            Err(e) => {
                let fallback = format!("the default {default}");
                self.reject(key, raw, why(&e), &range_text(min, max), &fallback);
                default
            }
        }
    }

    fn flag(&mut self, key: &str, raw: &str, default: bool) -> bool {
        match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            _ => {
                let fallback = format!("the default {}", u8::from(default));
                self.reject(key, raw, "is not 0 or 1", "0 (off) or 1 (on)", &fallback);
                default
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        key: &str,
        raw: &str,
        parse: impl Fn(&str) -> Option<T>,
        accepts: &[&str],
        default: T,
        default_key: &str,
    ) -> T {
        parse(raw).unwrap_or_else(|| {
            let accepts = format!("one of {}", accepts.join(", "));
            self.reject(key, raw, "is not recognised", &accepts, &format!("the default {default_key}"));
            default
        })
    }

    fn list<T: Copy + Ord>(
        &mut self,
        key: &str,
        raw: &str,
        parse: impl Fn(&str) -> Option<T>,
        known: &[&str],
    ) -> Vec<T> {
        let mut out = Vec::new();
        let mut unknown: Vec<String> = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match parse(item) {
                Some(v) => out.push(v),
                None if !unknown.iter().any(|u| u == item) => unknown.push(item.to_owned()),
                None => {}
            }
        }
        // One notice for all the unknown names of the list, each named once (the first few).
        if !unknown.is_empty() {
            let mut names: Vec<String> =
                unknown.iter().take(UNKNOWN_LISTED).map(|u| format!("\"{}\"", shown(u))).collect();
            if unknown.len() > UNKNOWN_LISTED {
                names.push(format!("and {} more", grouped((unknown.len() - UNKNOWN_LISTED) as u64)));
            }
            let what = if unknown.len() == 1 { "name" } else { "names" };
            self.notices.push(Notice {
                param: shown(key),
                text: format!(
                    "{key}: ignored unknown {what} {} ({key} takes a comma list of {}).",
                    names.join(", "),
                    known.join(", ")
                ),
            });
        }
        out.sort();
        out.dedup();
        out
    }
}

fn keys<T: Copy>(all: &[T], key: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| key(*v)).collect()
}

/// The parameter names the query may hold.
const KNOWN: &[&str] = &[
    "framework",
    "cell",
    "input",
    "units",
    "bidir",
    "bias",
    "reset_after",
    "layers",
    "merge",
    "proj",
    "steps",
    "plot",
    "scale",
    "embed",
    "theme",
    "hide",
    "lock",
];

/// Up to this many unknown parameter names get a notice each.
const UNKNOWN_LISTED: usize = 5;

/// Reads a URL query (with or without the leading `?`) into a state and the notices about
/// parameters that could not be used as given.
///
/// Never fails and never panics: every rejected value falls back to its default. A parameter given
/// several times is read once, from its last occurrence, with a notice. A configuration the
/// framework refuses (a projection that PyTorch would reject) drops the projection, with a notice.
///
/// ```
/// use rnn_params_model::state::parse_query;
/// let (state, notices) = parse_query("?cell=gru&input=4096&units=abc&bidir=0");
/// assert_eq!(state.config.units.get(), 256); // the default
/// assert!(notices[0].text.contains("units"));
/// assert!(notices[0].text.contains("1 to 1,048,576"));
/// ```
pub fn parse_query(query: &str) -> (State, Vec<Notice>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut r = Reader { notices: Vec::new() };
    let mut s = State::default();
    let d = State::default();

    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut proj_given: Option<String> = None;
    // Unknown names are gathered and reported together, each once.
    let mut unknown: Vec<String> = Vec::new();
    for (i, (key, raw)) in pairs.iter().enumerate() {
        if !KNOWN.contains(&key.as_str()) {
            if !unknown.contains(key) {
                unknown.push(key.clone());
            }
            continue;
        }
        let later = pairs[i + 1..].iter().filter(|(k, _)| k == key).count();
        if later > 0 {
            // Read only the last occurrence; say so once, at the first.
            if pairs[..i].iter().all(|(k, _)| k != key) {
                let n = later + 1;
                r.notices.push(Notice {
                    param: shown(key),
                    text: format!("{} appears {n} times; the last value is used.", shown(key)),
                });
            }
            continue;
        }
        let c = &mut s.config;
        let v = &mut s.view;
        match key.as_str() {
            "framework" => {
                c.framework =
                    r.choice(key, raw, Framework::from_key, &["keras", "pytorch"], d.config.framework, "keras")
            }
            "cell" => c.cell = r.choice(key, raw, Cell::from_key, &["rnn", "gru", "lstm"], d.config.cell, "lstm"),
            "input" => {
                c.input_size =
                    r.number(key, raw, Size::parse, (Size::MIN as u64, Size::MAX as u64), d.config.input_size)
            }
            "units" => c.units = r.number(key, raw, Size::parse, (Size::MIN as u64, Size::MAX as u64), d.config.units),
            "bidir" => c.bidirectional = r.flag(key, raw, d.config.bidirectional),
            "bias" => c.bias = r.flag(key, raw, d.config.bias),
            "reset_after" => c.reset_after = r.flag(key, raw, d.config.reset_after),
            "layers" => {
                c.layers = r.number(key, raw, Layers::parse, (Layers::MIN as u64, Layers::MAX as u64), d.config.layers)
            }
            "merge" => {
                c.merge = r.choice(
                    key,
                    raw,
                    MergeMode::from_key,
                    &keys(&MergeMode::ALL, MergeMode::key),
                    d.config.merge,
                    "concat",
                )
            }
            "proj" => proj_given = Some(raw.clone()),
            "steps" => v.steps = r.number(key, raw, Steps::parse, (Steps::MIN as u64, Steps::MAX as u64), d.view.steps),
            "plot" => {
                v.plot =
                    r.choice(key, raw, PlotAxis::from_key, &keys(PlotAxis::ALL, PlotAxis::key), d.view.plot, "units")
            }
            "scale" => {
                v.scale = r.choice(key, raw, Scale::from_key, &keys(Scale::ALL, Scale::key), d.view.scale, "linear")
            }
            "embed" => v.embed = r.flag(key, raw, d.view.embed),
            "theme" => {
                v.theme = r.choice(key, raw, Theme::from_key, &keys(Theme::ALL, Theme::key), d.view.theme, "auto")
            }
            "hide" => v.hide = r.list(key, raw, Section::from_key, &keys(Section::ALL, Section::key)),
            "lock" => v.lock = r.list(key, raw, Control::from_key, &keys(Control::ALL, Control::key)),
            _ => {}
        }
    }
    // A few unknown names get a notice each; many (a mangled or hostile link) get one for all.
    let named = |key: &String| if key.is_empty() { "(no name)".to_owned() } else { format!("\"{}\"", shown(key)) };
    if unknown.len() <= UNKNOWN_LISTED {
        for key in &unknown {
            r.notices.push(Notice { param: shown(key), text: format!("Ignored unknown parameter {}.", named(key)) });
        }
    } else {
        let first: Vec<String> = unknown.iter().take(UNKNOWN_LISTED).map(named).collect();
        r.notices.push(Notice {
            param: String::new(),
            text: format!(
                "Ignored {} unknown parameters: {}, and {} more.",
                grouped(unknown.len() as u64),
                first.join(", "),
                grouped((unknown.len() - UNKNOWN_LISTED) as u64)
            ),
        });
    }

    // The projection is read last because its range depends on the units.
    if let Some(raw) = proj_given {
        let max = u64::from(s.config.units.get()) - 1;
        match parse_whole(&raw).and_then(ProjSize::new) {
            Ok(p) => {
                let mut candidate = s.config;
                candidate.proj_size = p;
                match candidate.check() {
                    Ok(()) => s.config = candidate,
                    Err(refusal) => r.notices.push(Notice {
                        param: "proj".into(),
                        text: format!("proj={}: {refusal} Using no projection (proj=0).", shown(&raw)),
                    }),
                }
            }
            Err(e) => {
                let accepts = if s.config.allows_projection() {
                    range_text(0, max)
                } else {
                    "a whole number, and only for a PyTorch LSTM".to_owned()
                };
                r.reject("proj", &raw, why(&e), &accepts, "no projection (0)")
            }
        }
    }
    (s, r.notices)
}

impl State {
    /// The canonical query string (without `?`): the layer's identity always (`framework`, `cell`,
    /// `input`, `units`, `bidir`), everything else only when it differs from the default.
    ///
    /// ```
    /// use rnn_params_model::state::State;
    /// assert_eq!(State::default().to_query(), "framework=keras&cell=lstm&input=4096&units=256&bidir=0");
    /// ```
    pub fn to_query(&self) -> String {
        self.query(true)
    }

    /// The query for the full (not embedded) page: as [`State::to_query`] without `embed`, `hide`
    /// and `lock`.
    pub fn full_query(&self) -> String {
        self.query(false)
    }

    fn query(&self, with_embedding: bool) -> String {
        let c = &self.config;
        let v = &self.view;
        let d = State::default();
        // Every value written here is a known key or a number, so nothing needs escaping, and the
        // commas of `hide` and `lock` stay readable.
        let mut q = Query(String::new());
        q.append_pair("framework", c.framework.key());
        q.append_pair("cell", c.cell.key());
        q.append_pair("input", &c.input_size.to_string());
        q.append_pair("units", &c.units.to_string());
        q.append_pair("bidir", if c.bidirectional { "1" } else { "0" });
        if !c.bias {
            q.append_pair("bias", "0");
        }
        // reset_after and merge are kept even where they do not apply (their controls are then
        // disabled with the reason), so a link restores them when the reader switches back.
        if !c.reset_after {
            q.append_pair("reset_after", "0");
        }
        if c.layers != d.config.layers {
            q.append_pair("layers", &c.layers.to_string());
        }
        if c.merge != d.config.merge {
            q.append_pair("merge", c.merge.key());
        }
        if c.projection().is_some() {
            q.append_pair("proj", &c.proj_size.to_string());
        }
        if v.steps != d.view.steps {
            q.append_pair("steps", &v.steps.to_string());
        }
        if v.plot != d.view.plot {
            q.append_pair("plot", v.plot.key());
        }
        if v.scale != d.view.scale {
            q.append_pair("scale", v.scale.key());
        }
        if v.theme != d.view.theme {
            q.append_pair("theme", v.theme.key());
        }
        if with_embedding {
            if v.embed {
                q.append_pair("embed", "1");
            }
            if !v.hide.is_empty() {
                q.append_pair("hide", &keys(&v.hide, Section::key).join(","));
            }
            if !v.lock.is_empty() {
                q.append_pair("lock", &keys(&v.lock, Control::key).join(","));
            }
        }
        q.0
    }
}

/// A query string of known-safe keys and values.
struct Query(String);

impl Query {
    fn append_pair(&mut self, key: &str, value: &str) {
        debug_assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b','));
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        self.0.push_str(value);
    }
}
