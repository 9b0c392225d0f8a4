//! Styles of the block library, appended to the base sheet by `inline_style`.

/// CSS for every block kind. Mobile first; columns and grids open up from 48rem. Headings of
/// listed items (cards, news, people…) take their level from the outline (`outline.rs`), so
/// they are styled for any level and look alike whatever it is.
pub const BLOCKS_CSS: &str = "\
main .wrap>.columns,main .wrap>.hero,main .wrap>.gallery,main .wrap>.news-feed,main .wrap>.staff{max-width:none}\
.text ul,.text ol{padding-left:1.5rem;margin:0 0 1rem}\
blockquote{margin:1.5rem 0;padding:.75rem 1.25rem;border-left:4px solid var(--civic-accent);background:#fff}\
blockquote p{margin:0}blockquote footer{margin-top:.5rem;color:#4a5561}\
.table-wrap{overflow-x:auto;margin:1.5rem 0}\
.sveden-fields{margin:1.5rem 0}.sveden-fields th{width:40%;font-weight:600}.sveden-fields td{overflow-wrap:anywhere}\
.sveden-documents{padding-left:1.25rem;margin:1rem 0}.sveden-documents li{margin:.35rem 0}\
.discussion,.appeal-status,.appeal-receipt{overflow-wrap:anywhere}\
table{border-collapse:collapse;width:100%;background:#fff}\
caption{text-align:left;font-weight:700;padding:.5rem 0}\
th,td{border:1px solid #c5ccd6;padding:.5rem .75rem;text-align:left;vertical-align:top}\
thead th{background:#e9eef5}.bars th[scope=row]{font-weight:400}.bar rect{fill:var(--civic-primary)}\
.button{display:inline-block;background:var(--civic-primary);color:#fff;padding:.65rem 1.25rem;border:2px solid var(--civic-primary);border-radius:4px;text-decoration:none;font-weight:600;cursor:pointer}\
.button:hover{text-decoration:underline}.button-secondary{background:#fff;color:var(--civic-primary)}\
.meta,.file-meta{color:#4a5561;font-size:.9rem}\
.card,.contact-card,.map-card,.person,.appeal-form,.poll,.figures>div,.hero{background:#fff;border:1px solid #d7dde5;border-radius:4px;padding:1rem 1.25rem}\
.contact-card,.map-card,.appeal-form,.poll{margin:1.5rem 0}:is(.contact-card,.map-card,.appeal-form,.poll)>:first-child{margin-top:0}\
.card :is(h2,h3,h4,h5,h6),.news-card :is(h2,h3,h4,h5,h6),.person :is(h2,h3,h4,h5,h6),.contact-card h2{margin:0 0 .5rem}.contact-card h2{font-size:1.2rem}\
.card img,.news-card img,.person img{margin-bottom:.75rem}\
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\
.columns{display:grid;gap:1.25rem;margin:1.5rem 0}.column>.card:only-child{height:100%}\
.hero{display:grid;gap:1.5rem;align-items:center;margin:0 0 2rem;padding:1.5rem}.hero h2{margin-top:0;font-size:clamp(1.4rem,3vw,1.9rem)}\
.gallery ul,.news-list,.staff-list,.announcement-list,.vacancy-list,.social-links ul,.block-menu ul,.breadcrumbs ol,.tab-list{list-style:none;padding:0;margin:0}\
.gallery ul,.news-list,.staff-list{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(min(14rem,100%),1fr))}\
.news-card,.person{background:#fff;border:1px solid #d7dde5;border-radius:4px;padding:1rem;height:100%}\
.announcement-list li,.vacancy-list li{border-bottom:1px solid #d7dde5;padding:.75rem 0}.block-menu li{border-bottom:1px solid #d7dde5;padding:.5rem 0}.announcement-list :is(h2,h3,h4,h5,h6){margin:.25rem 0}\
:is(.card,.news-card,.person,.announcement-list,.vacancy-list) :is(h2,h3,h4,h5,h6){font-size:1.2rem;line-height:1.3;color:inherit}.vacancy-list :is(h2,h3,h4,h5,h6){margin:1.5rem 0 .5rem}\
.breadcrumbs ol{display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:.95rem;margin-bottom:1rem}\
.breadcrumbs li+li::before{content:\"›\";margin-right:.5rem;color:#4a5561}\
.tab-list{display:flex;flex-wrap:wrap;gap:.25rem 1rem;border-bottom:2px solid #d7dde5;margin:1.5rem 0 1rem}.tab-list a{display:inline-block;padding:.5rem 0}\
details{background:#fff;border:1px solid #d7dde5;border-radius:4px;margin:.5rem 0}\
summary{cursor:pointer;padding:.75rem 1rem;font-weight:600}.accordion-body{padding:0 1rem 1rem}\
hr{border:0;border-top:1px solid #c5ccd6;margin:2rem 0}\
.spacer-s{height:1rem}.spacer-m{height:2rem}.spacer-l{height:4rem}\
.embed iframe{width:100%;aspect-ratio:16/9;border:0;background:#000}.pos-widget{width:100%;min-height:32rem;border:1px solid #d7dde5;border-radius:4px;background:#fff}\
.hint{display:block;color:#4a5561;font-size:.9375rem;margin-top:.25rem}.published-answers article{border-top:1px solid #d7dde5;padding:.75rem 0}.published-answers h3{margin:.25rem 0}\
input,select,textarea,button{font:inherit}\
.field label{display:block;font-weight:600;margin-bottom:.25rem}\
.field input,.field select,.field textarea,.search-box input{width:100%;padding:.5rem .6rem;border:1px solid #6b7684;border-radius:4px;background:#fff;color:inherit}\
.search-box{display:flex;flex-wrap:wrap;gap:.5rem;margin:1.5rem 0}.search-box label{width:100%;font-weight:600}.search-box input{flex:1;width:auto;min-width:0}\
.search-box button{padding:.5rem 1rem;border:0;border-radius:4px;background:var(--civic-primary);color:#fff;cursor:pointer}\
.required{color:#a4161a}.hp{position:absolute;left:-9999px}fieldset{border:0;padding:0;margin:0}legend{font-weight:600}.poll fieldset>legend{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\
.figures{display:flex;flex-wrap:wrap;gap:1rem;grid-template-columns:none}.figures dd{font-size:2rem;font-weight:700;color:var(--civic-primary)}\
.social-links ul{display:flex;flex-wrap:wrap;gap:.5rem}.social-links a{display:inline-block;padding:.4rem .9rem;border:1px solid var(--civic-primary);border-radius:999px;text-decoration:none}\
.empty{color:#4a5561;background:#fff;border:1px dashed #c5ccd6;padding:1rem;border-radius:4px}\
.logo{flex:none;width:3.5rem;height:3.5rem;object-fit:contain}\
.footer-links{list-style:none;padding:0;margin:1rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}\
@media (max-width:30rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.5rem}table{font-size:.9375rem}th,td{padding:.4rem .5rem;hyphens:auto}td+td{overflow-wrap:anywhere}.bar{max-width:100%}}@media (min-width:48rem){.columns-2{grid-template-columns:repeat(2,1fr)}.columns-3{grid-template-columns:repeat(3,1fr)}.columns-4{grid-template-columns:repeat(4,1fr)}.hero{grid-template-columns:1.2fr 1fr}}\
";
