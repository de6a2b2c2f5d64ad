// The opinion form: when another clause is chosen, show its full text (the page lists every
// clause's text below the form, so this only copies it next to the choice). Without
// JavaScript the chosen clause is shown after sending, and the list is always there.
(function () {
  "use strict";
  var select = document.querySelector("select[name=clause]");
  var body = document.querySelector("[data-clause-preview-body]");
  if (!select || !body) {
    return;
  }
  var wholeDraft = body.getAttribute("data-whole-draft") || body.textContent;
  function show() {
    var term = document.querySelector('dt[data-clause="' + select.value + '"]');
    body.textContent = "";
    if (!term) {
      var whole = document.createElement("p");
      whole.textContent = wholeDraft;
      body.appendChild(whole);
      return;
    }
    var label = document.createElement("p");
    label.className = "clause-preview__label";
    label.textContent = term.textContent;
    var text = document.createElement("p");
    text.className = "quote";
    text.lang = "lv";
    text.textContent = term.nextElementSibling ? term.nextElementSibling.textContent : "";
    body.appendChild(label);
    body.appendChild(text);
  }
  select.addEventListener("change", show);
})();
