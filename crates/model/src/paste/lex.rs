//! A small Python-ish tokenizer and argument-list reader: enough for layer constructor calls.
//!
//! Linear in the text: every token is produced once, and argument lists are read by recursive
//! descent with a depth limit ([`MAX_DEPTH`]) so that hostile nesting cannot exhaust the stack.

/// Deepest nesting of brackets read inside one argument list.
pub const MAX_DEPTH: usize = 32;

/// One token with its byte span and 1-based line.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// 1-based line.
    pub line: u32,
}

/// Token kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A dotted name: `torch.nn.LSTM`, `x`, `True`.
    Name(String),
    /// Decimal digits (with `_` separators removed); `None` when too large for `u64`.
    Int(Option<u64>),
    /// Any other number (`0.5`, `1e-3`, `0x10`).
    Float,
    /// A string literal's contents.
    Str(String),
    /// One of `( ) [ ] { } , = : - + * / .` or any other single character.
    Punct(char),
}

/// Splits `text` into tokens. Comments (`#` to end of line) are skipped. An unterminated string
/// ends at the end of its line.
pub fn tokens(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_alphabetic() || c == b'_' {
            while i < b.len() {
                let word = b[i].is_ascii_alphanumeric() || b[i] == b'_';
                let dot = b[i] == b'.' && i + 1 < b.len() && (b[i + 1].is_ascii_alphabetic() || b[i + 1] == b'_');
                if word || dot {
                    i += 1;
                } else {
                    break;
                }
            }
            // A string prefix (f"", r'', b"") is read as the string itself.
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') && i - start <= 2 {
                continue_string(b, &mut i, &mut line)
            } else {
                Kind::Name(text[start..i].to_owned())
            }
        } else if c.is_ascii_digit() || (c == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()) {
            let mut plain = true;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                if !(b[i].is_ascii_digit() || b[i] == b'_') {
                    plain = false;
                    // An exponent sign belongs to the number: 1e-3.
                    if (b[i] == b'e' || b[i] == b'E') && i + 1 < b.len() && (b[i + 1] == b'-' || b[i + 1] == b'+') {
                        i += 1;
                    }
                }
                i += 1;
            }
            if plain {
                let digits: String = text[start..i].chars().filter(|c| *c != '_').collect();
                Kind::Int(digits.parse::<u64>().ok())
            } else {
                Kind::Float
            }
        } else if c == b'"' || c == b'\'' {
            continue_string(b, &mut i, &mut line)
        } else {
            // One character (which may be several bytes).
            let ch = text[i..].chars().next().unwrap_or('\u{FFFD}');
            i += ch.len_utf8();
            Kind::Punct(ch)
        };
        let kind = match kind {
            Kind::Str(_) => Kind::Str(string_body(&text[start..i])),
            k => k,
        };
        out.push(Token { kind, start, end: i, line });
    }
    out
}

/// Advances over a string literal starting at or after `i` (a prefix already passed).
fn continue_string(b: &[u8], i: &mut usize, line: &mut u32) -> Kind {
    let q = b[*i];
    let triple = *i + 2 < b.len() && b[*i + 1] == q && b[*i + 2] == q;
    *i += if triple { 3 } else { 1 };
    while *i < b.len() {
        let c = b[*i];
        if c == b'\\' {
            *i += 2;
            continue;
        }
        if c == b'\n' {
            if !triple {
                break;
            }
            *line += 1;
        }
        if c == q && (!triple || (*i + 2 < b.len() && b[*i + 1] == q && b[*i + 2] == q)) {
            *i += if triple { 3 } else { 1 };
            return Kind::Str(String::new());
        }
        *i += 1;
    }
    *i = (*i).min(b.len());
    Kind::Str(String::new())
}

/// The contents of a string literal's source text (prefix and quotes removed, escapes kept).
fn string_body(src: &str) -> String {
    let s = src.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let s = s.trim_start_matches(['"', '\'']).trim_end_matches(['"', '\'']);
    s.to_owned()
}

/// A value as written in an argument list.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A whole number (`None`: too many digits for `u64`).
    Int(Option<u64>),
    /// A negative whole number.
    Negative,
    /// A number with a fraction or exponent.
    Float,
    /// A string.
    Str(String),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    PyNone,
    /// A bare name (`x`, `inp`, `relu`).
    Name(String),
    /// A tuple or list.
    Seq(Vec<Value>),
    /// A call `name(args)`.
    Call(Call),
    /// Anything else (an expression such as `2 * 64`).
    Other,
}

/// One argument: an optional keyword and a value, with its source span.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The keyword, for `name=value`.
    pub key: Option<String>,
    /// The value.
    pub value: Value,
    /// Byte span of the whole argument in the text.
    pub span: (usize, usize),
}

/// A call `name(args)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The dotted name as written.
    pub name: String,
    /// The arguments in order.
    pub args: Vec<Arg>,
    /// Byte span from the name to the closing bracket.
    pub span: (usize, usize),
    /// 1-based line of the name.
    pub line: u32,
}

impl Call {
    /// The last segment of the name: `LSTM` for `torch.nn.LSTM`.
    pub fn short(&self) -> &str {
        self.name.rsplit('.').next().unwrap_or(&self.name)
    }

    /// The value of keyword `key`, if given.
    pub fn kw(&self, key: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.key.as_deref() == Some(key))
    }

    /// The positional arguments, in order.
    pub fn positional(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.key.is_none())
    }
}

/// Why an argument list could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// A bracket opened on `line` is never closed.
    Unclosed {
        /// Where the bracket was opened.
        line: u32,
    },
    /// A closing bracket that does not match (`)` for `[`), on `line`.
    Mismatched {
        /// Where.
        line: u32,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep {
        /// Where.
        line: u32,
    },
}

/// Reads token streams into calls.
pub struct Parser<'a> {
    /// All tokens.
    pub toks: &'a [Token],
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

impl Parser<'_> {
    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i).map(|t| &t.kind) {
            Some(Kind::Punct(c)) => Some(*c),
            _ => None,
        }
    }

    fn line(&self, i: usize) -> u32 {
        self.toks.get(i).or(self.toks.last()).map_or(1, |t| t.line)
    }

    /// Reads the call whose name is token `i` (followed by `(`); returns it and the index after
    /// its closing bracket.
    pub fn call(&self, i: usize, depth: usize) -> Result<(Call, usize), SyntaxError> {
        let name = match &self.toks[i].kind {
            Kind::Name(n) => n.clone(),
            _ => String::new(),
        };
        let (args, next) = self.args(i + 1, depth)?;
        let end = self.toks[next - 1].end;
        Ok((Call { name, args, span: (self.toks[i].start, end), line: self.toks[i].line }, next))
    }

    /// Reads a bracketed list starting at the opening bracket `i`; returns the arguments and the
    /// index after the closing bracket.
    fn args(&self, i: usize, depth: usize) -> Result<(Vec<Arg>, usize), SyntaxError> {
        let open = self.punct(i).unwrap_or('(');
        let close = closing(open);
        if depth > MAX_DEPTH {
            return Err(SyntaxError::TooDeep { line: self.line(i) });
        }
        let mut j = i + 1;
        let mut out = Vec::new();
        loop {
            match self.punct(j) {
                _ if j >= self.toks.len() => return Err(SyntaxError::Unclosed { line: self.line(i) }),
                Some(c) if c == close => return Ok((out, j + 1)),
                Some(')' | ']' | '}') => return Err(SyntaxError::Mismatched { line: self.line(j) }),
                Some(',') => {
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let start = self.toks[j].start;
            let mut key = None;
            if let (Some(Kind::Name(k)), Some('=')) = (self.toks.get(j).map(|t| &t.kind), self.punct(j + 1)) {
                if self.punct(j + 2) != Some('=') {
                    key = Some(k.clone());
                    j += 2;
                }
            }
            let (value, next) = self.expr(j, depth + 1)?;
            let end = self.toks.get(next.max(1) - 1).map_or(start, |t| t.end).max(start);
            out.push(Arg { key, value, span: (start, end) });
            j = next;
            // Anything up to the next comma or the closing bracket makes the value an expression.
            while j < self.toks.len() {
                match self.punct(j) {
                    Some(',') => break,
                    Some(c) if c == close => break,
                    Some(')' | ']' | '}') => return Err(SyntaxError::Mismatched { line: self.line(j) }),
                    Some(o @ ('(' | '[' | '{')) => {
                        let _ = o;
                        let (_, n) = self.args(j, depth + 1)?;
                        j = n;
                    }
                    _ => j += 1,
                }
                if let Some(last) = out.last_mut() {
                    last.value = Value::Other;
                    last.span.1 = self.toks[j - 1].end;
                }
            }
        }
    }

    /// Reads one value starting at `i`; returns it and the index after it.
    fn expr(&self, i: usize, depth: usize) -> Result<(Value, usize), SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError::TooDeep { line: self.line(i) });
        }
        let Some(t) = self.toks.get(i) else { return Err(SyntaxError::Unclosed { line: self.line(i) }) };
        let (mut v, mut j) = match &t.kind {
            Kind::Int(n) => (Value::Int(*n), i + 1),
            Kind::Float => (Value::Float, i + 1),
            Kind::Str(s) => (Value::Str(s.clone()), i + 1),
            Kind::Name(n) if self.punct(i + 1) == Some('(') => {
                let (c, next) = self.call(i, depth)?;
                (Value::Call(c), next)
            }
            Kind::Name(n) => (
                match n.as_str() {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    "None" => Value::PyNone,
                    _ => Value::Name(n.clone()),
                },
                i + 1,
            ),
            Kind::Punct('-') => match self.toks.get(i + 1).map(|t| &t.kind) {
                Some(Kind::Int(_)) => (Value::Negative, i + 2),
                Some(Kind::Float) => (Value::Float, i + 2),
                _ => (Value::Other, i + 1),
            },
            Kind::Punct('(' | '[') => {
                let (args, next) = self.args(i, depth)?;
                let items: Vec<Value> = args.into_iter().map(|a| a.value).collect();
                // `(x)` is x; `(x,)` and `[x]` are sequences.
                let single_paren =
                    self.punct(i) == Some('(') && items.len() == 1 && self.punct(next.saturating_sub(2)) != Some(',');
                if single_paren {
                    (items.into_iter().next().unwrap_or(Value::Other), next)
                } else {
                    (Value::Seq(items), next)
                }
            }
            Kind::Punct('{') => {
                let (_, next) = self.args(i, depth)?;
                (Value::Other, next)
            }
            Kind::Punct(_) => (Value::Other, i + 1),
        };
        // Postfix: a call on the result (`LSTM(4)(x)`) or an index makes it something else.
        while matches!(self.punct(j), Some('(' | '[')) {
            let (_, next) = self.args(j, depth + 1)?;
            if !matches!(v, Value::Call(_)) || self.punct(j) == Some('[') {
                v = Value::Other;
            }
            j = next;
        }
        Ok((v, j))
    }
}
