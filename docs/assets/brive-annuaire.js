// "Open now" refreshed at the browser's time, on every page that shows it.
// Pages are built once a day: the build writes, for each offer, its open intervals for the
// next 14 days (closures applied) as JSON; this script only compares them with the clock.
// Without it the pages keep the build's texts.
(function () {
  "use strict";

  var JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];
  var ICONES = { ouvert: "clock-check-outline", inconnu: "clock-outline" };
  var PARIS = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit"
  });

  // The Paris date of an instant, "2026-11-30". ISO strings of the data carry the Paris
  // offset: their first ten characters are already the Paris date.
  function parisDate(ms) {
    return PARIS.format(new Date(ms));
  }

  function utcDay(date) {
    return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  }

  function weekday(date) {
    return (new Date(utcDay(date)).getUTCDay() + 6) % 7; // Monday is 0
  }

  // Same wording as hours.py: time_fr, date_fr, _when.
  function timeFr(iso) {
    var minutes = +iso.slice(14, 16);
    return +iso.slice(11, 13) + " h" + (minutes ? " " + iso.slice(14, 16) : "");
  }

  function dateFr(date) {
    var day = +date.slice(8, 10);
    return JOURS[weekday(date)] + " " + (day === 1 ? "1er" : day) + " " + MOIS[+date.slice(5, 7) - 1];
  }

  function when(iso, today) {
    var date = iso.slice(0, 10);
    var days = Math.round((utcDay(date) - utcDay(today)) / 864e5);
    if (days === 0) return "à " + timeFr(iso);
    if (days === 1) return "demain à " + timeFr(iso);
    if (days < 7) return JOURS[weekday(date)] + " à " + timeFr(iso);
    return "le " + dateFr(date) + " à " + timeFr(iso);
  }

  // {state, text} at `now` (ms), or null to keep the build's text.
  function status(schedule, now) {
    if (!schedule) return null;
    if (now >= Date.parse(schedule.fin)) return { state: "inconnu", text: "Horaires : voir le tableau" };
    var today = parisDate(now);
    var closures = schedule.fermetures;
    for (var c = 0; c < closures.length; c++) {
      if (closures[c].du <= today && (!closures[c].au || today <= closures[c].au)) {
        return { state: "fermeture", text: closures[c].texte };
      }
    }
    var spans = schedule.intervalles;
    for (var i = 0; i < spans.length; i++) {
      var start = Date.parse(spans[i][0]);
      var end = Date.parse(spans[i][1]);
      if (start <= now && now < end) {
        // Open up to the horizon: the next change after it is in the data.
        var closes = spans[i][1] === schedule.fin ? schedule.ensuite : spans[i][1];
        if (!closes) return { state: "ouvert", text: "Ouvert maintenant, 24 h/24" };
        return { state: "ouvert", text: "Ouvert maintenant — ferme " + when(closes, today) };
      }
      if (start > now) return { state: "ferme", text: "Fermé — ouvre " + when(spans[i][0], today) };
    }
    if (!schedule.ensuite) return { state: "ferme", text: "Fermé" };
    return { state: "ferme", text: "Fermé — ouvre " + when(schedule.ensuite, today) };
  }

  // "Aujourd'hui : 9 h – 12 h, 14 h – 17 h" from the intervals of the Paris day `today`.
  function todayText(schedule, today) {
    var texts = schedule.intervalles.filter(function (span) {
      return span[0].slice(0, 10) <= today && span[1].slice(0, 10) >= today && span[1].slice(0, 10) + span[1].slice(11, 16) !== today + "00:00";
    }).map(function (span) {
      var from = span[0].slice(0, 10) < today ? "0 h" : timeFr(span[0]);
      var to = span[1].slice(0, 10) > today ? "24 h" : timeFr(span[1]);
      return from + " – " + to;
    });
    var text = texts.join(", ") || "Fermé";
    return "Aujourd'hui : " + (text === "0 h – 24 h" ? "Ouvert 24 h/24" : text);
  }

  function showStatus(line, found) {
    line.className = "brive-statut brive-statut--" + found.state +
      (found.state === "fermeture" ? " brive-fermeture brive-fermeture--en-cours" : "");
    var icon = line.querySelector(".brive-icone");
    if (icon) icon.className = "brive-icone brive-icone--material-" + (ICONES[found.state] || "clock-remove-outline");
    var text = line.querySelector("span:not(.brive-icone)");
    if (text) text.textContent = found.text;
  }

  function showToday(today) {
    document.querySelectorAll(".brive-horaires tr[data-date]").forEach(function (row) {
      var isToday = row.getAttribute("data-date") === today;
      var label = row.querySelector(".brive-etiquette");
      row.hidden = row.getAttribute("data-date") < today; // days gone by since the build
      row.classList.toggle("brive-aujourdhui", isToday);
      if (isToday) {
        row.setAttribute("aria-current", "date");
        if (!label) {
          label = document.createElement("span");
          label.className = "brive-etiquette";
          label.textContent = "aujourd'hui";
          row.querySelector("th").append(" ", label);
        }
      } else {
        row.removeAttribute("aria-current");
        if (label) label.remove();
      }
    });
  }

  // An actor's page: its own JSON, one entry for the actor and one per service.
  function refreshActor(now) {
    var element = document.getElementById("brive-horaires");
    if (!element) return;
    var data = JSON.parse(element.textContent);
    if (now < Date.parse(data.calcule_le)) return;
    document.querySelectorAll("[data-brive-statut]").forEach(function (line) {
      var key = line.getAttribute("data-brive-statut");
      var offer = key === "acteur" ? data : data.services[+key.replace("service-", "")];
      var found = offer && status(offer.navigateur, now);
      if (found) showStatus(line, found);
    });
    showToday(parisDate(now));
  }

  function refreshCards(list, data, now) {
    if (now < Date.parse(data.calcule_le)) return;
    var today = parisDate(now);
    var sameDay = today === data.calcule_le.slice(0, 10);
    list.querySelectorAll(".brive-carte").forEach(function (card) {
      var schedule = data.acteurs[card.getAttribute("data-brive-id")];
      var found = status(schedule, now);
      if (!found) return;
      var line = card.querySelector(".brive-carte__statut");
      // Write only what changed: thousands of cards, each write costs a layout.
      var className = "brive-carte__statut brive-statut--" + found.state;
      if (line.className !== className) line.className = className;
      if (line.textContent !== found.text) line.textContent = found.text;
      var todayLine = card.querySelector(".brive-aujourdhui-texte");
      if (todayLine && found.state === "fermeture") todayLine.parentNode.hidden = true;
      else if (todayLine && !sameDay) todayLine.textContent = todayText(schedule, today);
    });
  }

  refreshActor(Date.now());
  // Lists of cards (directory, need pages): their hours come from one JSON file. The
  // directory's filters (brive-filtres.js, on that page only) get the same data and the
  // same "open now" through the event "brive:horaires".
  document.querySelectorAll("ul[data-brive-horaires]").forEach(function (list) {
    fetch(new URL(list.getAttribute("data-brive-horaires"), document.baseURI))
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; })
      .then(function (data) {
        if (data) refreshCards(list, data, Date.now());
        // Kept on the list too: the filters' script may start after this event.
        list.briveHoraires = { data: data, status: status };
        list.dispatchEvent(new CustomEvent("brive:horaires", { detail: list.briveHoraires }));
      });
  });
})();
