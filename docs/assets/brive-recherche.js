// Search as you type, with Pagefind's index (built by the hook after each build).
// Nothing of the index is fetched before the visitor types in a search box. Without this
// script the forms still work: they open the results page, which lists the needs.
(function () {
  "use strict";

  var pagefind = null;

  function root(form) {
    var base = form.getAttribute("data-racine") || ".";
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }

  function load(form) {
    if (!pagefind) {
      var base = root(form);
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // Pagefind's excerpt is HTML with <mark>: keep the text and the marks, nothing else.
  // A <template> parses without running anything (no scripts, no image loads).
  function excerpt(html) {
    var template = document.createElement("template");
    var out = document.createElement("p");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    out.className = "brive-recherche__extrait";
    return out;
  }

  function plural(n, word) {
    return n + " " + word + (n > 1 ? "s" : "");
  }

  function setup(form) {
    var input = form.querySelector("input[name=q]");
    var panel = form.querySelector(".brive-recherche__panneau") || document.getElementById(form.getAttribute("data-resultats"));
    var list = panel.querySelector(".brive-recherche__liste");
    var status = panel.querySelector(".brive-recherche__etat");
    var limit = parseInt(form.getAttribute("data-limite") || "6", 10);
    var onPage = form.hasAttribute("data-brive-recherche-page");
    var timer = null;
    var latest = 0;

    function close() {
      if (!onPage) panel.hidden = true;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (onPage) {
        var url = new URL(location.href);
        url.searchParams.set("q", query);
        history.replaceState(null, "", url);
      }
      if (query.length < 2) {
        list.replaceChildren();
        status.textContent = "";
        close();
        return;
      }
      panel.hidden = false;
      status.textContent = "Recherche…";
      load(form).then(function (pf) {
        return pf.search(query);
      }).then(function (search) {
        if (ticket !== latest) return;
        var count = search.results.length;
        list.replaceChildren();
        if (!count) {
          status.textContent = "Aucun résultat pour « " + query + " ». Essayez un autre mot, ou choisissez un besoin.";
          return;
        }
        status.textContent = plural(count, "résultat") + " pour « " + query + " »" +
          (count > limit ? " : voici les " + limit + " premiers." : ".");
        return show(search.results, 0, query, ticket);
      }).catch(function () {
        if (ticket !== latest) return;
        status.textContent = "La recherche n'a pas pu se charger. Choisissez un besoin ou consultez l'annuaire.";
      });
    }

    // Each result's text is fetched when shown: `limit` at a time keeps a query light.
    function show(found, start, query, ticket) {
      var batch = found.slice(start, start + limit);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
        if (ticket !== latest) return;
        var old = list.querySelector(".brive-recherche__plus");
        if (old) old.parentNode.remove();
        var first = null;
        items.forEach(function (item) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = item.url;
          a.textContent = item.meta.title || item.url;
          li.appendChild(a);
          li.appendChild(excerpt(item.excerpt || ""));
          list.appendChild(li);
          first = first || a;
        });
        if (start > 0 && first) first.focus();
        var rest = found.length - start - limit;
        if (rest <= 0) return;
        var li = document.createElement("li");
        var more;
        if (onPage) {
          more = document.createElement("button");
          more.type = "button";
          more.className = "md-button brive-bouton brive-recherche__plus";
          var next = Math.min(rest, limit);
          more.textContent = next > 1 ? "Afficher " + next + " autres résultats" : "Afficher 1 autre résultat";
          more.addEventListener("click", function () { show(found, start + limit, query, ticket); });
        } else {
          more = document.createElement("a");
          more.href = form.action + "?q=" + encodeURIComponent(query);
          more.className = "brive-recherche__plus";
          more.textContent = "Voir les " + plural(found.length, "résultat");
        }
        li.appendChild(more);
        list.appendChild(li);
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    input.addEventListener("focus", function () { load(form); }, { once: true });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
        input.focus();
      } else if (event.key === "ArrowDown" && !panel.hidden) {
        var links = Array.prototype.slice.call(list.querySelectorAll("a"));
        var index = links.indexOf(document.activeElement);
        if (links.length) {
          event.preventDefault();
          links[Math.min(index + 1, links.length - 1)].focus();
        }
      } else if (event.key === "ArrowUp" && !panel.hidden) {
        var items = Array.prototype.slice.call(list.querySelectorAll("a"));
        var at = items.indexOf(document.activeElement);
        if (at >= 0) {
          event.preventDefault();
          (at === 0 ? input : items[at - 1]).focus();
        }
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target) && !panel.contains(event.target)) close();
    });
    if (onPage) {
      var query = new URL(location.href).searchParams.get("q");
      if (query) {
        input.value = query;
        run();
      }
    }
  }

  document.querySelectorAll("form[data-brive-recherche]").forEach(setup);
})();
