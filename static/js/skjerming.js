// The leader's screening decision: ticking a title word that is also in a correspondent's
// or a party's name ticks «Skjerm avsender/mottaker» (journal/forms/offentlighet.py).
// Without JavaScript the service refuses the decision and asks the same beside the field.
(function () {
  "use strict";
  var skjerm = document.getElementById("id_skjerm_korrespondanseparter");
  if (!skjerm) {
    return;
  }
  document.querySelectorAll("input[data-navneord]").forEach(function (boks) {
    boks.addEventListener("change", function () {
      if (boks.checked) {
        skjerm.checked = true;
      }
    });
  });
})();
