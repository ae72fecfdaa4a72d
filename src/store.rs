//! The app's reactive state: one signal holding the model's [`State`], the notices shown to the
//! reader, and memos derived from them. Components read it with `expect_context::<Store>()`.

use crate::platform::frame;
use crate::platform::media::media_query;
use leptos::prelude::*;
use rnn_params_model::arithmetic::{arithmetic, Arithmetic};
use rnn_params_model::compare::{compare, Comparison};
use rnn_params_model::diagram::{diagram, Diagram};
use rnn_params_model::state::{Notice, State, Theme, View};
use rnn_params_model::{count, Breakdown, Config, CountError, Gate, Refusal};

/// Shared state, cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Store {
    /// Everything in the URL.
    pub state: RwSignal<State>,
    /// Messages about URL values that were not used as given.
    pub notices: RwSignal<Vec<Notice>>,
    /// The counted configuration (changes only when a count-relevant setting changes).
    pub config: Memo<Config>,
    /// The full breakdown of `config`.
    pub breakdown: Memo<Result<Breakdown, CountError>>,
    /// The arithmetic of the breakdown.
    pub arithmetic: Memo<Option<Arithmetic>>,
    /// The same layer in the other framework.
    pub comparison: Memo<Option<Comparison>>,
    /// The gate diagram of the breakdown for the current sequence length.
    pub diagram: Memo<Option<Diagram>>,
    /// Whether the page is dark: `theme=dark`, or `theme=auto` under a dark colour-scheme preference;
    /// never while printing (the print stylesheet is light, so the charts must be too).
    pub dark: Memo<bool>,
    /// The page content's height in CSS pixels (for the iframe snippet; posted to a host frame).
    pub content_height: ReadSignal<u32>,
    /// The gate under the pointer or keyboard focus, in the diagram, the arithmetic or the table.
    pub pointed: RwSignal<Option<Gate>>,
    /// The gate pinned by a tap or click (or Enter) on a diagram block, until tapped again.
    pub pinned: RwSignal<Option<Gate>>,
    /// The gate all three places highlight: the pointed one, else the pinned one.
    pub highlight: Memo<Option<Gate>>,
}

impl Store {
    /// Creates the store from an initial state and the notices produced while reading it.
    pub fn new(initial: State, notices: Vec<Notice>) -> Self {
        let state = RwSignal::new(initial);
        let config = Memo::new(move |_| state.with(|s| s.config));
        let breakdown = Memo::new(move |_| count(&config.get()));
        let arithmetic = Memo::new(move |_| breakdown.with(|b| b.as_ref().ok().map(arithmetic)));
        let comparison = Memo::new(move |_| compare(&config.get()).ok());
        let steps = Memo::new(move |_| state.with(|s| s.view.steps));
        let (pointed, pinned) = (RwSignal::new(None), RwSignal::new(None));
        let prefers_dark = media_query("(prefers-color-scheme: dark)");
        let printing = media_query("print");
        let dark = Memo::new(move |_| {
            !printing.get()
                && match state.with(|s| s.view.theme) {
                    Theme::Dark => true,
                    Theme::Light => false,
                    Theme::Auto => prefers_dark.get(),
                }
        });
        let diagram = Memo::new(move |_| breakdown.with(|b| b.as_ref().ok().map(|b| diagram(b, steps.get()))));
        Store {
            state,
            notices: RwSignal::new(notices),
            config,
            breakdown,
            arithmetic,
            comparison,
            diagram,
            dark,
            content_height: frame::content_height(),
            pointed,
            pinned,
            highlight: Memo::new(move |_| pointed.get().or(pinned.get())),
        }
    }

    /// Applies `change` to the configuration if the framework accepts the result.
    ///
    /// # Errors
    /// The framework's [`Refusal`]; the state is then left as it was, and the caller shows the
    /// reason beside the control that asked for the change.
    pub fn update_config(&self, change: impl FnOnce(&mut Config)) -> Result<(), Refusal> {
        let mut candidate = self.config.get_untracked();
        change(&mut candidate);
        candidate.check()?;
        self.state.update(|s| s.config = candidate);
        Ok(())
    }

    /// Applies `change` to the view settings.
    pub fn update_view(&self, change: impl FnOnce(&mut View)) {
        self.state.update(|s| change(&mut s.view));
    }

    /// Removes one notice (another about the same parameter stays).
    pub fn dismiss(&self, notice: &Notice) {
        self.notices.update(|list| list.retain(|n| n != notice));
    }
}
