//! The 14 subsections' tags, transcribed from tables 3.2.1–3.15.1 of the recommendations.
//!
//! Line numbers («стр.» = the recommendations' page, «l.» = the line of
//! `shared/law/rosobrnadzor-methodical-recommendations-2025-v9.txt`) point at the table each
//! subsection comes from. Every table starts with `copy` (the version for the visually
//! impaired): it is site-wide and is not listed here, nor is `addRef` (links to a subsection's
//! extra pages, l. 299–309); both are written elsewhere.
//!
//! Civic serves schools and kindergartens only: items that concern only universities, colleges,
//! professional training, postgraduate or scientific work are left out, each with a comment
//! where it would have stood.

use super::ValueKind::*;
use super::*;

/// Every subsection in the order of order №1493 and table 3.1.
pub static SECTIONS: &[SvedenSection] = &[
    // Table 3.2.1, стр. 13–14 (l. 333–402); templates 3.2.2–3.2.4, стр. 15–18.
    SvedenSection {
        slug: "common",
        title: "Основные сведения",
        table: "3.2.1",
        items: &[
            // Item 1, `copy`: site-wide, see the module's comment.
            field("fullName", "Полное наименование образовательной организации", Text, false, BOTH),
            field("shortName", "Сокращенное наименование образовательной организации", Text, true, BOTH),
            field("regDate", "Дата создания образовательной организации", Date, false, BOTH),
            group("uchredLaw", "Учредители", &[
                sub("nameUchred", "Наименование учредителя", Text, false, BOTH),
                sub("addressUchred", "Адрес местонахождения учредителя", Text, true, BOTH),
                sub("telUchred", "Контактные телефоны", Phone, true, BOTH),
                sub("mailUchred", "Адрес электронной почты", Email, true, BOTH),
                sub("websiteUchred", "Адрес сайта учредителя в сети «Интернет»", Url, true, BOTH),
            ], false, BOTH),
            field("address", "Адрес местонахождения образовательной организации", Text, false, BOTH),
            field("workTime", "Режим, график работы", Text, false, BOTH),
            field("telephone", "Контактные телефоны", Phone, false, BOTH),
            field("email", "Адреса электронной почты", Email, false, BOTH),
            field("licenseDocLink", "Лицензия на осуществление образовательной деятельности (выписка из реестра лицензий)", Document, false, BOTH),
            // Item 11, `accreditationDocLink`: «до 01.09.2025 предоставляется в подразделе
            // «Основные сведения», а затем размещается в подразделе «Образование»» (стр. 16,
            // l. 472–473), so it now stands at the end of `education`.
            //
            // Items 12–17: the places of educational activity not listed in the licence register,
            // one tag per address (the example, стр. 18, puts the itemprop on each `<tr>` with
            // unmarked cells: a repeated field, not a main tag).
            field("addressPlaceSet", "Места осуществления образовательной деятельности при использовании сетевой формы реализации образовательных программ", Text, false, BOTH),
            // `addressPlacePrac` (places of practice) and `addressPlacePodg` (places of practical
            // training, «практическая подготовка»): vocational and higher education only; omitted.
            field("addressPlaceGia", "Места проведения государственной итоговой аттестации", Text, false, SCHOOL),
            // `addressPlaceDop` (additional professional programmes) and `addressPlaceOppo` (main
            // programmes of professional training): omitted, not schools' or kindergartens'.
        ],
    },
    // Table 3.3.1, стр. 20–22 (l. 588–657); templates 3.3.2–3.3.4, стр. 23–28.
    SvedenSection {
        slug: "struct",
        title: "Структура и органы управления образовательной организацией",
        table: "3.3.1",
        items: &[
            group("structOrgUprav", "Структурные подразделения (органы управления)", &[
                sub("name", "Наименование органа управления / структурного подразделения", Text, false, BOTH),
                sub("fio", "ФИО руководителя структурного подразделения", Text, false, BOTH),
                sub("post", "Должность руководителя структурного подразделения", Text, false, BOTH),
                sub("addressStr", "Адрес местонахождения структурного подразделения", Text, false, BOTH),
                sub("site", "Адрес официального сайта структурного подразделения", Url, true, BOTH),
                sub("email", "Адреса электронной почты структурного подразделения", Email, true, BOTH),
                sub("divisionClauseDocLink", "Положение об органе управления / о структурном подразделении", Document, true, BOTH),
            ], false, BOTH),
            group("filInfo", "Филиалы", &[
                sub("nameFil", "Наименование филиала", Text, true, BOTH),
                sub("fioFil", "ФИО руководителя филиала", Text, true, BOTH),
                sub("postFil", "Должность руководителя филиала", Text, true, BOTH),
                sub("addressFil", "Адрес места нахождения филиала", Text, true, BOTH),
                sub("emailFil", "Электронная почта филиала", Email, true, BOTH),
                sub("websiteFil", "Адрес официального сайта или страницы филиала в сети «Интернет»", Url, true, BOTH),
                // The same itemprop as in `structOrgUprav` and `repInfo` (table 3.3.1, items 2.7,
                // 3.7, 4.7): the text reuses it, told apart by the main tag.
                sub("divisionClauseDocLink", "Положение о филиале", Document, true, BOTH),
            ], true, BOTH),
            group("repInfo", "Представительства", &[
                sub("nameRep", "Наименование представительства", Text, true, BOTH),
                sub("fioRep", "ФИО руководителя представительства", Text, true, BOTH),
                sub("postRep", "Должность руководителя представительства", Text, true, BOTH),
                sub("addressRep", "Адрес места нахождения представительства", Text, true, BOTH),
                sub("emailRep", "Электронная почта представительства", Email, true, BOTH),
                sub("websiteRep", "Адрес официального сайта или страницы представительства в сети «Интернет»", Url, true, BOTH),
                sub("divisionClauseDocLink", "Положение о представительстве", Document, true, BOTH),
            ], true, BOTH),
        ],
    },
    // Table 3.4.1, стр. 29–30 (l. 815–862).
    SvedenSection {
        slug: "document",
        title: "Документы",
        table: "3.4.1",
        items: &[
            field("ustavDocLink", "Устав образовательной организации", Document, false, BOTH),
            field("localActStud", "Правила внутреннего распорядка обучающихся", Document, false, BOTH),
            field("localActOrder", "Правила внутреннего трудового распорядка", Document, false, BOTH),
            field("localActCollec", "Коллективный договор", Document, true, BOTH),
            field("reportEduDocLink", "Отчёт о результатах самообследования", Document, false, BOTH),
            // «В случае отсутствия предписаний рекомендуется указать: «предписаний нет»» (l. 875–876).
            field("prescriptionDocLink", "Предписания органов, осуществляющих государственный контроль (надзор) в сфере образования, и отчёты об их исполнении", Document, true, BOTH),
            field("priemDocLink", "Правила приёма обучающихся", Document, false, BOTH),
            field("modeDocLink", "Режим занятий обучающихся", Document, false, BOTH),
            // Schools only: preschool programmes have no current and interim assessment (part 2 of
            // article 64 of law №273-ФЗ).
            field("tekKontrolDocLink", "Формы, периодичность и порядок текущего контроля успеваемости и промежуточной аттестации обучающихся", Document, false, SCHOOL),
            field("perevodDocLink", "Порядок и основания перевода, отчисления и восстановления обучающихся", Document, false, BOTH),
            field("vozDocLink", "Порядок оформления возникновения, приостановления и прекращения отношений между образовательной организацией и обучающимися и (или) родителями (законными представителями) несовершеннолетних обучающихся", Document, false, BOTH),
        ],
    },
    // Table 3.5.1, стр. 32–36 (l. 899–1052); templates 3.5.2–3.5.8, стр. 37–49. The table's
    // numbers jump from 5 to 8 (there are no items 6 and 7).
    //
    // The groups `eduAccred` and `eduOp` reuse `eduCode`, `eduName`, `eduLevel`, `eduProf` and
    // `eduForm`, as the text does; the main tag tells them apart.
    SvedenSection {
        slug: "education",
        title: "Образование",
        table: "3.5.1",
        items: &[
            // Labels from template 3.5.2, except `eduName`: for general-education programmes it is
            // the programme's name (item 2.2, «наименование образовательной программы (для
            // общеобразовательных программ)»), not a profession's.
            group("eduAccred", "Реализуемые уровни образования, формы обучения, нормативные сроки обучения", &[
                // Codes exist only for professions, specialities and fields of study; kept because
                // the tag is a column of the row and is starred: schools write «отсутствует».
                sub("eduCode", "Код, шифр", Text, true, BOTH),
                sub("eduName", "Наименование образовательной программы", Text, false, BOTH),
                sub("eduProf", "Образовательная программа", Text, false, BOTH),
                sub("eduLevel", "Уровень образования", Text, false, BOTH),
                sub("eduForm", "Формы обучения", Text, false, BOTH),
                sub("learningTerm", "Нормативный срок обучения", Text, false, BOTH),
                sub("eduPred", "Учебные предметы, курсы, дисциплины (модули)", Text, false, BOTH),
                // Doubtful for schools (general-education programmes have no practices), but not
                // starred and part of the row: kept; such a school writes «не предусмотрены».
                sub("eduPrac", "Практики, предусмотренные образовательной программой", Text, false, BOTH),
            ], false, BOTH),
            field("languageEl", "Языки, на которых осуществляется образование (обучение)", Document, false, BOTH),
            field("eduChislenEl", "Численность обучающихся по реализуемым образовательным программам", Document, false, BOTH),
            // Item 5, `eduPriemEl` (results of admission by profession, speciality or field of study,
            // with the entrance tests' average score): colleges and universities only; omitted.
            field("eduPerevodEl", "Результаты перевода, восстановления и отчисления", Document, false, BOTH),
            // Labels from template 3.5.6.
            group("eduOp", "Образовательные программы, в том числе адаптированные", &[
                sub("eduCode", "Код, шифр", Text, true, BOTH),
                sub("eduName", "Наименование образовательной программы", Text, false, BOTH),
                sub("eduLevel", "Уровень образования", Text, false, BOTH),
                sub("eduProf", "Образовательная программа, направленность, профиль", Text, false, BOTH),
                sub("eduForm", "Реализуемые формы обучения", Text, false, BOTH),
                sub("opMain", "Образовательная программа", Document, false, BOTH),
                sub("educationPlan", "Учебный план", Document, false, BOTH),
                sub("educationRpd", "Рабочие программы (по каждой дисциплине в составе образовательной программы)", Document, false, BOTH),
                sub("educationShedule", "Календарный учебный график", Document, false, BOTH),
                // Doubtful for schools, like `eduPrac` above: kept.
                sub("eduPr", "Рабочие программы практик, предусмотренных образовательной программой", Document, false, BOTH),
                sub("methodology", "Методические и иные документы, рабочие программы воспитания и календарные планы воспитательной работы", Document, false, BOTH),
            ], false, BOTH),
            // Item 10, main tag `eduNir` (scientific research: `eduCode`, `eduName`, `perechenNir`,
            // `eduProf`, `eduLevel`, `resultNir`, `baseNir`): universities and organisations of
            // additional professional education only; omitted.
            //
            // Item 11, main tag `graduateJob` (employment of graduates by profession: `eduCode`,
            // `eduName`, `eduProf`, `v1`, `t1`): professional education; omitted.
            //
            // Moved here from `common` (table 3.2.1, item 11) from 01.09.2025 (стр. 16, l. 472–473);
            // table 3.5.1 does not list it, so it stands last. Preschool programmes are not
            // accredited; «при отсутствии следует текстом указать «отсутствует»».
            field("accreditationDocLink", "Государственная аккредитация образовательной деятельности (выписка из реестра аккредитованных организаций)", Document, true, SCHOOL),
        ],
    },
    // Table 3.6.1, стр. 50 (l. 1383–1400).
    SvedenSection {
        slug: "eduStandarts",
        title: "Образовательные стандарты и требования",
        table: "3.6.1",
        items: &[
            field("eduFedDoc", "Федеральные государственные образовательные стандарты", Document, false, BOTH),
            field("eduStandartDoc", "Образовательные стандарты", Document, true, BOTH),
            // Federal state requirements bind mainly additional pre-professional programmes; starred,
            // so kept: a school or kindergarten without them writes «отсутствует».
            field("eduFedTreb", "Федеральные государственные требования", Document, true, BOTH),
            field("eduStandartTreb", "Самостоятельно устанавливаемые требования", Document, true, BOTH),
        ],
    },
    // Table 3.7.1, стр. 52 (l. 1438–1463); templates 3.7.2–3.7.3, стр. 53–54. The three groups
    // reuse `fio`, `post`, `telephone` and `email`, as the text does.
    SvedenSection {
        slug: "managers",
        title: "Руководство",
        table: "3.7.1",
        items: &[
            group("rucovodstvo", "Руководитель образовательной организации", &[
                sub("fio", "Ф.И.О.", Text, false, BOTH),
                sub("post", "Должность", Text, false, BOTH),
                sub("telephone", "Контактные телефоны", Phone, false, BOTH),
                sub("email", "Адреса электронной почты", Email, false, BOTH),
            ], false, BOTH),
            group("rucovodstvoZam", "Заместители руководителя образовательной организации", &[
                sub("fio", "Ф.И.О.", Text, false, BOTH),
                sub("post", "Должность", Text, false, BOTH),
                sub("telephone", "Контактные телефоны", Phone, false, BOTH),
                sub("email", "Адреса электронной почты", Email, false, BOTH),
            ], false, BOTH),
            group("rucovodstvoFil", "Руководители филиалов образовательной организации", &[
                sub("nameFil", "Наименование филиала", Text, true, BOTH),
                sub("fio", "Ф.И.О.", Text, true, BOTH),
                sub("post", "Должность", Text, true, BOTH),
                sub("telephone", "Контактные телефоны", Phone, true, BOTH),
                sub("email", "Адреса электронной почты", Email, true, BOTH),
            ], true, BOTH),
        ],
    },
    // Table 3.8.1, стр. 55–56 (l. 1543–1588); template 3.8.2, стр. 57–58.
    SvedenSection {
        slug: "employees",
        title: "Педагогический состав",
        table: "3.8.1",
        items: &[
            group("teachingStaff", "Педагогические работники", &[
                sub("fio", "ФИО", Text, false, BOTH),
                // The template says «Должность преподавателя»; schools and kindergartens have
                // teachers and educators, so the plain word.
                sub("post", "Должность", Text, false, BOTH),
                sub("teachingDiscipline", "Преподаваемые учебные предметы, курсы, дисциплины (модули)", Text, false, BOTH),
                sub("teachingLevel", "Уровень (уровни) профессионального образования, квалификация", Text, false, BOTH),
                sub("degree", "Учёная степень (при наличии)", Text, true, BOTH),
                sub("academStat", "Учёное звание (при наличии)", Text, true, BOTH),
                sub("qualification", "Сведения о повышении квалификации (за последние 3 года)", Text, true, BOTH),
                sub("profDevelopment", "Сведения о профессиональной переподготовке (при наличии)", Text, true, BOTH),
                sub("specExperience", "Сведения о продолжительности опыта (лет) работы в профессиональной сфере", Text, false, BOTH),
                sub("teachingOp", "Наименование образовательных программ, в реализации которых участвует педагогический работник", Text, false, BOTH),
            ], false, BOTH),
        ],
    },
    // Table 3.9.1, стр. 59–61 (l. 1657–1730); templates 3.9.2–3.9.4, стр. 61–66. The library and
    // sport groups reuse `objName`, `objAddress` and `objOvz`, as the text does.
    SvedenSection {
        slug: "objects",
        title: "Материально-техническое обеспечение и оснащённость образовательного процесса. Доступная среда",
        table: "3.9.1",
        items: &[
            group("purposeCab", "Оборудованные учебные кабинеты", &[
                sub("addressCab", "Адрес места нахождения", Text, false, BOTH),
                sub("nameCab", "Наименование оборудованного учебного кабинета", Text, false, BOTH),
                sub("osnCab", "Оснащенность оборудованного учебного кабинета", Text, false, BOTH),
                sub("ovzCab", "Приспособленность для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            ], false, BOTH),
            // Objects for practical lessons (laboratories, workshops…), not vocational practice:
            // order №1493 asks every organisation for them; kept for both.
            group("purposePrac", "Объекты для проведения практических занятий", &[
                sub("addressPrac", "Адрес места нахождения", Text, false, BOTH),
                sub("namePrac", "Наименование объекта для проведения практических занятий", Text, false, BOTH),
                sub("osnPrac", "Оснащенность объекта для проведения практических занятий", Text, false, BOTH),
                sub("ovzPrac", "Приспособленность для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            ], false, BOTH),
            group("purposeLibr", "Библиотеки", &[
                sub("objName", "Наименование объекта", Text, false, BOTH),
                sub("objAddress", "Адрес места нахождения", Text, false, BOTH),
                sub("objOvz", "Приспособленность для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            ], false, BOTH),
            group("purposeSport", "Объекты спорта", &[
                sub("objName", "Наименование объекта", Text, false, BOTH),
                sub("objAddress", "Адрес места нахождения", Text, false, BOTH),
                sub("objOvz", "Приспособленность для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            ], false, BOTH),
            field("ovz", "Обеспечение беспрепятственного доступа в здания образовательной организации", Text, false, BOTH),
            field("purposeFacil", "Средства обучения и воспитания", Text, false, BOTH),
            field("purposeFacilOvz", "Средства обучения и воспитания, приспособленные для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            field("comNet", "Доступ к информационным системам и информационно-телекоммуникационным сетям", Text, false, BOTH),
            field("comNetOvz", "Доступ к информационным системам и информационно-телекоммуникационным сетям, приспособленным для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            // «Рекомендуется представлять в виде ссылок» (стр. 64–65): links to the resources.
            field("erList", "Электронные образовательные ресурсы, к которым обеспечивается доступ обучающихся", Url, false, BOTH),
            field("erListOvz", "Электронные образовательные ресурсы, приспособленные для использования инвалидами и лицами с ограниченными возможностями здоровья", Url, true, BOTH),
            field("techOvz", "Специальные технические средства обучения коллективного и индивидуального пользования", Text, true, BOTH),
            // Items 14–21, table 3.9.4: dormitories (`hostelInfo`, `hostelNum`, `hostelNumOvz`) and
            // the fee for living in one (`localActObSt`) are colleges' and universities'; omitted.
            // Boarding («интернат») is a school's (школа-интернат): kept for schools.
            field("interInfo", "Количество интернатов", Text, true, SCHOOL),
            field("interNum", "Количество мест в интернатах", Text, true, SCHOOL),
            field("interNumOvz", "Количество жилых помещений в интернате, приспособленных для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, true, SCHOOL),
            field("hostelInterOvz", "Условия для беспрепятственного доступа в общежитие, интернат", Text, true, SCHOOL),
        ],
    },
    // Table 3.10.1, стр. 67 (l. 1955–1977).
    SvedenSection {
        slug: "grants",
        title: "Стипендии и меры поддержки обучающихся",
        table: "3.10.1",
        items: &[
            // «Если выплата стипендии не предусмотрена, то рекомендуется указать: «Выплата
            // стипендий не предусмотрена»» (l. 1983–1984).
            field("grant", "Наличие и условия предоставления обучающимся стипендий", Text, true, SCHOOL),
            field("support", "Меры социальной поддержки обучающихся", Text, true, BOTH),
            // Items 4–10 repeat table 3.9.4 («публикуется в двух подразделах»): as in `objects`,
            // the dormitory items (`hostelInfo`, `hostelNum`, `hostelNumOvz`, `localActObSt`) are
            // omitted and the boarding ones kept for schools.
            field("interInfo", "Количество интернатов", Text, true, SCHOOL),
            field("interNum", "Количество мест в интернатах", Text, true, SCHOOL),
            field("interNumOvz", "Количество жилых помещений в интернате, приспособленных для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, true, SCHOOL),
        ],
    },
    // Table 3.11.1, стр. 69 (l. 2002–2032).
    //
    // None of the four is starred, but «при отсутствии в образовательной организации платных
    // образовательных услуг необходимо выполнить разметку атрибутом всех позиций фразой
    // «Отсутствует»» (стр. 70, l. 2062–2063): all may be absent.
    SvedenSection {
        slug: "paid_edu",
        title: "Платные образовательные услуги",
        table: "3.11.1",
        items: &[
            field("paidEdu", "Порядок оказания платных образовательных услуг", Document, true, BOTH),
            field("paidDog", "Образец договора об оказании платных образовательных услуг", Document, true, BOTH),
            field("paidSt", "Документ об утверждении стоимости обучения по каждой образовательной программе", Document, true, BOTH),
            field("paidParents", "Документ об установлении размера платы, взимаемой с родителей (законных представителей) за присмотр и уход за детьми, содержание детей в интернате, группах продлённого дня", Document, true, BOTH),
        ],
    },
    // Table 3.12.1, стр. 71–72 (l. 2077–2111); templates 3.12.2–3.12.3, стр. 72–73.
    SvedenSection {
        slug: "budget",
        title: "Финансово-хозяйственная деятельность",
        table: "3.12.1",
        items: &[
            field("finBFVolume", "Объём образовательной деятельности за счёт бюджетных ассигнований федерального бюджета (тыс. руб.)", Text, false, BOTH),
            field("finBRVolume", "Объём образовательной деятельности за счёт бюджетов субъектов Российской Федерации (тыс. руб.)", Text, false, BOTH),
            field("finBMVolume", "Объём образовательной деятельности за счёт местных бюджетов (тыс. руб.)", Text, false, BOTH),
            field("finPVolume", "Объём образовательной деятельности по договорам об оказании платных образовательных услуг (тыс. руб.)", Text, false, BOTH),
            group("volume", "Поступление и расходование финансовых и материальных средств", &[
                sub("finYear", "Год", Text, false, BOTH),
                sub("finPost", "Поступившие финансовые и материальные средства", Text, false, BOTH),
                sub("finRas", "Расходованные финансовые и материальные средства", Text, false, BOTH),
            ], false, BOTH),
            field("finPlanDocLink", "План финансово-хозяйственной деятельности или бюджетная смета", Document, false, BOTH),
        ],
    },
    // Table 3.13.1, стр. 75 (l. 2194–2220); template 3.13.2, стр. 76–77.
    SvedenSection {
        slug: "vacant",
        title: "Вакантные места для приёма (перевода) обучающихся",
        table: "3.13.1",
        items: &[
            group("vacant", "Вакантные места для приёма (перевода) обучающихся", &[
                // Codes are professions' and specialities'; starred, so kept as in `education`.
                sub("eduCode", "Код, шифр", Text, true, BOTH),
                sub("eduName", "Наименование образовательной программы", Text, true, BOTH),
                sub("eduLevel", "Уровень образования", Text, true, BOTH),
                sub("eduProf", "Образовательная программа, направленность, профиль", Text, false, BOTH),
                // A school gives the class (grade) here, a kindergarten the group's age.
                sub("eduCourse", "Курс", Text, true, BOTH),
                sub("eduForm", "Форма обучения", Text, true, BOTH),
                sub("numberBFVacant", "Количество вакантных мест для приёма (перевода) за счёт бюджетных ассигнований федерального бюджета", Text, true, BOTH),
                sub("numberBRVacant", "Количество вакантных мест для приёма (перевода) за счёт бюджетов субъектов Российской Федерации", Text, true, BOTH),
                sub("numberBMVacant", "Количество вакантных мест для приёма (перевода) за счёт местных бюджетов", Text, true, BOTH),
                sub("numberPVacant", "Количество вакантных мест для приёма (перевода) за счёт средств физических и (или) юридических лиц", Text, true, BOTH),
            ], true, BOTH),
        ],
    },
    // Table 3.14.1, стр. 78 (l. 2291–2306); template 3.14.2, стр. 79.
    SvedenSection {
        slug: "inter",
        title: "Международное сотрудничество",
        table: "3.14.1",
        items: &[
            group("internationalDog", "Договоры с иностранными и (или) международными организациями по вопросам образования и науки", &[
                sub("stateName", "Государство", Text, true, BOTH),
                sub("orgName", "Наименование организации", Text, true, BOTH),
                sub("dogReg", "Реквизиты договора (наименование, дата, номер, срок действия)", Text, true, BOTH),
            ], true, BOTH),
        ],
    },
    // Table 3.15.1, стр. 80 (l. 2351–2365); template 3.15.2, стр. 80–81.
    SvedenSection {
        slug: "catering",
        title: "Организация питания в образовательной организации",
        table: "3.15.1",
        items: &[
            group("meals", "Условия питания обучающихся", &[
                sub("objName", "Наименование объекта", Text, false, BOTH),
                sub("objAddress", "Адрес места нахождения", Text, false, BOTH),
                sub("objOvz", "Приспособленность для использования инвалидами и лицами с ограниченными возможностями здоровья", Text, false, BOTH),
            ], false, BOTH),
            field("health", "Условия охраны здоровья обучающихся", Text, false, BOTH),
        ],
    },
];
