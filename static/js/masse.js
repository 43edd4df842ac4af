// Bulk actions on a worklist (templates/journal/_arbeidsliste.html, journal/views/masse.py).
// Without this script the row checkboxes and the action buttons work as a plain form; with it:
// - the «Velg alle» box in the table header is shown and ticks or clears every row;
// - the header box shows «some» (indeterminate) when only some rows are ticked;
// - the bar says how many rows are chosen (a polite live region).
// The list part is replaced by htmx when the user filters it, so everything listens on the
// document and finds its form from the event.

const RAD = "input[type='checkbox'][name='masse-ider']";

function oppdater(skjema) {
  const rader = [...skjema.querySelectorAll(RAD)];
  const valgt = rader.filter((boks) => boks.checked).length;
  const alle = skjema.querySelector("input.velg-alle");
  if (alle) {
    alle.hidden = false;
    alle.checked = rader.length > 0 && valgt === rader.length;
    alle.indeterminate = valgt > 0 && valgt < rader.length;
  }
  const antall = skjema.querySelector("[data-masse-antall]");
  if (antall) {
    antall.textContent = valgt === 0 ? "Ingen valgt." : `${valgt} valgt.`;
  }
}

function alleSkjema() {
  document.querySelectorAll("form[data-masse]").forEach(oppdater);
}

document.addEventListener("change", (hendelse) => {
  const boks = hendelse.target;
  const skjema = boks.closest("form[data-masse]");
  if (!skjema) return;
  if (boks.matches("input.velg-alle")) {
    skjema.querySelectorAll(RAD).forEach((rad) => { rad.checked = boks.checked; });
  }
  if (boks.matches("input.velg-alle") || boks.matches(RAD)) oppdater(skjema);
});

// The list came back from a filter or the next page (htmx): show its header box too.
document.addEventListener("htmx:afterSwap", alleSkjema);
alleSkjema();
