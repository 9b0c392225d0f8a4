//! The ZIP reader and writer behind [`super`].

use std::collections::HashMap;

use super::ZipError;

/// One file of an archive, still packed.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    method: usize,
    encrypted: bool,
    packed: &'a [u8],
}

impl Entry<'_> {
    /// The entry's bytes, refused if they would exceed `limit`.
    pub fn unpack(&self, limit: usize) -> Result<Vec<u8>, ZipError> {
        if self.encrypted {
            return Err(ZipError::Unsupported);
        }
        match self.method {
            0 if self.packed.len() > limit => Err(ZipError::TooBig),
            0 => Ok(self.packed.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(self.packed, limit).map_err(|err| match err.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooBig,
                _ => ZipError::Damaged,
            }),
            _ => Err(ZipError::Unsupported),
        }
    }
}

fn u16_at(data: &[u8], at: usize) -> Result<usize, ZipError> {
    data.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]]))).ok_or(ZipError::Damaged)
}

fn u32_at(data: &[u8], at: usize) -> Result<usize, ZipError> {
    data.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize).ok_or(ZipError::Damaged)
}

/// The entries of an archive by name (directories included, as names ending in `/`).
pub fn entries(data: &[u8]) -> Result<HashMap<String, Entry<'_>>, ZipError> {
    // The end record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    let end = (0..data.len().saturating_sub(21)).rev().take(65_557).find(|&i| data[i..].starts_with(b"PK\x05\x06"));
    let end = end.ok_or(ZipError::NotZip)?;
    let (count, mut at) = (u16_at(data, end + 10)?, u32_at(data, end + 16)?);
    let mut found = HashMap::new();
    for _ in 0..count {
        if !data.get(at..).is_some_and(|d| d.starts_with(b"PK\x01\x02")) {
            return Err(ZipError::Damaged);
        }
        let flags = u16_at(data, at + 8)?;
        let (method, name_len, extra_len, comment_len) = (u16_at(data, at + 10)?, u16_at(data, at + 28)?, u16_at(data, at + 30)?, u16_at(data, at + 32)?);
        let size = u32_at(data, at + 20)?;
        let local = u32_at(data, at + 42)?;
        let name = data.get(at + 46..at + 46 + name_len).ok_or(ZipError::Damaged)?;
        // Bit 11: the name is UTF-8; older Windows archivers write CP866, read here as lossy UTF-8.
        let name = String::from_utf8_lossy(name).into_owned();
        if !data.get(local..).is_some_and(|d| d.starts_with(b"PK\x03\x04")) {
            return Err(ZipError::Damaged);
        }
        let start = local + 30 + u16_at(data, local + 26)? + u16_at(data, local + 28)?;
        let packed = data.get(start..start.saturating_add(size)).ok_or(ZipError::Damaged)?;
        found.insert(name, Entry { method, encrypted: flags & 1 == 1, packed });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(found)
}

/// Writes an archive of stored (uncompressed) entries, one at a time, so only the archive and
/// the entry being added are in memory. Every entry gets the same fixed time (1 January 1980):
/// the same files always make the same bytes, which is what lets a backup be compared byte for
/// byte with the one made after restoring it.
#[cfg(feature = "backup")]
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    directory: Vec<u8>,
    count: usize,
}

#[cfg(feature = "backup")]
impl ZipWriter {
    /// Adds one file (a UTF-8 name, flag bit 11).
    pub fn add(&mut self, name: &str, body: &[u8]) {
        let offset = self.out.len();
        let crc = crc32fast::hash(body);
        // version 20, flags (UTF-8 names), method 0 (stored), time 00:00, date 1980-01-01
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 1 << 11, 0, 0, 0x21] {
                out.extend(v.to_le_bytes());
            }
            out.extend(crc.to_le_bytes());
            out.extend((body.len() as u32).to_le_bytes());
            out.extend((body.len() as u32).to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
        };
        self.out.extend(b"PK\x03\x04");
        common(&mut self.out);
        self.out.extend(0u16.to_le_bytes());
        self.out.extend(name.as_bytes());
        self.out.extend(body);
        self.directory.extend(b"PK\x01\x02");
        self.directory.extend(20u16.to_le_bytes());
        common(&mut self.directory);
        // extra, comment, disk, internal attributes, external attributes
        for v in [0u16, 0, 0, 0] {
            self.directory.extend(v.to_le_bytes());
        }
        self.directory.extend(0u32.to_le_bytes());
        self.directory.extend((offset as u32).to_le_bytes());
        self.directory.extend(name.as_bytes());
        self.count += 1;
    }

    /// The whole archive.
    pub fn finish(mut self) -> Vec<u8> {
        let at = self.out.len();
        self.out.extend(&self.directory);
        self.out.extend(b"PK\x05\x06");
        for v in [0u16, 0, self.count as u16, self.count as u16] {
            self.out.extend(v.to_le_bytes());
        }
        self.out.extend((self.directory.len() as u32).to_le_bytes());
        self.out.extend((at as u32).to_le_bytes());
        self.out.extend(0u16.to_le_bytes());
        self.out
    }
}
