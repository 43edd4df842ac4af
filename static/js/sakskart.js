// The agenda on the meeting page (templates/utvalg/_sakskart.html), for the secretary.
// Without this script every button is a plain form and the page reloads; with it:
// - «Opp»/«Ned» move the item in place, keep the keyboard focus on it and announce the new
//   place in the live region (#sakskart-status);
// - an unnumbered item is dragged by its handle (SortableJS) within its group, and the
//   group's new order is saved at once.
// The server decides: on a refusal the message is announced and the page reloaded.
const status = document.getElementById("sakskart-status");
const csrf = document.querySelector("#sakskart input[name='csrfmiddlewaretoken']");

function meld(tekst) {
  // Cleared first so that the same message twice is still read.
  status.textContent = "";
  window.setTimeout(() => { status.textContent = tekst; }, 50);
}

async function send(url, data) {
  const svar = await fetch(url, {
    method: "POST", body: data, credentials: "same-origin",
    headers: { "X-CSRFToken": csrf ? csrf.value : "", Accept: "application/json" },
  });
  let innhold = {};
  try { innhold = await svar.json(); } catch (feil) { innhold = {}; }
  return { ok: svar.ok, melding: innhold.melding || "Noe gikk galt. Last siden på nytt." };
}

function oppdaterKnapper(liste) {
  const punkter = [...liste.querySelectorAll(":scope > li")];
  punkter.forEach((li, n) => {
    const opp = li.querySelector("button[value='opp']");
    const ned = li.querySelector("button[value='ned']");
    if (opp) opp.disabled = n === 0;
    if (ned) ned.disabled = n === punkter.length - 1;
  });
}

function feilet(melding) {
  meld(melding);
  window.setTimeout(() => window.location.reload(), 1500);
}

document.querySelectorAll("#sakskart form.sakskart__flytt").forEach((skjema) => {
  skjema.addEventListener("submit", async (hendelse) => {
    hendelse.preventDefault();
    const knapp = hendelse.submitter;
    const retning = knapp.value;
    const li = skjema.closest("li");
    const liste = li.parentElement;
    const data = new FormData(skjema);
    data.set("retning", retning);
    const svar = await send(skjema.action, data);
    if (!svar.ok) { feilet(svar.melding); return; }
    if (retning === "opp" && li.previousElementSibling) {
      liste.insertBefore(li, li.previousElementSibling);
    } else if (retning === "ned" && li.nextElementSibling) {
      liste.insertBefore(li.nextElementSibling, li);
    }
    oppdaterKnapper(liste);
    // Keep the focus on the item: the same button, or its twin when this one is now off.
    const fokus = knapp.disabled ? li.querySelector(`button[value='${retning === "opp" ? "ned" : "opp"}']`) : knapp;
    if (fokus && !fokus.disabled) fokus.focus();
    meld(`«${li.dataset.tittel}» ${svar.melding.charAt(0).toLowerCase()}${svar.melding.slice(1)}`);
  });
});

if (window.Sortable) {
  document.querySelectorAll("#sakskart ol.sakskart[data-ordne]").forEach((liste) => {
    window.Sortable.create(liste, {
      handle: ".sakskart__handtak",
      filter: ".sakskart__punkt--fast",
      preventOnFilter: false,
      animation: 150,
      onMove: (evt) => !evt.related.classList.contains("sakskart__punkt--fast"),
      onEnd: async (evt) => {
        if (evt.oldIndex === evt.newIndex) return;
        const data = new FormData();
        data.set("gruppe", liste.dataset.gruppe);
        data.set("rekkefolge", [...liste.querySelectorAll(":scope > li")].map((li) => li.dataset.id).join(","));
        const svar = await send(liste.dataset.ordne, data);
        if (!svar.ok) { feilet(svar.melding); return; }
        oppdaterKnapper(liste);
        const antall = liste.children.length;
        meld(`«${evt.item.dataset.tittel}» flyttet til plass ${evt.newIndex + 1} av ${antall}.`);
      },
    });
  });
}
