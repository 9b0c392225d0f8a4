//! The endpoints of the API for outside systems (`/api/v1/…`) and the one table that maps each
//! endpoint and method to the action a token must be allowed (see [`crate::tokens`]). The
//! OpenAPI document (`edge/openapi.v1.json`) lists exactly these paths and methods; a test
//! below holds the two together.

use civic_shared::collection_items::Collection;
use civic_shared::validate::is_id;

use crate::authz::Action;
use crate::http::access::{Access, NoAccess};

/// Every `/api/v1` endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum V1Route {
    /// `GET /openapi.json`: this API's description (needs no token).
    OpenApi,
    /// `GET /sites`: the sites the token may read.
    Sites,
    /// `GET /sites/{slug}`.
    Site { site: String },
    /// `GET|PUT /sites/{slug}/document`: the draft and its version.
    Document { site: String },
    /// `POST /sites/{slug}/publish`.
    Publish { site: String },
    /// `GET /sites/{slug}/revisions`.
    Revisions { site: String },
    /// `GET|POST /sites/{slug}/collections/{name}`.
    Collection { site: String, collection: Collection },
    /// `GET|PUT|DELETE /sites/{slug}/collections/{name}/{id}`.
    CollectionItem { site: String, collection: Collection, id: String },
    /// `POST /sites/{slug}/import`: an old site's pages into the draft, queued as a job.
    Import { site: String },
    /// `GET /sites/{slug}/jobs/{id}`: an import job of the site and how far it got.
    Job { site: String, id: i64 },
    /// Anything else.
    NotFound,
}

/// Methods the table is asked about when listing what an endpoint allows.
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The endpoint of a path below `/api/v1/`, split into segments.
pub fn v1_route(segments: &[&str]) -> V1Route {
    let site = |slug: &&str| (*slug).to_string();
    match segments {
        ["openapi.json"] => V1Route::OpenApi,
        ["sites"] => V1Route::Sites,
        ["sites", slug] if !slug.is_empty() => V1Route::Site { site: site(slug) },
        ["sites", slug, "document"] if !slug.is_empty() => V1Route::Document { site: site(slug) },
        ["sites", slug, "publish"] if !slug.is_empty() => V1Route::Publish { site: site(slug) },
        ["sites", slug, "revisions"] if !slug.is_empty() => V1Route::Revisions { site: site(slug) },
        ["sites", slug, "import"] if !slug.is_empty() => V1Route::Import { site: site(slug) },
        ["sites", slug, "jobs", id] if !slug.is_empty() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => match id.parse::<i64>() {
            Ok(id) if id > 0 => V1Route::Job { site: site(slug), id },
            _ => V1Route::NotFound,
        },
        ["sites", slug, "collections", name] if !slug.is_empty() => match Collection::parse(name) {
            Some(collection) => V1Route::Collection { site: site(slug), collection },
            None => V1Route::NotFound,
        },
        ["sites", slug, "collections", name, id] if !slug.is_empty() && is_id(id) => match Collection::parse(name) {
            Some(collection) => V1Route::CollectionItem { site: site(slug), collection, id: (*id).into() },
            None => V1Route::NotFound,
        },
        _ => V1Route::NotFound,
    }
}

impl V1Route {
    /// Whether a change through this endpoint can change what the site's visitors see:
    /// publishing and collections do, a document (draft) save does not.
    pub fn changes_public_view(&self) -> bool {
        matches!(self, V1Route::Publish { .. } | V1Route::Collection { .. } | V1Route::CollectionItem { .. })
    }

    /// The action a method on this endpoint is: the one table the v1 shell consults before
    /// calling [`crate::tokens::authorize_token`].
    pub fn access(&self, method: &str) -> Result<Access, NoAccess> {
        use Action::*;
        use V1Route as R;
        let access = match (self, method) {
            (R::NotFound, _) => return Err(NoAccess::NotFound),
            (R::OpenApi, "GET") => Access::Anyone,
            (R::Sites, "GET") => Access::Act(ListSites),
            (R::Site { .. } | R::Document { .. } | R::Revisions { .. } | R::Collection { .. } | R::CollectionItem { .. }, "GET") => {
                Access::Act(ReadSite)
            }
            // An import's job: whoever may import follows it.
            (R::Job { .. }, "GET") => Access::Act(EditSite),
            (R::Document { .. }, "PUT") | (R::Collection { .. } | R::Import { .. }, "POST") | (R::CollectionItem { .. }, "PUT" | "DELETE") => Access::Act(EditSite),
            (R::Publish { .. }, "POST") => Access::Act(PublishSite),
            _ => return Err(NoAccess::MethodNotAllowed),
        };
        Ok(access)
    }

    /// The methods this endpoint answers, for `Allow` headers.
    pub fn allowed_methods(&self) -> Vec<&'static str> {
        METHODS.into_iter().filter(|method| self.access(method).is_ok()).collect()
    }

    /// The site the endpoint is about, if any.
    pub fn site(&self) -> Option<&str> {
        match self {
            V1Route::Site { site }
            | V1Route::Document { site }
            | V1Route::Publish { site }
            | V1Route::Revisions { site }
            | V1Route::Collection { site, .. }
            | V1Route::CollectionItem { site, .. }
            | V1Route::Import { site }
            | V1Route::Job { site, .. } => Some(site),
            V1Route::OpenApi | V1Route::Sites | V1Route::NotFound => None,
        }
    }

    /// The endpoint's path template as the OpenAPI document writes it. Each collection has
    /// its own paths there, because each has its own item schema.
    pub fn template(&self) -> Option<String> {
        Some(match self {
            V1Route::OpenApi => "/openapi.json".into(),
            V1Route::Sites => "/sites".into(),
            V1Route::Site { .. } => "/sites/{slug}".into(),
            V1Route::Document { .. } => "/sites/{slug}/document".into(),
            V1Route::Publish { .. } => "/sites/{slug}/publish".into(),
            V1Route::Revisions { .. } => "/sites/{slug}/revisions".into(),
            V1Route::Import { .. } => "/sites/{slug}/import".into(),
            V1Route::Job { .. } => "/sites/{slug}/jobs/{job}".into(),
            V1Route::Collection { collection, .. } => format!("/sites/{{slug}}/collections/{}", collection.as_str()),
            V1Route::CollectionItem { collection, .. } => format!("/sites/{{slug}}/collections/{}/{{id}}", collection.as_str()),
            V1Route::NotFound => return None,
        })
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn only_publishing_and_collections_change_what_visitors_see() {
        let site = || "gb4".to_string();
        assert!(V1Route::Publish { site: site() }.changes_public_view());
        assert!(V1Route::CollectionItem { site: site(), collection: Collection::News, id: "n".into() }.changes_public_view());
        assert!(!V1Route::Document { site: site() }.changes_public_view());
    }

    use super::*;
    use crate::http::routes::{route, Route};
    use serde_json::Value;

    const DOMAIN: &str = "civic.localhost";

    fn v1(path: &str) -> V1Route {
        match route("127.0.0.1:8787", path, DOMAIN) {
            Route::ApiV1(route) => route,
            other => panic!("{path}: {other:?}"),
        }
    }

    /// One route of every kind: the match makes a new variant a compile error here until it
    /// is added to the list (and so to the checks against the OpenAPI document).
    fn one_of_each() -> Vec<V1Route> {
        let site = || "mincifra".to_string();
        let mut all = vec![
            V1Route::OpenApi,
            V1Route::Sites,
            V1Route::Site { site: site() },
            V1Route::Document { site: site() },
            V1Route::Publish { site: site() },
            V1Route::Revisions { site: site() },
            V1Route::Import { site: site() },
            V1Route::Job { site: site(), id: 1 },
        ];
        for collection in Collection::ALL {
            all.push(V1Route::Collection { site: site(), collection });
            all.push(V1Route::CollectionItem { site: site(), collection, id: "n-1".into() });
        }
        for route in &all {
            match route {
                V1Route::OpenApi
                | V1Route::Sites
                | V1Route::Site { .. }
                | V1Route::Document { .. }
                | V1Route::Publish { .. }
                | V1Route::Revisions { .. }
                | V1Route::Collection { .. }
                | V1Route::CollectionItem { .. }
                | V1Route::Import { .. }
                | V1Route::Job { .. }
                | V1Route::NotFound => {}
            }
        }
        all
    }

    #[test]
    fn paths() {
        assert_eq!(v1("/api/v1/openapi.json"), V1Route::OpenApi);
        assert_eq!(v1("/api/v1/sites"), V1Route::Sites);
        assert_eq!(v1("/api/v1/sites/gb4"), V1Route::Site { site: "gb4".into() });
        assert_eq!(v1("/api/v1/sites/gb4/document"), V1Route::Document { site: "gb4".into() });
        assert_eq!(v1("/api/v1/sites/gb4/publish"), V1Route::Publish { site: "gb4".into() });
        assert_eq!(v1("/api/v1/sites/gb4/revisions"), V1Route::Revisions { site: "gb4".into() });
        assert_eq!(v1("/api/v1/sites/gb4/jobs/12"), V1Route::Job { site: "gb4".into(), id: 12 });
        assert_eq!(v1("/api/v1/sites/gb4/jobs/x"), V1Route::NotFound);
        assert_eq!(v1("/api/v1/sites/gb4/jobs/0"), V1Route::NotFound);
        assert_eq!(v1("/api/v1/sites/gb4/collections/staff"), V1Route::Collection { site: "gb4".into(), collection: Collection::Staff });
        assert_eq!(
            v1("/api/v1/sites/gb4/collections/news/n-1"),
            V1Route::CollectionItem { site: "gb4".into(), collection: Collection::News, id: "n-1".into() }
        );
        for missing in ["/api/v1", "/api/v1/", "/api/v1/sites/", "/api/v1/sites//document", "/api/v1/sites/gb4/collections/appeals",
            "/api/v1/sites/gb4/collections/news/a%20b", "/api/v1/sites/gb4/draft", "/api/v1/sites/gb4/collections/news/n-1/x"]
        {
            assert_eq!(v1(missing), V1Route::NotFound, "{missing}");
        }
        // The cookie API keeps its own routes.
        assert!(matches!(route("x", "/api/sites", DOMAIN), Route::Api(_)));
    }

    #[test]
    fn access_table() {
        use Action::*;
        let site = || "gb4".to_string();
        let news = || V1Route::Collection { site: site(), collection: Collection::News };
        let item = || V1Route::CollectionItem { site: site(), collection: Collection::News, id: "n-1".into() };
        let cases = [
            (V1Route::OpenApi, "GET", Ok(Access::Anyone)),
            (V1Route::OpenApi, "POST", Err(NoAccess::MethodNotAllowed)),
            (V1Route::Sites, "GET", Ok(Access::Act(ListSites))),
            (V1Route::Sites, "POST", Err(NoAccess::MethodNotAllowed)),
            (V1Route::Site { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (V1Route::Site { site: site() }, "DELETE", Err(NoAccess::MethodNotAllowed)),
            (V1Route::Document { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (V1Route::Document { site: site() }, "PUT", Ok(Access::Act(EditSite))),
            (V1Route::Document { site: site() }, "PATCH", Err(NoAccess::MethodNotAllowed)),
            (V1Route::Publish { site: site() }, "POST", Ok(Access::Act(PublishSite))),
            (V1Route::Publish { site: site() }, "GET", Err(NoAccess::MethodNotAllowed)),
            (V1Route::Revisions { site: site() }, "GET", Ok(Access::Act(ReadSite))),
            (news(), "GET", Ok(Access::Act(ReadSite))),
            (news(), "POST", Ok(Access::Act(EditSite))),
            (news(), "PUT", Err(NoAccess::MethodNotAllowed)),
            (item(), "GET", Ok(Access::Act(ReadSite))),
            (item(), "PUT", Ok(Access::Act(EditSite))),
            (item(), "DELETE", Ok(Access::Act(EditSite))),
            (item(), "POST", Err(NoAccess::MethodNotAllowed)),
            (V1Route::NotFound, "GET", Err(NoAccess::NotFound)),
        ];
        for (route, method, want) in cases {
            assert_eq!(route.access(method), want, "{method} {route:?}");
        }
        assert_eq!(item().allowed_methods(), ["GET", "PUT", "DELETE"]);
        assert_eq!(item().site(), Some("gb4"));
        assert_eq!(V1Route::Sites.site(), None);
    }

    fn openapi() -> Value {
        serde_json::from_str(crate::openapi::OPENAPI_V1).expect("the OpenAPI document is JSON")
    }

    /// Fills a template's parameters with values that route.
    fn instantiate(template: &str) -> String {
        format!("/api/v1{}", template.replace("{slug}", "mincifra").replace("{id}", "n-1").replace("{job}", "1"))
    }

    #[test]
    fn every_route_is_documented_with_exactly_its_methods() {
        let doc = openapi();
        let paths = doc["paths"].as_object().expect("paths");
        for route in one_of_each() {
            let template = route.template().expect("a real route has a template");
            let documented = paths.get(&template).unwrap_or_else(|| panic!("{template} is not in the OpenAPI document"));
            let mut methods: Vec<String> =
                documented.as_object().unwrap().keys().filter(|k| k.as_str() != "parameters").map(|k| k.to_uppercase()).collect();
            methods.sort();
            let mut allowed: Vec<String> = route.allowed_methods().iter().map(|m| m.to_string()).collect();
            allowed.sort();
            assert_eq!(methods, allowed, "{template}");
        }
    }

    #[test]
    fn every_documented_path_routes() {
        let doc = openapi();
        let templates: Vec<String> = one_of_each().iter().filter_map(V1Route::template).collect();
        for (template, item) in doc["paths"].as_object().expect("paths") {
            assert!(templates.contains(template), "{template} is documented but not routed");
            let route = v1(&instantiate(template));
            assert_eq!(route.template().as_ref(), Some(template), "{template}");
            for method in item.as_object().unwrap().keys().filter(|k| k.as_str() != "parameters") {
                assert!(route.access(&method.to_uppercase()).is_ok(), "{method} {template}");
            }
        }
    }
}
