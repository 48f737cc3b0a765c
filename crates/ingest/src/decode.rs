//! Bytes → text: byte-order marks, declared charsets (HTTP header, `<meta>`, XML declaration),
//! then UTF-8.

use encoding_rs::Encoding;

use crate::{Error, Result};

/// The charset named in a `Content-Type` value (`text/html; charset=iso-8859-1`).
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = &content_type[at..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// The charset an HTML page or XML document declares in its first 2 KiB.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    // <meta charset="x"> and <meta http-equiv content="text/html; charset=x">
    let mut from = 0;
    while let Some(i) = text[from..].find("<meta") {
        let start = from + i;
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        if let Some(cs) = charset_param(tag) {
            return Some(cs.to_string());
        }
        from = end;
    }
    // <?xml version="1.0" encoding="x"?>
    if let Some(i) = text.find("<?xml") {
        let decl = &text[i..text[i..].find("?>").map_or(text.len(), |e| i + e)];
        if let Some(j) = decl.find("encoding=") {
            let v = decl[j + 9..].trim_start_matches(['"', '\'']);
            let end = v.find(['"', '\'', ' ', '?']).unwrap_or(v.len());
            return Some(v[..end].to_string()).filter(|s| !s.is_empty());
        }
    }
    None
}

/// Decodes `bytes`: a BOM wins, then `header_charset` (from HTTP), then the document's own
/// declaration when `markup` is true, then UTF-8. Unknown labels and invalid UTF-8 are errors.
pub(crate) fn decode(bytes: &[u8], header_charset: Option<&str>, markup: bool) -> Result<String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    let declared = header_charset.map(str::to_string).or_else(|| {
        if markup {
            declared_charset(bytes)
        } else {
            None
        }
    });
    if let Some(label) = declared {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Error::Encoding(format!("unknown charset {label:?}")))?;
        // a page that declares UTF-16 in ASCII is really ASCII-compatible (as browsers do)
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        let (text, _, _) = enc.decode(bytes);
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) if markup => {
            // undeclared legacy pages: browsers fall back to windows-1252
            let _ = e;
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok(text.into_owned())
        }
        Err(e) => Err(Error::Encoding(format!(
            "not valid UTF-8 (first bad byte at offset {}) and no charset declared",
            e.valid_up_to()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"><title>x</title></head><body>Caf\xe9 cr\xe8me</body></html>";
        let text = decode(page, None, true).unwrap();
        assert!(text.contains("Café crème"), "{text}");
    }

    #[test]
    fn http_equiv_and_header_charsets() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8\xe2\xe5\xf2";
        assert!(decode(page, None, true).unwrap().ends_with("Привет"));
        assert_eq!(
            charset_param("text/html; charset=\"Shift_JIS\""),
            Some("Shift_JIS")
        );
        let sjis = b"\x93\xfa\x96\x7b";
        assert_eq!(decode(sjis, Some("shift_jis"), true).unwrap(), "日本");
    }

    #[test]
    fn xml_declaration_and_bom() {
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><rss>\xb3\xf3d\xbc</rss>";
        assert!(decode(feed, None, true).unwrap().contains("łódź"));
        assert_eq!(decode(b"\xef\xbb\xbfplain", None, false).unwrap(), "plain");
    }

    #[test]
    fn invalid_text_without_charset_is_an_error() {
        assert!(decode(b"caf\xe9", None, false).is_err());
        assert!(decode(b"<p>caf\xe9</p>", Some("no-such-charset"), true).is_err());
    }
}
