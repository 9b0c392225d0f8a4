//! The page tree: adding, renaming, re-addressing, ordering and deleting pages, with the
//! rules a clerk needs explained (mandatory sections, taken addresses). Pure, tested natively.

use crate::validate::is_slug;
use crate::{Page, SiteDocument};

/// Why a page change was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageRefusal {
    /// The template (and the law behind it) requires this page.
    Mandatory,
    /// The home page is the site's root.
    Home,
    /// Other pages hang under this one.
    HasChildren,
    /// Not `a-z`, `0-9` and inner hyphens.
    BadSlug,
    /// A sibling page already has this address.
    SlugTaken,
    /// A platform address (`poisk`, `media`).
    Reserved,
    /// An empty title.
    EmptyTitle,
    /// A page under itself or its own child.
    Loop,
    /// No such page.
    Missing,
}

/// Latin letters for a Russian title, as in passports (ICAO 9303): «Новости района» →
/// `novosti-raiona`. Other characters become hyphens; at most 64 characters.
pub fn slug_from_title(title: &str) -> String {
    let mut slug = String::new();
    for ch in title.to_lowercase().chars() {
        let latin = match ch {
            'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' | 'ё' | 'э' => "e", 'ж' => "zh",
            'з' => "z", 'и' | 'й' => "i", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p",
            'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "kh", 'ц' => "ts", 'ч' => "ch",
            'ш' => "sh", 'щ' => "shch", 'ы' => "y", 'ю' => "iu", 'я' => "ia", 'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(latin);
    }
    let mut clean = String::with_capacity(slug.len());
    for part in slug.split('-').filter(|p| !p.is_empty()) {
        if clean.len() + part.len() + 1 > 64 {
            break;
        }
        if !clean.is_empty() {
            clean.push('-');
        }
        clean.push_str(part);
    }
    if clean.is_empty() {
        "stranica".into()
    } else {
        clean
    }
}

fn siblings<'a>(doc: &'a SiteDocument, parent: Option<&'a str>) -> impl Iterator<Item = (&'a String, &'a Page)> + 'a {
    let home = doc.pages.keys().next().cloned();
    doc.pages.iter().filter(move |(id, page)| {
        // Children of the home page are top-level pages, as the addresses say.
        let own = page.parent.as_deref().filter(|p| Some(*p) != home.as_deref());
        let wanted = parent.filter(|p| Some(*p) != home.as_deref());
        own == wanted && Some(id.as_str()) != home.as_deref()
    })
}

/// Whether `slug` may be the address of page `id` under `parent`.
pub fn check_slug(doc: &SiteDocument, id: &str, parent: Option<&str>, slug: &str) -> Result<(), PageRefusal> {
    if !is_slug(slug) {
        return Err(PageRefusal::BadSlug);
    }
    let top_level = parent.is_none_or(|p| doc.pages.keys().next().map(String::as_str) == Some(p));
    if top_level && crate::validate::RESERVED_SLUGS.contains(&slug) {
        return Err(PageRefusal::Reserved);
    }
    if siblings(doc, parent).any(|(other, page)| other != id && page.slug == slug) {
        return Err(PageRefusal::SlugTaken);
    }
    Ok(())
}

/// Adds a page titled `title` under `parent` (None: top level) and returns its id.
pub fn add(doc: &mut SiteDocument, title: &str, parent: Option<&str>) -> Result<String, PageRefusal> {
    let title = title.trim();
    if title.is_empty() {
        return Err(PageRefusal::EmptyTitle);
    }
    let base = slug_from_title(title);
    let slug = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|slug| check_slug(doc, "", parent, slug).is_ok())
        .expect("numbered addresses never run out");
    let id = (1..)
        .map(|n| if n == 1 { slug.clone() } else { format!("{slug}-{n}") })
        .find(|id| !doc.pages.contains_key(id))
        .expect("numbered ids never run out");
    let page = Page {
        slug,
        title: title.to_string(),
        description: String::new(),
        parent: parent.map(String::from),
        in_menu: true,
        mandatory: false,
        blocks: Vec::new(),
    };
    doc.pages.insert(id.clone(), page);
    Ok(id)
}

/// Deletes page `id` unless the law requires it, it is the home page or pages hang under it.
pub fn delete(doc: &mut SiteDocument, id: &str) -> Result<Page, PageRefusal> {
    let page = doc.pages.get(id).ok_or(PageRefusal::Missing)?;
    if page.mandatory {
        return Err(PageRefusal::Mandatory);
    }
    if doc.pages.keys().next().map(String::as_str) == Some(id) {
        return Err(PageRefusal::Home);
    }
    if doc.pages.values().any(|p| p.parent.as_deref() == Some(id)) {
        return Err(PageRefusal::HasChildren);
    }
    doc.pages.shift_remove(id).ok_or(PageRefusal::Missing)
}

/// Renames page `id`; its address stays (links to it keep working).
pub fn rename(doc: &mut SiteDocument, id: &str, title: &str) -> Result<(), PageRefusal> {
    let page = doc.pages.get_mut(id).ok_or(PageRefusal::Missing)?;
    if title.trim().is_empty() {
        return Err(PageRefusal::EmptyTitle);
    }
    page.title = title.to_string();
    Ok(())
}

/// Gives page `id` a new address.
pub fn set_slug(doc: &mut SiteDocument, id: &str, slug: &str) -> Result<(), PageRefusal> {
    let parent = doc.pages.get(id).ok_or(PageRefusal::Missing)?.parent.clone();
    check_slug(doc, id, parent.as_deref(), slug)?;
    doc.pages.get_mut(id).ok_or(PageRefusal::Missing)?.slug = slug.to_string();
    Ok(())
}

/// Puts page `id` under `parent` (None: top level), keeping its address unique there.
pub fn set_parent(doc: &mut SiteDocument, id: &str, parent: Option<&str>) -> Result<(), PageRefusal> {
    let page = doc.pages.get(id).ok_or(PageRefusal::Missing)?;
    if doc.pages.keys().next().map(String::as_str) == Some(id) {
        return Err(PageRefusal::Home);
    }
    let mut up = parent.map(String::from);
    while let Some(ancestor) = up {
        if ancestor == id {
            return Err(PageRefusal::Loop);
        }
        up = doc.pages.get(&ancestor).ok_or(PageRefusal::Missing)?.parent.clone();
    }
    check_slug(doc, id, parent, &page.slug.clone())?;
    doc.pages.get_mut(id).ok_or(PageRefusal::Missing)?.parent = parent.map(String::from);
    Ok(())
}

/// Moves page `id` one place up or down in the menu among its siblings; false at the edge.
pub fn move_by_one(doc: &mut SiteDocument, id: &str, up: bool) -> bool {
    let Some(page) = doc.pages.get(id) else { return false };
    let parent = page.parent.clone();
    let order: Vec<usize> = siblings(doc, parent.as_deref()).map(|(sid, _)| doc.pages.get_index_of(sid).unwrap_or(0)).collect();
    let Some(at) = doc.pages.get_index_of(id) else { return false };
    let Some(position) = order.iter().position(|&index| index == at) else { return false };
    let other = if up { position.checked_sub(1) } else { Some(position + 1) };
    match other.and_then(|p| order.get(p)) {
        Some(&swap_with) => {
            doc.pages.swap_indices(at, swap_with);
            true
        }
        None => false,
    }
}

/// Shows or hides page `id` in the main menu.
pub fn set_in_menu(doc: &mut SiteDocument, id: &str, in_menu: bool) -> Result<(), PageRefusal> {
    doc.pages.get_mut(id).ok_or(PageRefusal::Missing)?.in_menu = in_menu;
    Ok(())
}

/// The pages as a tree in menu order: (id, depth), depth-first.
pub fn tree(doc: &SiteDocument) -> Vec<(String, usize)> {
    fn walk(doc: &SiteDocument, parent: Option<&str>, depth: usize, out: &mut Vec<(String, usize)>) {
        for (id, _) in siblings(doc, parent) {
            out.push((id.clone(), depth));
            if depth < 8 {
                walk(doc, Some(id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(home) = doc.pages.keys().next() {
        out.push((home.clone(), 0));
    }
    walk(doc, None, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{starter, OrgKind};

    fn school() -> SiteDocument {
        starter(OrgKind::School, "Школа №7")
    }

    #[test]
    fn slugs_are_latin_and_tidy() {
        assert_eq!(slug_from_title("Новости района"), "novosti-raiona");
        assert_eq!(slug_from_title("  Щедрый «Ёжик»: 2026!  "), "shchedryi-ezhik-2026");
        assert_eq!(slug_from_title("Объявления"), "obiavleniia");
        assert_eq!(slug_from_title("!!!"), "stranica");
        assert!(slug_from_title(&"Длинное название ".repeat(20)).len() <= 64);
        assert!(is_slug(&slug_from_title(&"Длинное название ".repeat(20))));
    }

    #[test]
    fn added_pages_get_unique_addresses_and_stay_valid() {
        let mut doc = school();
        let first = add(&mut doc, "Новости района", None).unwrap();
        let second = add(&mut doc, "Новости района", None).unwrap();
        assert_ne!(doc.pages[&first].slug, doc.pages[&second].slug);
        let child = add(&mut doc, "Новости района", Some(&first)).unwrap();
        assert_eq!(doc.pages[&child].slug, "novosti-raiona", "another level, the same address is fine");
        assert_eq!(add(&mut doc, "  ", None), Err(PageRefusal::EmptyTitle));
        assert!(crate::validate(&doc).is_empty(), "{:?}", crate::validate(&doc));
        let poisk = add(&mut doc, "Poisk", None).unwrap();
        assert_ne!(doc.pages[&poisk].slug, "poisk", "a platform address is never given");
    }

    #[test]
    fn mandatory_home_and_parent_pages_are_not_deleted() {
        let mut doc = school();
        let mandatory = doc.pages.iter().find(|(_, p)| p.mandatory).map(|(id, _)| id.clone()).unwrap();
        assert_eq!(delete(&mut doc, &mandatory).unwrap_err(), PageRefusal::Mandatory);
        let home = doc.pages.keys().next().unwrap().clone();
        doc.pages.get_mut(&home).unwrap().mandatory = false;
        assert_eq!(delete(&mut doc, &home).unwrap_err(), PageRefusal::Home);
        let parent = add(&mut doc, "Раздел", None).unwrap();
        let child = add(&mut doc, "Подраздел", Some(&parent)).unwrap();
        assert_eq!(delete(&mut doc, &parent).unwrap_err(), PageRefusal::HasChildren);
        delete(&mut doc, &child).unwrap();
        delete(&mut doc, &parent).unwrap();
        assert_eq!(delete(&mut doc, &parent).unwrap_err(), PageRefusal::Missing);
    }

    #[test]
    fn slugs_are_checked() {
        let mut doc = school();
        let a = add(&mut doc, "Первая", None).unwrap();
        let b = add(&mut doc, "Вторая", None).unwrap();
        assert_eq!(set_slug(&mut doc, &b, "Plohoi adres"), Err(PageRefusal::BadSlug));
        let taken = doc.pages[&a].slug.clone();
        assert_eq!(set_slug(&mut doc, &b, &taken), Err(PageRefusal::SlugTaken));
        assert_eq!(set_slug(&mut doc, &b, "media"), Err(PageRefusal::Reserved));
        set_slug(&mut doc, &b, "vtoraia-stranica").unwrap();
        assert_eq!(doc.pages[&b].slug, "vtoraia-stranica");
    }

    #[test]
    fn pages_move_in_the_menu_and_in_the_tree() {
        let mut doc = school();
        let a = add(&mut doc, "Первая", None).unwrap();
        let b = add(&mut doc, "Вторая", None).unwrap();
        assert!(move_by_one(&mut doc, &b, true));
        let order: Vec<&String> = doc.pages.keys().collect();
        assert!(order.iter().position(|id| **id == b) < order.iter().position(|id| **id == a));
        let first = doc.pages.keys().nth(1).unwrap().clone();
        assert!(!move_by_one(&mut doc, &first, true), "first top-level page");
        set_parent(&mut doc, &b, Some(&a)).unwrap();
        assert_eq!(set_parent(&mut doc, &a, Some(&b)), Err(PageRefusal::Loop));
        let tree = tree(&doc);
        let at = tree.iter().position(|(id, _)| *id == a).unwrap();
        assert_eq!(tree[at + 1], (b.clone(), 1));
        assert_eq!(tree.len(), doc.pages.len());
        assert!(crate::validate(&doc).is_empty());
    }
}
