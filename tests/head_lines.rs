//! The credited-caption and site-notice signals (`signals::caption_credit`,
//! `signals::site_notice`, src/clean/signals.rs) through `clean`: photo captions with a credit,
//! a kind of picture or people's places, and a site's disclosures, paywall meters and bylines
//! with a reading time (tests/data/head-lines/drop.txt, written for this test) go whether they
//! stand above a story or between its paragraphs, and news sentences that name agencies,
//! photographers, photos, commissions or free articles, or open on a dateline (keep.txt), stay
//! between its paragraphs and are never taken for a caption or a notice above it.

use article_analyzer::{clean, CleanConfig, InputFormat, RemovalReason};

const KEEP_LINES: &str = include_str!("data/head-lines/keep.txt");
const DROP_LINES: &str = include_str!("data/head-lines/drop.txt");

/// A short story per language, whose last paragraph the case's line follows.
const STORIES: &[(&str, &str)] = &[
    (
        "en",
        "River town votes to rebuild the old bridge\n\n\
         The town council of Millbrook voted on Tuesday to rebuild the stone bridge over the river, \
         which has been closed to traffic since a flood damaged its piers two years ago.\n\n\
         The project will cost about 4 million dollars, most of it paid by the state, and work is \
         expected to begin in the spring once the water level has fallen.\n\n\
         Residents had complained for months that the detour added half an hour to their drive to \
         the hospital and the school on the other bank.\n\n\
         The mayor said the new bridge would keep the shape of the old one but rest on deeper \
         foundations that can withstand a flood twice as high.",
    ),
    (
        "de",
        "Stadt lässt die alte Brücke neu bauen\n\n\
         Der Stadtrat von Mühlbach hat am Dienstag beschlossen, die steinerne Brücke über den Fluss \
         neu zu bauen, die seit einem Hochwasser vor zwei Jahren für den Verkehr gesperrt ist.\n\n\
         Das Vorhaben soll rund vier Millionen Euro kosten, den größten Teil übernimmt das Land, und \
         die Arbeiten sollen im Frühjahr beginnen, sobald der Wasserstand gesunken ist.\n\n\
         Anwohner hatten sich monatelang darüber beklagt, dass die Umleitung ihren Weg zum \
         Krankenhaus und zur Schule am anderen Ufer um eine halbe Stunde verlängert.\n\n\
         Die neue Brücke soll die Form der alten behalten, aber auf tieferen Fundamenten stehen, die \
         einem doppelt so hohen Hochwasser standhalten.",
    ),
    (
        "fr",
        "La ville va reconstruire le vieux pont\n\n\
         Le conseil municipal de Moulinville a voté mardi la reconstruction du pont de pierre sur la \
         rivière, fermé à la circulation depuis qu'une crue a endommagé ses piles il y a deux ans.\n\n\
         Le projet coûtera environ quatre millions d'euros, en grande partie payés par la région, et \
         les travaux devraient commencer au printemps, une fois que le niveau de l'eau aura baissé.\n\n\
         Les habitants se plaignaient depuis des mois que la déviation ajoutait une demi-heure à leur \
         trajet vers l'hôpital et l'école de l'autre rive.\n\n\
         Le nouveau pont gardera la forme de l'ancien mais reposera sur des fondations plus profondes, \
         capables de résister à une crue deux fois plus haute.",
    ),
    (
        "es",
        "El pueblo reconstruirá el viejo puente\n\n\
         El ayuntamiento de Molinar aprobó el martes la reconstrucción del puente de piedra sobre el \
         río, cerrado al tráfico desde que una crecida dañó sus pilares hace dos años.\n\n\
         El proyecto costará unos cuatro millones de euros, pagados en su mayor parte por la región, y \
         las obras comenzarán en primavera, cuando haya bajado el nivel del agua.\n\n\
         Los vecinos se quejaban desde hace meses de que el desvío añadía media hora al trayecto \
         hasta el hospital y la escuela de la otra orilla.\n\n\
         El nuevo puente mantendrá la forma del antiguo, pero descansará sobre cimientos más \
         profundos, capaces de resistir una crecida dos veces más alta.",
    ),
];

/// The fixture's cases with their language (the last '# xx' heading above them).
fn cases(text: &str) -> Vec<(&str, &str)> {
    let mut language = "en";
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("# ") {
            if heading.len() == 2 {
                language = heading;
            }
        } else if !line.is_empty() && !line.starts_with('#') {
            out.push((language, line));
        }
    }
    out
}

/// Where a case's line goes in its story.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// Between the headline and the first paragraph, where a lead photo's caption sits.
    AboveBody,
    /// After the second paragraph.
    InsideBody,
}

/// The removal of `line` when it stands at `place` in the story of `language` (`None`: kept).
fn removal(language: &str, line: &str, place: Place) -> Option<RemovalReason> {
    let story = STORIES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s).unwrap_or(STORIES[0].1);
    let parts: Vec<&str> = story.split("\n\n").collect();
    let at = match place {
        Place::AboveBody => 1,
        Place::InsideBody => 3,
    };
    let mut blocks = parts.clone();
    blocks.insert(at.min(parts.len()), line);
    let cleaned = clean(&format!("{}\n", blocks.join("\n\n")), InputFormat::Text, &CleanConfig::default());
    cleaned.removed.iter().find(|r| r.text.trim() == line).map(|r| r.reason.clone())
}

#[test]
fn news_lines_stay_inside_a_story() {
    let lost: Vec<_> = cases(KEEP_LINES)
        .into_iter()
        .filter_map(|(l, line)| removal(l, line, Place::InsideBody).map(|r| (line, r)))
        .collect();
    assert!(lost.is_empty(), "body lines removed: {lost:#?}");
}

#[test]
fn news_lines_are_no_caption_or_notice_above_a_story() {
    let taken: Vec<_> = cases(KEEP_LINES)
        .into_iter()
        .filter(|(l, line)| {
            matches!(
                removal(l, line, Place::AboveBody),
                Some(RemovalReason::Caption | RemovalReason::Advertisement | RemovalReason::AuthorBox)
            )
        })
        .map(|(_, line)| line)
        .collect();
    assert!(taken.is_empty(), "body lines taken for captions or notices: {taken:#?}");
}

#[test]
fn captions_and_notices_go_above_and_inside_a_story() {
    for place in [Place::AboveBody, Place::InsideBody] {
        let kept: Vec<_> = cases(DROP_LINES)
            .into_iter()
            .filter(|(l, line)| removal(l, line, place).is_none())
            .map(|(_, line)| line)
            .collect();
        assert!(kept.is_empty(), "captions kept {place:?}: {kept:#?}");
    }
}
