//! Text for sharing the widget: a Markdown link that survives any characters in its title or
//! address.

/// Whether `rest`, the text after an `&`, would make that `&` start an HTML entity or numeric
/// character reference (`amp;`, `#41;`, `#x29;`), which CommonMark decodes in link text and
/// destinations alike.
fn entity_like(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').map_or(rest, |r| r.strip_prefix(['x', 'X']).unwrap_or(r));
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

/// A CommonMark inline link `[text](url)` that shows `text` and leads to `url`, whatever
/// characters either holds.
///
/// In `url`, the characters that would end or break a bare link destination are percent-encoded:
/// space (`%20`), `(` (`%28`), `)` (`%29`), `<` (`%3C`), `>` (`%3E`), `\` (`%5C`) and ASCII control
/// characters; an `&` that would start a character reference is written `\&`. Everything else,
/// including `%`, `&` between parameters and non-ASCII letters, is kept, so the address means what
/// it meant. Percent-encoding (rather than the `<...>` form or `\(`) is chosen because every
/// Markdown dialect reads it the same.
///
/// In `text`, `\`, `[`, `]`, `` ` ``, `*`, `<`, `>`, an `&` that would start a character reference
/// and a `_` not inside a word are backslash-escaped, so they show literally and cannot end the link
/// text early or start emphasis, code or HTML; line breaks become spaces (a blank line would end
/// the paragraph). A `_` inside a word (`reset_after`) is kept: CommonMark never starts emphasis
/// there.
///
/// ```
/// use rnn_params_model::share::markdown_link;
/// assert_eq!(
///     markdown_link("LSTM(256) [v2]", "https://example.org/x)y z/?units=256&bidir=0"),
///     "[LSTM(256) \\[v2\\]](https://example.org/x%29y%20z/?units=256&bidir=0)"
/// );
/// ```
pub fn markdown_link(text: &str, url: &str) -> String {
    let mut out = String::with_capacity(text.len() + url.len() + 8);
    out.push('[');
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|(_, c)| c.is_alphanumeric());
        match c {
            '\\' | '[' | ']' | '`' | '*' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' if entity_like(&text[i + 1..]) => out.push_str("\\&"),
            '_' if !(word(k.checked_sub(1)) && word(Some(k + 1))) => out.push_str("\\_"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push_str("](");
    for (i, c) in url.char_indices() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '\\' | '\0'..='\x1f' | '\x7f' => out.push_str(&format!("%{:02X}", c as u32)),
            '&' if entity_like(&url[i + 1..]) => out.push_str("\\&"),
            c => out.push(c),
        }
    }
    out.push(')');
    out
}
