//! The panels the first screen does not need, compiled into a second WebAssembly module.
//!
//! The first module holds what the page needs before its total, formula, controls and arithmetic
//! show and respond; everything reachable only from [`build`] is moved by `wasm-split-cli` (see
//! `scripts/build-wasm.mjs`) into a chunk the page fetches right after it starts. [`Loader`] tracks
//! that fetch; [`crate::components::DeferredPanel`] shows a panel once it is in, a short loading
//! line before, and a sentence if the chunk could not be fetched.
//!
//! A second split point, [`install_families`], puts the counting rules of the layer families
//! beyond Keras's and PyTorch's own layers (`rnn_params_model::families`) in a small module of
//! their own; [`Loader::start_families`] fetches it.
//!
//! Invariant: nothing outside this file builds a component that [`build`] builds, so the first
//! module never links them (`scripts/check-split` checks it; `tests/e2e/deferred.test.mjs` that the
//! total, the arithmetic and the controls work with the second module's request aborted).

use crate::components::{
    CodePanel, CostPanel, FamilySettings, GateDiagram, GotResult, PasteBox, ScalingPlot, SharePanel, SummaryTable,
    TensorTable, UnrolledSteps,
};
use crate::store::Store;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future as _;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// A panel built by the second module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The chosen layer family's own settings (ConvLSTM, Flax, TF1), under the family choice.
    Family,
    /// What the mistakes catalogue makes of the number in the "I got …" field (the field itself is
    /// on the first screen).
    GotCheck,
    /// The Python that builds the same model.
    Code,
    /// The whole model's summary table.
    Summary,
    /// The gate diagram and the unrolled steps.
    Diagram,
    /// Multiply-adds and memory over the sequence.
    Cost,
    /// The paste box.
    Paste,
    /// The tensor table.
    Tensors,
    /// The scaling and composition charts.
    Plot,
    /// The share and embed panel.
    Share,
}

impl Panel {
    /// Every panel, in page order (the order they are built in).
    pub const ALL: [Panel; 10] = [
        Panel::Family,
        Panel::GotCheck,
        Panel::Code,
        Panel::Summary,
        Panel::Diagram,
        Panel::Cost,
        Panel::Paste,
        Panel::Tensors,
        Panel::Plot,
        Panel::Share,
    ];

    /// What the panel is called in its loading and failure sentences ("the diagram").
    pub fn label(self) -> &'static str {
        match self {
            Panel::Family => "the layer family's settings",
            Panel::GotCheck => "the number check",
            Panel::Code => "the code",
            Panel::Summary => "the summary table",
            Panel::Diagram => "the diagram",
            Panel::Cost => "the work and memory figures",
            Panel::Paste => "the paste box",
            Panel::Tensors => "the tensor table",
            Panel::Plot => "the charts",
            Panel::Share => "the share panel",
        }
    }
}

/// Builds `panel`'s view. The only way into the second module: its body is the split point.
/// Built untracked, so that a signal a component reads while it is set up never rebuilds it.
#[leptos::wasm_split::wasm_split(panels, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_panels))]
fn build(panel: Panel) -> Result<AnyView, SplitLoaderError> {
    Ok(untrack(|| match panel {
        Panel::Family => view! { <FamilySettings /> }.into_any(),
        Panel::GotCheck => view! { <GotResult /> }.into_any(),
        Panel::Code => view! { <CodePanel /> }.into_any(),
        Panel::Summary => view! { <SummaryTable /> }.into_any(),
        Panel::Diagram => {
            // One diagram memo for the drawing, its blocks and the unrolled steps.
            provide_context(expect_context::<Store>().diagram());
            view! {
                <GateDiagram />
                <UnrolledSteps />
            }
            .into_any()
        }
        Panel::Cost => view! { <CostPanel /> }.into_any(),
        Panel::Paste => view! { <PasteBox /> }.into_any(),
        Panel::Tensors => view! { <TensorTable /> }.into_any(),
        Panel::Plot => view! { <ScalingPlot /> }.into_any(),
        Panel::Share => view! { <SharePanel /> }.into_any(),
    }))
}

/// Installs the rules of the layer families beyond Keras's and PyTorch's own layers
/// (`rnn_params_model::families`). Its body is a split point of its own: their code is a module of
/// a few kilobytes, fetched at once when the page opens on such a layer and otherwise right after
/// the first paint, independently of the panels.
#[leptos::wasm_split::wasm_split(families, wasm_split_path = ::leptos::wasm_split, fallible)]
fn install_families() -> Result<(), SplitLoaderError> {
    rnn_params_model::families::install();
    Ok(())
}

/// Installs the families' rules before the app is mounted (`main`, for a page opened on such a
/// layer); a failure is left for the app's [`Loader`] to report (it tries once more).
pub async fn install_families_first() {
    let _ = install_families().await;
}

/// The notice the page shows when the families' rules did not arrive.
const FAMILIES_FAILED_NOTICE: &str = "The rules for counting ConvLSTM, Flax, PyTorch cell, TF1, CuDNN and Keras 2 layers      did not load (offline, a blocked request, or a file missing or left from another version of the widget), so such      a layer shows no count. The Keras and PyTorch layers are counted as usual; reloading the page tries again.";

/// Where the second module's fetch stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Load {
    /// Requested, not in yet.
    Pending,
    /// Requested more than [`SLOW`] ago and still not in (a slow or stalled connection).
    Slow,
    /// Instantiated: [`Loader::build`] works.
    Ready,
    /// The fetch or the instantiation failed (offline, a blocked request, a file missing or from
    /// another build).
    Failed,
}

/// How long the second module may take before the panels say that it is slow.
pub const SLOW: std::time::Duration = std::time::Duration::from_secs(10);

/// The notice the page shows when the second module did not arrive (one for all its panels).
const FAILED_NOTICE: &str = "Part of this page did not load: the code of the panels below the count did not arrive \
     (offline, a blocked request, or a file missing or left from another version of the widget). The count, its \
     arithmetic and the controls work; \"Try again\" in one of those panels fetches it again.";

/// The second module's fetch, shared through context (made once by `App`).
#[derive(Clone, Copy)]
pub struct Loader {
    state: RwSignal<Load>,
    /// How many panels, in page order ([`Panel::ALL`]), may be built: once the module is in, one
    /// more per task, so that building them never blocks input for long (each is one short task).
    released: RwSignal<usize>,
    /// Counts fetch attempts, so that the slow timer of an earlier attempt does nothing.
    attempt: StoredValue<u32>,
    /// Where the families' rules stand (`None`: not requested yet).
    families: RwSignal<Option<Load>>,
    /// Where a failed fetch is reported (taken when the loader is made: `start` may run outside any
    /// owner, from a timer).
    store: Store,
}

impl Loader {
    /// Makes the loader (nothing fetched yet) and provides it to the components below. Needs the
    /// [`Store`] in context.
    pub fn provide() -> Self {
        let loader = Loader {
            state: RwSignal::new(Load::Pending),
            released: RwSignal::new(0),
            attempt: StoredValue::new(0),
            // Installed before the mount (see `install_families_first`): nothing to fetch.
            families: RwSignal::new(rnn_params_model::families::installed().then_some(Load::Ready)),
            store: expect_context::<Store>(),
        };
        provide_context(loader);
        loader
    }

    /// Starts fetching the second module: `App` calls it once the first screen has been painted, so
    /// that its request never competes with the first module's. A failed fetch puts one notice on
    /// the page (the store's messages); [`Loader::retry`] tries again.
    pub fn start(&self) {
        self.start_families();
        let loader = *self;
        let store = self.store;
        loader.attempt.update_value(|a| *a += 1);
        let attempt = loader.attempt.get_value();
        set_timeout(
            move || {
                if loader.attempt.get_value() == attempt && loader.state.get_untracked() == Load::Pending {
                    loader.state.set(Load::Slow);
                }
            },
            SLOW,
        );
        leptos::task::spawn_local(async move {
            let state = match fetch_panels().await {
                Ok(()) => Load::Ready,
                Err(_) => Load::Failed,
            };
            loader.state.set(state);
            match state {
                Load::Ready => {
                    store.withdraw("panels");
                    loader.release_next();
                }
                _ => store.report_once("panels", FAILED_NOTICE),
            }
        });
    }

    /// Fetches the layer families' rules, once (`App` calls it at once when the page opens on such a
    /// layer, [`Loader::start`] otherwise); the store counts such a layer once they are in. A failed
    /// fetch puts one notice on the page; [`Loader::retry`] tries again.
    pub fn start_families(&self) {
        if matches!(self.families.get_untracked(), Some(Load::Pending | Load::Ready)) {
            return;
        }
        self.families.set(Some(Load::Pending));
        let (loader, store) = (*self, self.store);
        leptos::task::spawn_local(async move {
            match install_families().await {
                Ok(()) => {
                    loader.families.set(Some(Load::Ready));
                    store.withdraw("families");
                    store.families_arrived();
                }
                Err(_) => {
                    loader.families.set(Some(Load::Failed));
                    store.report_once("families", FAMILIES_FAILED_NOTICE);
                }
            }
        });
    }

    /// Fetches the second module again after a failure (the split loader forgets a failed fetch).
    pub fn retry(&self) {
        if self.families.get_untracked() == Some(Load::Failed) {
            self.start_families();
        }
        if self.state.get_untracked() == Load::Failed {
            self.state.set(Load::Pending);
            self.start();
        }
    }

    /// Lets the next panel be built, and schedules the one after it in a task of its own.
    fn release_next(self) {
        self.released.update(|n| *n += 1);
        if self.released.get_untracked() < Panel::ALL.len() {
            set_timeout(move || self.release_next(), std::time::Duration::ZERO);
        }
    }

    /// Whether the families' rules could not be fetched, tracked.
    pub fn families_failed(&self) -> bool {
        self.families.get() == Some(Load::Failed)
    }

    /// The fetch's state, tracked.
    pub fn state(&self) -> Load {
        self.state.get()
    }

    /// Whether `panel` may be built now (the module is in and its turn has come), tracked.
    pub fn released(&self, panel: Panel) -> bool {
        let position = Panel::ALL.iter().position(|&p| p == panel).unwrap_or(0);
        self.released.get() > position
    }

    /// Whether every panel is built or has said that the module could not be fetched, tracked.
    pub fn settled(&self) -> bool {
        self.state.get() == Load::Failed || self.released.get() >= Panel::ALL.len()
    }

    /// `panel`'s view, once the module is [`Load::Ready`]; `None` before (or if it failed).
    ///
    /// With the module in, the split call's future is ready at its first poll (the loader is
    /// already initialised), so the view is built synchronously, under the caller's owner.
    pub fn build(&self, panel: Panel) -> Option<AnyView> {
        if self.state.get_untracked() != Load::Ready {
            return None;
        }
        let future = pin!(build(panel));
        match future.poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(Ok(view)) => Some(view),
            Poll::Ready(Err(_)) | Poll::Pending => None,
        }
    }
}
