/* Exit this page: the button, or Shift pressed three times, swaps this page for a neutral site.
   location.replace() takes this page out of the tab's history, so Back does not return to it,
   and the page is blanked first so nothing stays on screen while the other site loads.
   Without JavaScript the button is a plain link to the same site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit-link]");
  if (!link || !window.location.replace) {
    return;
  }
  var target = link.href;
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.replaceChildren();
    window.location.replace(target);
  }

  function forget() {
    presses = 0;
    window.clearTimeout(timer);
  }

  link.addEventListener("click", leave);
  // A key pressed with Shift (a capital letter) does not count: only Shift on its own, three times in a row.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      forget();
    }
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(forget, 5000);
    if (presses >= 3) {
      forget();
      leave();
    }
  });
  var hint = document.querySelector("[data-quick-exit-hint]");
  if (hint) {
    hint.hidden = false;
  }
})();
