// quotegraph pages: small progressive enhancements; every page works without this file.
"use strict";

// A statement that runs over several paragraphs has several highlighted spans:
// hovering or focusing one outlines all of them.
function linkQuoteSpans() {
  const marks = document.querySelectorAll("mark.q[data-quote]");
  const byQuote = new Map();
  marks.forEach((m) => {
    const key = m.dataset.quote;
    if (!byQuote.has(key)) byQuote.set(key, []);
    byQuote.get(key).push(m);
  });
  const toggle = (key, on) => (byQuote.get(key) || []).forEach((m) => m.classList.toggle("linked", on));
  marks.forEach((m) => {
    const key = m.dataset.quote;
    m.addEventListener("mouseenter", () => toggle(key, true));
    m.addEventListener("mouseleave", () => toggle(key, false));
    m.addEventListener("focus", () => toggle(key, true));
    m.addEventListener("blur", () => toggle(key, false));
    // Enter on a focused statement jumps to its entry in the list below.
    m.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        const item = document.getElementById("tip-" + key);
        if (item) item.scrollIntoView({ block: "center" });
      }
    });
  });
}

// Empty filter fields are left out of the URL, so shared links stay short.
function tidySearchForm() {
  const form = document.querySelector("form.search");
  if (!form) return;
  form.addEventListener("submit", () => {
    form.querySelectorAll("input, select").forEach((el) => {
      if (!el.value || (el.name === "scope" && el.value === "quotes")) el.disabled = true;
    });
  });
  // Coming back to the page from history must not leave fields disabled.
  window.addEventListener("pageshow", () => form.querySelectorAll("input, select").forEach((el) => { el.disabled = false; }));
}

document.addEventListener("DOMContentLoaded", () => {
  linkQuoteSpans();
  tidySearchForm();
});
