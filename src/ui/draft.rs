//! Drafts in the page: the fields of a long form written to storage as they are typed
//! (`store::drafts`), put back when the form opens again (another tab of the app, another
//! period, a reload), and a question before the page is left with edits that are not saved.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::LocalStorage as LocalStorageArena;

use leptos::prelude::*;

use crate::domain::dataset::Collection;
use crate::domain::record::Record;
use crate::domain::Dataset;
use crate::store::backend::WriteError;
use crate::store::drafts::{self, Draft};
use crate::store::local::LocalStorage;
use crate::ui::app::use_ctx;
use crate::ui::browser::{local_datetime, now_iso};
use crate::ui::data::Data;

thread_local! {
    /// Forms on screen whose typed text differs from what is saved (by `Kept::serial`).
    static UNSAVED: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
    static SERIAL: RefCell<u64> = const { RefCell::new(0) };
}

/// Whether leaving the page now would leave edits unsaved.
pub fn anything_unsaved() -> bool {
    UNSAVED.with(|u| !u.borrow().is_empty())
}

/// Ask before the page is left (closed, reloaded, another address) while a form holds edits
/// that are not saved. The browser words the question itself.
pub fn guard_leaving() {
    let handle = window_event_listener(leptos::ev::beforeunload, |ev| {
        if anything_unsaved() {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    // The app lives as long as the page.
    std::mem::forget(handle);
}

/// A form's fields by name.
pub type Fields = BTreeMap<String, String>;
type Reader = Box<dyn Fn(bool) -> Fields>;
type Writer = Box<dyn Fn(&Fields)>;

/// One form's fields kept as a draft.
#[derive(Clone, Copy)]
pub struct Kept {
    serial: u64,
    workspace: &'static str,
    /// Whether different text means unsaved work (a form with a Save button); a summary's
    /// narrative or a letterhead is only ever kept, so leaving it costs nothing.
    guards: bool,
    /// Read the fields (tracking them when asked) and put a draft back in them.
    read: StoredValue<Reader, LocalStorageArena>,
    write: StoredValue<Writer, LocalStorageArena>,
    form: StoredValue<String>,
    basis: StoredValue<String>,
    /// The saved values the typed ones are compared with.
    baseline: StoredValue<Fields>,
    /// When the text on screen came back from a draft: when that draft was written.
    pub restored: RwSignal<Option<String>>,
    /// What the restored draft was typed over differs from what is saved now.
    pub stale: RwSignal<bool>,
    /// The typed text differs from the saved.
    pub dirty: RwSignal<bool>,
    /// The last write of the draft failed (a full quota): the text lives only on screen.
    pub failed: RwSignal<Option<WriteError>>,
}

impl Kept {
    /// Keep `fields` of a form (made in the form's component; it writes while they change).
    pub fn new(fields: Vec<(&'static str, RwSignal<String>)>, guards: bool) -> Kept {
        let fields = std::rc::Rc::new(fields);
        let read_fields = fields.clone();
        Kept::with(
            move |tracked| {
                read_fields
                    .iter()
                    .map(|(n, s)| {
                        let v = if tracked { s.get() } else { s.get_untracked() };
                        (n.to_string(), v)
                    })
                    .collect()
            },
            move |draft| {
                for (name, signal) in fields.iter() {
                    if let Some(text) = draft.get(*name) {
                        signal.set(text.clone());
                    }
                }
            },
            guards,
        )
    }

    /// Keep a form whose fields vary (a plan's items): `read` gives them by name (tracking the
    /// signals when asked), `write` puts a draft's fields back.
    pub fn with(
        read: impl Fn(bool) -> Fields + 'static,
        write: impl Fn(&Fields) + 'static,
        guards: bool,
    ) -> Kept {
        let serial = SERIAL.with(|s| {
            let mut s = s.borrow_mut();
            *s += 1;
            *s
        });
        let kept = Kept {
            serial,
            workspace: use_ctx().data.name,
            guards,
            read: StoredValue::new_local(Box::new(read) as Reader),
            write: StoredValue::new_local(Box::new(write) as Writer),
            form: StoredValue::new(String::new()),
            basis: StoredValue::new(String::new()),
            baseline: StoredValue::new(BTreeMap::new()),
            restored: RwSignal::new(None),
            stale: RwSignal::new(false),
            dirty: RwSignal::new(false),
            failed: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let values = kept.values_tracked();
            kept.sync(values);
        });
        on_cleanup(move || {
            UNSAVED.with(|u| u.borrow_mut().remove(&serial));
        });
        kept
    }

    fn values_tracked(&self) -> Fields {
        self.read.with_value(|read| read(true))
    }

    fn values(&self) -> Fields {
        self.read.with_value(|read| read(false))
    }

    /// The draft kept for `form`, without opening it.
    pub fn peek(&self, form: &str) -> Option<Draft> {
        drafts::load(&LocalStorage, self.workspace, form)
    }

    /// Other forms with a draft whose name starts with `prefix`.
    pub fn forms(&self, prefix: &str) -> Vec<String> {
        drafts::forms(&LocalStorage, self.workspace, prefix)
    }

    /// Start on `form`, whose saved values are what the fields hold now (fill them first,
    /// in the same run); `basis` names what they are (a revision, a fingerprint). A draft kept
    /// for it takes their place. True when one did.
    pub fn open(&self, form: String, basis: String) -> bool {
        let baseline = self.values();
        let draft = self.peek(&form);
        self.form.set_value(form);
        self.baseline.set_value(baseline);
        self.stale.set(false);
        self.restored.set(None);
        let Some(draft) = draft else {
            self.basis.set_value(basis);
            return false;
        };
        self.write.with_value(|write| write(&draft.fields));
        self.stale.set(draft.basis != basis);
        // The draft keeps the basis it was typed over until it is saved or thrown away.
        self.basis.set_value(draft.basis);
        self.restored.set(Some(draft.saved_at));
        true
    }

    /// What is saved changed (the caller put it in the fields unless they hold edits): it is
    /// the new baseline; edits are left as typed, marked stale when it changed underneath.
    pub fn rebase(&self, basis: String) {
        if self.dirty.get_untracked() {
            if self.basis.with_value(|b| *b != basis) {
                self.stale.set(true);
                // The save elsewhere may have thrown the shared draft away: keep ours.
                self.sync(self.values());
            }
            return;
        }
        self.baseline.set_value(self.values());
        self.basis.set_value(basis);
    }

    pub fn form_name(&self) -> String {
        self.form.get_value()
    }

    /// The form was saved: what is on screen is now the saved text and the draft goes.
    pub fn saved(&self, basis: String) {
        self.baseline.set_value(self.values());
        self.basis.set_value(basis);
        self.forget();
    }

    /// Throw the draft away (the caller puts the saved values back in the fields).
    pub fn discard(&self) {
        self.forget();
        self.baseline.set_value(self.values());
    }

    fn forget(&self) {
        drafts::discard(&mut LocalStorage, self.workspace, &self.form.get_value());
        self.restored.set(None);
        self.stale.set(false);
        self.mark(false);
    }

    fn mark(&self, dirty: bool) {
        self.dirty.set(dirty);
        let (serial, guards) = (self.serial, self.guards);
        UNSAVED.with(|u| {
            let mut u = u.borrow_mut();
            if dirty && guards {
                u.insert(serial);
            } else {
                u.remove(&serial);
            }
        });
    }

    /// The fields changed: write them as the draft, or drop the draft when they are back to
    /// the saved text.
    fn sync(&self, values: Fields) {
        let form = self.form.get_value();
        if form.is_empty() {
            return;
        }
        if self.baseline.with_value(|b| *b == values) {
            if self.dirty.get_untracked() || self.restored.get_untracked().is_some() {
                self.forget();
            }
            return;
        }
        let draft = Draft {
            fields: values,
            saved_at: now_iso(),
            basis: self.basis.get_value(),
        };
        let result = drafts::save(&mut LocalStorage, self.workspace, &form, &draft);
        self.failed.set(result.err());
        // A draft that could not be written is work only the screen holds: guard it even in a
        // form that is only ever kept.
        let unguarded_loss = self.failed.with_untracked(Option::is_some);
        self.mark(true);
        if unguarded_loss {
            UNSAVED.with(|u| u.borrow_mut().insert(self.serial));
        }
    }
}

/// The drafts of an entry form: a new record under `<kind>.new`, an edit under
/// `<kind>.edit.<id>`, over the record's revision.
#[derive(Clone, Copy)]
pub struct EntryDrafts {
    pub kept: Kept,
    kind: &'static str,
}

impl EntryDrafts {
    pub fn new(kind: &'static str, kept: Kept) -> EntryDrafts {
        EntryDrafts { kept, kind }
    }

    /// The form starts a new record (its fields hold the starting values).
    pub fn start_new(&self) {
        self.kept.open(format!("{}.new", self.kind), String::new());
    }

    /// The form edits record `id` at `rev` (its fields hold the record).
    pub fn start_edit(&self, id: &str, rev: i64) {
        self.kept
            .open(format!("{}.edit.{id}", self.kind), rev.to_string());
    }

    /// A new entry: the form's `reset`, then the draft of a new entry if one was kept.
    pub fn fresh(&self, reset: impl Fn()) {
        reset();
        self.start_new();
    }

    /// Cancel (Esc, "Hủy"): what was typed goes on purpose, then a new entry.
    pub fn cancel(&self, reset: impl Fn()) {
        self.kept.discard();
        self.fresh(reset);
    }

    /// Open the form where it was left: the record whose edit was left unsaved (through
    /// `load`), else a new entry.
    pub fn resume<T>(&self, data: Data, load: impl Fn(&T))
    where
        T: Record + Clone,
        Dataset: Collection<T>,
    {
        let left = self
            .left_editing()
            .into_iter()
            .find_map(|id| data.with_untracked(|ds| ds.get::<T>(&id).cloned()));
        match left {
            Some(x) => load(&x),
            None => self.start_new(),
        }
    }

    /// The records whose edit was left unsaved when the page was last left.
    pub fn left_editing(&self) -> Vec<String> {
        let prefix = format!("{}.edit.", self.kind);
        self.kept
            .forms(&prefix)
            .into_iter()
            .filter_map(|f| f.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }
}

/// The line under a kept form: restored from a draft (when, and whether what is saved changed
/// since), unsaved, or a draft that could not be written; with a way to throw the draft away.
#[component]
pub fn DraftNote(
    kept: Kept,
    /// What to say when what is saved changed under the draft.
    stale: &'static str,
    #[prop(into)] on_discard: Callback<()>,
) -> impl IntoView {
    let m = use_ctx().m();
    let kept_text = if kept.guards {
        m.draft_kept
    } else {
        m.draft_kept_only
    };
    let state = move || {
        if kept.failed.with(Option::is_some) {
            "failed"
        } else if kept.stale.get() {
            "stale"
        } else if kept.restored.with(Option::is_some) {
            "restored"
        } else if kept.dirty.get() {
            "kept"
        } else {
            "none"
        }
    };
    // Throwing typing away asks first (Enter on a focused button must not wipe an entry); the
    // question's safe answer, "Giữ lại", takes the focus.
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        crate::ui::form::focus_drawn("[data-testid=\"draft-discard-keep\"]".into());
    };
    view! {
        <p class="draft-note no-print" data-testid="draft-note" data-state=state role="status" hidden=move || state() == "none">
            {move || match state() {
                "failed" => m.draft_failed.to_string(),
                "stale" => stale.to_string(),
                "restored" => format!(
                    "{} {}.",
                    m.draft_restored,
                    kept.restored.get().map(|t| local_datetime(&t)).unwrap_or_default()
                ),
                "kept" => kept_text.to_string(),
                _ => String::new(),
            }}
            " "
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="link-button" data-testid="draft-discard" on:click=ask>{m.draft_discard}</button>
                }
            >
                <span class="draft-ask" data-testid="draft-discard-ask">
                    {m.draft_discard_ask}" "
                    <button type="button" class="link-button" data-testid="draft-discard-confirm" on:click=move |_| {
                        asking.set(false);
                        on_discard.run(());
                    }>{m.draft_discard}</button>
                    " · "
                    <button type="button" class="link-button" data-testid="draft-discard-keep" on:click=move |_| asking.set(false)>
                        {m.draft_discard_keep}
                    </button>
                </span>
            </Show>
        </p>
    }
}
