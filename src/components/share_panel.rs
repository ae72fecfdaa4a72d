//! Links and snippets that reproduce exactly what is shown.

use crate::components::{Measure, MeasureFrame, RadioGroup, RadioOption};
use crate::platform::clipboard;
use crate::platform::frame::in_frame;
use crate::platform::visibility::{in_view, seen_once};
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rnn_params_model::format::grouped;
use rnn_params_model::share::markdown_link;
use rnn_params_model::state::{Control, Section, Theme};

/// The course page column widths the snippet's height can be measured for, in CSS pixels.
/// Each is (width, key for the radio's id, label).
const COLUMNS: [(u32, &str, &str); 3] =
    [(400, "400", "400 px (phone)"), (760, "760", "760 px"), (1100, "1100", "1,100 px")];
/// Bounds of the snippet's height, in CSS pixels.
const MIN_HEIGHT: u32 = 320;
const MAX_HEIGHT: u32 = 20_000;

/// The page's address without its query: where the widget is served.
fn base_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default())
        })
        .unwrap_or_default()
}

/// One copyable text: a label, the text in a read-only field, and a Copy button, disabled while
/// `ready` is false (a height still being measured). When the clipboard refuses, the text is
/// selected in its field with a hint to copy it by hand. A new text clears the last status.
fn copy_row(
    id: &'static str,
    label: &'static str,
    text: Signal<String>,
    multiline: bool,
    ready: Signal<bool>,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    Effect::new(move |_| {
        text.track();
        status.set(String::new());
    });
    let field = NodeRef::<leptos::html::Textarea>::new();
    let copy = move |_| {
        let value = text.get_untracked();
        spawn_local(async move {
            match clipboard::copy(&value).await {
                Ok(()) => status.set("Copied.".into()),
                Err(()) => {
                    if let Some(el) = field.get_untracked() {
                        let _ = el.focus();
                        el.select();
                    }
                    status.set(
                        "The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).".into(),
                    );
                }
            }
        });
    };
    view! {
        <div class="copy-row">
            <label for=id class="control-label">{label}</label>
            <textarea
                id=id
                node_ref=field
                class="copy-text"
                class:multiline=multiline
                readonly=true
                rows=if multiline { "3" } else { "1" }
                wrap=if multiline { "soft" } else { "off" }
                prop:value=move || text.get()
                data-testid=id
            ></textarea>
            <button
                type="button"
                class="button"
                on:click=copy
                disabled=move || !ready.get()
                aria-describedby=format!("{id}-status")
            >
                "Copy"
            </button>
            <span class="copy-status" id=format!("{id}-status") role="status">{move || status.get()}</span>
        </div>
    }
}

/// The words for a control in the embed options.
fn control_label(c: Control) -> &'static str {
    match c {
        Control::Framework => "framework",
        Control::Cell => "cell type",
        Control::Input => "input size",
        Control::Units => "units",
        Control::Bidir => "bidirectional",
        Control::Bias => "bias",
        Control::ResetAfter => "reset_after",
        Control::Layers => "layers",
        Control::Merge => "merge_mode",
        Control::Proj => "proj_size",
        Control::Steps => "time steps",
        Control::Batch => "batch size",
        Control::Plot => "plot axis",
        Control::Scale => "plot scale",
        Control::Vocab => "embedding vocabulary",
        Control::Dense => "dense units",
        Control::DenseBias => "dense bias",
        Control::Head => "dense head",
    }
}

/// A checkbox per item of `all`, editing the list `chosen`.
fn checklist<T>(
    name: &'static str,
    legend: &'static str,
    all: &'static [T],
    chosen: RwSignal<Vec<T>>,
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> impl IntoView
where
    T: Copy + Ord + Send + Sync + 'static,
{
    let boxes = all
        .iter()
        .map(|&item| {
            let id = format!("{name}-{}", key(item));
            view! {
                <span class="check">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || chosen.with(|c| c.contains(&item))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                c.retain(|x| *x != item);
                                if on {
                                    c.push(item);
                                    c.sort();
                                }
                            });
                        }
                    />
                    <label for=id>{label(item)}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <fieldset class="checklist">
            <legend class="control-label">{legend}</legend>
            {boxes}
        </fieldset>
    }
}

/// The share panel: the permalink; an iframe snippet for course pages, with the controls to fix,
/// the sections to leave out and the colours chosen here; and a Markdown link, each with a Copy
/// button. Hooks: `data-testid="share-link"`, `"share-iframe"`, `"share-markdown"`.
#[component]
pub fn SharePanel() -> impl IntoView {
    let store = expect_context::<Store>();
    // The texts are written once the panel nears the viewport, not on every change before that.
    let container = NodeRef::<leptos::html::Div>::new();
    let seen = seen_once(container);
    // The snippet's height is measured only while the panel is on screen.
    let on_screen = in_view(container);
    // The embed options start from what this page was opened with.
    let (lock, hide, theme) = store.view.with_untracked(|v| (v.lock.clone(), v.hide.clone(), v.theme));
    let (lock, hide, theme) = (RwSignal::new(lock), RwSignal::new(hide), RwSignal::new(theme));
    // Where the widget is served, read once: it does not change while the page is open.
    let base = StoredValue::new(base_url());
    let permalink = Memo::new(move |_| {
        if !seen.get() {
            return String::new();
        }
        format!("{}?{}", base.get_value(), store.state().full_query())
    });
    // What a host page shows: this state with the embed options chosen here.
    let with_embed_options = move || {
        let mut s = store.state();
        s.view.lock = lock.get();
        s.view.hide = hide.get();
        s.view.theme = theme.get();
        s
    };
    // The snippet's address and its frame's title.
    let embed_src = Memo::new(move |_| {
        if !seen.get() {
            return (String::new(), String::new());
        }
        let mut embedded = with_embed_options();
        embedded.view.embed = true;
        (format!("{}?{}", base.get_value(), embedded.to_query()), embedded.config.describe())
    });
    // The height written into the snippet: measured by loading the snippet in a hidden frame of the
    // chosen column width; until then (or where nothing can be measured), this page's own height.
    let column = RwSignal::new(COLUMNS[1].0);
    let (measured, set_measured) = signal(Measure::Pending);
    let height = Memo::new(move |_| {
        match measured.get() {
            Measure::Measured(h) => h,
            Measure::Pending | Measure::Failed => store.content_height.get(),
        }
        .clamp(MIN_HEIGHT, MAX_HEIGHT)
    });
    let iframe = Memo::new(move |_| {
        let (src, title) = embed_src.get();
        if src.is_empty() {
            return String::new();
        }
        format!(
            "<iframe src=\"{src}\" title=\"rnn-params: {title}\" width=\"100%\" height=\"{}\" \
             loading=\"lazy\" style=\"border:0\" allow=\"clipboard-write\"></iframe>",
            height.get()
        )
    });
    // Inside a frame nothing is measured (the widget in a measuring frame would measure again).
    let can_measure = !in_frame();
    let measuring = Memo::new(move |_| can_measure && measured.get() == Measure::Pending);
    let height_note = move || match measured.get() {
        _ if !can_measure => format!(
            "height=\"{}\" is this frame's own height: a widget inside a frame cannot measure other settings. \
             Open the full version to have the height measured for a column width.",
            height.get()
        ),
        Measure::Measured(_) => format!(
            "height=\"{}\" is the widget's height with these settings in a column {} px wide, measured. A narrower \
             column needs more.",
            height.get(),
            column.get()
        ),
        Measure::Failed => format!(
            "height=\"{}\" is an estimate (this page's own height): the widget could not be loaded in a measuring \
             frame here (the server may refuse framing, or the page is offline). Check the height in your course page.",
            height.get()
        ),
        Measure::Pending => format!("Measuring the height in a column {} px wide… (Copy waits for it.)", column.get()),
    };
    // The script embed (embed.js beside the widget's index.html) and the reveal.js slide: the same
    // settings, written for each. The query holds known keys and numbers only; `&` is escaped for
    // the attribute.
    let folder = move || {
        let base = base.get_value();
        match base.rfind('/') {
            Some(i) => base[..=i].to_owned(),
            None => base,
        }
    };
    let script = Memo::new(move |_| {
        if !seen.get() {
            return String::new();
        }
        let s = with_embed_options();
        format!(
            "<script src=\"{}embed.js\" data-rnn-params=\"{}\" async></script>",
            folder(),
            s.to_query().replace('&', "&amp;")
        )
    });
    let slide = Memo::new(move |_| {
        if !seen.get() {
            return String::new();
        }
        let mut s = with_embed_options();
        s.view.slide = true;
        format!(
            "<iframe data-src=\"{}?{}\" title=\"rnn-params: {}\" width=\"960\" height=\"700\" \
             data-preload style=\"border:0\" allow=\"clipboard-write\"></iframe>",
            base.get_value(),
            s.to_query().replace('&', "&amp;"),
            s.config.describe()
        )
    });
    let column_options: Vec<RadioOption<u32>> =
        COLUMNS.iter().map(|&(value, key, label)| RadioOption { value, key, label, detail: String::new() }).collect();
    let markdown = Memo::new(move |_| {
        if !seen.get() {
            return String::new();
        }
        let total = store.breakdown.with(|b| b.as_ref().map(|b| grouped(b.total)).unwrap_or_default());
        let title = store.config.get().describe();
        markdown_link(&format!("{title}: {total} parameters"), &permalink.get())
    });
    let theme_options = vec![
        RadioOption { value: Theme::Auto, key: "auto", label: "the reader's setting", detail: String::new() },
        RadioOption { value: Theme::Light, key: "light", label: "light", detail: String::new() },
        RadioOption { value: Theme::Dark, key: "dark", label: "dark", detail: String::new() },
    ];
    view! {
        <div class="share" node_ref=container>
            {copy_row("share-link", "Link to exactly this", permalink.into(), false, Signal::stored(true))}
            <div class="embed-options">
                <h3>"Embed in a course page"</h3>
                {checklist("embed-lock", "Fix these controls (shown read-only)", Control::ALL, lock, Control::key, control_label)}
                {checklist("embed-hide", "Leave out these sections", Section::ALL, hide, Section::key, Section::key)}
                <RadioGroup
                    name="embed-theme"
                    legend="Colours (match your course page)"
                    options=theme_options
                    value=Signal::from(Memo::new(move |_| theme.get()))
                    on_change=Callback::new(move |t| theme.set(t))
                    locked=Signal::stored(false)
                />
            </div>
            {copy_row("share-script", "For a page that runs scripts: one line, the frame sizes itself", script.into(), true, Signal::stored(true))}
            <p class="note">
                "For several widgets on one page, load the script once and write placeholders: "
                <code>"<div data-rnn-params=\"cell=gru\"></div>"</code>
                ". Where scripts are stripped (Moodle, Canvas), use the iframe below."
            </p>
            {can_measure.then(|| view! {
                <RadioGroup
                    name="embed-column"
                    legend="Height for a course page column of"
                    options=column_options
                    value=Signal::from(Memo::new(move |_| column.get()))
                    on_change=Callback::new(move |w| column.set(w))
                    locked=Signal::stored(false)
                />
            })}
            {copy_row("share-iframe", "The iframe for these settings", iframe.into(), true, Signal::derive(move || !measuring.get()))}
            <p class="note" data-testid="share-height" aria-live="polite">{height_note}</p>
            <p class="note">
                "The frame sizes itself when the course page runs a few lines of script: see "
                <a href="examples/embed-resize.js">"examples/embed-resize.js"</a>
                " and a page with two widgets, "
                <a href="examples/course-page.html">"examples/course-page.html"</a>
                ". Where a platform strips scripts (Moodle, Canvas), the height in the snippet is all the frame has."
            </p>
            <MeasureFrame
                src=Signal::from(Memo::new(move |_| embed_src.get().0))
                width=Signal::from(Memo::new(move |_| column.get()))
                active=on_screen.into()
                height=set_measured
            />
            {copy_row("share-slide", "For a reveal.js slide (960 × 700, loaded when the slide is shown)", slide.into(), true, Signal::stored(true))}
            {copy_row("share-markdown", "Markdown link", markdown.into(), false, Signal::stored(true))}
        </div>
    }
}
