-- Site lists (the administrator's «Сайты», GET /api/v1/sites, the operator's dashboard) are
-- ordered by (name, slug) and paged after a (name, slug): with this index a page is read in
-- order instead of sorting every site of the region.
CREATE INDEX sites_by_name ON sites(name, slug);
