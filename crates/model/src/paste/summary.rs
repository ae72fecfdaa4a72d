//! Summary tables: Keras `model.summary()` (Keras 3 boxes or Keras 2 underscores) and torchinfo.
//!
//! A summary prints each layer's output shape and `Param #`, not its arguments. What the table
//! leaves out is solved from the printed numbers with the model's own count: for each setting the
//! table cannot show (the cell inside a `Bidirectional`, `use_bias`, `reset_after`, `merge_mode`,
//! and in torchinfo `num_layers`, `bidirectional`, `proj_size`), every value is tried, the input size
//! is solved from the first row's `Param #` when no earlier row gives it (the count is linear in
//! it), and the candidates whose count equals every printed row are kept.

use super::{shown, Disagreement, PasteError, Reading};
use crate::bounds::{Layers, ProjSize, Size, Steps};
use crate::cell::{Cell, Framework, MergeMode};
use crate::config::Config;
use crate::count::count;
use crate::format::grouped;

/// One table row.
#[derive(Clone, Debug)]
pub(super) struct Row {
    /// As printed: `lstm (LSTM)`, `LSTM: 1-2`.
    label: String,
    /// The layer class: `LSTM`, `Bidirectional`, `InputLayer`.
    ty: String,
    /// The input shape (torchinfo with an `Input Shape` column).
    input: Option<Vec<Option<u64>>>,
    /// The output shape; several for a `merge_mode=None` Bidirectional.
    out: Vec<Vec<Option<u64>>>,
    /// `Param #`.
    params: Option<u64>,
    /// torchinfo prints a frozen module's `Param #` in brackets: `(6,000,000)`.
    frozen: bool,
}

/// Reads a shape `(None, 16, 4096)`, `[1, 100, 256]` or a list of them; returns the shapes and
/// the rest of the text.
fn shape(s: &str) -> Option<(Vec<Vec<Option<u64>>>, &str)> {
    shape_at(s, 0)
}

/// [`shape`] at nesting `depth`: a list of shapes is one level, deeper nesting is not a shape.
fn shape_at(s: &str, level: u8) -> Option<(Vec<Vec<Option<u64>>>, &str)> {
    if level > 1 {
        return None;
    }
    let s = s.trim_start();
    let open = s.chars().next()?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        _ => return None,
    };
    // Find the matching bracket (nesting of one level for lists of tuples).
    let mut depth = 0usize;
    let mut end = None;
    for (i, c) in s.char_indices() {
        if c == '(' || c == '[' {
            depth += 1;
        } else if c == ')' || c == ']' {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                end = Some(i);
                break;
            }
        }
    }
    let end = end?;
    let inner = &s[1..end];
    let rest = &s[end + close.len_utf8()..];
    if inner.contains('(') || (open == '[' && inner.contains('[')) {
        let mut shapes = Vec::new();
        let mut t = inner;
        while let Some((sh, r)) = shape_at(t, level + 1) {
            shapes.extend(sh);
            t = r.trim_start().trim_start_matches(',');
        }
        return Some((shapes, rest));
    }
    let dims = inner
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| if d == "None" || d == "?" { Ok(None) } else { d.parse::<u64>().map(Some) })
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    Some((vec![dims], rest))
}

fn number(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

const BOX: [char; 6] = ['│', '┃', '║', '|', '├', '└'];

/// The rows of a Keras summary, when `text` is one.
pub(super) fn keras_rows(text: &str) -> Option<Vec<Row>> {
    if !(text.contains("Param #") && text.contains("Layer (type)")) || text.contains("type:depth-idx") {
        return None;
    }
    let clean = |line: &str| -> String { line.chars().map(|c| if BOX.contains(&c) { ' ' } else { c }).collect() };
    let lines: Vec<String> = text.lines().map(clean).collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let Some((name, rest)) = t.split_once(' ') else { continue };
        let rest = rest.trim_start();
        let Some(inside) = rest.strip_prefix('(') else { continue };
        // The class name, which a narrow table wraps onto the next line: `(Bidirection` + `al)`.
        let (ty, after) = match inside.find(')') {
            Some(end) if !inside[..end].contains(' ') => (inside[..end].to_owned(), &inside[end + 1..]),
            _ => {
                let cut = inside.find(' ').unwrap_or(inside.len());
                let next = lines.get(i + 1).map_or("", |l| l.trim());
                match next.strip_suffix(')') {
                    Some(tail) if !tail.contains(' ') => (format!("{}{tail}", &inside[..cut]), &inside[cut..]),
                    _ => continue,
                }
            }
        };
        if ty == "type" || ty.is_empty() || !ty.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let Some((out, after)) = shape(after) else { continue };
        let params = after.split_whitespace().next().and_then(number);
        rows.push(Row { label: shown(&format!("{name} ({ty})")), ty, input: None, out, params, frozen: false });
    }
    Some(rows)
}

/// The rows of a torchinfo summary, when `text` is one.
pub(super) fn torchinfo_rows(text: &str) -> Option<Vec<Row>> {
    let mut lines = text.lines();
    let header = lines.by_ref().find(|l| l.contains("Layer (type"))?;
    let columns: Vec<&str> = header.split("  ").map(str::trim).filter(|c| !c.is_empty()).skip(1).collect();
    let mut rows = Vec::new();
    for line in lines {
        let t = line.trim_start_matches(|c: char| c.is_whitespace() || BOX.contains(&c) || c == '─');
        let Some(first) = t.split_whitespace().next() else { continue };
        let ty = first.trim_end_matches(':');
        if ty.is_empty()
            || !ty.starts_with(|c: char| c.is_ascii_alphabetic())
            || !ty.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            continue;
        }
        if t.starts_with("Total") || t.starts_with("Trainable") || t.starts_with("Non-trainable") {
            break;
        }
        let mut rest = &t[first.len()..];
        if first.ends_with(':') {
            // `LSTM: 1-2`: skip the depth-index.
            rest = rest.trim_start();
            rest = rest.split_once(' ').map_or("", |(_, r)| r);
        }
        let mut cells: Vec<Field> = Vec::new();
        loop {
            let r = rest.trim_start();
            if r.is_empty() {
                break;
            }
            let (word, after_word) = r.split_once(char::is_whitespace).unwrap_or((r, ""));
            let bracketed = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
            if let Some(n) = bracketed.filter(|w| w.contains(',') || !w.is_empty()).and_then(number) {
                cells.push(Field::Frozen(n));
                rest = after_word;
            } else if let Some((s, after)) = shape(r) {
                cells.push(Field::Shape(s));
                rest = after;
            } else {
                let (word, after) = r.split_once(char::is_whitespace).unwrap_or((r, ""));
                cells.push(match number(word) {
                    Some(n) => Field::Number(n),
                    None => Field::Other,
                });
                rest = after;
            }
        }
        let mut row = Row {
            label: shown(t.split("  ").next().unwrap_or(ty)),
            ty: ty.to_owned(),
            input: None,
            out: vec![],
            params: None,
            frozen: false,
        };
        for (name, cell) in columns.iter().zip(cells) {
            match (*name, cell) {
                ("Input Shape", Field::Shape(mut s)) => row.input = s.pop(),
                ("Output Shape", Field::Shape(s)) => row.out = s,
                ("Param #", Field::Number(n)) => row.params = Some(n),
                ("Param #", Field::Frozen(n)) => {
                    row.params = Some(n);
                    row.frozen = true;
                }
                _ => {}
            }
        }
        rows.push(row);
    }
    Some(rows)
}

enum Field {
    Shape(Vec<Vec<Option<u64>>>),
    Number(u64),
    /// A bracketed `Param #`: the module is frozen.
    Frozen(u64),
    Other,
}

fn cell_of(ty: &str) -> Option<Cell> {
    match ty {
        "LSTM" => Some(Cell::Lstm),
        "GRU" => Some(Cell::Gru),
        "SimpleRNN" | "RNN" => Some(Cell::SimpleRnn),
        _ => None,
    }
}

const KEEPS: [&str; 6] =
    ["Dropout", "SpatialDropout1D", "GaussianNoise", "LayerNormalization", "BatchNormalization", "Masking"];

/// A candidate configuration and how many settings differ from the framework defaults.
struct Candidate {
    config: Config,
    unusual: u32,
}

fn last(s: &[Option<u64>]) -> Option<u64> {
    s.last().copied().flatten()
}

/// Solves the input size from the first layer's printed count: the count is linear in m.
fn solve_input(mut c: Config, printed: u64) -> Option<Size> {
    c.input_size = Size::new(1).ok()?;
    let at1 = count(&c).ok()?.layers.first()?.params;
    c.input_size = Size::new(2).ok()?;
    let slope = count(&c).ok()?.layers.first()?.params.checked_sub(at1)?;
    if slope == 0 || printed < at1 || !(printed - at1).is_multiple_of(slope) {
        return None;
    }
    Size::new(1 + (printed - at1) / slope).ok()
}

/// Whether every printed row equals the count; fills in a solved input size first.
fn fits(mut c: Config, m: Option<u64>, printed: &[u64]) -> Option<Config> {
    c.input_size = match m {
        Some(m) => Size::new(m).ok()?,
        None => solve_input(c, *printed.first()?)?,
    };
    let b = count(&c).ok()?;
    (b.layers.iter().map(|l| l.params).eq(printed.iter().copied())).then_some(c)
}

fn choose(mut cands: Vec<Candidate>, label: &str, r: &mut Reading) -> Result<Candidate, PasteError> {
    let best = cands.iter().map(|c| c.unusual).min().ok_or_else(|| PasteError::Unsolved {
        layer: label.to_owned(),
        why: "no cell, bias or input size the widget counts gives the printed Param #".into(),
    })?;
    let n_best = cands.iter().filter(|c| c.unusual == best).count();
    if n_best > 1 {
        let candidates = cands.iter().filter(|c| c.unusual == best).map(|c| c.config.describe()).collect();
        // Every configuration that fits, for the page to offer as choices.
        cands.sort_by_key(|c| c.unusual);
        r.alternatives = cands.into_iter().map(|c| c.config).collect();
        return Err(PasteError::Ambiguous { layer: label.to_owned(), candidates });
    }
    let i = cands.iter().position(|c| c.unusual == best).unwrap_or(0);
    let chosen = cands.swap_remove(i);
    cands.sort_by_key(|c| c.unusual);
    r.alternatives = cands.into_iter().map(|c| c.config).collect();
    Ok(chosen)
}

/// Reports each setting that was solved: read when every fitting configuration agrees on it,
/// assumed (the framework default) when another fitting configuration differs.
fn report_solved<T: PartialEq + core::fmt::Display>(
    r: &mut Reading,
    name: &str,
    get: impl Fn(&Config) -> T,
    chosen: &Config,
    printed: &str,
    default_note: &str,
) {
    let v = get(chosen);
    let others: Vec<String> = r.alternatives.iter().filter(|a| get(a) != v).map(|a| a.describe()).take(3).collect();
    if others.is_empty() {
        r.fact(name, &v, format!("from {printed}"));
    } else {
        r.assume(
            name,
            &v,
            format!(
                "{default_note}; {printed} fits several configurations, this one is the closest to the \
                 defaults; it also fits {}",
                others.join("; ")
            ),
        );
    }
}

fn py(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Reads a Keras summary's recurrent rows.
/// Reads the layers around the stack from the rows before the first and after the last recurrent
/// row (see [`super::around::from_summary`]).
fn around_from_rows(rows: &[Row], r: &mut Reading) {
    let recurrent = |row: &Row| cell_of(&row.ty).is_some() || row.ty == "Bidirectional";
    let (Some(first), Some(last)) = (rows.iter().position(recurrent), rows.iter().rposition(recurrent)) else {
        return;
    };
    fn layer(row: &Row) -> super::around::SummaryLayer<'_> {
        let out = row.out.first();
        super::around::SummaryLayer {
            label: &row.label,
            ty: &row.ty,
            width: out.and_then(|s| last_of(s)),
            per_step: out.is_some_and(|s| s.len() == 3),
            params: row.params,
            frozen: row.frozen,
        }
    }
    let before: Vec<_> = rows[..first].iter().map(layer).collect();
    let after: Vec<_> = rows[last + 1..].iter().map(layer).collect();
    super::around::from_summary(&before, &after, r);
}

fn last_of(s: &[Option<u64>]) -> Option<u64> {
    s.last().copied().flatten()
}

pub(super) fn read_keras(rows: Vec<Row>, mut r: Reading) -> Reading {
    let all = rows.clone();
    match keras(rows, &mut r) {
        Ok(()) => {
            around_from_rows(&all, &mut r);
            r
        }
        Err(e) => r.fail(e),
    }
}

fn keras(rows: Vec<Row>, r: &mut Reading) -> Result<(), PasteError> {
    let recurrent = |ty: &str| cell_of(ty).is_some() || ty == "Bidirectional";
    let Some(first) = rows.iter().position(|row| recurrent(&row.ty)) else {
        for row in &rows {
            r.skip(row.label.clone(), super::code::why_other(&row.ty));
        }
        return Err(PasteError::NoRecurrentLayer);
    };
    // What the first recurrent row sees: the output of the row before it.
    let mut m: Option<(u64, String)> = None;
    let mut steps: Option<(Option<u64>, String)> = None;
    for row in &rows[..first] {
        if row.ty != "InputLayer" {
            r.skip(row.label.clone(), super::code::why_other(&row.ty));
        }
        if let [s] = row.out.as_slice() {
            if s.len() == 3 {
                let from = format!("the output shape {} of {}", dims(s), row.label);
                m = s[2].map(|v| (v, from.clone()));
                steps = Some((s[1], from));
            } else if !KEEPS.contains(&row.ty.as_str()) {
                m = None;
            }
        }
    }
    let head = &rows[first];
    let mut run = vec![head];
    let mut open = true;
    for row in &rows[first + 1..] {
        let same = row.ty == head.ty && row.out.last().and_then(|s| last(s)) == head.out.last().and_then(|s| last(s));
        if open && same {
            run.push(row);
            continue;
        }
        if open && KEEPS.contains(&row.ty.as_str()) {
            r.skip(row.label.clone(), "does not change the count of the recurrent layers");
            continue;
        }
        open = false;
        let why = if recurrent(&row.ty) {
            "a further recurrent layer with other settings: the widget shows one stack"
        } else {
            super::code::why_other(&row.ty)
        };
        r.skip(row.label.clone(), why);
    }
    let printed: Vec<u64> = run
        .iter()
        .map(|row| row.params.ok_or_else(|| PasteError::Unreadable { name: "Param #".into(), text: row.label.clone() }))
        .collect::<Result<_, _>>()?;
    let out = &head.out;
    let width = out
        .first()
        .and_then(|s| last(s))
        .ok_or_else(|| PasteError::Unreadable { name: "output shape".into(), text: head.label.clone() })?;
    let bidirectional = head.ty == "Bidirectional";
    let separate = out.len() > 1; // merge_mode=None
    let layers = Layers::new(run.len() as u64).map_err(|_| PasteError::OutOfBounds {
        name: "layers".into(),
        value: run.len().to_string(),
        range: "a whole number from 1 to 16".into(),
    })?;
    let cells: Vec<Cell> = match cell_of(&head.ty) {
        Some(c) => vec![c],
        None => Cell::ALL.to_vec(),
    };
    let merges: &[MergeMode] =
        if bidirectional && !separate { &[MergeMode::Concat, MergeMode::Sum] } else { &[MergeMode::Concat] };
    let mut cands = Vec::new();
    for &cell in &cells {
        for &merge in merges {
            for bias in [true, false] {
                for reset_after in [true, false] {
                    if !reset_after && cell != Cell::Gru {
                        continue;
                    }
                    let factor = if bidirectional && merge == MergeMode::Concat && !separate { 2 } else { 1 };
                    if !width.is_multiple_of(factor) {
                        continue;
                    }
                    let Ok(units) = Size::new(width / factor) else { continue };
                    let c = Config {
                        framework: Framework::Keras,
                        cell,
                        input_size: Size::from_const(1),
                        units,
                        bidirectional,
                        bias,
                        reset_after,
                        layers,
                        merge,
                        proj_size: ProjSize::NONE,
                        kind: crate::kind::Kind::Layer,
                    };
                    if let Some(config) = fits(c, m.as_ref().map(|v| v.0), &printed) {
                        let unusual =
                            u32::from(!bias) + u32::from(!reset_after) + u32::from(merge != MergeMode::Concat);
                        cands.push(Candidate { config, unusual });
                    }
                }
            }
        }
    }
    let chosen = match (cands.is_empty(), &m, cell_of(&head.ty)) {
        // Nothing fits but everything is printed: count the defaults and flag each row.
        (true, Some((mv, _)), Some(cell)) => {
            let units = Size::new(width).map_err(|_| PasteError::OutOfBounds {
                name: "units".into(),
                value: grouped(width),
                range: "a whole number from 1 to 1,048,576".into(),
            })?;
            let input_size = Size::new(*mv).map_err(|_| PasteError::OutOfBounds {
                name: "input size".into(),
                value: grouped(*mv),
                range: "a whole number from 1 to 1,048,576".into(),
            })?;
            let config = Config { framework: Framework::Keras, cell, input_size, units, layers, ..Config::default() };
            r.assume("bias", "True", "no bias setting gives the printed Param #: counted with Keras's defaults");
            Candidate { config, unusual: 0 }
        }
        _ => choose(cands, &head.label, r)?,
    };
    let c = chosen.config;
    // Compare every printed row with the count.
    if let Ok(b) = count(&c) {
        for (row, (layer, p)) in run.iter().zip(b.layers.iter().zip(&printed)) {
            if layer.params != *p {
                r.disagreements.push(Disagreement { layer: row.label.clone(), printed: *p, counted: layer.params });
            }
        }
    }
    let p0 = format!("Param # {} of {}", grouped(printed[0]), head.label);
    match cell_of(&head.ty) {
        Some(cell) => r.fact("cell", cell.class_name(Framework::Keras), format!("the row {}", head.label)),
        None => report_solved(
            r,
            "cell",
            |a| a.cell.class_name(Framework::Keras),
            &c,
            &p0,
            "the summary does not name the cell inside Bidirectional",
        ),
    }
    r.fact("bidirectional", py(bidirectional), format!("the row {}", head.label));
    let shape_from = format!("the output shape {} of {}", shapes(out), head.label);
    if bidirectional && !separate {
        report_solved(r, "merge_mode", |a| a.merge.key(), &c, &p0, "merge_mode not shown: Keras's default is 'concat'");
        if c.merge != MergeMode::Concat {
            r.skip(
                "merge_mode sum, mul or ave",
                "the summary cannot tell them apart; the count is the same: shown as sum",
            );
        }
    } else if separate {
        r.fact("merge_mode", "None", format!("{shape_from} (two outputs; counted like concat)"));
    }
    r.fact("units", c.units, shape_from);
    match &m {
        Some((v, from)) => r.fact("input size", v, from.clone()),
        None => report_solved(
            r,
            "input size",
            |a| a.input_size.get(),
            &c,
            &p0,
            "not printed: solved from Param # with the defaults below",
        ),
    }
    let n = run.len();
    r.fact(
        "layers",
        n,
        format!("{n} {}", crate::format::noun(n as u64, "recurrent row", "consecutive recurrent rows")),
    );
    report_solved(r, "bias", |a| py(a.bias), &c, &p0, "use_bias not shown: Keras's default is True");
    if c.cell == Cell::Gru {
        report_solved(
            r,
            "reset_after",
            |a| py(a.reset_after),
            &c,
            &p0,
            "reset_after not shown: Keras 3's default is True",
        );
    }
    // Time steps: from the input, or from a recurrent row that returns sequences.
    let steps = steps.or_else(|| {
        run.iter().find_map(|row| match row.out.as_slice() {
            [s] if s.len() == 3 => Some((s[1], format!("the output shape {} of {}", dims(s), row.label))),
            _ => None,
        })
    });
    if let Some((t, from)) = steps {
        match t.map(Steps::new) {
            Some(Ok(t)) => {
                r.fact("time steps", t, from);
                r.time_steps = Some(t.get());
            }
            Some(Err(_)) => r.skip("time steps", "outside 1 to 1,000,000: not used (it never changes the count)"),
            None => r.fact("time steps", "None (any length)", from),
        }
    }
    r.config = Some(c);
    Ok(())
}

fn dims(s: &[Option<u64>]) -> String {
    let d: Vec<String> = s.iter().map(|d| d.map_or("None".to_owned(), |v| v.to_string())).collect();
    format!("({})", d.join(", "))
}

fn shapes(s: &[Vec<Option<u64>>]) -> String {
    match s {
        [one] => dims(one),
        many => format!("[{}]", many.iter().map(|d| dims(d)).collect::<Vec<_>>().join(", ")),
    }
}

/// Reads a torchinfo summary's first recurrent row.
pub(super) fn read_torchinfo(rows: Vec<Row>, mut r: Reading) -> Reading {
    let all = rows.clone();
    match torchinfo(rows, &mut r) {
        Ok(()) => {
            around_from_rows(&all, &mut r);
            r
        }
        Err(e) => r.fail(e),
    }
}

/// The smallest hidden size n in `lo..=hi` whose count reaches `printed`, by bisection (the count
/// grows with n).
fn solve_units(c: Config, printed: u64, lo: u64, hi: u64) -> Option<Config> {
    let at = |n: u64| {
        let mut c = c;
        c.units = Size::new(n).ok()?;
        count(&c).ok().map(|b| (b.total, c))
    };
    let (mut lo, mut hi) = (lo, hi);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if at(mid)?.0 < printed {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    at(lo).and_then(|(total, c)| (total == printed).then_some(c))
}

fn torchinfo(rows: Vec<Row>, r: &mut Reading) -> Result<(), PasteError> {
    let Some(first) = rows.iter().position(|row| cell_of(&row.ty).is_some() && row.ty != "SimpleRNN") else {
        for row in &rows {
            r.skip(row.label.clone(), "not a recurrent layer the widget counts (nn.RNN, nn.GRU, nn.LSTM)");
        }
        return Err(PasteError::NoRecurrentLayer);
    };
    for (k, row) in rows.iter().enumerate() {
        if k != first && (k > first || row.params.is_some_and(|p| p > 0)) {
            let why = if cell_of(&row.ty).is_some() {
                "a further recurrent layer: the widget shows one"
            } else {
                super::code::why_other(&row.ty)
            };
            r.skip(row.label.clone(), why);
        }
    }
    let row = &rows[first];
    let cell = cell_of(&row.ty).unwrap_or(Cell::Lstm);
    let printed =
        row.params.ok_or_else(|| PasteError::Unreadable { name: "Param #".into(), text: row.label.clone() })?;
    let width = row
        .out
        .first()
        .and_then(|s| last(s))
        .ok_or_else(|| PasteError::Unreadable { name: "output shape".into(), text: row.label.clone() })?;
    // The input size: printed in an Input Shape column, else the last axis of the 3-D output of
    // the row before (an Embedding's d).
    let before = first
        .checked_sub(1)
        .filter(|k| rows[*k].params.is_some())
        .and_then(|k| rows[k].out.first().filter(|s| s.len() == 3).map(|s| (k, s)));
    let (m, m_from) = match (row.input.as_ref().and_then(|s| last(s)), before) {
        (Some(v), _) => (Some(v), format!("the last axis of the input shape of {}", row.label)),
        (None, Some((k, s))) => {
            (last(s), format!("the last axis of the output shape {} of {}", dims(s), rows[k].label))
        }
        (None, None) => (None, String::new()),
    };
    let p0 = format!("Param # {} of {}", grouped(printed), row.label);
    let mut cands = Vec::new();
    for bidirectional in [false, true] {
        let d = if bidirectional { 2 } else { 1 };
        if !width.is_multiple_of(d) {
            continue;
        }
        for bias in [true, false] {
            for layers in 1..=Layers::MAX {
                let Ok(layers) = Layers::new(u64::from(layers)) else { continue };
                let Ok(units) = Size::new(width / d) else { continue };
                let base = Config {
                    framework: Framework::PyTorch,
                    cell,
                    input_size: Size::from_const(1),
                    units,
                    bidirectional,
                    bias,
                    reset_after: true,
                    layers,
                    merge: MergeMode::Concat,
                    proj_size: ProjSize::NONE,
                    kind: crate::kind::Kind::Layer,
                };
                let unusual = u32::from(!bias) + u32::from(bidirectional) + u32::from(layers.get() > 1);
                if let Some(config) = fits_total(base, m, printed) {
                    cands.push(Candidate { config, unusual });
                }
                // With a projection the output is p wide and n is solved (only with m printed).
                if let (Cell::Lstm, Some(mv), Ok(p)) = (cell, m, ProjSize::new(width / d)) {
                    let mut c = base;
                    c.proj_size = p;
                    let Ok(input_size) = Size::new(mv) else { continue };
                    c.input_size = input_size;
                    if let Some(config) = solve_units(c, printed, u64::from(p.get()) + 1, u64::from(Size::MAX)) {
                        cands.push(Candidate { config, unusual: unusual + 2 });
                    }
                }
            }
        }
    }
    let c = choose(cands, &row.label, r)?.config;
    if let Ok(b) = count(&c) {
        if b.total != printed {
            r.disagreements.push(Disagreement { layer: row.label.clone(), printed, counted: b.total });
        }
    }
    r.fact("cell", cell.class_name(Framework::PyTorch), format!("the row {}", row.label));
    match m {
        Some(v) => r.fact("input size", v, m_from),
        None => report_solved(
            r,
            "input size",
            |a| a.input_size.get(),
            &c,
            &p0,
            "not printed: solved from Param # with the defaults below",
        ),
    }
    let out_from = format!("the output shape {} of {}", shapes(&row.out), row.label);
    if c.projection().is_some() {
        r.fact("proj_size", c.proj_size, out_from);
        report_solved(r, "units", |a| a.units.get(), &c, &p0, "solved from Param #");
    } else {
        report_solved(r, "units", |a| a.units.get(), &c, &out_from, "the output width");
    }
    report_solved(
        r,
        "bidirectional",
        |a| py(a.bidirectional),
        &c,
        &p0,
        "bidirectional not shown: PyTorch's default is False",
    );
    report_solved(r, "layers", |a| a.layers.get(), &c, &p0, "num_layers not shown: PyTorch's default is 1");
    report_solved(r, "bias", |a| py(a.bias), &c, &p0, "bias not shown: PyTorch's default is True");
    if row.input.is_some() {
        r.skip("time steps and batch", "torchinfo's input shape does not say which axis is which (batch_first)");
    }
    r.config = Some(c);
    Ok(())
}

/// For torchinfo the printed count is the whole module's.
fn fits_total(mut c: Config, m: Option<u64>, printed: u64) -> Option<Config> {
    c.input_size = match m {
        Some(m) => Size::new(m).ok()?,
        None => {
            // The total is linear in m as well (only layer 0 sees it).
            c.input_size = Size::new(1).ok()?;
            let at1 = count(&c).ok()?.total;
            c.input_size = Size::new(2).ok()?;
            let slope = count(&c).ok()?.total.checked_sub(at1)?;
            if slope == 0 || printed < at1 || !(printed - at1).is_multiple_of(slope) {
                return None;
            }
            Size::new(1 + (printed - at1) / slope).ok()?
        }
    };
    (count(&c).ok()?.total == printed).then_some(c)
}
