// The directory's filters (/annuaire/ only): need, public, modalité, language, free, open
// now. They run once brive-annuaire.js has read the hours (event "brive:horaires"), with
// its "open now". Without JavaScript the form stays hidden and the page is the whole list.
(function () {
  "use strict";

  // Every field is one URL parameter: a filtered list can be shared.
  function setupFilters(form, list, data, status) {
    var cards = Array.prototype.slice.call(list.querySelectorAll(".brive-carte"));
    var open = form.elements.ouvert;
    var state = form.querySelector("#brive-filtres-etat");
    if (!data) open.disabled = true;

    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

    function matches(card) {
      var ok = true;
      selects.forEach(function (select) {
        if (!select.value) return;
        var words = (card.getAttribute("data-" + select.getAttribute("data-attribut")) || "").split(" ");
        if (words.indexOf(select.value) < 0) ok = false;
      });
      if (form.elements.gratuit.checked && card.getAttribute("data-frais") !== "gratuit") ok = false;
      if (ok && open.checked && data) {
        var found = status(data.acteurs[card.getAttribute("data-brive-id")], Date.now());
        ok = !!found && found.state === "ouvert";
      }
      return ok;
    }

    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var hide = !matches(card);
        if (card.hidden !== hide) card.hidden = hide;
        if (!hide) shown++;
      });
      state.textContent = shown === 0 ? "Aucun acteur ne correspond à ces filtres." :
        shown + (shown > 1 ? " acteurs affichés" : " acteur affiché") + " sur " + cards.length + ".";
      var url = new URL(location.href);
      ["besoin", "public", "modalite", "langue", "gratuit", "ouvert"].forEach(function (name) {
        var field = form.elements[name];
        var value = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
        if (value) url.searchParams.set(name, value);
        else url.searchParams.delete(name);
      });
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    var params = new URL(location.href).searchParams;
    form.querySelectorAll("select").forEach(function (select) {
      var value = params.get(select.name);
      if (value && select.querySelector("option[value='" + CSS.escape(value) + "']")) select.value = value;
    });
    form.elements.gratuit.checked = params.get("gratuit") === "1";
    open.checked = !open.disabled && params.get("ouvert") === "1";
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  var form = document.getElementById("brive-filtres");
  var list = document.getElementById("brive-liste");
  if (!form || !list) return;
  function start(hours) {
    setupFilters(form, list, hours.data, hours.status);
  }
  if (list.briveHoraires) start(list.briveHoraires);
  else list.addEventListener("brive:horaires", function (event) { start(event.detail); }, { once: true });
})();
