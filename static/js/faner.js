// Tabs (templates/journal/journalpost.html: <nav data-faner> with links a[data-fane] to the
// sections div.fane below it). Without this script the bar is a list of links to sections
// that all show, one after the other. With it the bar is an ARIA tablist: one section shows
// at a time, the arrow keys, Home and End move between the tabs, and the address's #fragment
// picks the tab — also a fragment inside a section (#korrespondanseparter after a form was
// saved), a section holding a form that came back with errors, or else the section the page
// names in data-start (a draft opens on its text, a post without documents on them).
"use strict";

function faner(nav) {
  const lenker = [...nav.querySelectorAll("a[data-fane]")];
  const paneler = lenker.map((a) => document.getElementById(a.hash.slice(1)));
  if (!lenker.length || paneler.includes(null)) return;

  nav.querySelector("ul").setAttribute("role", "tablist");
  nav.querySelectorAll("li").forEach((li) => li.setAttribute("role", "presentation"));
  lenker.forEach((a, i) => {
    a.setAttribute("role", "tab");
    a.id = `${paneler[i].id}-fane`;
    a.setAttribute("aria-controls", paneler[i].id);
    paneler[i].setAttribute("role", "tabpanel");
    paneler[i].setAttribute("aria-labelledby", a.id);
    paneler[i].tabIndex = 0;
  });

  function velg(i, fokus) {
    lenker.forEach((a, j) => {
      const valgt = i === j;
      a.setAttribute("aria-selected", String(valgt));
      a.tabIndex = valgt ? 0 : -1;
      paneler[j].hidden = !valgt;
    });
    if (fokus) lenker[i].focus();
  }

  function panelFor(id) {
    const maal = id && document.getElementById(id);
    return maal ? paneler.findIndex((p) => p.contains(maal)) : -1;
  }

  function fraAdresse() {
    let i = panelFor(decodeURIComponent(window.location.hash.slice(1)));
    if (i < 0) i = paneler.findIndex((p) => p.querySelector(".felt--feil, .feiloppsummering"));
    if (i < 0) i = paneler.findIndex((p) => p.id === nav.dataset.start);
    return Math.max(i, 0);
  }

  lenker.forEach((a, i) => {
    a.addEventListener("click", (hendelse) => {
      hendelse.preventDefault();
      velg(i, false);
      window.history.replaceState(null, "", a.hash);
    });
    a.addEventListener("keydown", (hendelse) => {
      const siste = lenker.length - 1;
      const til = {
        ArrowRight: i === siste ? 0 : i + 1,
        ArrowLeft: i === 0 ? siste : i - 1,
        Home: 0,
        End: siste,
      }[hendelse.key];
      if (til === undefined) return;
      hendelse.preventDefault();
      velg(til, true);
    });
  });

  // A link elsewhere on the page into a tab («Legg til dokument» in «Neste steg»).
  document.addEventListener("click", (hendelse) => {
    const a = hendelse.target.closest("a[href^='#']");
    if (!a || nav.contains(a)) return;
    const i = panelFor(a.hash.slice(1));
    if (i < 0) return;
    hendelse.preventDefault();
    velg(i, false);
    window.history.replaceState(null, "", a.hash);
    document.getElementById(a.hash.slice(1)).scrollIntoView();
    lenker[i].focus();
  });
  window.addEventListener("hashchange", () => velg(fraAdresse(), false));
  velg(fraAdresse(), false);
}

document.querySelectorAll("[data-faner]").forEach(faner);
