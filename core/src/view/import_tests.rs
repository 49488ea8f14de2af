use super::*;
use crate::bundle::batch::prepare_picked;
use crate::bundle::clash::Picks;
use crate::domain::record::Record;
use crate::domain::testkit::small;
use crate::domain::Dataset;
use crate::view::i18n::messages;

/// Runs the effects as the page would, against `stored`, until the machine rests; returns the
/// effects it asked for, in order. `Save` merges into `stored`.
fn drive(import: &mut Import, stored: &mut Dataset, event: Event, text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut next = Some(event);
    while let Some(event) = next.take() {
        let effect = import.update(event);
        next = match &effect {
            Effect::None => None,
            Effect::ReadSheet => None,
            Effect::ReadFiles | Effect::Fetch(_) => Some(Event::TextRead {
                name: "unit.json".into(),
                text: text.to_string(),
            }),
            Effect::Check { files, picks } => Some(Event::Checked {
                name: files[0].0.clone(),
                result: prepare_picked(files, stored, picks).map(Box::new),
            }),
            Effect::Save { file } => {
                let p = import.prepared.as_ref().expect("a preview to save");
                let now = "2031-01-01T00:00:00Z";
                crate::bundle::merge::apply_decided(stored, &p.data, &import.to_apply(), now);
                Some(Event::Saved(Ok(LogEntry {
                    file: file.clone(),
                    new: p.preview.total().new,
                    ..Default::default()
                })))
            }
        };
        effects.push(effect);
    }
    effects
}

fn conflicting() -> (Dataset, String) {
    let mut stored = small();
    let mut theirs = stored.clone();
    theirs.activities[0].cash_vnd += 1;
    theirs.activities[0].updated_at = "2030-01-01T00:00:00Z".into();
    stored.activities[0].title = "local title".into();
    let text = crate::bundle::format::write(&theirs, "2030-01-01T00:00:00Z", None);
    (stored, text)
}

#[test]
fn a_file_goes_read_check_preview_and_nothing_is_written_before_confirm() {
    let (mut stored, text) = conflicting();
    let before = stored.clone();
    let mut import = Import::default();
    let effects = drive(
        &mut import,
        &mut stored,
        Event::FilesPicked {
            files: vec![("unit.json".into(), text.len() as u64)],
        },
        &text,
    );
    assert_eq!(effects[0], Effect::ReadFiles);
    assert!(matches!(effects[1], Effect::Check { .. }));
    assert_eq!(
        import.stage,
        Stage::Preview {
            file: "unit.json".into()
        }
    );
    assert_eq!(stored, before, "the preview wrote nothing");
    // The later copy is proposed; the person keeps the local one.
    assert_eq!(import.choices.take_incoming.len(), 1);
    import.update(Event::Choose {
        conflict: 0,
        incoming: false,
    });
    assert!(import.choices.take_incoming.is_empty());
    drive(&mut import, &mut stored, Event::Confirm, "");
    assert!(matches!(import.stage, Stage::Done(_)));
    assert!(import.prepared.is_none());
    assert_eq!(
        stored.activities[0].title, "local title",
        "the local copy was kept"
    );
}

#[test]
fn choosing_all_redraws_the_cards() {
    let (mut stored, text) = conflicting();
    let mut import = Import::default();
    drive(
        &mut import,
        &mut stored,
        Event::TextRead {
            name: "unit.json".into(),
            text,
        },
        "",
    );
    let drawn = import.choices_drawn;
    import.update(Event::ChooseAll { incoming: false });
    assert!(import.choices.take_incoming.is_empty());
    import.update(Event::ChooseAll { incoming: true });
    assert_eq!(import.choices.take_incoming.len(), 1);
    assert_eq!(import.choices_drawn, drawn + 2);
    // An index that is not a conflict changes nothing.
    import.update(Event::Choose {
        conflict: 9,
        incoming: false,
    });
    assert_eq!(import.choices.take_incoming.len(), 1);
}

#[test]
fn refusals_leave_no_preview_and_confirm_does_nothing() {
    let mut stored = small();
    let mut import = Import::default();
    drive(
        &mut import,
        &mut stored,
        Event::UrlOpened {
            url: "x.json".into(),
            visit: 1,
        },
        "not json",
    );
    assert!(matches!(
        import.stage,
        Stage::Refused {
            why: Refusal::File(_),
            ..
        }
    ));
    assert_eq!(import.update(Event::Confirm), Effect::None);

    let effect = import.update(Event::FilesPicked {
        files: vec![("huge.json".into(), MAX_BYTES as u64 + 1)],
    });
    assert_eq!(effect, Effect::None);
    assert!(matches!(
        import.stage,
        Stage::Refused {
            why: Refusal::File(FileError::TooLarge { .. }),
            ..
        }
    ));

    import.update(Event::ReadFailed {
        name: "a.json".into(),
        why: "gone".into(),
    });
    let html = status_html(&import.stage, messages(Lang::En), Lang::En);
    assert!(html.contains("data-testid=\"import-error\""), "{html}");
    assert!(html.contains("gone"));
}

#[test]
fn a_url_is_fetched_once_and_must_be_relative() {
    let mut import = Import::default();
    assert_eq!(
        import.update(Event::UrlOpened {
            url: "demo.json".into(),
            visit: 1,
        }),
        Effect::Fetch("demo.json".into())
    );
    import.update(Event::FetchFailed {
        url: "demo.json".into(),
        why: "HTTP 404".into(),
    });
    // The page drawn again (a language switch) opens the same link in the same visit: not
    // fetched again.
    assert_eq!(
        import.update(Event::UrlOpened {
            url: "demo.json".into(),
            visit: 1,
        }),
        Effect::None
    );
    assert_eq!(
        import.update(Event::UrlOpened {
            url: String::new(),
            visit: 1,
        }),
        Effect::None
    );
    assert_eq!(
        import.update(Event::UrlOpened {
            url: "https://evil.example/x.json".into(),
            visit: 1,
        }),
        Effect::None
    );
    assert_eq!(
        import.stage,
        Stage::Refused {
            file: "https://evil.example/x.json".into(),
            why: Refusal::BadUrl
        }
    );
}

#[test]
fn cancel_drops_the_preview_and_a_failed_save_is_reported() {
    let (mut stored, text) = conflicting();
    let mut import = Import::default();
    drive(
        &mut import,
        &mut stored,
        Event::TextRead {
            name: "unit.json".into(),
            text: text.clone(),
        },
        "",
    );
    import.update(Event::Cancel);
    assert_eq!(import.stage, Stage::Idle);
    assert!(import.prepared.is_none());

    drive(
        &mut import,
        &mut stored,
        Event::TextRead {
            name: "unit.json".into(),
            text,
        },
        "",
    );
    assert!(matches!(import.update(Event::Confirm), Effect::Save { .. }));
    assert!(import.busy());
    import.update(Event::Cancel);
    assert!(import.busy(), "cancel cannot stop a save under way");
    import.update(Event::Saved(Err(SaveError::Full)));
    assert_eq!(import.stage, Stage::Failed(SaveError::Full));
    assert!(import.prepared.is_none());
    import.update(Event::Undone {
        result: Ok(3),
        redo: false,
    });
    let html = status_html(&import.stage, messages(Lang::Vi), Lang::Vi);
    assert!(html.contains("data-testid=\"import-undone\""), "{html}");
}

#[test]
fn status_names_the_file_and_escapes_it() {
    let refused = Stage::Refused {
        file: "<b>.json".into(),
        why: Refusal::BadUrl,
    };
    let html = status_html(&refused, messages(Lang::En), Lang::En);
    assert!(html.starts_with(
        "<div class=\"banner banner-error\" role=\"alert\" data-testid=\"import-error\">"
    ));
    assert!(html.contains("&lt;b&gt;.json"), "{html}");
    assert_eq!(status_html(&Stage::Idle, messages(Lang::Vi), Lang::Vi), "");
    let working = status_html(
        &Stage::Working(Step::Checking),
        messages(Lang::Vi),
        Lang::Vi,
    );
    assert!(working.contains("value=\"60\""));
}

#[test]
fn only_relative_urls() {
    for ok in [
        "demo.json",
        "data/demo.json",
        "./demo.json",
        "../x.json",
        "demo.json?v=2",
    ] {
        assert!(is_relative(ok), "{ok}");
    }
    for bad in [
        "",
        "https://evil.example/x.json",
        "//evil.example/x.json",
        "javascript:alert(1)",
        "data:text/plain,{}",
        "a\\b",
        "\t//evil.example/x.json",
        " //evil.example/x.json",
        "\n//evil.example/x.json",
        "x.json\u{0}",
        "demo .json",
    ] {
        assert!(!is_relative(bad), "{bad}");
    }
}

#[test]
fn the_log_escapes_files_and_sources() {
    let entries = [LogEntry {
        at: "2026-11-30T08:00:00Z".into(),
        file: "<x>.json".into(),
        source_label: Some("Kho bạc".into()),
        new: 2,
        undone: true,
        ..Default::default()
    }];
    let html = log_rows_html(&entries, messages(Lang::Vi), &|at| format!("[{at}]"));
    assert!(html.contains("data-undone=\"true\""));
    assert!(
        html.contains("<td>[2026-11-30T08:00:00Z]</td><td>&lt;x&gt;.json</td><td>Kho bạc</td>"),
        "{html}"
    );
}

#[test]
fn a_second_file_waits_while_one_is_read_or_saved() {
    let mut import = Import::default();
    let picked = |name: &str| Event::FilesPicked {
        files: vec![(name.into(), 10)],
    };
    assert_eq!(import.update(picked("a.json")), Effect::ReadFiles);
    assert_eq!(import.update(picked("b.json")), Effect::None);
    assert_eq!(
        import.update(Event::UrlOpened {
            url: "c.json".into(),
            visit: 1,
        }),
        Effect::None
    );
    assert_eq!(import.stage, Stage::Working(Step::Reading));
    import.update(Event::ReadFailed {
        name: "a.json".into(),
        why: "gone".into(),
    });
    assert_eq!(
        import.update(picked("b.json")),
        Effect::ReadFiles,
        "free again"
    );
}

#[test]
fn the_same_link_followed_again_is_fetched_again() {
    let mut import = Import::default();
    let open = |visit| Event::UrlOpened {
        url: "unit.json".into(),
        visit,
    };
    assert_eq!(import.update(open(3)), Effect::Fetch("unit.json".into()));
    import.update(Event::FetchFailed {
        url: "unit.json".into(),
        why: "HTTP 404".into(),
    });
    assert_eq!(import.update(open(3)), Effect::None, "the page drawn again");
    assert_eq!(
        import.update(open(4)),
        Effect::Fetch("unit.json".into()),
        "the corrected file at the same address"
    );
}

fn pick(import: &mut Import, stored: &mut Dataset, text: &str) {
    let picked = Event::FilesPicked {
        files: vec![("unit.json".into(), text.len() as u64)],
    };
    drive(import, stored, picked, text);
    assert!(
        matches!(import.stage, Stage::Preview { .. }),
        "{:?}",
        import.stage
    );
}

#[test]
fn a_file_changed_after_export_is_imported_only_after_its_box_is_ticked() {
    let mut stored = small();
    let mut theirs = stored.clone();
    theirs.activities[0].cash_vnd = 7;
    theirs.activities[0].rev += 1;
    let text = crate::bundle::format::write(&theirs, "2030-01-01T00:00:00Z", None)
        .replace("\"cash_vnd\":7", "\"cash_vnd\":7000");
    let mut import = Import::default();
    pick(&mut import, &mut stored, &text);
    assert!(!import.can_confirm());
    assert_eq!(
        drive(&mut import, &mut stored, Event::Confirm, ""),
        vec![Effect::None]
    );
    assert_eq!(stored, small());
    import.update(Event::Tick {
        what: Tick::Digest,
        on: true,
    });
    assert!(import.can_confirm());
    drive(&mut import, &mut stored, Event::Confirm, "");
    assert_eq!(stored.activities[0].cash_vnd, 7000);
    // The next file starts with every box clear.
    pick(&mut import, &mut small(), &text);
    assert!(!import.digest_accepted && !import.can_confirm());
}

#[test]
fn changes_outside_the_senders_scope_wait_for_their_box() {
    let base = small();
    let mut theirs = base.clone();
    theirs.activities[0].cash_vnd = 1; // the treasury's, in the police's file
    theirs.activities[0].rev += 1;
    theirs.activities[3].cash_vnd = 2; // the police's own
    theirs.activities[3].rev += 1;
    let source = crate::bundle::format::Source {
        unit_id: Some("u-police".into()),
        label: None,
    };
    let text = crate::bundle::format::write(&theirs, "2030-01-01T00:00:00Z", Some(&source));
    for accept in [false, true] {
        let mut stored = base.clone();
        let mut import = Import::default();
        pick(&mut import, &mut stored, &text);
        assert_eq!(
            import.prepared.as_ref().map(|p| p.authority.foreign.len()),
            Some(1)
        );
        import.update(Event::Tick {
            what: Tick::Foreign,
            on: accept,
        });
        drive(&mut import, &mut stored, Event::Confirm, "");
        assert_eq!(stored.activities[3].cash_vnd, 2);
        let treasury = if accept {
            1
        } else {
            base.activities[0].cash_vnd
        };
        assert_eq!(
            stored.activities[0].cash_vnd, treasury,
            "accepted: {accept}"
        );
    }
}

#[test]
fn older_copies_are_said_apart_and_applied_again_only_on_purpose() {
    let base = small();
    let text = crate::bundle::format::write(&base, "2030-01-01T00:00:00Z", None);
    // Here the first activity went on two revisions (an undo of this very file, say).
    let mut stored = base.clone();
    stored.activities[0].cash_vnd = 0;
    stored.activities[0].rev += 2;
    // …and the second one was deleted (an undo deletes what the import added).
    stored.delete::<crate::domain::record::Activity>("a-2", "2030-02-01T00:00:00Z");
    let mut import = Import::default();
    pick(&mut import, &mut stored, &text);
    let t = import
        .prepared
        .as_ref()
        .map(|p| p.preview.total())
        .unwrap_or_default();
    assert_eq!((t.older, t.unchanged + 2), (2, base.record_count()));
    let html = super::super::preview::summary(
        import.prepared.as_ref().expect("preview"),
        "unit.json",
        messages(crate::domain::Lang::Vi),
        crate::domain::Lang::Vi,
    );
    assert!(
        html.contains("data-testid=\"preview-older-note\"><p>2 bản ghi trong tệp cũ hơn"),
        "{html}"
    );
    assert!(!html.contains("preview-nothing"));
    drive(&mut import, &mut stored, Event::Confirm, "");
    assert_eq!(stored.activities[0].cash_vnd, 0, "not applied unasked");
    assert!(stored
        .get::<crate::domain::record::Activity>("a-2")
        .is_none());
    pick(&mut import, &mut stored, &text);
    import.update(Event::Tick {
        what: Tick::Older,
        on: true,
    });
    drive(&mut import, &mut stored, Event::Confirm, "");
    assert_eq!(stored.activities[0].cash_vnd, base.activities[0].cash_vnd);
    assert_eq!(stored.activities[0].rev, base.activities[0].rev + 3);
    let back = stored
        .get::<crate::domain::record::Activity>("a-2")
        .expect("revived");
    assert_eq!(back.rev, base.activities[1].rev + 2, "above its deletion");
    assert!(stored
        .tombstone(crate::domain::Kind::Activity, "a-2")
        .is_none());
}

#[test]
fn several_files_picked_together_are_read_and_checked_together() {
    let mut import = Import::default();
    let files = vec![("a.json".to_string(), 10), ("b.json".to_string(), 20)];
    assert_eq!(
        import.update(Event::FilesPicked {
            files: files.clone()
        }),
        Effect::ReadFiles
    );
    let texts = vec![
        ("a.json".to_string(), "{}".to_string()),
        ("b.json".to_string(), "{}".to_string()),
    ];
    assert_eq!(
        import.update(Event::FilesRead {
            files: texts.clone()
        }),
        Effect::Check {
            files: texts,
            picks: Picks::new()
        }
    );
    // One file too large refuses the batch, naming that file.
    let mut import = Import::default();
    let big = (MAX_BYTES as u64) + 1;
    let effect = import.update(Event::FilesPicked {
        files: vec![("a.json".into(), 10), ("lớn.json".into(), big)],
    });
    assert_eq!(effect, Effect::None);
    assert!(
        matches!(&import.stage, Stage::Refused { file, .. } if file == "lớn.json"),
        "{:?}",
        import.stage
    );
}

#[test]
fn a_record_two_files_disagree_on_is_picked_and_the_batch_checked_again() {
    let stored = small();
    let mut a = stored.clone();
    a.activities[0].cash_vnd += 1;
    a.activities[0].touch("2030-01-01T00:00:00Z");
    let mut b = stored.clone();
    b.activities[0].cash_vnd += 2;
    b.activities[0].touch("2030-01-02T00:00:00Z");
    // A conflict with the data here in file a alone, to see the person's choice kept.
    a.activities[1].title = "a's title".into();
    a.activities[1].updated_at = "2030-01-03T00:00:00Z".into();
    b.activities.remove(1);
    let files = vec![
        (
            "a.json".to_string(),
            crate::bundle::format::write(&a, "2030-01-04T00:00:00Z", None),
        ),
        (
            "b.json".to_string(),
            crate::bundle::format::write(&b, "2030-01-04T00:00:00Z", None),
        ),
    ];
    let mut import = Import::default();
    let check = |import: &mut Import, effect: Effect| match effect {
        Effect::Check { files, picks } => import.update(Event::Checked {
            name: "a.json, b.json".into(),
            result: prepare_picked(&files, &stored, &picks).map(Box::new),
        }),
        other => panic!("{other:?}"),
    };
    let effect = import.update(Event::FilesRead {
        files: files.clone(),
    });
    assert_eq!(check(&mut import, effect), Effect::None);
    let p = import.prepared.as_ref().expect("preview");
    assert_eq!(p.clashes.len(), 1);
    assert_eq!(p.clashes[0].pick, Some(1), "the later edit is proposed");
    let id = stored.activities[0].id.clone();
    let cash = |import: &Import| {
        import.prepared.as_ref().and_then(|p| {
            p.data
                .activities
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.cash_vnd)
        })
    };
    assert_eq!(cash(&import), Some(stored.activities[0].cash_vnd + 2));
    // The person keeps the local copy of the other conflict, then picks a.json's copy.
    assert_eq!(
        import.prepared.as_ref().map(|p| p.preview.conflicts.len()),
        Some(1)
    );
    import.update(Event::Choose {
        conflict: 0,
        incoming: false,
    });
    let effect = import.update(Event::Pick {
        clash: 0,
        file: Some(0),
    });
    assert!(import.busy());
    assert!(matches!(&effect, Effect::Check { picks, .. } if picks.len() == 1));
    // Nothing else is taken while it is checked again.
    assert_eq!(import.update(Event::Confirm), Effect::None);
    check(&mut import, effect);
    assert!(matches!(import.stage, Stage::Preview { .. }));
    assert_eq!(cash(&import), Some(stored.activities[0].cash_vnd + 1));
    assert!(
        import.choices.take_incoming.is_empty(),
        "the kept choice stays"
    );
    // Picking the copy already taken asks for nothing; none is a pick too.
    assert_eq!(
        import.update(Event::Pick {
            clash: 0,
            file: Some(0)
        }),
        Effect::None
    );
    let effect = import.update(Event::Pick {
        clash: 0,
        file: None,
    });
    check(&mut import, effect);
    assert_eq!(
        cash(&import),
        None,
        "no copy taken: the record stays as here"
    );
    // Cancel forgets the batch: a pick after it asks for nothing.
    import.update(Event::Cancel);
    assert_eq!(
        import.update(Event::Pick {
            clash: 0,
            file: Some(1)
        }),
        Effect::None
    );
}
