//! The page: reads the URL once, provides the [`Store`], keeps the URL in step, lays out sections.

use crate::components::{
    ArithmeticPanel, ComparisonLine, Controls, DeferredPanel, EmbedBar, FormulaLine, GotCheck, Messages, ResetButton,
    Reveal, RevealGate, StepsNote, StickyTotal, TotalDisplay,
};
use crate::deferred::{Loader, Panel};
use crate::platform::debounce::Debounce;
use crate::platform::media::follow_media_query;
use crate::platform::{frame, page, theme, url};
use crate::store::{Browser, Store};
use leptos::prelude::*;
use rnn_params_model::state::{parse_location, query_in_fragment, Section};
use rnn_params_model::summary::{description, title};
use rnn_params_model::CountError;

/// How long the state must stay still before the address bar is updated.
const URL_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// The whole widget. With `embed=1` it drops the header and footer and links to the full version;
/// `hide=` removes sections.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = url::read_location();
    // A reload that came before the last address write shows what the reader saw last.
    let search = url::take_pending(&search).map(|q| format!("?{q}")).unwrap_or(search);
    let (state, notices) = parse_location(&search, &hash);
    let drop_hash = query_in_fragment(&search, &hash);
    // Only the charts read the media queries, and they come after the first paint: so do the
    // queries (each `matchMedia` costs the browser milliseconds before it has painted anything).
    let (prefers_dark, printing) = (RwSignal::new(false), RwSignal::new(false));
    let browser = Browser {
        prefers_dark: prefers_dark.into(),
        printing: printing.into(),
        content_height: frame::content_height().into(),
    };
    frame::answer_height_requests();
    let store = Store::new(state, notices, browser);
    provide_context(store);
    // The second module: the panels below the first screen (fetched once it is painted).
    let loader = Loader::provide();
    // A page opened on a ConvLSTM, Flax, … layer needs that family's rules for its count: at once.
    if store.config.with_untracked(|c| c.kind != rnn_params_model::kind::Kind::Layer) {
        loader.start_families();
    }

    // The address bar holds the canonical query of what is shown, so a copied link reproduces it.
    // A change after a quiet moment (a click) is written at once, so that a reload right after it
    // keeps it; changes in quick succession (a slider drag) are written once they stop, so a drag is
    // one history update, not fifty (browsers throttle replaceState, and Chromium refetches the
    // favicon on each). Leaving the page writes a pending change at once, and the tab's session
    // storage remembers what was shown, so that a reload (which took the old address already)
    // still shows it.
    let address = Debounce::new(URL_DELAY, true);
    // What the page shows now, for the tab's session storage when the page unloads first.
    let shown = StoredValue::new(String::new());
    let write = move |query: &str, push: bool| {
        if url::write_query(query, drop_hash, push).is_err() {
            store.report_once(
                "address",
                "This page could not update its address (the browser refused), so reloading it or copying the \
                 address bar will not keep your changes: copy the link in the share panel instead.",
            );
        }
    };
    // A deliberate step (a click, the start of a drag or of an edit: see `Store::mark_step`) makes
    // a history entry when its state is written, so Back undoes it; the rest of a drag or an edit
    // replaces that entry, so a drag is one entry.
    let push = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        let query = store.state().to_query();
        if store.take_step() {
            push.set_value(true);
        }
        shown.set_value(query.clone());
        frame::post_state(&query);
        if previous.is_none() {
            // On load, at once: a corrected address (bad values dropped) is there from the start.
            push.set_value(false);
            write(&query, false);
            return;
        }
        address.call(move || {
            // Embedded in a course page, the widget's steps would be the host page's Back steps
            // too (a frame shares the tab's history): there it only replaces its address.
            let step = push.get_value() && !store.view.with_untracked(|v| v.embedded());
            push.set_value(false);
            write(&query, step);
        });
    });
    // Back and Forward bring an earlier address back: show its state (a step of its own, not one
    // to record again).
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
        let (search, hash) = url::read_location();
        let (state, _) = parse_location(&search, &hash);
        store.take_step();
        push.set_value(false);
        store.restore(state);
    });
    // The tab's title names the layer and its count, so a tab, a bookmark or the history list says
    // what it shows.
    // Predict, then reveal (`reveal=1`): the count stays hidden until the learner commits a guess.
    let reveal = Reveal::provide(store.view.with_untracked(|v| v.reveal));
    let page_title = Memo::new(move |_| {
        if reveal.concealed() {
            return None;
        }
        store.breakdown.with(|b| b.as_ref().ok().map(title))
    });
    // Link previews read the same: the Open Graph title and the description follow the state.
    let page_description = Memo::new(move |_| {
        if reveal.concealed() {
            return None;
        }
        store.breakdown.with(|b| b.as_ref().ok().map(description))
    });
    // Written like the address, once a drag pauses: setting `document.title` costs the browser
    // about 2 ms (it reaches the tab strip), more than the rest of a slider step's DOM writes.
    let title_write = Debounce::new(URL_DELAY, true);
    Effect::new(move |_| {
        let (title, description) = (page_title.get(), page_description.get());
        title_write.call(move || {
            if let Some(t) = &title {
                document().set_title(t);
            }
            if let (Some(t), Some(d)) = (title, description) {
                page::set_meta("og:title", &t);
                page::set_meta("og:description", &d);
                page::set_meta("description", &d);
            }
        });
    });
    // A reload takes the address before any unload handler runs, so a write still waiting then
    // comes too late for it: the tab's session storage keeps what was shown, for the next load.
    let leave = move || {
        if address.pending() {
            url::remember_pending(&url::read_location().0, &shown.get_value());
        }
        address.flush();
    };
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| leave());
    let on_hidden = window_event_listener(leptos::ev::visibilitychange, move |_| leave());
    on_cleanup(move || {
        on_hide.remove();
        on_hidden.remove();
        on_pop.remove();
    });
    page::started();
    // The theme from the URL (auto, light, dark) on the root element.
    let theme = Memo::new(move |_| store.view.with(|v| v.theme));
    Effect::new(move |_| theme::apply(theme.get()));

    let embed = Memo::new(move |_| store.view.with(|v| v.embedded()));
    let slide = Memo::new(move |_| store.view.with(|v| v.slide));
    Effect::new(move |_| page::set_embedded(embed.get()));
    let shown = Memo::new(move |_| store.view.with(|v| Section::ALL.iter().map(|&s| v.shows(s)).collect::<Vec<_>>()));
    let shows = move |section: Section| shown.with(|v| Section::ALL.iter().zip(v).any(|(&s, &on)| s == section && on));
    // The first screen (total, formula, controls, arithmetic) is built first; the panels below it
    // right after the browser has painted it, so the count shows without waiting for them.
    let rest = RwSignal::new(false);
    let begun = StoredValue::new(false);
    let begin = move || {
        if !begun.get_value() {
            begun.set_value(true);
            follow_media_query("(prefers-color-scheme: dark)", prefers_dark);
            follow_media_query("print", printing);
            rest.set(true);
            loader.start();
            // A host frame gets the height from here on (the panels still coming).
            set_timeout(frame::start_posting, std::time::Duration::ZERO);
        }
    };
    // The first screen is complete once its count shows: at once for a Keras or PyTorch layer; for
    // another family once its rules are in (or could not be fetched), so that building the rest
    // never delays that count.
    let counted = Memo::new(move |_| {
        loader.families_failed() || !store.network.with(|n| matches!(n, Err(CountError::RulesNotLoaded)))
    });
    Effect::new(move |_| {
        if counted.get() {
            request_animation_frame(move || set_timeout(begin, std::time::Duration::ZERO));
        }
    });
    // A frame off screen gets no animation frames (browsers throttle them): begin anyway.
    set_timeout(begin, std::time::Duration::from_millis(300));
    // Every panel is built (or says its module could not be fetched): only then is the height a
    // host frame receives final.
    let ready = Memo::new(move |_| rest.get() && loader.settled());
    Effect::new(move |_| {
        if ready.get() {
            // Once the panels are in the page (their effects ran in this task's microtasks).
            set_timeout(frame::mark_complete, std::time::Duration::ZERO);
        }
    });
    let below = move |section: Section| rest.get() && shows(section);
    let has_around = Memo::new(move |_| store.around.with(|a| !a.is_bare()));

    view! {
        // The highlighted gate is one attribute on the root; the stylesheet lights up every
        // `[data-gate]` and `[data-term]` of that gate below it.
        // `data-ready` once every panel is built, or has said that its module could not be fetched
        // (tests and host pages may wait for it).
        <div
            class="app"
            class:embed=embed
            class:slide=slide
            class:concealed=move || reveal.concealed()
            data-highlight=move || store.highlight.get().map(|g| g.key())
            data-ready=move || ready.get().then_some("1")
        >
            <Show when=move || !embed.get()>
                <header class="page-header">
                    <h1>"How many parameters does this recurrent layer have?"</h1>
                    <p class="lede">
                        "Pick a cell and its sizes: the count Keras or PyTorch reports, the arithmetic behind it and the gates it comes from follow live."
                    </p>
                </header>
            </Show>
            <Show when=move || embed.get()>
                <EmbedBar />
            </Show>
            <main class="layout">
                <Messages />
                // The answer comes first (on a phone it is the first thing on the screen); on wide
                // screens the controls sit to its left, beside the explanation.
                <div class="top" class:no-controls=move || !shows(Section::Controls)>
                <section class="panel result-panel" aria-labelledby="result-title">
                    <h2 id="result-title" class="visually-hidden">"Parameter count"</h2>
                    <TotalDisplay />
                    // Shown only once the total has scrolled away: built after the first paint.
                    <Show when=move || rest.get() && !embed.get()>
                        <StickyTotal />
                    </Show>
                    // What the number is made of and what never enters it: on a phone this comes
                    // before the controls, all on the first screen.
                    <FormulaLine />
                    <StepsNote />
                    <ComparisonLine />
                    <GotCheck />
                    <RevealGate />
                </section>
                <Show when=move || shows(Section::Controls)>
                    <section class="panel controls-panel" aria-labelledby="controls-title">
                        <div class="controls-head">
                            <h2 id="controls-title">"Layer"</h2>
                            <ResetButton />
                        </div>
                        <Controls />
                    </section>
                </Show>
                <Show when=move || shows(Section::Explain)>
                    <section class="panel explain-panel" aria-labelledby="explain-title">
                        <h2 id="explain-title">"Where the number comes from"</h2>
                        <Show when=move || shows(Section::Arithmetic)>
                            <ArithmeticPanel />
                        </Show>
                        <DeferredPanel panel=Panel::Code />
                    </section>
                </Show>
                </div>
                <Show when=move || shows(Section::Summary) && has_around.get()>
                    <section class="panel wide summary-panel" id="summary" aria-labelledby="summary-title">
                        <h2 id="summary-title">"The whole model"</h2>
                        <DeferredPanel panel=Panel::Summary />
                    </section>
                </Show>
                <Show when=move || below(Section::Diagram)>
                    <section class="panel wide diagram-panel" aria-labelledby="diagram-heading">
                        <h2 id="diagram-heading">"Inside the cell"</h2>
                        <p class="note">
                            "Each block is a small dense layer over [h(t−1), x(t)] with its own weights and bias. Hover, tap or Tab to a block to find its term and its slice of the tensors."
                        </p>
                        <DeferredPanel panel=Panel::Diagram />
                    </section>
                </Show>
                <Show when=move || below(Section::Cost)>
                    <section class="panel wide cost-panel" id="cost" aria-labelledby="cost-title">
                        <h2 id="cost-title">"What does grow with the sequence: work and memory"</h2>
                        <DeferredPanel panel=Panel::Cost />
                    </section>
                </Show>
                <Show when=move || below(Section::Paste)>
                    <section class="panel wide paste-panel" aria-labelledby="paste-title">
                        <h2 id="paste-title">"Your own layer: paste its code or summary"</h2>
                        <DeferredPanel panel=Panel::Paste />
                    </section>
                </Show>
                <Show when=move || below(Section::Tensors)>
                    <section class="panel wide" aria-labelledby="tensors-title">
                        <h2 id="tensors-title">"Weight tensors"</h2>
                        <DeferredPanel panel=Panel::Tensors />
                    </section>
                </Show>
                <Show when=move || below(Section::Plot)>
                    <section class="panel wide plot-panel" aria-labelledby="plot-title">
                        <h2 id="plot-title">"How the count scales"</h2>
                        <DeferredPanel panel=Panel::Plot />
                    </section>
                </Show>
                <Show when=move || below(Section::Share)>
                    <section class="panel wide share-panel" aria-labelledby="share-title">
                        <h2 id="share-title">"Share and embed"</h2>
                        <DeferredPanel panel=Panel::Share />
                    </section>
                </Show>
            </main>
            <Show when=move || !embed.get()>
                <footer class="page-footer">
                    <p>
                        "Counts follow the Keras (keras.io/api/layers/recurrent_layers) and PyTorch (pytorch.org/docs, torch.nn.RNN, GRU, LSTM) documentation and are tested against what real Keras 3.15 and PyTorch 2.15 runs reported. Nothing on this page is sent anywhere; the state lives in the address."
                    </p>
                </footer>
            </Show>
        </div>
    }
}
