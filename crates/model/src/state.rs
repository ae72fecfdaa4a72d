//! The widget's whole state and its URL query string.
//!
//! Reading never fails: each parameter that is missing keeps its default, and each that is malformed
//! or out of range keeps its default *and* produces a [`Notice`] that names the parameter, the
//! accepted values and the fallback. Writing produces a canonical query that reads back to the same
//! state.
//!
//! | parameter | values | default |
//! |---|---|---|
//! | `framework` | `keras` (also `tf`, `tf2`, `tensorflow`), `pytorch` (also `torch`) | `keras` |
//! | `cell` | `rnn` (also `simplernn`, `simple_rnn`), `gru`, `lstm` | `lstm` |
//! | `input` | 1 – 1,048,576 | 4096 |
//! | `units` | 1 – 1,048,576 | 256 |
//! | `bidir` | `0`, `1` | `0` |
//! | `bias` | `0`, `1` | `1` |
//! | `reset_after` | `0`, `1` (Keras GRU) | `1` |
//! | `layers` | 1 – 16 | 1 |
//! | `merge` | `concat`, `sum`, `mul`, `ave` (Keras bidirectional) | `concat` |
//! | `proj` | 0 – units − 1 (PyTorch LSTM) | 0 |
//! | `vocab` | 1 – 16,777,216: an Embedding of that many rows before the stack; its dimension is `input` (`0` = none) | none |
//! | `frozen` | `0`, `1`: the Embedding is not trained (still counted; "Non-trainable params") | `0` |
//! | `dense` | comma list of 1 – 4 unit counts k, each 1 – 1,048,576: Dense / `nn.Linear` layers after the stack (`0` = none) | none |
//! | `dense_bias` | `0`, `1`: bias on every Dense layer | `1` |
//! | `head` | `last`, `every` (also `all`), `td` (Keras `TimeDistributed`): what the first Dense reads | `last` |
//! | `steps` | 1 – 1,000,000 | 16 |
//! | `batch` | 1 – 65,536 (never changes a count) | 1 |
//! | `got` | the number a learner got or expected, 0 – 18,446,744,073,709,551,615 (digits; `,` `_` and spaces are ignored) | none |
//! | `plot` | `units`, `input`, `layers` | `units` |
//! | `scale` | `linear`, `log` (y), `loglog` (both axes) | `linear` |
//! | `embed` | `0`, `1` | `0` |
//! | `hide` | comma list of `controls`, `diagram`, `arithmetic`, `tensors`, `plot`, `share`, `cost`, `paste`, `summary`, `explain` | none |
//! | `lock` | comma list of control names (`framework`, `cell`, `input`, `units`, ...) | none |
//! | `theme` | `auto`, `light`, `dark` | `auto` |
//! | `show` | comma list of the same section names: shown although the layout leaves them out (`embed=1` leaves out `share`) | none |
//! | `reveal` | `0`, `1`: predict, then reveal: the count stays hidden until the learner commits a guess | `0` |
//! | `slide` | `0`, `1`: the slide preset (implies `embed=1`): the count and the main controls, fitted to a 960 × 700 slide | `0` |
//! | `kind` and its options | see [`crate::kind_query`] | `layer` |
//!
//! Parameter names are exact (lower case). Values of choices and list names are read in any case
//! with surrounding spaces ignored; the aliases in brackets are read as the name before them and
//! written back under that name. Every `0`/`1` flag also reads `false`/`true`, `no`/`yes` and
//! `off`/`on`.
//!
//! **Length limit.** Only the first [`QUERY_LIMIT`] bytes (64 KiB) of a query are read, cut back to
//! the last whole parameter (at an `&`), with a [`Notice`] saying so. A real query is under 300
//! bytes; 64 KiB is eight times the 8 KiB request line that common web servers accept, so no
//! address that a server delivered is cut (nor the thousands of junk names a mangled link may
//! carry, which are still counted in their notice), while a pasted or hostile multi-megabyte
//! address costs well under a millisecond to read. Reading takes time linear in the (cut) length:
//! two passes over the parameters, one `match` for the known names, a hash set for repeated unknown
//! ones ([`query_work`] counts the steps).
//!
//! **Stray characters.** A query given with several leading `?` (`??units=5`) is read as if it had
//! one, and one given after `#` instead of `?` (`#units=5`) is read by [`parse_location`]; both with
//! a [`Notice`] saying so.

use crate::bounds::Vocab;
use crate::bounds::{parse_typed, parse_whole, Batch, Layers, ProjSize, RangeError, Size, Steps};
use crate::cell::{Cell, Framework, MergeMode};
use crate::config::Config;
use crate::format::grouped;
use crate::network::{Around, DenseStack, Embedding, Head, MAX_DENSE};
use core::fmt;
use std::collections::HashSet;

// The plot's settings are the scaling module's; their URL keys are defined here.
pub use crate::scaling::{PlotAxis, Scale};

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
keyed!(Scale { Linear => "linear", Log => "log", LogLog => "loglog" });
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
    /// What grows with the sequence: multiply-adds and memory.
    Cost,
    /// The paste box that reads a learner's code or summary.
    Paste,
    /// The whole model's summary table (Keras `model.summary()`, torchinfo).
    Summary,
    /// "Where the number comes from": the arithmetic and the code.
    Explain,
}

keyed!(Section {
    Controls => "controls",
    Diagram => "diagram",
    Arithmetic => "arithmetic",
    Tensors => "tensors",
    Plot => "plot",
    Share => "share",
    Cost => "cost",
    Paste => "paste",
    Summary => "summary",
    Explain => "explain",
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
    /// `batch`.
    Batch,
    /// `plot`.
    Plot,
    /// `scale`.
    Scale,
    /// `vocab` (and `frozen`).
    Vocab,
    /// `dense`.
    Dense,
    /// `dense_bias`.
    DenseBias,
    /// `head`.
    Head,
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
    Batch => "batch",
    Plot => "plot",
    Scale => "scale",
    Vocab => "vocab",
    Dense => "dense",
    DenseBias => "dense_bias",
    Head => "head",
});

/// How the page is shown (nothing here changes a count).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Time steps T: drawn in the unrolled diagram; default 16.
    pub steps: Steps,
    /// Batch size B, for the cost of running the layer (never changes a count); default 1.
    pub batch: Batch,
    /// The number the learner got or expected (`got=`), checked against the named mistakes.
    pub got: Option<u64>,
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
    /// Sections shown although the layout leaves them out by default (`show=share` in an embed).
    pub show: Vec<Section>,
    /// Predict, then reveal (`reveal=1`): the count stays hidden until the learner commits a guess.
    pub reveal: bool,
    /// The slide preset (`slide=1`): embedded, the first screen only, fitted to a 960 × 700 slide.
    pub slide: bool,
}

impl Default for View {
    fn default() -> Self {
        View {
            steps: Steps::new(16).expect("16 is a valid step count"),
            batch: Batch::ONE,
            got: None,
            plot: PlotAxis::Units,
            scale: Scale::Linear,
            embed: false,
            hide: Vec::new(),
            lock: Vec::new(),
            theme: Theme::Auto,
            show: Vec::new(),
            reveal: false,
            slide: false,
        }
    }
}

impl View {
    /// Whether `section` is shown: not in `hide`, and, where the layout leaves it out by default,
    /// named in `show`. An embed (`embed=1`) leaves out the share panel, which is for the teacher
    /// writing the snippet, not for the learner; the slide preset keeps only the count and the
    /// controls (everything else would not fit a 960 × 700 slide). `hide` wins over `show`.
    ///
    /// ```
    /// use rnn_params_model::state::{parse_query, Section};
    /// assert!(!parse_query("embed=1").0.view.shows(Section::Share));
    /// assert!(parse_query("embed=1&show=share").0.view.shows(Section::Share));
    /// assert!(!parse_query("hide=explain").0.view.shows(Section::Explain));
    /// ```
    pub fn shows(&self, section: Section) -> bool {
        if self.hide.contains(&section) {
            return false;
        }
        let left_out = match section {
            Section::Share => self.embedded(),
            Section::Diagram
            | Section::Tensors
            | Section::Plot
            | Section::Cost
            | Section::Paste
            | Section::Summary
            | Section::Explain => self.slide,
            Section::Controls | Section::Arithmetic => false,
        };
        !left_out || self.show.contains(&section)
    }

    /// Whether the compact embedded layout is used: `embed=1`, or the slide preset.
    pub fn embedded(&self) -> bool {
        self.embed || self.slide
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
    /// The layers around it: an Embedding before, Dense layers after.
    pub around: Around,
    /// The presentation.
    pub view: View,
}

/// A message about one URL parameter that was not used as given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The parameter's name as it appeared (trimmed to a readable length); empty for a notice about
    /// the query as a whole (its length, stray `?` or `#`, many unknown names).
    pub param: String,
    /// The whole message, naming the parameter, what it accepts and what is used instead.
    pub text: String,
    /// The notice's place in the list one read returned: 0, 1, 2, ... Unique within one call of
    /// [`parse_query`] or [`parse_location`] even where two notices read the same (two names that
    /// differ only in neutralised or cut-off characters), so a list can be keyed and a notice
    /// dismissed by it. Not unique across two reads.
    pub id: u32,
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

/// A bounded number whose default a message can show digit-grouped.
trait Wide: Copy {
    fn widen(self) -> u64;
}

macro_rules! wide {
    ($($t:ty),*) => { $(impl Wide for $t { fn widen(self) -> u64 { self.wide() } })* };
}
wide!(Size, Layers, Steps, Batch, Vocab);

/// Collects notices while reading a query, and counts the elementary steps taken.
#[derive(Default)]
struct Reader {
    notices: Vec<Notice>,
    /// Pairs visited, names looked up, set probes, list items visited (see [`query_work`]).
    work: u64,
}

impl Reader {
    /// Adds a notice; ids are given in order when the read is finished.
    fn push(&mut self, param: String, text: String) {
        self.notices.push(Notice { param, text, id: 0 });
    }

    fn finish(mut self) -> (Vec<Notice>, u64) {
        for (k, n) in self.notices.iter_mut().enumerate() {
            n.id = u32::try_from(k).unwrap_or(u32::MAX);
        }
        (self.notices, self.work)
    }

    fn reject(&mut self, key: &str, raw: &str, problem: &str, accepts: &str, fallback: &str) {
        self.push(
            shown(key),
            format!(
                "{key}={value} {problem}: {key} takes {accepts}. Using {fallback}.",
                key = shown(key),
                value = shown(raw)
            ),
        );
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
        T: Wide,
    {
        match parse(raw) {
            Ok(v) => v,
            Err(e) => {
                let fallback = format!("the default {}", grouped(default.widen()));
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
        // A set for the known names (at most a dozen) and one for the unknown ones, so a long list
        // costs one step per item.
        let mut out = std::collections::BTreeSet::new();
        let mut unknown: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            self.work += 2; // the item visited, its name looked up
            match parse(item) {
                Some(v) => {
                    out.insert(v);
                }
                None => {
                    self.work += 1; // one probe of the set
                    if seen.insert(item) {
                        unknown.push(item);
                    }
                }
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
            self.push(
                shown(key),
                format!(
                    "{key}: ignored unknown {what} {} ({key} takes a comma list of {}).",
                    names.join(", "),
                    known.join(", ")
                ),
            );
        }
        out.into_iter().collect()
    }
}

fn keys<T: Copy>(all: &[T], key: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| key(*v)).collect()
}

/// A parameter the query may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Param {
    Framework,
    Cell,
    Input,
    Units,
    Bidir,
    Bias,
    ResetAfter,
    Layers,
    Merge,
    Proj,
    Vocab,
    Frozen,
    Dense,
    DenseBias,
    Head,
    Steps,
    Batch,
    Got,
    Plot,
    Scale,
    Embed,
    Theme,
    Hide,
    Lock,
    Show,
    Reveal,
    Slide,
    /// Any of [`crate::kind_query::KEYS`] (`kind=` and the new layers' options), read by that module.
    KindOption,
}

/// How many [`Param`]s there are.
const PARAMS: usize = 28;
const _: () = assert!(Param::KindOption as usize + 1 == PARAMS);

impl Param {
    /// The parameter called `name` (exact, lower case), in one `match`: no search of a list.
    fn named(name: &str) -> Option<Param> {
        Some(match name {
            "framework" => Param::Framework,
            "cell" => Param::Cell,
            "input" => Param::Input,
            "units" => Param::Units,
            "bidir" => Param::Bidir,
            "bias" => Param::Bias,
            "reset_after" => Param::ResetAfter,
            "layers" => Param::Layers,
            "merge" => Param::Merge,
            "proj" => Param::Proj,
            "vocab" => Param::Vocab,
            "frozen" => Param::Frozen,
            "dense" => Param::Dense,
            "dense_bias" => Param::DenseBias,
            "head" => Param::Head,
            "steps" => Param::Steps,
            "batch" => Param::Batch,
            "got" => Param::Got,
            "plot" => Param::Plot,
            "scale" => Param::Scale,
            "embed" => Param::Embed,
            "theme" => Param::Theme,
            "hide" => Param::Hide,
            "lock" => Param::Lock,
            "show" => Param::Show,
            "reveal" => Param::Reveal,
            "slide" => Param::Slide,
            _ if crate::kind_query::is_key(name) => Param::KindOption,
            _ => return None,
        })
    }
}

/// Up to this many unknown parameter names get a notice each.
const UNKNOWN_LISTED: usize = 5;

/// The longest query read, in bytes (64 KiB). A longer one is cut back to the last `&` at or
/// before this length, so no parameter is read half, and a [`Notice`] says so. See the module
/// documentation for why 64 KiB.
pub const QUERY_LIMIT: usize = 64 * 1024;

/// Reads a URL query (with or without the leading `?`) into a state and the notices about
/// parameters that could not be used as given.
///
/// Never fails and never panics: every rejected value falls back to its default. A parameter given
/// several times is read once, from its last occurrence, with a notice. A configuration the
/// framework refuses (a projection that PyTorch would reject) drops the projection, with a notice.
/// Several leading `?` are read as one, with a notice; only the first [`QUERY_LIMIT`] bytes are
/// read, with a notice. Time is linear in the query's length (see [`query_work`]). The notices'
/// [`Notice::id`]s are 0, 1, 2, ... in list order.
///
/// ```
/// use rnn_params_model::state::parse_query;
/// let (state, notices) = parse_query("?cell=gru&input=4096&units=abc&bidir=0");
/// assert_eq!(state.config.units.get(), 256); // the default
/// assert!(notices[0].text.contains("units"));
/// assert!(notices[0].text.contains("1 to 1,048,576"));
/// ```
pub fn parse_query(query: &str) -> (State, Vec<Notice>) {
    let mut r = Reader::default();
    let s = read_query(query, &mut r);
    let (notices, _) = r.finish();
    (s, notices)
}

/// The elementary steps [`parse_query`] takes on `query`, counted where they are taken: each
/// parameter visited (in each of its two passes), each name looked up, each probe of the set of
/// unknown names, each item of a `hide`/`lock` list visited and looked up. Decoding (by
/// `form_urlencoded`) and the fixed work per notice are not counted. For tests that show reading
/// is linear: doubling a query at most about doubles this number.
///
/// ```
/// use rnn_params_model::state::query_work;
/// let one = query_work(&"units=1&".repeat(500));
/// let two = query_work(&"units=1&".repeat(1000));
/// assert!(two <= 2 * one + 10);
/// ```
pub fn query_work(query: &str) -> u64 {
    let mut r = Reader::default();
    read_query(query, &mut r);
    r.finish().1
}

/// Reads the page's address: `search` is `location.search` (`"?units=5"` or `""`), `hash` is
/// `location.hash` (`"#units=5"` or `""`).
///
/// The settings are read from `search` as [`parse_query`] does. When `search` holds nothing and
/// `hash` gives a value to at least one known parameter (`#units=5`: a link written with `#` for `?`), they are
/// read from `hash` instead, with a notice saying so first. When both hold settings, `hash` is
/// ignored with a notice. A `hash` that gives no known parameter a value (`#plot`, an anchor) is
/// ignored silently. Whether the settings came from `hash` is [`query_in_fragment`]`(search, hash)`.
///
/// ```
/// use rnn_params_model::state::parse_location;
/// let (state, notices) = parse_location("", "#units=5");
/// assert_eq!(state.config.units.get(), 5);
/// assert!(notices[0].text.contains("after #"));
/// let (state, notices) = parse_location("?units=7", "#top");
/// assert_eq!(state.config.units.get(), 7);
/// assert!(notices.is_empty());
/// ```
pub fn parse_location(search: &str, hash: &str) -> (State, Vec<Notice>) {
    let mut r = Reader::default();
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    let fragment_has_settings = has_known_param(fragment);
    let s = if query_in_fragment(search, hash) {
        r.push(
            String::new(),
            format!(
                "The settings were given after # (\"#{}\") instead of after ?; they are read from there.",
                shown(fragment)
            ),
        );
        read_query(fragment, &mut r)
    } else {
        if fragment_has_settings {
            r.push(
                String::new(),
                format!("Ignored the settings after # (\"#{}\"): those after ? are used.", shown(fragment)),
            );
        }
        read_query(search, &mut r)
    };
    (s, r.finish().0)
}

/// Whether [`parse_location`] reads the settings from `hash`: `search` holds no parameter (it is
/// empty or only `?`) and `hash` gives a value to a known parameter (`#plot` alone is an anchor). The page may then rewrite its address
/// with the settings after `?` and without the fragment.
///
/// ```
/// use rnn_params_model::state::query_in_fragment;
/// assert!(query_in_fragment("", "#units=5"));
/// assert!(!query_in_fragment("?units=5", "#units=5"));
/// assert!(!query_in_fragment("", "#plot"));
/// ```
pub fn query_in_fragment(search: &str, hash: &str) -> bool {
    let search = search.trim_start_matches('?');
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    search.split('&').all(str::is_empty) && has_known_param(fragment)
}

/// Whether `text`, read as a query, gives a value (`name=...`) to at least one known parameter
/// (within [`QUERY_LIMIT`]). A bare name (`plot`) is an anchor, not a setting.
fn has_known_param(text: &str) -> bool {
    let (text, _) = cut(text.trim_start_matches('?'));
    text.split('&')
        .filter(|piece| piece.contains('='))
        .filter_map(|piece| form_urlencoded::parse(piece.as_bytes()).next())
        .any(|(k, _)| Param::named(&k).is_some())
}

/// `query` cut to [`QUERY_LIMIT`] bytes at the last `&` (exclusive) at or before the limit, and
/// whether it was cut.
fn cut(query: &str) -> (&str, bool) {
    if query.len() <= QUERY_LIMIT {
        return (query, false);
    }
    let head = &query.as_bytes()[..=QUERY_LIMIT];
    let end = head.iter().rposition(|&b| b == b'&').unwrap_or(0);
    // `&` is ASCII, so `end` is a character boundary.
    (&query[..end], true)
}

/// Reads `query` into a state, adding its notices to `r`.
fn read_query(query: &str, r: &mut Reader) -> State {
    let trimmed = query.trim_start_matches('?');
    let marks = query.len() - trimmed.len();
    if marks > 1 {
        r.push(
            String::new(),
            format!("The query began with {} question marks; it is read as if it had one.", grouped(marks as u64)),
        );
    }
    let (query, was_cut) = cut(trimmed);
    if was_cut {
        r.push(
            String::new(),
            format!(
                "The query is {} bytes long; only its first {} bytes are read (a link to this page needs \
                 under 300), the rest is ignored.",
                grouped(trimmed.len() as u64),
                grouped(query.len() as u64)
            ),
        );
    }
    let mut s = State::default();
    let d = State::default();

    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    // First pass: which parameter each pair is, how often each known one appears and where it
    // appears first and last; unknown names once each, in order, through a hash set.
    let mut which: Vec<Option<Param>> = Vec::with_capacity(pairs.len());
    let mut times = [0usize; PARAMS];
    let mut first = [0usize; PARAMS];
    let mut last = [0usize; PARAMS];
    let mut unknown: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, (key, _)) in pairs.iter().enumerate() {
        r.work += 2; // the pair visited, its name looked up
        let p = Param::named(key);
        match p {
            Some(p) => {
                let k = p as usize;
                if times[k] == 0 {
                    first[k] = i;
                }
                times[k] += 1;
                last[k] = i;
            }
            None => {
                r.work += 1; // one probe of the set
                if seen.insert(key) {
                    unknown.push(key);
                }
            }
        }
        which.push(p);
    }
    // Second pass: each known parameter read at its last occurrence; a repeat said once, at the
    // first.
    let mut proj_given: Option<&str> = None;
    let mut frozen_given: Option<bool> = None;
    let mut kind_pairs: Vec<(&str, &str)> = Vec::new();
    for (i, ((key, raw), p)) in pairs.iter().zip(&which).enumerate() {
        r.work += 1; // the pair visited
        let Some(p) = *p else { continue };
        if p == Param::KindOption {
            // Several names share this Param: crate::kind_query reads them (the last of each).
            kind_pairs.push((key, raw));
            continue;
        }
        let k = p as usize;
        if times[k] > 1 && i == first[k] {
            r.push(
                shown(key),
                format!("{} appears {} times; the last value is used.", shown(key), grouped(times[k] as u64)),
            );
        }
        if i != last[k] {
            continue;
        }
        let c = &mut s.config;
        let v = &mut s.view;
        match p {
            Param::Framework => {
                c.framework =
                    r.choice(key, raw, Framework::from_key, &["keras", "pytorch"], d.config.framework, "keras")
            }
            Param::Cell => c.cell = r.choice(key, raw, Cell::from_key, &["rnn", "gru", "lstm"], d.config.cell, "lstm"),
            Param::Input => {
                c.input_size =
                    r.number(key, raw, Size::parse, (Size::MIN as u64, Size::MAX as u64), d.config.input_size)
            }
            Param::Units => {
                c.units = r.number(key, raw, Size::parse, (Size::MIN as u64, Size::MAX as u64), d.config.units)
            }
            Param::Bidir => c.bidirectional = r.flag(key, raw, d.config.bidirectional),
            Param::Bias => c.bias = r.flag(key, raw, d.config.bias),
            Param::ResetAfter => c.reset_after = r.flag(key, raw, d.config.reset_after),
            Param::Layers => {
                c.layers = r.number(key, raw, Layers::parse, (Layers::MIN as u64, Layers::MAX as u64), d.config.layers)
            }
            Param::Merge => {
                c.merge = r.choice(
                    key,
                    raw,
                    MergeMode::from_key,
                    &keys(&MergeMode::ALL, MergeMode::key),
                    d.config.merge,
                    "concat",
                )
            }
            Param::Proj => proj_given = Some(raw),
            Param::Vocab => {
                let vocab = if raw.trim() == "0" || raw.trim().is_empty() {
                    None
                } else {
                    match Vocab::parse(raw) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            let accepts = format!("0 (none) or {}", range_text(Vocab::MIN as u64, Vocab::MAX as u64));
                            r.reject(key, raw, why(&e), &accepts, "no Embedding (the default)");
                            None
                        }
                    }
                };
                s.around.embedding = vocab.map(|vocab| Embedding { vocab, frozen: false });
            }
            Param::Frozen => frozen_given = Some(r.flag(key, raw, false)),
            Param::Dense => s.around.dense = read_dense(r, key, raw),
            Param::DenseBias => s.around.dense_bias = r.flag(key, raw, d.around.dense_bias),
            Param::Head => {
                s.around.head = r.choice(key, raw, Head::from_key, &keys(&Head::ALL, Head::key), d.around.head, "last")
            }
            Param::Steps => {
                v.steps = r.number(key, raw, Steps::parse, (Steps::MIN as u64, Steps::MAX as u64), d.view.steps)
            }
            Param::Batch => {
                v.batch = r.number(key, raw, Batch::parse, (Batch::MIN as u64, Batch::MAX as u64), d.view.batch)
            }
            Param::Got if raw.trim().is_empty() => v.got = None,
            Param::Got => match parse_typed(raw) {
                Ok(n) => v.got = Some(n),
                Err(e) => r.reject(key, raw, why(&e), &range_text(0, u64::MAX), "no number"),
            },
            Param::Plot => {
                v.plot =
                    r.choice(key, raw, PlotAxis::from_key, &keys(PlotAxis::ALL, PlotAxis::key), d.view.plot, "units")
            }
            Param::Scale => {
                v.scale = r.choice(key, raw, Scale::from_key, &keys(Scale::ALL, Scale::key), d.view.scale, "linear")
            }
            Param::Embed => v.embed = r.flag(key, raw, d.view.embed),
            Param::Theme => {
                v.theme = r.choice(key, raw, Theme::from_key, &keys(Theme::ALL, Theme::key), d.view.theme, "auto")
            }
            Param::Hide => v.hide = r.list(key, raw, Section::from_key, &keys(Section::ALL, Section::key)),
            Param::Lock => v.lock = r.list(key, raw, Control::from_key, &keys(Control::ALL, Control::key)),
            Param::Show => v.show = r.list(key, raw, Section::from_key, &keys(Section::ALL, Section::key)),
            Param::Reveal => v.reveal = r.flag(key, raw, d.view.reveal),
            Param::Slide => v.slide = r.flag(key, raw, d.view.slide),
            Param::KindOption => {}
        }
    }
    // A few unknown names get a notice each; many (a mangled or hostile link) get one for all.
    let named = |key: &&str| if key.is_empty() { "(no name)".to_owned() } else { format!("\"{}\"", shown(key)) };
    if unknown.len() <= UNKNOWN_LISTED {
        for key in &unknown {
            r.push(shown(key), format!("Ignored unknown parameter {}.", named(key)));
        }
    } else {
        let listed: Vec<String> = unknown.iter().take(UNKNOWN_LISTED).map(named).collect();
        r.push(
            String::new(),
            format!(
                "Ignored {} unknown parameters: {}, and {} more.",
                grouped(unknown.len() as u64),
                listed.join(", "),
                grouped((unknown.len() - UNKNOWN_LISTED) as u64)
            ),
        );
    }

    // `frozen` applies to the Embedding, whichever of the two came first.
    if let (Some(frozen), Some(e)) = (frozen_given, s.around.embedding.as_mut()) {
        e.frozen = frozen;
    }

    // The new layers' options (crate::kind_query) after the settings they build on.
    if !kind_pairs.is_empty() {
        for (param, text) in crate::kind_query::read(&kind_pairs, &mut s.config) {
            r.push(shown(&param), text);
        }
    }

    // The projection is read last because its range depends on the units.
    if let Some(raw) = proj_given {
        let max = u64::from(s.config.units.get()) - 1;
        match parse_whole(raw).and_then(ProjSize::new) {
            Ok(p) => {
                let mut candidate = s.config;
                candidate.proj_size = p;
                match candidate.check() {
                    Ok(()) => s.config = candidate,
                    Err(refusal) => {
                        r.push("proj".into(), format!("proj={}: {refusal} Using no projection (proj=0).", shown(raw)))
                    }
                }
            }
            Err(e) => {
                let accepts = if s.config.allows_projection() {
                    range_text(0, max)
                } else {
                    "a whole number, and only for a PyTorch LSTM".to_owned()
                };
                r.reject("proj", raw, why(&e), &accepts, "no projection (0)")
            }
        }
    }
    s
}

/// Reads `dense=` (a comma list of 1 – [`MAX_DENSE`] unit counts; `0` or empty for none). A bad
/// list keeps the default (no Dense) with a notice naming the parameter and its range.
fn read_dense(r: &mut Reader, key: &str, raw: &str) -> DenseStack {
    let t = raw.trim();
    if t.is_empty() || t == "0" {
        return DenseStack::default();
    }
    let accepts = format!(
        "0 (none) or a comma list of 1 to {MAX_DENSE} unit counts, each {}",
        range_text(Size::MIN as u64, Size::MAX as u64)
    );
    let items: Vec<&str> = t.split(',').map(str::trim).collect();
    if items.len() > MAX_DENSE {
        r.work += 1;
        r.reject(key, raw, "has too many layers", &accepts, "no Dense layer (the default)");
        return DenseStack::default();
    }
    let mut units = Vec::with_capacity(items.len());
    for item in items {
        r.work += 1;
        match Size::parse(item) {
            Ok(k) => units.push(k),
            Err(e) => {
                r.reject(key, raw, why(&e), &accepts, "no Dense layer (the default)");
                return DenseStack::default();
            }
        }
    }
    DenseStack::new(&units).unwrap_or_default()
}

impl State {
    /// The whole model's count (the Embedding, the stack, the Dense layers).
    ///
    /// # Errors
    /// As [`crate::network::network`].
    pub fn network(&self) -> Result<crate::network::Network, crate::count::CountError> {
        crate::network::network(&self.config, &self.around)
    }

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

    /// The query for the full (not embedded) page: as [`State::to_query`] without `embed`, `hide`,
    /// `lock`, `show`, `reveal` and `slide`.
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
        for (key, value) in crate::kind_query::write(c) {
            q.append_pair(key, &value);
        }
        let a = &self.around;
        if let Some(e) = a.embedding {
            q.append_pair("vocab", &e.vocab.to_string());
            if e.frozen {
                q.append_pair("frozen", "1");
            }
        }
        if !a.dense().is_empty() {
            let units: Vec<String> = a.dense().iter().map(Size::to_string).collect();
            q.append_pair("dense", &units.join(","));
        }
        if a.dense_bias != d.around.dense_bias {
            q.append_pair("dense_bias", "0");
        }
        if a.head != d.around.head {
            q.append_pair("head", a.head.key());
        }
        if v.steps != d.view.steps {
            q.append_pair("steps", &v.steps.to_string());
        }
        if let Some(got) = v.got {
            q.append_pair("got", &got.to_string());
        }
        if v.batch != d.view.batch {
            q.append_pair("batch", &v.batch.to_string());
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
            if !v.show.is_empty() {
                q.append_pair("show", &keys(&v.show, Section::key).join(","));
            }
            if v.reveal {
                q.append_pair("reveal", "1");
            }
            if v.slide {
                q.append_pair("slide", "1");
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
