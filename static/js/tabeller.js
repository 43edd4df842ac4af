// On a narrow screen a wide table scrolls sideways inside its container (saksarkiv.css,
// «Hovedmeny og smal skjerm»). A keyboard user must be able to scroll it too, so a container
// that actually scrolls joins the tab order (tabindex="0"), and leaves it again when the
// window grows wide enough. Containers that already have a tabindex are left alone.
(() => {
  const MERKE = "data-rull-tabindex";

  function oppdater() {
    for (const tabell of document.querySelectorAll("main table")) {
      const ramme = tabell.parentElement;
      const ruller = ramme.scrollWidth > ramme.clientWidth + 1
        && getComputedStyle(ramme).overflowX !== "visible";
      if (ruller && !ramme.hasAttribute("tabindex")) {
        ramme.setAttribute("tabindex", "0");
        ramme.setAttribute(MERKE, "");
      } else if (!ruller && ramme.hasAttribute(MERKE)) {
        ramme.removeAttribute("tabindex");
        ramme.removeAttribute(MERKE);
      }
    }
  }

  let venter = false;
  window.addEventListener("resize", () => {
    if (venter) return;
    venter = true;
    requestAnimationFrame(() => { venter = false; oppdater(); });
  });
  oppdater();
  // Lists swapped in by htmx bring new tables.
  document.addEventListener("htmx:afterSettle", oppdater);
})();
