/* Small enhancements of the workspace; every page works without them.
   - a select marked data-autosubmit sends its form when changed (the language switch);
   - on a phone, the filters of a list are folded away until used;
   - the summary of a form's errors takes the focus, so that a screen reader reads it first;
   - on the review page, an act card shows its marks in the text when focused, and is dimmed when rejected. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.submit();
    }
    if (target.matches && target.matches('.act-card input[type="radio"][name$="-decision"]')) {
      target.closest(".act-card").classList.toggle("rejected", target.value === "reject" && target.checked);
    }
  });
  function showMarks(number) {
    document.querySelectorAll("mark.active").forEach(function (mark) { mark.classList.remove("active"); });
    if (!number) { return; }
    var first = null;
    document.querySelectorAll("mark[data-acts]").forEach(function (mark) {
      if (mark.getAttribute("data-acts").split(" ").indexOf(number) >= 0) {
        mark.classList.add("active");
        first = first || mark;
      }
    });
    if (first && window.matchMedia("(min-width: 60rem)").matches) {
      first.scrollIntoView({ block: "nearest" });
    }
  }
  document.addEventListener("focusin", function (event) {
    var card = event.target.closest && event.target.closest(".act-card");
    if (card) { showMarks(card.getAttribute("data-act")); }
  });
  if (window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details[data-close-on-phone]:not([data-active])").forEach(function (box) { box.open = false; });
  }
  var errors = document.getElementById("errors");
  if (errors) { errors.focus(); }
  document.querySelectorAll(".js-hide").forEach(function (element) { element.hidden = true; });
  document.querySelectorAll('.act-card input[name$="-decision"][value="reject"]:checked').forEach(function (radio) {
    radio.closest(".act-card").classList.add("rejected");
  });
})();
