//! Key-value storage as the store sees it: localStorage in the browser, an in-memory map with a
//! quota in native tests (so that all-or-nothing writes and a full quota are tested natively).

use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The browser's quota for this site is used up.
    Full,
    /// Storage refused for another reason (disabled, private mode…).
    Refused(String),
}

pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, String>;
    /// The first `chars` UTF-16 units of a value, without copying all of it.
    fn get_prefix(&self, key: &str, chars: usize) -> Result<Option<String>, String>;
    /// All or nothing: on error the previous value is still there.
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError>;
    fn remove(&mut self, key: &str);
    fn keys(&self) -> Vec<String>;
    /// UTF-16 units used by keys and values.
    fn used(&self) -> usize {
        self.keys()
            .iter()
            .map(|k| {
                k.encode_utf16().count()
                    + self
                        .get(k)
                        .ok()
                        .flatten()
                        .map_or(0, |v| v.encode_utf16().count())
            })
            .sum()
    }
}

/// An in-memory backend with Chromium's accounting (UTF-16 units of keys and values).
#[derive(Clone, Debug, Default)]
pub struct Memory {
    pub items: BTreeMap<String, String>,
    pub quota: Option<usize>,
    /// Fault injection: the write after this many more succeeds as if the quota were full.
    pub fail_after: Option<usize>,
    /// Fault injection: the read (`get`, `get_prefix`) after this many more fails.
    pub fail_read_after: std::cell::Cell<Option<usize>>,
    /// Fault injection: the tab dies after this many more writes — later writes and removals
    /// never happen (and cannot be seen to fail), as when a browser is killed mid-save.
    pub crash_after: Option<usize>,
}

impl Memory {
    pub fn with_quota(units: usize) -> Memory {
        Memory {
            quota: Some(units),
            ..Memory::default()
        }
    }

    /// Whether this read is the one set to fail.
    fn read_fails(&self) -> bool {
        match self.fail_read_after.get() {
            Some(0) => {
                self.fail_read_after.set(None);
                true
            }
            Some(n) => {
                self.fail_read_after.set(Some(n - 1));
                false
            }
            None => false,
        }
    }

    /// Whether the tab is dead for this write or removal (counting it).
    fn dead(&mut self) -> bool {
        match self.crash_after {
            Some(0) => true,
            Some(n) => {
                self.crash_after = Some(n - 1);
                false
            }
            None => false,
        }
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

impl Backend for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        if self.read_fails() {
            return Err("read failed".into());
        }
        Ok(self.items.get(key).cloned())
    }

    fn get_prefix(&self, key: &str, chars: usize) -> Result<Option<String>, String> {
        if self.read_fails() {
            return Err("read failed".into());
        }
        Ok(self.items.get(key).map(|v| v.chars().take(chars).collect()))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        if self.dead() {
            return Ok(());
        }
        match self.fail_after {
            Some(0) => {
                self.fail_after = None;
                return Err(WriteError::Full);
            }
            Some(n) => self.fail_after = Some(n - 1),
            None => {}
        }
        if let Some(quota) = self.quota {
            let others: usize = self
                .items
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| units(k) + units(v))
                .sum();
            if others + units(key) + units(value) > quota {
                return Err(WriteError::Full);
            }
        }
        self.items.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        if !self.dead() {
            self.items.remove(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }
}

/// Shared access, as two tabs of one browser share one localStorage (used in native tests).
impl<B: Backend> Backend for std::rc::Rc<std::cell::RefCell<B>> {
    fn get(&self, key: &str) -> Result<Option<String>, String> {
        self.borrow().get(key)
    }
    fn get_prefix(&self, key: &str, chars: usize) -> Result<Option<String>, String> {
        self.borrow().get_prefix(key, chars)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), WriteError> {
        self.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.borrow_mut().remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.borrow().keys()
    }
}
