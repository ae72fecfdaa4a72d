//! The share panel's Markdown link: CommonMark reads it as one link to exactly the address, with
//! exactly the title, whatever characters the hosting path holds.

use rnn_params_model::share::markdown_link;

/// Undoes percent-encoding (for comparing what two addresses mean).
fn percent_decoded(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'%' && k + 2 < b.len() && b[k + 1].is_ascii_hexdigit() && b[k + 2].is_ascii_hexdigit() {
            out.push(u8::from_str_radix(&s[k + 1..k + 3], 16).unwrap());
            k += 3;
        } else {
            out.push(b[k]);
            k += 1;
        }
    }
    out
}

/// Reads `md` as CommonMark reads an inline link with a bare destination and no title
/// (spec 0.31, §6.3 "Links"), checking each rule on the way, and returns (text, destination) with
/// backslash escapes resolved:
/// - The link text starts at `[` and ends at the first `]` that is not backslash-escaped, provided
///   brackets inside are balanced; we demand none unescaped at all, the strictest case.
/// - A backslash before ASCII punctuation is an escape (§2.4); before anything else it is a literal
///   backslash, which we reject so that every backslash we wrote means what we meant.
/// - `](` must follow directly.
/// - A bare destination (§6.3 "link destination") is a non-empty run of characters with no ASCII
///   space or control character, not starting with `<`, where parentheses are balanced or
///   escaped; we demand no unescaped parenthesis at all, so it ends at the one `)` that closes the
///   link, which must be the last character.
/// - `&name;` / `&#NN;` would be decoded as a character reference (§2.5) unless escaped: we reject
///   an unescaped one.
fn read_commonmark_link(md: &str) -> (String, String) {
    fn unescape(part: &str, what: &str, forbidden: &[char]) -> String {
        let mut out = String::new();
        let mut it = part.chars().peekable();
        let mut rest = part;
        while let Some(c) = it.next() {
            rest = &rest[c.len_utf8()..];
            if c == '\\' {
                let next = it.next().unwrap_or_else(|| panic!("{what}: a backslash at the end: {part}"));
                assert!(next.is_ascii_punctuation(), "{what}: a literal backslash before {next:?}: {part}");
                rest = &rest[next.len_utf8()..];
                out.push(next);
            } else {
                assert!(!forbidden.contains(&c), "{what}: an unescaped {c:?} in {part}");
                assert!(!c.is_ascii_control(), "{what}: a control character in {part}");
                if c == '&' {
                    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
                    assert!(
                        name.is_empty() || !rest[name.len()..].starts_with(';'),
                        "{what}: &{name}; would be read as a character reference"
                    );
                }
                out.push(c);
            }
        }
        out
    }
    let inner = md.strip_prefix('[').expect("starts with [");
    // The first `]` that is not escaped ends the text.
    let mut end = None;
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ']' => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let end = end.expect("the text ends");
    let text = unescape(&inner[..end], "text", &['[', ']']);
    let dest = inner[end + 1..].strip_prefix('(').expect("]( follows the text");
    let dest = dest.strip_suffix(')').expect("the link ends with )");
    assert!(!dest.is_empty() && !dest.starts_with('<'), "a bare destination: {dest}");
    let dest = unescape(dest, "destination", &[' ', '(', ')', '<', '>']);
    (text, dest)
}

#[test]
fn a_path_with_a_parenthesis_and_a_space_stays_one_link() {
    let url = "https://example.org/x)y z/k'q/?framework=keras&cell=lstm&input=4096&units=256&bidir=0";
    let md = markdown_link("Keras LSTM(256) on 4096 inputs: 4,457,472 parameters", url);
    assert_eq!(
        md,
        "[Keras LSTM(256) on 4096 inputs: 4,457,472 parameters](https://example.org/x%29y%20z/k'q/\
         ?framework=keras&cell=lstm&input=4096&units=256&bidir=0)"
    );
    let (text, dest) = read_commonmark_link(&md);
    assert_eq!(text, "Keras LSTM(256) on 4096 inputs: 4,457,472 parameters");
    // Same address once percent-decoded: only the characters that break a link were encoded.
    assert_eq!(percent_decoded(&dest), percent_decoded(url));
}

#[test]
fn brackets_backslashes_and_markup_in_the_title_show_as_written() {
    let title = "a [b] \\ c `d` *e* <f> _g_ reset_after &amp; x&y\nz";
    let url = "https://h.example/(a)/<b>/c\\d/%41/&copy;/é?units=1&cell=gru";
    let md = markdown_link(title, url);
    let (text, dest) = read_commonmark_link(&md);
    assert_eq!(text, title.replace('\n', " "));
    assert!(md.contains("reset_after"), "an intraword _ is kept as is: {md}");
    assert!(md.contains(" x&y"), "an & that is no reference is kept as is: {md}");
    // `%41` stays `%41` (it was already encoded); `\` becomes %5C, which browsers keep as a
    // backslash in the path rather than turning it into `/`.
    assert!(dest.contains("/%41/") && dest.contains("c%5Cd") && dest.contains("/&copy;/"), "{dest}");
    assert_eq!(percent_decoded(&dest), percent_decoded(url));
}

#[test]
fn an_ordinary_link_is_unchanged() {
    let url = "https://rnn-params.example/?framework=pytorch&cell=gru&input=13&units=32&bidir=1";
    assert_eq!(markdown_link("PyTorch GRU(32) on 13 inputs", url), format!("[PyTorch GRU(32) on 13 inputs]({url})"));
}
