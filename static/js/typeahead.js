// Type-ahead for text fields with data-forslag (saksarkiv.widgets.Forslag): contacts by name
// or kortkode, cases the user may see, people. Progressive enhancement: without this script
// the field is a plain text field the form accepts. The field stays a textbox (its name and
// role unchanged) with aria-autocomplete="list", aria-controls and aria-activedescendant
// pointing into a listbox; a status line tells screen readers how many suggestions came.
// No inline script or style (Content-Security-Policy): only classes and the hidden attribute.
(function () {
  "use strict";
  var teller = 0;
  var MIN_TEGN = 2;
  var VENT_MS = 200;

  function Forslag(input) {
    teller += 1;
    this.input = input;
    this.url = input.getAttribute("data-forslag");
    this.treff = [];
    this.aktiv = -1;
    this.sporring = 0;
    this.tidtaker = null;

    var liste = document.createElement("ul");
    liste.id = "forslag-" + teller;
    liste.className = "forslag__liste";
    liste.setAttribute("role", "listbox");
    var etikett = input.labels && input.labels[0];
    if (etikett) {
      if (!etikett.id) etikett.id = liste.id + "-etikett";
      liste.setAttribute("aria-labelledby", etikett.id);
    }
    liste.hidden = true;
    var status = document.createElement("div");
    status.className = "skjult";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", liste);
    liste.insertAdjacentElement("afterend", status);
    this.liste = liste;
    this.status = status;
    input.setAttribute("aria-controls", liste.id);

    var self = this;
    input.addEventListener("input", function () { self.planlegg(); });
    input.addEventListener("keydown", function (e) { self.tast(e); });
    input.addEventListener("blur", function () {
      window.setTimeout(function () { self.lukk(); }, 150);
    });
    liste.addEventListener("mousedown", function (e) { e.preventDefault(); });
    liste.addEventListener("click", function (e) {
      var valg = e.target.closest("[role=option]");
      if (valg) self.velg(Number(valg.getAttribute("data-indeks")));
    });
  }

  Forslag.prototype.planlegg = function () {
    var self = this;
    window.clearTimeout(this.tidtaker);
    var tekst = this.input.value.trim();
    if (tekst.length < MIN_TEGN) { this.lukk(); return; }
    this.tidtaker = window.setTimeout(function () { self.hent(tekst); }, VENT_MS);
  };

  Forslag.prototype.hent = function (tekst) {
    var self = this;
    var nr = ++this.sporring;
    var url = this.url + (this.url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(tekst);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (svar) { return svar.ok ? svar.json() : { forslag: [] }; })
      .then(function (data) {
        if (nr === self.sporring) self.vis(data.forslag || []);
      })
      .catch(function () { self.lukk(); });
  };

  Forslag.prototype.vis = function (treff) {
    this.treff = treff;
    this.aktiv = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.liste.textContent = "";
    var self = this;
    treff.forEach(function (t, i) {
      var li = document.createElement("li");
      li.id = self.liste.id + "-" + i;
      li.className = "forslag__valg";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-indeks", String(i));
      li.textContent = t.etikett;
      if (t.detalj) {
        var detalj = document.createElement("span");
        detalj.className = "forslag__detalj";
        detalj.textContent = t.detalj;
        li.appendChild(detalj);
      }
      self.liste.appendChild(li);
    });
    this.liste.hidden = treff.length === 0;
    this.status.textContent = treff.length
      ? treff.length + " forslag. Bruk piltastene og Enter for å velge."
      : "Ingen forslag.";
  };

  Forslag.prototype.marker = function (indeks) {
    var valg = this.liste.querySelectorAll("[role=option]");
    if (!valg.length) return;
    this.aktiv = (indeks + valg.length) % valg.length;
    valg.forEach(function (li, i) { li.setAttribute("aria-selected", String(i === this.aktiv)); }, this);
    var aktiv = valg[this.aktiv];
    this.input.setAttribute("aria-activedescendant", aktiv.id);
    aktiv.scrollIntoView({ block: "nearest" });
  };

  Forslag.prototype.tast = function (e) {
    var apen = !this.liste.hidden;
    if (e.key === "ArrowDown") {
      if (!apen) { this.planlegg(); return; }
      e.preventDefault();
      this.marker(this.aktiv + 1);
    } else if (e.key === "ArrowUp" && apen) {
      e.preventDefault();
      this.marker(this.aktiv - 1);
    } else if (e.key === "Enter" && apen && this.aktiv >= 0) {
      e.preventDefault();
      this.velg(this.aktiv);
    } else if (e.key === "Escape" && apen) {
      e.preventDefault();
      this.lukk();
    }
  };

  // A pick puts the suggestion's value in the field and fills the fields it names (address,
  // e-mail) in the same form, with this field's prefix («korr-navn» fills «korr-adresse»).
  Forslag.prototype.velg = function (indeks) {
    var t = this.treff[indeks];
    if (!t) return;
    this.input.value = t.verdi;
    var navn = this.input.name;
    var prefiks = navn.indexOf("-") >= 0 ? navn.slice(0, navn.lastIndexOf("-") + 1) : "";
    var skjema = this.input.form;
    if (skjema && t.felt) {
      Object.keys(t.felt).forEach(function (felt) {
        var maal = skjema.elements.namedItem(prefiks + felt);
        if (maal && "value" in maal) {
          maal.value = t.felt[felt] || "";
          maal.dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.lukk();
    this.status.textContent = "Valgt: " + t.etikett;
  };

  Forslag.prototype.lukk = function () {
    window.clearTimeout(this.tidtaker);
    this.sporring += 1;
    this.liste.hidden = true;
    this.aktiv = -1;
    this.input.removeAttribute("aria-activedescendant");
  };

  function start() {
    document.querySelectorAll("input[data-forslag]").forEach(function (input) {
      if (input.hasAttribute("data-forslag-klar")) return; // the script came with two forms
      input.setAttribute("data-forslag-klar", "");
      new Forslag(input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // Forms that HTMX swaps in get their fields set up too.
  document.addEventListener("htmx:afterSettle", start);
})();
