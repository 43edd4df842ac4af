// Autosave of a form with data-autolagre="<url>": when something changed, the form is
// posted there every 15 seconds and when the page is left; the answer (JSON) gives the new
// version, which the form sends next time, and a message for the status line
// ([data-autolagre-status], aria-live). A refusal (another window saved first) stops it.
const skjema = document.querySelector("form[data-autolagre]");
if (skjema) {
  const status = skjema.querySelector("[data-autolagre-status]");
  const versjon = skjema.querySelector("input[name='versjon']");
  let endret = false;
  let stoppet = false;
  const merk = () => { endret = true; };
  skjema.addEventListener("input", merk);
  skjema.addEventListener("change", merk);
  // The editor writes its content into the textarea on every change.
  document.addEventListener("prose-editor:ready", (e) => {
    e.detail.editor.on("update", merk);
  });

  async function lagre() {
    if (!endret || stoppet) return;
    endret = false;
    const data = new FormData(skjema);
    try {
      const svar = await fetch(skjema.dataset.autolagre, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken") },
      });
      const innhold = await svar.json();
      if (svar.ok) {
        if (versjon) versjon.value = innhold.versjon;
      } else {
        stoppet = true;
      }
      if (status) status.textContent = innhold.melding;
    } catch (feil) {
      endret = true;
      if (status) status.textContent = "Kunne ikke lagre automatisk. Prøver igjen.";
    }
  }
  setInterval(lagre, 15000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") lagre();
  });
}
