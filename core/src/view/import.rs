//! The import screen's logic as a pure state machine, in the shape of crux's cores: the page
//! sends an [`Event`] (a file picked, its text read, the check done, a choice made, confirm…),
//! [`Import::update`] moves the model on and answers with the one [`Effect`] the page must run
//! (read the file, fetch the URL, check the text against the stored data, save), whose result
//! comes back as the next event. The page only runs effects and draws the model.
//!
//! Nothing is written before `Confirm`: the save is the last effect, and it takes the choices
//! the model holds at that moment.

use std::fmt::Write;

use crate::bundle::batch::BatchError;
use crate::bundle::clash::Picks;
use crate::bundle::digest::Integrity;
use crate::bundle::format::{FileError, MAX_BYTES};
use crate::bundle::import::Prepared;
use crate::bundle::merge::Choices;
use crate::domain::Lang;
use crate::markup::esc;
use crate::sheet::book::{is_sheet, Sheet, SheetError};
use crate::store::importlog::LogEntry;
use crate::store::workspace::SaveError;

use super::i18n::Messages;

/// What the screen is busy with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Fetching,
    Reading,
    Checking,
    Saving,
}

/// Why a whole file was not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    File(FileError),
    BadUrl,
    Fetch {
        url: String,
        why: String,
    },
    Read(String),
    /// A spreadsheet that cannot be read.
    Sheet(SheetError),
    /// A spreadsheet picked together with other files.
    SheetWithOthers,
}

/// Where the import stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Stage {
    #[default]
    Idle,
    Working(Step),
    Refused {
        file: String,
        why: Refusal,
    },
    /// The spreadsheet `file` is read (`Import::sheets`): the person chooses its sheet, header
    /// row and columns before its rows are previewed.
    Sheet {
        file: String,
    },
    /// The preview of `file` is shown; `Import::prepared` holds it.
    Preview {
        file: String,
    },
    Done(LogEntry),
    Failed(SaveError),
    /// An undo (or, `redo`, a redo) ended: how many records changed.
    Undone {
        n: usize,
        redo: bool,
    },
}

impl Stage {
    /// Reading, checking or saving: the page takes no new file meanwhile.
    pub fn busy(&self) -> bool {
        matches!(self, Stage::Working(_))
    }
}

/// What happened: from the person, or the result of an effect.
#[derive(Debug)]
pub enum Event {
    /// Files were picked or dropped (one or several, with their sizes).
    FilesPicked {
        files: Vec<(String, u64)>,
    },
    /// The page was opened at `#/import?url=…`, in this visit of the address (see
    /// `Route::visit`): the same link followed again is fetched again.
    UrlOpened {
        url: String,
        visit: u64,
    },
    /// The URL's text is in.
    TextRead {
        name: String,
        text: String,
    },
    /// The picked spreadsheet's sheets are in (or why not).
    SheetRead {
        name: String,
        result: Result<Vec<Sheet>, SheetError>,
    },
    /// The picked files' texts are in, in the order picked.
    FilesRead {
        files: Vec<(String, String)>,
    },
    ReadFailed {
        name: String,
        why: String,
    },
    FetchFailed {
        url: String,
        why: String,
    },
    /// The texts were checked against the stored data; `name` names them all.
    Checked {
        name: String,
        result: Result<Box<Prepared>, BatchError>,
    },
    /// A box of the preview ticked or cleared.
    Tick {
        what: Tick,
        on: bool,
    },
    /// For the record the files disagree on at this index (`Prepared::clashes`), take the copy
    /// of this file (by its index in the batch), or none.
    Pick {
        clash: usize,
        file: Option<usize>,
    },
    /// Keep the local copy or take the incoming one, for the conflict at this index.
    Choose {
        conflict: usize,
        incoming: bool,
    },
    /// The same choice for every conflict.
    ChooseAll {
        incoming: bool,
    },
    Confirm,
    Cancel,
    /// The save after `Confirm` ended.
    Saved(Result<LogEntry, SaveError>),
    /// Undo (or redo) of the last import ended (how many records changed).
    Undone {
        result: Result<usize, SaveError>,
        redo: bool,
    },
}

/// The boxes of the preview, each an explicit consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    /// Import a file whose digest does not match.
    Digest,
    /// Apply the changes outside the sending unit's scope.
    Foreign,
    /// Apply copies older than the ones here (again after an undo).
    Older,
}

impl Tick {
    pub fn code(self) -> &'static str {
        match self {
            Tick::Digest => "digest",
            Tick::Foreign => "foreign",
            Tick::Older => "older",
        }
    }

    pub fn from_code(code: &str) -> Option<Tick> {
        [Tick::Digest, Tick::Foreign, Tick::Older]
            .into_iter()
            .find(|t| t.code() == code)
    }
}

/// What the page must do next; its result comes back as an event.
#[derive(Debug, PartialEq)]
pub enum Effect {
    None,
    /// Read the picked files' texts → `FilesRead` or `ReadFailed`.
    ReadFiles,
    /// Read the one picked spreadsheet → `SheetRead` or `ReadFailed`.
    ReadSheet,
    /// Fetch this relative URL → `TextRead` or `FetchFailed`.
    Fetch(String),
    /// Check the `(name, text)` files, together, against the stored data, with the copies
    /// picked where they disagree (`bundle::batch::prepare_picked`) → `Checked`.
    Check {
        files: Vec<(String, String)>,
        picks: Picks,
    },
    /// Merge `prepared` with `choices` into the workspace, as `file` → `Saved`.
    Save {
        file: String,
    },
}

/// The import in progress.
#[derive(Debug, Default)]
pub struct Import {
    pub stage: Stage,
    /// The checked bundle while its preview is shown.
    pub prepared: Option<Prepared>,
    /// The sheets of the spreadsheet being mapped (and previewed: cancelling the preview goes
    /// back to them).
    pub sheets: Option<Vec<Sheet>>,
    /// Which conflicts take the incoming copy.
    pub choices: Choices,
    /// Bumped when every choice changes at once (the conflict cards are drawn again; a radio the
    /// person clicks is already in the state its choice takes).
    pub choices_drawn: u32,
    /// The preview's boxes: a changed file accepted, out-of-scope changes accepted, older
    /// copies applied again. All clear for each new preview.
    pub digest_accepted: bool,
    pub foreign_accepted: bool,
    pub take_older: bool,
    /// The files of a batch while its preview is shown, checked again when the person picks
    /// another copy of a record they disagree on; and those picks.
    batch: Vec<(String, String)>,
    picks: Picks,
    /// The next `Checked` answers a new pick: the preview's other choices stay.
    repicked: bool,
    /// The `?url=` last opened and in which visit, so that a page drawn again (a language
    /// switch) does not fetch it again, while following the link again does.
    started_url: Option<(String, u64)>,
}

impl Import {
    pub fn busy(&self) -> bool {
        self.stage.busy()
    }

    /// Whether the preview may be confirmed: a file changed after export needs its box ticked.
    /// Nor when only older copies would come and they are not asked for ("Áp dụng lại"): the
    /// button would import nothing.
    pub fn can_confirm(&self) -> bool {
        self.prepared.as_ref().is_some_and(|p| {
            (p.integrity != Integrity::Differs || self.digest_accepted)
                && (self.take_older || !super::preview::only_older(p))
        })
    }

    /// The choices the save applies: the conflict choices, the out-of-scope changes refused
    /// unless accepted, older copies only if asked.
    pub fn to_apply(&self) -> Choices {
        let mut c = self.choices.clone();
        if let Some(p) = &self.prepared {
            if !self.foreign_accepted {
                c.refused = p.authority.refused_unless_accepted();
            }
            if self.take_older {
                c = c.taking_older(&p.preview);
            }
        }
        c
    }

    pub fn update(&mut self, event: Event) -> Effect {
        let new_source = matches!(event, Event::FilesPicked { .. } | Event::UrlOpened { .. });
        if new_source && self.busy() {
            // One import at a time: a file dropped while another is read or saved waits.
            return Effect::None;
        }
        match event {
            Event::FilesPicked { files } => {
                self.prepared = None;
                if files.is_empty() {
                    return Effect::None;
                }
                if let Some((name, bytes)) = files.iter().find(|(_, b)| *b > MAX_BYTES as u64) {
                    let why = Refusal::File(FileError::TooLarge {
                        bytes: usize::try_from(*bytes).unwrap_or(usize::MAX),
                    });
                    return self.refuse(name.clone(), why);
                }
                self.sheets = None;
                let sheets = files.iter().filter(|(n, _)| is_sheet(n)).count();
                if sheets > 0 && files.len() > 1 {
                    let name = files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>();
                    return self.refuse(name.join(", "), Refusal::SheetWithOthers);
                }
                self.stage = Stage::Working(Step::Reading);
                if sheets == 1 {
                    Effect::ReadSheet
                } else {
                    Effect::ReadFiles
                }
            }
            Event::UrlOpened { url, visit } => {
                let opened = Some((url.clone(), visit));
                if url.is_empty() || self.started_url == opened {
                    return Effect::None;
                }
                self.started_url = opened;
                self.prepared = None;
                if !is_relative(&url) {
                    return self.refuse(url, Refusal::BadUrl);
                }
                self.stage = Stage::Working(Step::Fetching);
                Effect::Fetch(url)
            }
            Event::TextRead { name, text } => {
                self.stage = Stage::Working(Step::Checking);
                self.batch.clear();
                self.picks.clear();
                Effect::Check {
                    files: vec![(name, text)],
                    picks: Picks::new(),
                }
            }
            Event::FilesRead { files } => {
                self.stage = Stage::Working(Step::Checking);
                self.picks.clear();
                // Only a batch can disagree with itself and be checked again.
                self.batch = if files.len() > 1 {
                    files.clone()
                } else {
                    Vec::new()
                };
                Effect::Check {
                    files,
                    picks: Picks::new(),
                }
            }
            Event::SheetRead { name, result } => match result {
                Ok(sheets) => {
                    self.sheets = Some(sheets);
                    self.stage = Stage::Sheet { file: name };
                    Effect::None
                }
                Err(e) => self.refuse(name, Refusal::Sheet(e)),
            },
            Event::ReadFailed { name, why } => self.refuse(name, Refusal::Read(why)),
            Event::FetchFailed { url, why } => {
                self.refuse(url.clone(), Refusal::Fetch { url, why })
            }
            Event::Checked { name, result } => {
                let repicked = std::mem::take(&mut self.repicked);
                match result {
                    Err(BatchError { name, error }) => {
                        return self.refuse(name, Refusal::File(error))
                    }
                    Ok(p) => {
                        if repicked {
                            self.keep_choices(&p);
                        } else {
                            self.choices = Choices::proposed(&p.preview);
                            self.digest_accepted = false;
                            self.foreign_accepted = false;
                            self.take_older = false;
                        }
                        self.choices_drawn += 1;
                        self.prepared = Some(*p);
                        self.stage = Stage::Preview { file: name };
                    }
                }
                Effect::None
            }
            Event::Tick { what, on } => {
                match what {
                    Tick::Digest => self.digest_accepted = on,
                    Tick::Foreign => self.foreign_accepted = on,
                    Tick::Older => self.take_older = on,
                }
                Effect::None
            }
            Event::Pick { clash, file } => {
                let Some(c) = self.prepared.as_ref().and_then(|p| p.clashes.get(clash)) else {
                    return Effect::None;
                };
                if !matches!(self.stage, Stage::Preview { .. }) || c.pick == file {
                    return Effect::None;
                }
                self.picks.insert((c.kind, c.id.clone()), file);
                self.repicked = true;
                self.stage = Stage::Working(Step::Checking);
                Effect::Check {
                    files: self.batch.clone(),
                    picks: self.picks.clone(),
                }
            }
            Event::Choose { conflict, incoming } => {
                let key = self
                    .prepared
                    .as_ref()
                    .and_then(|p| p.preview.conflicts.get(conflict))
                    .map(|c| (c.kind, c.id.clone()));
                if let Some(key) = key {
                    if incoming {
                        self.choices.take_incoming.insert(key);
                    } else {
                        self.choices.take_incoming.remove(&key);
                    }
                }
                Effect::None
            }
            Event::ChooseAll { incoming } => {
                self.choices = match (&self.prepared, incoming) {
                    (Some(p), true) => Choices::all_incoming(&p.preview),
                    _ => Choices::default(),
                };
                self.choices_drawn += 1;
                Effect::None
            }
            Event::Confirm => match &self.stage {
                Stage::Preview { file } if self.can_confirm() => {
                    let file = file.clone();
                    self.stage = Stage::Working(Step::Saving);
                    Effect::Save { file }
                }
                _ => Effect::None,
            },
            Event::Cancel => {
                if !self.busy() {
                    // A spreadsheet's preview goes back to its columns; its columns, to nothing.
                    let back = match (&self.stage, self.sheets.is_some()) {
                        (Stage::Preview { file }, true) => Stage::Sheet { file: file.clone() },
                        _ => {
                            self.sheets = None;
                            Stage::Idle
                        }
                    };
                    self.prepared = None;
                    self.stage = back;
                    self.batch.clear();
                    self.picks.clear();
                }
                Effect::None
            }
            Event::Saved(result) => {
                self.prepared = None;
                self.sheets = None;
                self.batch.clear();
                self.picks.clear();
                self.stage = match result {
                    Ok(entry) => Stage::Done(entry),
                    Err(e) => Stage::Failed(e),
                };
                Effect::None
            }
            Event::Undone { result, redo } => {
                self.stage = match result {
                    Ok(n) => Stage::Undone { n, redo },
                    Err(e) => Stage::Failed(e),
                };
                Effect::None
            }
        }
    }

    /// After a new pick, the preview's conflict choices and boxes stay as the person left them,
    /// as far as they still apply: a new conflict gets its proposal, and the box about
    /// out-of-scope changes is cleared when the changes it consented to are not the same.
    fn keep_choices(&mut self, p: &Prepared) {
        let conflicts: std::collections::HashSet<_> = (p.preview.conflicts.iter())
            .map(|c| (c.kind, c.id.clone()))
            .collect();
        self.choices.take_incoming.retain(|k| conflicts.contains(k));
        let before: std::collections::HashSet<_> = (self.prepared.iter())
            .flat_map(|q| q.preview.conflicts.iter().map(|d| (d.kind, d.id.as_str())))
            .collect();
        for c in &p.preview.conflicts {
            if c.incoming_proposed && !before.contains(&(c.kind, c.id.as_str())) {
                self.choices.take_incoming.insert((c.kind, c.id.clone()));
            }
        }
        let same_scope = self.prepared.as_ref().is_some_and(|q| {
            q.authority.refused_unless_accepted() == p.authority.refused_unless_accepted()
        });
        if !same_scope {
            self.foreign_accepted = false;
        }
    }

    fn refuse(&mut self, file: String, why: Refusal) -> Effect {
        self.prepared = None;
        self.batch.clear();
        self.picks.clear();
        self.stage = Stage::Refused { file, why };
        Effect::None
    }
}

/// A relative URL beside the app: no scheme, not protocol-relative, and no white space or
/// control character anywhere (a browser drops a leading tab or space, so `\t//other.host/x`
/// would leave the site). The page also checks the resolved address's origin before fetching.
fn is_relative(url: &str) -> bool {
    let before_slash = url.split('/').next().unwrap_or("");
    !url.is_empty()
        && !url.starts_with("//")
        && !before_slash.contains(':')
        && !url.contains('\\')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// What the page says about the import in progress or just ended, as HTML text (the preview
/// is drawn apart, see `view::preview`).
pub fn status_html(stage: &Stage, m: &Messages, lang: Lang) -> String {
    let banner = |class: &str, role: &str, testid: &str, body: String| {
        format!(
            "<div class=\"banner {class}\" role=\"{role}\" data-testid=\"{testid}\">{body}</div>"
        )
    };
    match stage {
        Stage::Idle | Stage::Preview { .. } | Stage::Sheet { .. } => String::new(),
        Stage::Working(step) => {
            let (text, pct) = match step {
                Step::Fetching => (m.import_fetching, 15),
                Step::Reading => (m.import_reading, 25),
                Step::Checking => (m.import_checking, 60),
                Step::Saving => (m.import_saving, 90),
            };
            format!(
                "<div class=\"progress\" role=\"status\" data-testid=\"import-progress\"><span>{}</span>\
                 <progress max=\"100\" value=\"{pct}\"></progress></div>",
                esc(text)
            )
        }
        Stage::Refused { file, why } => {
            let text = match why {
                Refusal::File(e) => e.message(lang),
                Refusal::BadUrl => m.import_bad_url.to_string(),
                Refusal::Fetch { url, why } => format!("{} {url} ({why}).", m.import_fetch_failed),
                Refusal::Read(why) => format!("{} {why}", m.import_file_read_failed),
                Refusal::Sheet(e) => e.message(lang),
                Refusal::SheetWithOthers => m.import_sheet_alone.to_string(),
            };
            let body = format!(
                "<strong>{}</strong><p>{}</p><p>{}</p>",
                esc(&format!("{} — {file}", m.import_refused)),
                esc(&text),
                esc(m.import_refused_hint)
            );
            banner("banner-error", "alert", "import-error", body)
        }
        Stage::Done(e) => {
            let lower = crate::domain::text::lower;
            let body = format!(
                "<strong>{}</strong> {}",
                esc(m.import_done),
                esc(&format!(
                    "{}: {} {}, {} {}, {} {}, {} {}, {} {}{}.",
                    e.file,
                    e.new,
                    lower(m.preview_new),
                    e.updated,
                    lower(m.preview_updated),
                    e.deleted,
                    lower(m.preview_deleted),
                    e.unchanged,
                    lower(m.preview_unchanged),
                    e.invalid,
                    lower(m.preview_invalid),
                    {
                        // What came back when older copies were asked for, and what was refused.
                        let mut tail = String::new();
                        if e.older > 0 {
                            let what = if e.older_applied {
                                m.done_older_applied
                            } else {
                                m.done_older_left
                            };
                            tail.push_str(&format!("; {} {what}", e.older));
                        }
                        if e.foreign_refused > 0 {
                            tail.push_str(&format!(
                                "; {} {}",
                                e.foreign_refused, m.log_foreign_refused
                            ));
                        }
                        tail
                    }
                ))
            );
            banner("banner-ok", "status", "import-done", body)
        }
        Stage::Failed(e) => banner(
            "banner-error",
            "alert",
            "import-failed",
            esc(&save_error_text(e, m)),
        ),
        Stage::Undone { n, redo } => banner(
            "banner-ok",
            "status",
            if *redo {
                "import-redone"
            } else {
                "import-undone"
            },
            esc(&format!(
                "{} {n}",
                if *redo {
                    m.import_redone
                } else {
                    m.import_undone
                }
            )),
        ),
    }
}

/// Why a save, an import or an undo did not happen, in the reader's language.
pub fn save_error_text(e: &SaveError, m: &Messages) -> String {
    match e {
        SaveError::Full => m.import_failed_full.to_string(),
        SaveError::Refused(why) => format!("{} {why}", m.import_failed),
        SaveError::Blocked => m.blocked_body.to_string(),
        SaveError::SnapshotUnreadable => m.undo_unreadable.to_string(),
        SaveError::AtCeiling { id } => format!("{} {id}", m.undo_ceiling),
    }
}

/// The import log's rows, newest first; `when` writes a timestamp in the reader's local time.
pub fn log_rows_html(entries: &[LogEntry], m: &Messages, when: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for e in entries {
        let source = e
            .source_label
            .as_ref()
            .or(e.source_unit.as_ref())
            .map_or("—", String::as_str);
        let mut state = (if e.undone { m.log_undone } else { m.log_kept }).to_string();
        for (n, text) in [
            (e.foreign_refused, m.log_foreign_refused),
            (e.foreign_applied, m.log_foreign_applied),
            (
                if e.older_applied { e.older } else { 0 },
                m.log_older_applied,
            ),
        ] {
            if n > 0 {
                let _ = write!(state, "; {n} {text}");
            }
        }
        if e.altered {
            let _ = write!(state, "; {}", m.log_altered);
        }
        let _ = write!(
            out,
            "<tr data-testid=\"import-log-entry\" data-undone=\"{}\" data-refused=\"{}\"><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{} / {} / {} / {} / {} / {}</td><td>{}</td></tr>",
            e.undone,
            e.foreign_refused,
            esc(&when(&e.at)),
            esc(&e.file),
            esc(source),
            e.new,
            e.updated,
            e.deleted,
            e.unchanged,
            e.conflicts,
            e.invalid,
            esc(&state)
        );
    }
    out
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
