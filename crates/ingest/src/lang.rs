//! Language identification: reports not in English are stored and flagged, not extracted.

/// The language of `text` as an ISO 639-1 code (639-3 where there is none), when it is
/// identified reliably; `None` when unsure.
pub fn detect(text: &str) -> Option<String> {
    // a few kilobytes decide; whole documents only cost time
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    // English is only claimed when sure; another language also when close relatives (Spanish,
    // Portuguese, Galician) make whatlang unsure which, but sure enough that it is not English
    let sure = info.is_reliable()
        || (info.lang() != whatlang::Lang::Eng && info.confidence() >= 0.2 && end >= 60);
    if !sure {
        return None;
    }
    let code = info.lang().code();
    Some(
        match code {
            "eng" => "en",
            "deu" => "de",
            "fra" => "fr",
            "spa" => "es",
            "ita" => "it",
            "por" => "pt",
            "nld" => "nl",
            "rus" => "ru",
            "ukr" => "uk",
            "pol" => "pl",
            "tur" => "tr",
            "ara" => "ar",
            "heb" => "he",
            "pes" => "fa",
            "hin" => "hi",
            "urd" => "ur",
            "cmn" => "zh",
            "jpn" => "ja",
            "kor" => "ko",
            "swe" => "sv",
            "dan" => "da",
            "nob" => "nb",
            "fin" => "fi",
            "ces" => "cs",
            "ell" => "el",
            "hun" => "hu",
            "ron" => "ro",
            "ind" => "id",
            "vie" => "vi",
            other => other,
        }
        .to_string(),
    )
}

/// True when `text` is reliably identified as a language other than English.
pub fn is_foreign(text: &str) -> Option<String> {
    detect(text).filter(|l| l != "en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_others() {
        assert_eq!(
            detect(
                "The minister said on Tuesday that the talks would continue next week in the capital, \
                 adding that both delegations had agreed to keep the details of the proposals private \
                 until a final text was ready for the two parliaments to consider."
            ),
            Some("en".into())
        );
        assert_eq!(
            is_foreign("Der Minister sagte am Dienstag, die Gespräche würden nächste Woche in der Hauptstadt fortgesetzt."),
            Some("de".into())
        );
        assert_eq!(
            is_foreign("El ministro dijo el martes que las conversaciones continuarían la próxima semana en la capital."),
            Some("es".into())
        );
        assert_eq!(is_foreign("The minister said the talks would go on."), None);
    }
}
