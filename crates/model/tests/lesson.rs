//! Lesson mode in the URL (issue 16): `show=`, `reveal=`, `slide=` and the `explain` section.

use rnn_params_model::state::{parse_query, Section};

#[test]
fn an_embed_leaves_out_the_share_panel_unless_asked_for() {
    let (full, _) = parse_query("cell=gru");
    assert!(full.view.shows(Section::Share));
    let (embed, _) = parse_query("cell=gru&embed=1");
    assert!(!embed.view.shows(Section::Share));
    assert!(embed.view.shows(Section::Explain) && embed.view.shows(Section::Plot));
    let (asked, notices) = parse_query("cell=gru&embed=1&show=share");
    assert!(notices.is_empty(), "{notices:?}");
    assert!(asked.view.shows(Section::Share));
    // hide wins over show.
    let (both, _) = parse_query("embed=1&show=share&hide=share");
    assert!(!both.view.shows(Section::Share));
}

#[test]
fn every_section_can_be_hidden_including_where_the_number_comes_from() {
    for &section in Section::ALL {
        let (s, notices) = parse_query(&format!("hide={}", section.key()));
        assert!(notices.is_empty(), "{notices:?}");
        for &other in Section::ALL {
            assert_eq!(s.view.shows(other), other != section, "hide={} {:?}", section.key(), other);
        }
    }
    assert_eq!(Section::from_key("explain"), Some(Section::Explain));
}

#[test]
fn the_slide_preset_is_embedded_and_keeps_the_count_and_the_controls() {
    let (s, _) = parse_query("slide=1&cell=lstm");
    assert!(s.view.embedded() && !s.view.embed);
    let shown: Vec<&str> = Section::ALL.iter().filter(|&&x| s.view.shows(x)).map(|x| x.key()).collect();
    // The arithmetic is inside "Where the number comes from", which the preset leaves out.
    assert_eq!(shown, ["controls", "arithmetic"]);
    let (more, _) = parse_query("slide=1&show=plot");
    assert!(more.view.shows(Section::Plot) && !more.view.shows(Section::Tensors));
}

#[test]
fn lesson_parameters_read_back_and_stay_out_of_the_full_version() {
    let query = "cell=gru&embed=1&reveal=1&show=share&slide=1";
    let (s, notices) = parse_query(query);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(s.view.reveal && s.view.slide && s.view.embed);
    let written = s.to_query();
    assert_eq!(written, "framework=keras&cell=gru&input=4096&units=256&bidir=0&embed=1&show=share&reveal=1&slide=1");
    assert_eq!(parse_query(&written).0, s);
    assert_eq!(s.full_query(), "framework=keras&cell=gru&input=4096&units=256&bidir=0");
}

#[test]
fn bad_lesson_values_keep_their_defaults_with_a_message() {
    let (s, notices) = parse_query("reveal=maybe&show=share,sidebar&slide=2");
    assert!(!s.view.reveal && !s.view.slide);
    assert_eq!(s.view.show, [Section::Share]);
    assert_eq!(notices.len(), 3, "{notices:?}");
    assert!(notices.iter().any(|n| n.text.contains("reveal")));
    assert!(notices.iter().any(|n| n.text.contains("\"sidebar\"")));
    assert!(notices.iter().any(|n| n.text.contains("slide")));
}
