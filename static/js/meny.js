// The grouped main menu (templates/base.html) as disclosures. Without this script every
// group's links are visible. With it each group name becomes a button (aria-expanded,
// aria-controls) that opens its list, one group at a time; Escape closes the open group and
// puts focus back on its button; a group also closes when focus or a click leaves it. On a
// narrow screen (CSS) the whole menu sits behind the «Meny» button.
(() => {
  const meny = document.getElementById("hovedmeny");
  if (!meny) return;
  const bryter = meny.querySelector(".hovedmeny__bryter");
  const grupper = [];

  for (const navn of meny.querySelectorAll(".hovedmeny__gruppenavn")) {
    const liste = navn.nextElementSibling;
    const knapp = document.createElement("button");
    knapp.type = "button";
    knapp.className = "hovedmeny__gruppeknapp";
    knapp.id = navn.id;
    knapp.textContent = navn.textContent;
    knapp.setAttribute("aria-expanded", "false");
    knapp.setAttribute("aria-controls", liste.id);
    if (navn.hasAttribute("aria-current")) knapp.setAttribute("aria-current", "true");
    navn.replaceWith(knapp);
    liste.hidden = true;
    grupper.push({ knapp, liste, gruppe: knapp.parentElement });
  }

  const aapen = () => grupper.find((g) => !g.liste.hidden);

  function vis(g, apne) {
    g.liste.hidden = !apne;
    g.knapp.setAttribute("aria-expanded", String(apne));
  }

  function visMeny(apne) {
    meny.classList.toggle("hovedmeny--apen", apne);
    bryter.setAttribute("aria-expanded", String(apne));
  }

  for (const g of grupper) {
    g.knapp.addEventListener("click", () => {
      const apne = g.liste.hidden;
      for (const annen of grupper) vis(annen, false);
      vis(g, apne);
    });
    g.gruppe.addEventListener("focusout", (e) => {
      // Only when focus moves elsewhere (Tab): a click that does not focus (Safari) is
      // handled by the document listener below.
      if (e.relatedTarget && !g.gruppe.contains(e.relatedTarget)) vis(g, false);
    });
  }

  bryter.hidden = false;
  bryter.addEventListener("click", () => {
    visMeny(bryter.getAttribute("aria-expanded") !== "true");
  });

  meny.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const g = aapen();
    if (g) {
      vis(g, false);
      g.knapp.focus();
      e.preventDefault();
    } else if (meny.classList.contains("hovedmeny--apen")) {
      visMeny(false);
      bryter.focus();
      e.preventDefault();
    }
  });

  document.addEventListener("click", (e) => {
    const g = aapen();
    if (g && !g.gruppe.contains(e.target)) vis(g, false);
  });

  meny.classList.add("hovedmeny--js");
})();
