//! Unit tests of the events annotator, on sentences written for them.

use byline_model::{Document, EventStatus, EventType, Polarity};

use crate::{Input, Pipeline};

fn extract(text: &str) -> Document {
    let pipeline = Pipeline::new().unwrap();
    let doc = pipeline.extract(&Input::new(text)).unwrap();
    for e in &doc.events {
        assert_eq!(doc.slice(e.trigger.span), Some(e.trigger.text.as_str()));
    }
    doc
}

/// The country (or code) of an actor id, three letters.
fn country(doc: &Document, id: Option<&str>) -> String {
    let Some(id) = id else {
        return "-".into();
    };
    let a = doc.actors.iter().find(|a| a.id == id).unwrap();
    a.country
        .clone()
        .or_else(|| a.code.clone())
        .map(|c| c.chars().take(3).collect())
        .unwrap_or_else(|| a.name.clone())
}

fn triples(doc: &Document) -> Vec<(EventType, String, String)> {
    doc.events
        .iter()
        .map(|e| {
            (
                e.kind,
                country(doc, e.actor.as_deref()),
                country(doc, e.target.as_deref()),
            )
        })
        .collect()
}

fn has(doc: &Document, kind: EventType, actor: &str, target: &str) -> bool {
    triples(doc)
        .iter()
        .any(|(k, a, t)| *k == kind && a == actor && t == target)
}

/// Asserts `cond`, printing the document's event triples when it fails.
macro_rules! check {
    ($doc:expr, $cond:expr) => {
        assert!($cond, "{:?}", triples(&$doc))
    };
}

#[test]
fn active_verb_with_object_and_progressive_status() {
    let doc = extract("Egypt is supplying weapons to Libya, officials said.");
    check!(doc, has(&doc, EventType::Aid, "EGY", "LBY"));
    let e = &doc.events[0];
    assert_eq!(e.status, EventStatus::Ongoing);
    assert_eq!(e.mode.as_deref(), Some("military"));
}

#[test]
fn passive_takes_the_by_agent_as_actor() {
    let doc = extract("Chadian rebels were attacked by Sudan on Friday.");
    check!(doc, has(&doc, EventType::Assault, "SDN", "TCD"));
}

#[test]
fn nominal_with_demonym_and_preposition() {
    let doc = extract("French airstrikes on Mali continued overnight.");
    check!(doc, has(&doc, EventType::Assault, "FRA", "MLI"));
}

#[test]
fn coordinated_targets_give_one_event_each() {
    let doc = extract("Germany is pressing Serbia and Kosovo to resume negotiations.");
    let t = triples(&doc);
    assert!(has(&doc, EventType::Request, "DEU", "SRB"), "{t:?}");
    assert!(has(&doc, EventType::Request, "DEU", "XKX"), "{t:?}");
    let talks = doc
        .events
        .iter()
        .find(|e| e.kind == EventType::Consult)
        .expect("negotiations");
    assert_eq!(talks.status, EventStatus::Proposed);
}

#[test]
fn negation_and_rejection() {
    let doc = extract("Peru has not recognized Bolivia. Chile ruled out talks with Peru.");
    // Not recognizing is refusing recognition (CAMEO 12), not a negated SUPPORT.
    check!(doc, has(&doc, EventType::Reject, "PER", "BOL"));
    assert!(!doc.events.iter().any(|e| e.kind == EventType::Support));
    assert!(has(&doc, EventType::Reject, "CHL", "-") || has(&doc, EventType::Reject, "CHL", "PER"));
    assert!(doc.events.iter().any(|e| e.trigger.text == "ruled out"));
}

#[test]
fn announced_hostile_act_is_a_threat() {
    let doc = extract("Ghana said it will impose sanctions on Togo unless the border reopens.");
    check!(doc, has(&doc, EventType::Threaten, "GHA", "TGO"));
    assert!(!doc.events.iter().any(|e| e.kind == EventType::Coerce));
}

#[test]
fn obligation_after_a_reporting_verb_is_a_request() {
    let doc = extract("Norway said Sweden must return the seized ships.");
    check!(doc, has(&doc, EventType::Request, "NOR", "SWE"));
}

#[test]
fn no_event_without_participants_or_from_names() {
    let doc = extract("The march began in March. Nobody was there to help.");
    check!(doc, doc.events.is_empty());
}

#[test]
fn symmetric_meeting_of_two_subjects() {
    let doc = extract("Japan and Vietnam held talks in Hanoi on Monday.");
    check!(doc, has(&doc, EventType::Consult, "JPN", "VNM"));
    let e = doc
        .events
        .iter()
        .find(|e| e.kind == EventType::Consult)
        .unwrap();
    assert!(e.location.is_some());
}

#[test]
fn gdelt_row_has_every_column() {
    let doc = extract("Canada criticized Iran over the detention of a journalist.");
    let e = doc.events.first().expect("an event");
    let row = super::gdelt_row(&doc, e);
    assert_eq!(row.len(), super::GDELT_COLUMNS.len());
    assert_eq!(row[10], "ACCUSE");
    assert_eq!(row[12], "3");
    assert_eq!(row[13], "-2.0");
    let json = super::gdelt_json(&doc, e);
    assert_eq!(json["PloverType"], "ACCUSE");
}

/// Prints what the annotator sees for `$BYLINE_EVENTS_DEBUG` (development aid; run with
/// `--ignored --nocapture`).
#[test]
#[ignore]
fn debug_print() {
    let text = std::env::var("BYLINE_EVENTS_DEBUG").unwrap_or_default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let doc = extract(line);
        println!("== {line}");
        for a in &doc.actors {
            let m: Vec<&str> = a.mentions.iter().map(|m| m.text.as_str()).collect();
            println!("  {} {} {:?} {:?} {:?}", a.id, a.name, a.kind, a.code, m);
        }
        for e in &doc.events {
            println!(
                "  {:?} {:?} {:?}->{:?} {:?} {:?} {:?} loc={:?}",
                e.kind, e.trigger.text, e.actor, e.target, e.status, e.polarity, e.mode, e.location
            );
        }
    }
}

/// Writes one JSON line per sentence of `$BYLINE_EVENTS_LINES` (a file, one sentence a line)
/// with every event as (type, actor code, target code, trigger) (development aid).
#[test]
#[ignore]
fn debug_lines() {
    let Ok(path) = std::env::var("BYLINE_EVENTS_LINES") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let pipeline = Pipeline::new().unwrap();
    for line in text.lines() {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pipeline.extract(&Input::new(line))
        }));
        let Ok(Ok(doc)) = run else {
            println!("[]");
            continue;
        };
        let code = |id: Option<&str>| {
            doc.actors
                .iter()
                .find(|a| Some(a.id.as_str()) == id)
                .map(|a| {
                    a.code
                        .clone()
                        .or(a.country.clone())
                        .unwrap_or(a.name.clone())
                })
        };
        let evs: Vec<serde_json::Value> = doc
            .events
            .iter()
            .map(|e| {
                serde_json::json!([
                    e.kind,
                    code(e.actor.as_deref()),
                    code(e.target.as_deref()),
                    e.trigger.text,
                    e.status,
                    e.polarity
                ])
            })
            .collect();
        println!("{}", serde_json::Value::Array(evs));
    }
}

#[test]
fn there_points_back_to_the_place_named_before() {
    let doc = extract(
        "The talks focus on halting Egyptian airstrikes in eastern Libya and ending ground raids there.",
    );
    check!(doc, has(&doc, EventType::Assault, "EGY", "LBY"));
    // Halting an attack is not a sanction against the attacker.
    assert!(!doc.events.iter().any(|e| e.kind == EventType::Sanction));
}

#[test]
fn a_stopped_cooperative_act_is_only_the_sanction() {
    let doc = extract("Japan suspended aid deliveries to Serbia.");
    check!(doc, has(&doc, EventType::Sanction, "JPN", "SRB"));
    assert!(!doc.events.iter().any(|e| e.kind == EventType::Aid));
}

#[test]
fn not_doing_a_cooperative_act_is_a_rejection() {
    let doc = extract("Chile has not accepted the offer from Peru.");
    check!(doc, has(&doc, EventType::Reject, "CHL", "PER"));
    assert!(doc.events.iter().all(|e| e.polarity == Polarity::Positive));
}

#[test]
fn comments_are_notices_and_responsibility_is_conceded() {
    let doc = extract("Neither the ministry nor Kenya's embassy provided a comment.");
    check!(doc, doc.events.is_empty());
    let doc = extract("Peru accepted responsibility for the attack on Chile.");
    check!(doc, has(&doc, EventType::Concede, "PER", "CHL"));
}

#[test]
fn targetless_background_mentions_are_left_out_main_events_kept() {
    let doc = extract("Reporters could not verify claims of Egyptian arms deliveries.");
    check!(doc, doc.events.is_empty());
    let doc = extract("Denmark accepted the formula.");
    check!(doc, has(&doc, EventType::Agree, "DNK", "-"));
    let doc = extract("Kenya protested.");
    check!(doc, has(&doc, EventType::Protest, "KEN", "-"));
}

#[test]
fn a_meeting_as_the_setting_of_a_statement() {
    let doc = extract("Norway said in a meeting with Iceland that the border would stay open.");
    check!(doc, has(&doc, EventType::Consult, "NOR", "ISL"));
}

#[test]
fn dyadic_types_need_a_target() {
    // A request or an accusation of nobody in particular is an extraction error, a protest
    // is not.
    let doc = extract("Kenya requested an exemption.");
    check!(doc, doc.events.is_empty());
    let doc = extract("Norway provided funding.");
    check!(doc, !doc.events.iter().any(|e| e.kind == EventType::Aid));
    let doc = extract("Kenya protested.");
    check!(doc, has(&doc, EventType::Protest, "KEN", "-"));
    let doc = extract("Chile requested talks with Peru.");
    check!(doc, !doc.events.is_empty());
}

#[test]
fn a_subject_without_an_actor_is_no_actor() {
    // The subject is "the evidence": Chile, named earlier, did not support anything.
    let doc = extract("Chile denied the claims, but the evidence supported the account of Peru.");
    check!(
        doc,
        !doc.events.iter().any(|e| e.kind == EventType::Support)
    );
}

#[test]
fn ordering_an_attack_is_the_attack_and_the_possessor_suffers_it() {
    let doc = extract("Investigators believe Moldova ordered Ion Rusu's killing.");
    check!(
        doc,
        !doc.events.iter().any(|e| e.kind == EventType::Request)
    );
    let killing = doc
        .events
        .iter()
        .find(|e| e.kind == EventType::Assault)
        .expect("the killing");
    assert_eq!(country(&doc, killing.actor.as_deref()), "MDA");
    let target = doc
        .actors
        .iter()
        .find(|a| Some(&a.id) == killing.target.as_ref());
    check!(doc, target.is_some_and(|a| a.name.contains("Rusu")));
}

#[test]
fn coordinated_transfers_share_their_receiver() {
    let doc = extract("Egypt is sending rifles and paying wages to Libyan militias.");
    check!(doc, has(&doc, EventType::Aid, "EGY", "LBY"));
    check!(
        doc,
        !doc.events
            .iter()
            .any(|e| e.kind == EventType::Aid && e.target.is_none())
    );
}

#[test]
fn releasing_files_is_no_retreat() {
    let doc = extract("Peru urged Chile to release the files of the inquiry.");
    check!(
        doc,
        !doc.events.iter().any(|e| e.kind == EventType::Retreat)
    );
}

#[test]
fn a_state_repressing_its_own_people_is_dyadic() {
    let doc =
        extract("Observers condemned the Eritrean government's repression of the Eritrean people.");
    check!(doc, has(&doc, EventType::Coerce, "ERI", "ERI"));
}

#[test]
fn a_definite_event_noun_takes_the_target_named_before() {
    let doc = extract(
        "Chadian soldiers attacked Niger on Monday. Officials said rebels from Chad had planned the attack.",
    );
    let attacks: Vec<_> = doc
        .events
        .iter()
        .filter(|e| e.trigger.text == "attack")
        .collect();
    check!(
        doc,
        attacks
            .iter()
            .all(|e| country(&doc, e.target.as_deref()) == "NER")
    );
}

#[test]
fn an_ethnic_group_is_coded_by_where_it_lives() {
    let doc = extract("Iraqi Kurds demanded a referendum from Baghdad.");
    check!(
        doc,
        doc.events
            .iter()
            .filter(|e| e.kind == EventType::Request)
            .all(|e| country(&doc, e.actor.as_deref()) == "IRQ")
    );
}

#[test]
fn a_pronoun_subject_stands_for_someone_named_before_it() {
    // "She" is not Siarhei: the promise has no actor named in the sentence.
    let doc =
        extract("She spoke about her husband Ivan Petrov of Belarus and promised new elections.");
    check!(
        doc,
        !doc.events
            .iter()
            .any(|e| e.kind == EventType::Agree && country(&doc, e.actor.as_deref()) == "BLR")
    );
}

#[test]
fn an_attack_on_no_actor_is_the_country_acting_on_itself() {
    // The victims are a crowd, no actor: event data code a domestic attack as the country's.
    let doc = extract("Kenyan police opened fire on student demonstrators on Monday night.");
    check!(doc, has(&doc, EventType::Assault, "KEN", "KEN"));
    // A non-violent event keeps no target of its own country.
    let doc = extract("Chile agreed to hold a vote next year.");
    check!(doc, doc.events.iter().all(|e| e.target != e.actor));
}

#[test]
fn verb_frames_choose_the_type_of_their_object() {
    // A formal protest to a government is a complaint (CAMEO 114), not a demonstration.
    let doc = extract("Peru lodged a formal protest with Bolivia on Tuesday.");
    check!(doc, has(&doc, EventType::Accuse, "PER", "BOL"));
    check!(
        doc,
        !doc.events.iter().any(|e| e.kind == EventType::Protest)
    );
    // Violating a ceasefire is a use of force (CAMEO 196).
    let doc = extract("Armenia violated the ceasefire with Azerbaijan on Sunday.");
    check!(doc, has(&doc, EventType::Assault, "ARM", "AZE"));
    // Accepting demands is a concession (CAMEO 083).
    let doc = extract("The government of Chile accepted demands from Argentina.");
    check!(
        doc,
        doc.events.first().map(|e| e.kind) == Some(EventType::Concede)
    );
    let doc = extract("Ecuador sued Colombia over the spraying of herbicides.");
    check!(doc, has(&doc, EventType::Accuse, "ECU", "COL"));
    let doc = extract("The government of Peru declared a state of siege in Lima on Friday.");
    check!(doc, doc.events.iter().any(|e| e.kind == EventType::Coerce));
}

#[test]
fn failing_swearing_and_may_change_the_type() {
    // An agreement not reached is a rejection.
    let doc = extract("Chad and Sudan failed to reach agreement on the border on Monday.");
    check!(doc, doc.events.iter().all(|e| e.kind != EventType::Agree));
    check!(doc, doc.events.iter().any(|e| e.kind == EventType::Reject));
    // Swearing to fight is a threat, not an intent to cooperate.
    let doc = extract("Kurdish rebels in Turkey swore to fight until Ankara frees their leader.");
    check!(doc, doc.events.iter().all(|e| e.kind != EventType::Agree));
    check!(
        doc,
        doc.events.iter().any(|e| e.kind == EventType::Threaten)
    );
    // "may halt mediation … if" is a threat; the month "May" is no modal.
    let doc = extract("Norway may halt its mediation between Sri Lanka and the rebels.");
    check!(
        doc,
        doc.events.first().map(|e| e.kind) == Some(EventType::Threaten)
    );
    let doc = extract("In May, Norway halted its mediation between Sri Lanka and the rebels.");
    check!(
        doc,
        doc.events.iter().all(|e| e.kind != EventType::Threaten)
    );
}

#[test]
fn travel_and_hyphenated_participles_are_no_events() {
    let doc = extract("Iranian negotiators returned to Vienna on Monday for talks with France.");
    check!(doc, doc.events.iter().all(|e| e.kind != EventType::Retreat));
    check!(doc, doc.events.iter().any(|e| e.kind == EventType::Consult));
    let doc = extract("Israel began its long-threatened offensive against Hezbollah today.");
    check!(
        doc,
        doc.events.iter().all(|e| e.kind != EventType::Threaten)
    );
    check!(doc, doc.events.iter().any(|e| e.kind == EventType::Assault));
}

#[test]
fn crowds_and_devices_act_without_an_actor_mention() {
    // A crowd is coded by where it acts.
    let doc = extract("Protesters in Caracas blocked a highway on Monday to demand new elections.");
    check!(doc, has(&doc, EventType::Protest, "VEN", "-"));
    // A device kills with nobody named.
    let doc = extract("A car bomb killed four Turkish soldiers near the border on Sunday.");
    check!(doc, doc.events.iter().any(|e| e.kind == EventType::Assault));
    // A person who is no actor mention still does not act as a crowd.
    let doc = extract("A local teacher blocked the road on Monday.");
    check!(doc, doc.events.is_empty());
}

#[test]
fn an_accusation_is_aimed_at_the_doer_of_the_act_it_names() {
    let doc = extract("Sweden condemned as a crime Russia's bombardment of Ukrainian cities.");
    check!(doc, has(&doc, EventType::Accuse, "SWE", "RUS"));
}

#[test]
fn actor_codes_issue_7_threat_conditions_and_trailing_sources() {
    // A threat is aimed at whoever must comply.
    let doc = extract(
        "Peru threatened to close its ports to fishing fleets unless Chile withdrew its new \
         quotas within a week.",
    );
    check!(doc, has(&doc, EventType::Threaten, "PER", "CHL"));
    // Whoever reports an event is not one of its participants.
    let doc =
        extract("Kenya and Tanzania signed a trade agreement on Monday, a Ugandan official said.");
    check!(
        doc,
        !triples(&doc)
            .iter()
            .any(|(_, a, t)| a == "UGA" || t == "UGA")
    );
    // The subject, not the country inside its apposition.
    let doc = extract(
        "Norway, a close German partner in the alliance, has refused to send troops to Mali.",
    );
    check!(doc, has(&doc, EventType::Reject, "NOR", "MLI"));
    // A network named by a modifier is its own actor, not its leader's.
    let doc = extract("Ali Hassan's Hezbollah militia has threatened to strike Israel.");
    check!(doc, has(&doc, EventType::Threaten, "LBN", "ISR"));
}

#[test]
fn actor_codes_issue_7_peoples_by_where_they_live() {
    // "ethnic" marks a people living outside the country its name comes from.
    let doc = extract("About 200 ethnic Hungarians demonstrated on Sunday in Romania.");
    check!(doc, has(&doc, EventType::Protest, "ROU", "ROU"));
    let doc = extract("Iraqi Kurds demonstrated in the city of Erbil on Friday.");
    check!(
        doc,
        triples(&doc)
            .iter()
            .any(|(k, a, _)| *k == EventType::Protest && a == "IRQ")
    );
    // A head of state acting on the own country is one party with it.
    let doc = extract("Chilean President Marta Quispe promised to reform Chile's courts.");
    check!(doc, !triples(&doc).iter().any(|(_, _, t)| t == "CHL"));
}

#[test]
fn actor_codes_issue_7_peoples_apart_from_their_state() {
    // A people coded by where it lives is a party apart from that state's government: the
    // demand is made of the authorities ("from X").
    let doc = extract(
        "The Hungarians of northern Romania are demanding autonomy from Romanian authorities.",
    );
    check!(doc, has(&doc, EventType::Request, "ROU", "ROU"));
    // A demonym on a common noun names a people, not the state: a threat against the own
    // country's farmers is domestic, as event data code it.
    let doc = extract("Angry Spanish fishermen said they would blockade Madrid next week.");
    check!(doc, has(&doc, EventType::Threaten, "ESP", "ESP"));
    // Office holders of earlier decades by title and surname.
    let doc = extract("Chancellor Kohl threatened new measures against Libya on Friday.");
    check!(doc, has(&doc, EventType::Threaten, "DEU", "LBY"));
}

#[test]
fn event_types_issue_7_frames_of_news_vocabulary() {
    // A verb with its object word names the CAMEO category (frames of 2026-12-06 d).
    for (text, kind, actor, target) in [
        (
            "Jordan opened its borders to Syrian refugees on Tuesday.",
            EventType::Retreat,
            "JOR",
            "SYR",
        ),
        (
            "Turkey allowed the delivery of food to Armenia.",
            EventType::Retreat,
            "TUR",
            "ARM",
        ),
        (
            "Canada reduced food supplies to Haiti.",
            EventType::Sanction,
            "CAN",
            "HTI",
        ),
        (
            "Bolivia withdrew its ambassador from Chile.",
            EventType::Sanction,
            "BOL",
            "CHL",
        ),
        (
            "Chile paid tribute to Argentina's firefighters.",
            EventType::Support,
            "CHL",
            "ARG",
        ),
        (
            "Kenya paid compensation to Somali traders for their lost goods.",
            EventType::Retreat,
            "KEN",
            "SOM",
        ),
        (
            "Colombia and Venezuela reached a compromise on Tuesday.",
            EventType::Agree,
            "COL",
            "VEN",
        ),
        (
            "Mexico objected to Guatemala's new border fees.",
            EventType::Accuse,
            "MEX",
            "GTM",
        ),
        (
            "The IAEA sent inspectors to Iran on Monday.",
            EventType::Accuse,
            "IGO",
            "IRN",
        ),
        (
            "Ecuador lambasted Peru for the border closure.",
            EventType::Accuse,
            "ECU",
            "PER",
        ),
        (
            "Russian hackers defaced Estonian government websites.",
            EventType::Coerce,
            "RUS",
            "EST",
        ),
        (
            "The cessation of hostilities between Eritrea and Ethiopia held on Monday.",
            EventType::Retreat,
            "ERI",
            "ETH",
        ),
    ] {
        let doc = extract(text);
        check!(doc, has(&doc, kind, actor, target));
    }
    let doc = extract("Kenya tightened security in Nairobi.");
    check!(
        doc,
        triples(&doc)
            .iter()
            .any(|(k, a, _)| *k == EventType::Mobilize && a == "KEN")
    );
}

#[test]
fn event_types_issue_7_a_work_stoppage_is_no_attack() {
    for text in [
        "Greek workers staged a strike on Monday.",
        "Nigerian teachers are on strike.",
    ] {
        let doc = extract(text);
        check!(
            doc,
            triples(&doc)
                .iter()
                .any(|(k, _, _)| *k == EventType::Protest)
                && !triples(&doc)
                    .iter()
                    .any(|(k, _, _)| *k == EventType::Assault)
        );
    }
    let doc = extract("The United States launched strikes against Iraq.");
    check!(doc, has(&doc, EventType::Assault, "USA", "IRQ"));
    let doc = extract("Israel carried out air strikes on Gaza on Monday.");
    check!(
        doc,
        !triples(&doc)
            .iter()
            .any(|(k, _, _)| *k == EventType::Protest)
            && !triples(&doc)
                .iter()
                .any(|(k, _, _)| *k == EventType::Sanction)
    );
}

#[test]
fn event_types_issue_7_a_refused_act_is_not_done() {
    let doc = extract("Norway has refused to send troops to Mali.");
    check!(doc, has(&doc, EventType::Reject, "NOR", "MLI"));
    check!(
        doc,
        !doc.events
            .iter()
            .any(|e| e.kind == EventType::Mobilize && e.polarity == Polarity::Positive)
    );
}

#[test]
fn event_types_issue_7_publications_contests_and_participants_are_no_acts() {
    for (text, kind) in [
        (
            "A Kenyan government report released on Monday criticised the police in Nairobi.",
            EventType::Retreat,
        ),
        (
            "The last Canadian aid agency in Haiti closed its office.",
            EventType::Aid,
        ),
        (
            "Argentina withdrew from the race to host the games.",
            EventType::Retreat,
        ),
        (
            "An Argentine rocket lifted off from Chile on Monday.",
            EventType::Retreat,
        ),
        (
            "Peru's president warned of health hazards from mobile phones.",
            EventType::Threaten,
        ),
        (
            "Bolivian protesters charged through the village on Monday.",
            EventType::Accuse,
        ),
        // The tagger reads the bare verb form as a noun: a place, not an act.
        (
            "The envoy visited prisoners in a Burmese jail on Monday.",
            EventType::Coerce,
        ),
    ] {
        let doc = extract(text);
        check!(doc, !doc.events.iter().any(|e| e.kind == kind));
    }
    let doc = extract("Canada lifted its sanctions on Haiti.");
    check!(doc, has(&doc, EventType::Retreat, "CAN", "HTI"));
    let doc = extract("Chile warned Peru of severe consequences.");
    check!(doc, has(&doc, EventType::Threaten, "CHL", "PER"));
}
