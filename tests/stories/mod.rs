//! What the fixture tests (head_lines, prompt_lines, list_lines, tail_blurbs) share: a short
//! story per language that a fixture's lines are set into, and the readers of their fixtures
//! (cases under '# xx' headings: one line each, or groups of lines).

/// A short story per language, whose last paragraph the case's line follows.
pub const STORIES: &[(&str, &str)] = &[
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
pub fn cases(text: &str) -> Vec<(&str, &str)> {
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

/// The fixture's cases: groups of lines (a blank line ends one) with their language (the last
/// '# xx' heading above them).
pub fn groups(text: &str) -> Vec<(&str, Vec<&str>)> {
    let mut language = "en";
    let mut out = Vec::new();
    let mut group = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(heading) = line.strip_prefix("# ").filter(|h| h.len() == 2) {
            language = heading;
        } else if line.is_empty() {
            if !group.is_empty() {
                out.push((language, std::mem::take(&mut group)));
            }
        } else if !line.starts_with('#') {
            group.push(line);
        }
    }
    if !group.is_empty() {
        out.push((language, group));
    }
    out
}
