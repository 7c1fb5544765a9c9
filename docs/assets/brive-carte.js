// The map of the directory and of need pages (README, « Carte »). The list stays the main
// view: nothing of Leaflet, of the markers or of the tiles is fetched before the visitor
// clicks "Afficher la carte", because the tiles come from OpenStreetMap's servers, another
// host. Markers come from donnees/acteurs.geojson (no confidential place in it) and follow
// the cards the list shows, so the directory's filters filter the map too.
// Partner text reaches the DOM through textContent only, never as HTML.
(function () {
  "use strict";

  var BRIVE = [45.1589, 1.5321];
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var OSM = '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d\u2019OpenStreetMap</a>';

  var section = document.getElementById("brive-geo");
  var list = document.querySelector("ul.brive-cartes");
  if (!section || !list || !window.fetch || !window.Promise) return;
  var button = document.getElementById("brive-geo-bouton");
  var label = document.getElementById("brive-geo-libelle");
  var state = document.getElementById("brive-geo-etat");
  var zone = document.getElementById("brive-geo-zone");
  var container = document.getElementById("brive-geo-carte");
  var loading = null;
  var busy = false;
  var map = null;
  var layer = null;
  var features = [];
  var markers = {};

  function address(name) {
    return new URL(section.getAttribute(name), document.baseURI).href;
  }

  function stylesheet(href) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    return link;
  }

  function attach(element) {
    return new Promise(function (resolve, reject) {
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  // Leaflet's CSS and script from this site, our CSS after Leaflet's, and the markers:
  // once, on first demand.
  function load() {
    if (!loading) {
      var base = address("data-leaflet");
      var script = document.createElement("script");
      script.src = base + "leaflet.js";
      loading = Promise.all([
        attach(stylesheet(base + "leaflet.css")),
        attach(stylesheet(address("data-styles"))),
        attach(script),
        fetch(address("data-points")).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
      ]).then(function (results) { return results[3]; });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // "+33536490040" -> "05 36 49 00 40"; other numbers as given.
  function national(number) {
    return /^\+33\d{9}$/.test(number) ? ("0" + number.slice(3)).replace(/(\d\d)(?=\d)/g, "$1 ") : number;
  }

  function paragraph(parent, text) {
    var p = document.createElement("p");
    if (text) p.textContent = text;
    parent.appendChild(p);
    return p;
  }

  // The popup of one actor, built as DOM nodes: names and addresses are partner text.
  function popup(properties) {
    var box = document.createElement("div");
    box.className = "brive-geo__bulle";
    var name = document.createElement("a");
    name.href = new URL(encodeURIComponent(properties.id) + "/", address("data-fiches")).href;
    name.textContent = properties.nom;
    var title = paragraph(box);
    title.className = "brive-geo__nom";
    title.appendChild(name);
    var place = [properties.adresse, properties.complement_adresse,
      [properties.code_postal, properties.commune].filter(Boolean).join(" ")].filter(Boolean);
    if (place.length) paragraph(box, place.join(", "));
    if (properties.telephone) {
      var call = document.createElement("a");
      call.href = "tel:" + properties.telephone;
      call.textContent = "Appeler le " + national(properties.telephone);
      paragraph(box).appendChild(call);
    }
    return box;
  }

  function plural(n, one, many) {
    return n + " " + (n > 1 ? many : one);
  }

  // Show the markers of the cards the list shows; say how many.
  function showMarkers() {
    var shown = {};
    var cards = 0;
    list.querySelectorAll(".brive-carte").forEach(function (card) {
      if (card.hidden) return;
      shown[card.getAttribute("data-brive-id")] = true;
      cards++;
    });
    var count = 0;
    features.forEach(function (feature) {
      var marker = markers[feature.properties.id];
      if (shown[feature.properties.id]) {
        layer.addLayer(marker);
        count++;
      } else {
        layer.removeLayer(marker);
      }
    });
    var others = cards - count;
    state.textContent = count === 0 ? "Aucun lieu de la liste n'a d'adresse publique à montrer sur la carte." :
      plural(count, "lieu", "lieux") + " sur la carte" +
      (others ? " ; " + plural(others, "autre acteur", "autres acteurs") + " de la liste sans adresse publique." : ".");
  }

  // Leaflet's close button speaks English; the link gets the focus (keyboard users).
  function popupOpened(event) {
    var element = event.popup.getElement();
    var close = element.querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", "Fermer");
      close.title = "Fermer";
    }
    var link = element.querySelector(".brive-geo__nom a");
    if (link) link.focus({ preventScroll: true });
  }

  // The focus was in the popup, now removed: give it back to its marker.
  function popupClosed(event) {
    var icon = event.target.getElement();
    var active = document.activeElement;
    if (icon && (!active || active === document.body || event.popup.getElement().contains(active))) {
      icon.focus({ preventScroll: true });
    }
  }

  // Centred on Brive; widened if some places fall outside (neighbouring towns).
  function showAll() {
    var shown = layer.getLayers();
    if (!shown.length) return;
    var bounds = window.L.featureGroup(shown).getBounds();
    if (!map.getBounds().contains(bounds)) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  }

  function createMap(geojson) {
    var L = window.L;
    L.Icon.Default.imagePath = address("data-leaflet") + "images/";
    map = L.map(container, {
      center: BRIVE, zoom: 13, zoomControl: false, attributionControl: false,
      scrollWheelZoom: false // the page scrolls over the map; + and − zoom
    });
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    L.tileLayer(TILES, { maxZoom: 19, attribution: OSM }).addTo(map);
    layer = L.layerGroup().addTo(map);
    var ids = {};
    list.querySelectorAll(".brive-carte").forEach(function (card) {
      ids[card.getAttribute("data-brive-id")] = true;
    });
    features = (geojson.features || []).filter(function (feature) {
      var p = feature.properties || {};
      var c = feature.geometry && feature.geometry.coordinates;
      return ids[p.id] && c && isFinite(c[0]) && isFinite(c[1]);
    });
    var width = Math.max(150, Math.min(260, container.clientWidth - 120));
    features.forEach(function (feature) {
      var p = feature.properties;
      var c = feature.geometry.coordinates; // GeoJSON: longitude first
      markers[p.id] = L.marker([c[1], c[0]], { title: p.nom, alt: p.nom, riseOnHover: true })
        .bindPopup(popup(p), { maxWidth: width, autoPanPaddingTopLeft: [52, 10] }) // clear of + and −
        .on("popupopen", popupOpened)
        .on("popupclose", popupClosed);
    });
    container.addEventListener("keydown", function (event) {
      // Leaflet closes popups on Escape only when the map itself has the focus.
      if (event.key === "Escape" && event.target.closest(".leaflet-popup")) map.closePopup();
    });
    // The directory's filters hide cards: follow them.
    new MutationObserver(function () { if (!zone.hidden) showMarkers(); })
      .observe(list, { attributes: true, attributeFilter: ["hidden"], subtree: true });
  }

  function open() {
    busy = true;
    state.textContent = "Chargement de la carte…";
    load().then(function (geojson) {
      zone.hidden = false;
      var first = !map;
      if (first) createMap(geojson);
      else map.invalidateSize();
      showMarkers();
      if (first) showAll();
      zone.scrollIntoView({ block: "nearest" });
      button.setAttribute("aria-expanded", "true");
      label.textContent = "Masquer la carte";
    }).catch(function () {
      zone.hidden = true;
      state.textContent = "La carte n'a pas pu se charger : la liste ci-dessous reste complète.";
    }).then(function () { busy = false; });
  }

  button.addEventListener("click", function () {
    if (busy) return;
    if (button.getAttribute("aria-expanded") === "true") {
      zone.hidden = true;
      state.textContent = "";
      button.setAttribute("aria-expanded", "false");
      label.textContent = "Afficher la carte";
    } else {
      open();
    }
  });
  section.hidden = false;
})();
