//! The app's reactive state, in two parts: the [`Config`] (everything that changes the count) and
//! the [`View`] (how the page shows it), each a signal written only through the named methods
//! below; the notices shown to the reader; and memos derived from them. Components read it with
//! `expect_context::<Store>()`.
//!
//! Browser signals (media queries, the content height) are made by `App` and passed in as
//! [`Browser`], so the store holds no browser glue.

use leptos::prelude::*;
use rnn_params_model::arithmetic::{arithmetic, Arithmetic};
use rnn_params_model::bounds::Vocab;
use rnn_params_model::bounds::{Batch, ProjSize, Steps};
use rnn_params_model::compare::{compare, Comparison};
use rnn_params_model::diagram::{diagram, Diagram};
use rnn_params_model::network::{network, summary, Around, DenseStack, Head, Network, Summary};
use rnn_params_model::scaling::{PlotAxis, Scale};
use rnn_params_model::state::{Notice, State, Theme, View};
use rnn_params_model::{count, Breakdown, Cell, Config, CountError, Framework, Gate, MergeMode, SetError, SizeSetting};

/// What the store needs from the browser, made by `App` (see `platform`).
#[derive(Clone, Copy)]
pub struct Browser {
    /// The reader prefers a dark colour scheme.
    pub prefers_dark: Signal<bool>,
    /// The page is being printed.
    pub printing: Signal<bool>,
    /// The page content's height in CSS pixels.
    pub content_height: Signal<u32>,
}

/// Shared state, cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Store {
    config_rw: RwSignal<Config>,
    view_rw: RwSignal<View>,
    around_rw: RwSignal<Around>,
    /// The projection a framework or cell switch dropped, brought back on the way back.
    kept_projection: StoredValue<ProjSize>,
    /// A deliberate step (a click, the start of a drag or of an edit) changed the state since the
    /// address was last written: the next write makes a history entry, so Back undoes the step.
    step: StoredValue<bool>,
    /// Whether the rules of the layer families beyond Keras's and PyTorch's own layers are in
    /// (`rnn_params_model::families`): until then such a layer's count waits for them.
    families_rw: RwSignal<bool>,
    /// What changes the count (changes only through the `set_*` methods).
    pub config: ReadSignal<Config>,
    /// How the page is shown: time steps, plot axis and scale, embedding, theme.
    pub view: ReadSignal<View>,
    /// The layers around the stack: an Embedding before, Dense layers after.
    pub around: ReadSignal<Around>,
    /// The whole model's count (Embedding, stack, Dense).
    pub network: Memo<Result<Network, CountError>>,
    /// Messages about URL values that were not used as given.
    pub notices: RwSignal<Vec<Notice>>,
    /// The full breakdown of `config`.
    pub breakdown: Memo<Result<Breakdown, CountError>>,
    /// The arithmetic of the breakdown.
    pub arithmetic: Memo<Option<Arithmetic>>,
    /// The same layer in the other framework.
    pub comparison: Memo<Option<Comparison>>,
    /// Time steps T (the unrolled diagram, the code).
    pub steps: Memo<Steps>,
    /// Whether the page is dark: `theme=dark`, or `theme=auto` under a dark colour-scheme preference;
    /// never while printing (the print stylesheet is light, so the charts must be too).
    pub dark: Memo<bool>,
    /// The page content's height in CSS pixels (for the iframe snippet; posted to a host frame).
    pub content_height: Signal<u32>,
    /// The gate under the pointer or keyboard focus, in the diagram, the arithmetic or the table.
    pub pointed: RwSignal<Option<Gate>>,
    /// The gate pinned by a tap or click (or Enter) on a diagram block, until tapped again.
    pub pinned: RwSignal<Option<Gate>>,
    /// The gate all three places highlight: the pointed one, else the pinned one.
    pub highlight: Memo<Option<Gate>>,
}

impl Store {
    /// Creates the store from an initial state, the notices produced while reading it, and the
    /// browser's signals.
    pub fn new(initial: State, notices: Vec<Notice>, browser: Browser) -> Self {
        let config_rw = RwSignal::new(initial.config);
        let view_rw = RwSignal::new(initial.view);
        let around_rw = RwSignal::new(initial.around);
        let families_rw = RwSignal::new(rnn_params_model::families::installed());
        // A layer of another family is counted again once its family's rules are in.
        let family_rules = move |c: &Config| {
            if c.kind != rnn_params_model::kind::Kind::Layer {
                families_rw.track();
            }
        };
        let network = Memo::new(move |_| {
            config_rw.with(|c| {
                family_rules(c);
                around_rw.with(|a| network(c, a))
            })
        });
        let breakdown = Memo::new(move |_| {
            config_rw.with(|c| {
                family_rules(c);
                count(c)
            })
        });
        let arithmetic = Memo::new(move |_| breakdown.with(|b| b.as_ref().ok().map(arithmetic)));
        let comparison = Memo::new(move |_| {
            config_rw.with(|c| {
                family_rules(c);
                compare(c).ok()
            })
        });
        let steps = Memo::new(move |_| view_rw.with(|v| v.steps));
        let theme = Memo::new(move |_| view_rw.with(|v| v.theme));
        let (pointed, pinned) = (RwSignal::new(None), RwSignal::new(None));
        let dark = Memo::new(move |_| {
            !browser.printing.get()
                && match theme.get() {
                    Theme::Dark => true,
                    Theme::Light => false,
                    Theme::Auto => browser.prefers_dark.get(),
                }
        });
        Store {
            config_rw,
            view_rw,
            around_rw,
            around: around_rw.read_only(),
            network,
            kept_projection: StoredValue::new(ProjSize::NONE),
            step: StoredValue::new(false),
            families_rw,
            config: config_rw.read_only(),
            view: view_rw.read_only(),
            notices: RwSignal::new(notices),
            breakdown,
            arithmetic,
            comparison,
            steps,
            dark,
            content_height: browser.content_height,
            pointed,
            pinned,
            highlight: Memo::new(move |_| pointed.get().or(pinned.get())),
        }
    }

    /// The layer families' rules are in (`rnn_params_model::families::install` has run): a layer of
    /// those families is counted now.
    pub fn families_arrived(&self) {
        self.families_rw.set(true);
    }

    /// The gate diagram of the breakdown for the current sequence length, as a new memo: the diagram
    /// panel makes it once and provides it to its blocks and steps (it is in the second module,
    /// `src/deferred`: the first screen never draws a diagram).
    pub fn diagram(&self) -> Memo<Option<Diagram>> {
        let (breakdown, steps) = (self.breakdown, self.steps);
        Memo::new(move |_| breakdown.with(|b| b.as_ref().ok().map(|b| diagram(b, steps.get()))))
    }

    /// The framework's summary table of the whole model (steps and batch from the view), as a new
    /// memo, for the summary table (in the second module, like [`Store::diagram`]).
    pub fn summary(&self) -> Memo<Option<Summary>> {
        let (network, view) = (self.network, self.view);
        let steps_and_batch = Memo::new(move |_| view.with(|v| (v.steps.wide(), v.batch.wide())));
        Memo::new(move |_| {
            let (t, b) = steps_and_batch.get();
            network.with(|n| n.as_ref().ok().map(|n| summary(n, Some(t), b)))
        })
    }

    /// The whole state (for the URL), tracked.
    pub fn state(&self) -> State {
        State { config: self.config.get(), around: self.around.get(), view: self.view.get() }
    }

    /// Writes `next` when it differs from the current configuration (an unchanged write notifies
    /// nothing); returns whether it changed.
    fn put_config(&self, next: Config) -> bool {
        let changed = self.config_rw.with_untracked(|c| *c != next);
        if changed {
            self.config_rw.set(next);
        }
        changed
    }

    fn put_view(&self, change: impl FnOnce(&mut View)) -> bool {
        let mut next = self.view_rw.get_untracked();
        change(&mut next);
        let changed = self.view_rw.with_untracked(|v| *v != next);
        if changed {
            self.view_rw.set(next);
        }
        changed
    }

    /// A deliberate step into a new state (a click, a committed value, the start of a drag or of
    /// an edit in a field): the next address write makes a history entry instead of replacing the
    /// current one, so Back comes back to the state before it. Changes within the same drag or
    /// edit then replace that entry.
    pub fn mark_step(&self) {
        self.step.set_value(true);
    }

    /// Whether a step was marked since the last call (the address writer asks, and clears it).
    pub fn take_step(&self) -> bool {
        let marked = self.step.get_value();
        self.step.set_value(false);
        marked
    }

    /// Marks a step when `changed`.
    fn stepped(&self, changed: bool) {
        if changed {
            self.mark_step();
        }
    }

    /// Shows `state` as it is (Back or Forward brought its address back): no step is marked.
    pub fn restore(&self, state: State) {
        self.kept_projection.set_value(ProjSize::NONE);
        self.put_config(state.config);
        self.put_view(|v| *v = state.view);
    }

    /// Whether the layer is the classic example (Keras `LSTM(256)` on 4096 inputs, 16 steps,
    /// batch 1, no number checked).
    pub fn is_classic(&self) -> bool {
        let d = View::default();
        self.config.with(|c| *c == Config::default())
            && self.view.with(|v| v.steps == d.steps && v.batch == d.batch && v.got.is_none())
    }

    /// Back to the classic example: the default layer, time steps, batch size and no number
    /// checked; how the page is shown (plot, embedding, hidden and fixed sections, theme) stays.
    pub fn reset_to_classic(&self) {
        self.kept_projection.set_value(ProjSize::NONE);
        let d = View::default();
        let a = self.put_config(Config::default());
        let b = self.put_view(|v| {
            v.steps = d.steps;
            v.batch = d.batch;
            v.got = None;
        });
        self.stepped(a || b);
    }

    /// Switches the framework; a projection the new framework cannot have is dropped (and kept for
    /// switching back).
    pub fn set_framework(&self, framework: Framework) {
        let mut next = self.config_rw.get_untracked();
        // The Keras / PyTorch choice is the layer itself: it leaves the other kinds (issue 17).
        next.kind = rnn_params_model::kind::Kind::Layer;
        let mut kept = self.kept_projection.get_value();
        next.switch(framework, next.cell, &mut kept);
        self.kept_projection.set_value(kept);
        let changed = self.put_config(next);
        self.stepped(changed);
    }

    /// Switches the layer kind (`kind=`: `layer`, `cell`, `convlstm`, `flax`, `tf1`, `cudnn`,
    /// `keras2`) with its default settings; what the kind cannot have is adjusted
    /// (`rnn_params_model::kind::with_kind`).
    pub fn set_kind(&self, key: &str) {
        let Some(kind) = rnn_params_model::kind::Kind::from_key(key) else { return };
        let current = self.config_rw.get_untracked();
        if current.kind.key() == kind.key() {
            return;
        }
        let changed = self.put_config(rnn_params_model::kind::with_kind(&current, kind));
        self.stepped(changed);
    }

    /// Sets one option of the layer kind from a control's text (`kernel=3x5`, `padding=valid`, …);
    /// a rejected value keeps the current one and shows the message.
    pub fn set_kind_option(&self, key: &str, value: &str) {
        let current = self.config_rw.get_untracked();
        let (next, messages) = rnn_params_model::kind_query::with_option(&current, key, value);
        for (param, text) in messages {
            self.report_once(&param, &text);
        }
        let changed = self.put_config(next);
        self.stepped(changed);
    }

    /// Switches the cell; a projection the new cell cannot have is dropped (and kept for
    /// switching back).
    pub fn set_cell(&self, cell: Cell) {
        let mut next = self.config_rw.get_untracked();
        let mut kept = self.kept_projection.get_value();
        next.switch(next.framework, cell, &mut kept);
        self.kept_projection.set_value(kept);
        let changed = self.put_config(next);
        self.stepped(changed);
    }

    /// Sets a whole-number setting.
    ///
    /// # Errors
    /// The reason, in words, when `value` is out of range or the framework refuses the result (units
    /// at or below a projection); the state is then left as it was.
    pub fn set_size(&self, setting: SizeSetting, value: u64) -> Result<(), String> {
        let next = self.config_rw.with_untracked(|c| c.with_size(setting, value)).map_err(|e| match e {
            SetError::OutOfRange => "Out of range.".to_owned(),
            SetError::Refused(r) => r.to_string(),
        })?;
        self.put_config(next);
        Ok(())
    }

    /// Two directions per layer, or one.
    pub fn set_bidirectional(&self, on: bool) {
        let changed = self.put_config(Config { bidirectional: on, ..self.config_rw.get_untracked() });
        self.stepped(changed);
    }

    /// Bias vectors, or none.
    pub fn set_bias(&self, on: bool) {
        let changed = self.put_config(Config { bias: on, ..self.config_rw.get_untracked() });
        self.stepped(changed);
    }

    /// Keras GRU `reset_after`.
    pub fn set_reset_after(&self, on: bool) {
        let changed = self.put_config(Config { reset_after: on, ..self.config_rw.get_untracked() });
        self.stepped(changed);
    }

    /// Keras `Bidirectional(merge_mode=…)`.
    pub fn set_merge(&self, merge: MergeMode) {
        let changed = self.put_config(Config { merge, ..self.config_rw.get_untracked() });
        self.stepped(changed);
    }

    fn put_around(&self, change: impl FnOnce(&mut Around)) {
        let mut next = self.around_rw.get_untracked();
        change(&mut next);
        if self.around_rw.with_untracked(|a| *a != next) {
            self.around_rw.set(next);
        }
    }

    /// An Embedding of `vocab` rows before the stack, or none (its dimension is the input size).
    pub fn set_vocab(&self, vocab: Option<Vocab>) {
        self.put_around(|a| {
            let frozen = a.embedding.is_some_and(|e| e.frozen);
            a.embedding = vocab.map(|vocab| rnn_params_model::network::Embedding { vocab, frozen });
        });
    }

    /// The Embedding is frozen (not trained; still counted).
    pub fn set_frozen(&self, frozen: bool) {
        self.put_around(|a| {
            if let Some(e) = a.embedding.as_mut() {
                e.frozen = frozen;
            }
        });
    }

    /// The Dense layers after the stack (none for an empty stack).
    pub fn set_dense(&self, dense: DenseStack) {
        self.put_around(|a| a.dense = dense);
    }

    /// Bias on every Dense layer.
    pub fn set_dense_bias(&self, on: bool) {
        self.put_around(|a| a.dense_bias = on);
    }

    /// What the first Dense reads.
    pub fn set_head(&self, head: Head) {
        self.put_around(|a| a.head = head);
    }

    /// Sets the layers around the stack read from a paste (none for a lone layer).
    pub fn apply_around(&self, around: Around) {
        self.put_around(|a| *a = around);
    }

    /// Time steps T.
    pub fn set_steps(&self, steps: Steps) {
        self.put_view(|v| v.steps = steps);
    }

    /// Batch size B.
    pub fn set_batch(&self, batch: Batch) {
        self.put_view(|v| v.batch = batch);
    }

    /// The number the learner got or expected (`None` clears it).
    pub fn set_got(&self, got: Option<u64>) {
        self.put_view(|v| v.got = got);
    }

    /// Sets the layer read from a paste, and the time steps and batch size when the text gave them
    /// (values outside their bounds are left as they are).
    pub fn apply_reading(&self, config: Config, steps: Option<u32>, batch: Option<u32>) {
        if config.check().is_err() {
            return;
        }
        self.kept_projection.set_value(ProjSize::NONE);
        let a = self.put_config(config);
        let b = self.put_view(|v| {
            if let Some(t) = steps.and_then(|t| Steps::new(u64::from(t)).ok()) {
                v.steps = t;
            }
            if let Some(b) = batch.and_then(|b| Batch::new(u64::from(b)).ok()) {
                v.batch = b;
            }
        });
        self.stepped(a || b);
    }

    /// The scaling plot's x axis.
    pub fn set_plot(&self, axis: PlotAxis) {
        let changed = self.put_view(|v| v.plot = axis);
        self.stepped(changed);
    }

    /// The scaling plot's y scale.
    pub fn set_scale(&self, scale: Scale) {
        let changed = self.put_view(|v| v.scale = scale);
        self.stepped(changed);
    }

    /// Adds a notice about `param` unless one about it is shown already.
    pub fn report_once(&self, param: &str, text: &str) {
        self.notices.update(|list| {
            if !list.iter().any(|n| n.param == param) {
                let id = list.iter().map(|n| n.id + 1).max().unwrap_or(0);
                list.push(Notice { param: param.to_owned(), text: text.to_owned(), id });
            }
        });
    }

    /// Removes the notices about `param` (a problem that has gone away, like a module fetched on a
    /// second try).
    pub fn withdraw(&self, param: &str) {
        if self.notices.with_untracked(|list| list.iter().any(|n| n.param == param)) {
            self.notices.update(|list| list.retain(|n| n.param != param));
        }
    }

    /// Removes one notice, by its id (another that reads the same stays).
    pub fn dismiss(&self, notice: &Notice) {
        self.notices.update(|list| list.retain(|n| n.id != notice.id));
    }
}
